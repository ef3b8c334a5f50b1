"""The Qt window. The only package that imports PySide6; it reaches data only through
app.services.workspace.Workspace."""

"""The main window's pages: each gets the workspace through its constructor."""

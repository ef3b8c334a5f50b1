"""Use cases as plain functions: take a session and plain arguments, return plain data.

The caller owns the transaction (one user action, one transaction). Nothing here imports Qt.
"""

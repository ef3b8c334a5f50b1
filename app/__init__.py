"""Peerwalk: offline-first school-to-school peer review."""

__version__ = "0.1.0"

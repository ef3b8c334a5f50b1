"""The one place an exception becomes a dialog: the user's fault or the environment's gets its
sentence; a bug gets an apology and a log, never a traceback in the user's face."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import AppError

log = logging.getLogger("peerwalk")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """An AppError's sentence as a warning; anything else is a bug: logged with its traceback,
    shown as an apology (what was saved stays saved: every edit is its own transaction)."""
    if isinstance(exc, AppError):
        QMessageBox.warning(parent, "Peerwalk", exc.user_message)
        return
    log.error("".join(traceback.format_exception(exc)))
    QMessageBox.critical(
        parent,
        "Peerwalk",
        QCoreApplication.translate("errors", "Something went wrong inside Peerwalk (a bug, not something you did). What you had saved is safe."),
    )

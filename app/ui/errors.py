"""The one place an exception becomes a dialog: the user's fault or the environment's gets its
sentence; a bug gets an apology and a log, never a traceback in the user's face."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import AppError

log = logging.getLogger("peerwalk")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, AppError):
        QMessageBox.warning(parent, parent.tr("Peerwalk") if parent else "Peerwalk", exc.user_message)
        return
    log.error("".join(traceback.format_exception(exc)))
    QMessageBox.critical(
        parent,
        "Peerwalk",
        "Something went wrong inside Peerwalk (a bug, not something you did). Nothing you typed was lost.",
    )

"""The one place an exception becomes a dialog (qutebrowser's split, in our words).

- The user's fault or the environment's (an ``AppError``): a dialog with its one sentence.
- Cancelled work: nothing changed, said in the status bar (or a small dialog).
- Anything else is a bug: its traceback goes to the crash log in the data folder
  (``logs/crash.log``, readable by this user only) and a dialog apologises and names the log;
  the window carries on (every edit is its own transaction, so what was saved stays saved).

``install(data_dir)`` points ``sys.excepthook``, ``threading.excepthook`` and Qt's message
handler at the same log, so an exception in a slot, on a thread, or a Qt warning is kept too.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from app.errors import AppError, Cancelled

LOG_NAME = "crash.log"
MAX_LOG_BYTES = 2 * 1024 * 1024  # older entries give way (the newest crash is what matters)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


class CrashLog:
    """Appends timestamped entries to ``<data folder>/logs/crash.log`` (folder 0700, file 0600)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "logs" / LOG_NAME
        self._lock = threading.Lock()

    def write(self, title: str, text: str) -> Path:
        """Never raises: a crash log that cannot be written must not make a second crash."""
        entry = f"=== {datetime.now().isoformat(timespec='seconds')} {title}\n{text.rstrip()}\n\n"
        try:
            with self._lock:
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                if self.path.exists() and self.path.stat().st_size > MAX_LOG_BYTES:
                    self.path.replace(self.path.with_suffix(".old.log"))
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                with os.fdopen(fd, "a", encoding="utf-8") as fh:
                    fh.write(entry)
                os.chmod(self.path, 0o600)
        except OSError:
            pass
        return self.path


_installed: dict[str, CrashLog] = {}  # "log": the crash log while installed
_previous: dict[str, Any] = {}


def install(data_dir: Path) -> CrashLog:
    """Send uncaught exceptions (GUI thread, worker threads) and Qt's warnings to the crash
    log of ``data_dir``. ``uninstall()`` puts the previous handlers back."""
    log = _installed["log"] = CrashLog(data_dir)
    _previous.setdefault("excepthook", sys.excepthook)
    _previous.setdefault("threadhook", threading.excepthook)
    sys.excepthook = _excepthook
    threading.excepthook = _threadhook
    previous_qt = qInstallMessageHandler(_qt_message)
    _previous.setdefault("qt", previous_qt)
    return log


def uninstall() -> None:
    if "excepthook" in _previous:
        sys.excepthook = _previous.pop("excepthook")
        threading.excepthook = _previous.pop("threadhook")
        qInstallMessageHandler(_previous.pop("qt", None))
    _installed.pop("log", None)


def crash_log() -> CrashLog | None:
    return _installed.get("log")


def _excepthook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """An exception nobody caught on the GUI thread (a slot, a timer): a bug, shown and kept."""
    if isinstance(exc, KeyboardInterrupt):
        _previous.get("excepthook", sys.__excepthook__)(kind, exc, tb)
        return
    exc.__traceback__ = tb
    app = QApplication.instance()
    if app is not None and threading.current_thread() is threading.main_thread():
        show_exception(app.activeWindow(), exc)
    else:
        _record(exc)


def _threadhook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _record(args.exc_value, f"in thread {args.thread.name if args.thread else '?'}")


_LEVELS = {
    QtMsgType.QtWarningMsg: "Qt warning",
    QtMsgType.QtCriticalMsg: "Qt critical",
    QtMsgType.QtFatalMsg: "Qt fatal",
}


def _qt_message(kind: QtMsgType, context: Any, message: str) -> None:
    log = crash_log()
    if kind in _LEVELS and log is not None:
        where = f" ({context.file}:{context.line})" if getattr(context, "file", None) else ""
        log.write(_LEVELS[kind], message + where)
    previous = _previous.get("qt")
    if previous is not None:
        previous(kind, context, message)
    elif kind in _LEVELS:
        print(f"{_LEVELS[kind]}: {message}", file=sys.stderr)


def _record(exc: BaseException, where: str = "") -> Path | None:
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log = crash_log()
    if log is None:
        print(text, file=sys.stderr)
        return None
    return log.write(f"{type(exc).__name__} {where}".strip(), text)


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    """An AppError's sentence as a warning; cancelled work as a quiet note; anything else is a
    bug: written to the crash log and shown as an apology that names the log."""
    if isinstance(exc, Cancelled):
        show_cancelled(parent)
        return
    if isinstance(exc, AppError):
        QMessageBox.warning(parent, "Peerwalk", exc.user_message)
        return
    path = _record(exc)
    text = _tr(
        "Something went wrong inside Peerwalk (a bug, not something you did). What you had saved "
        "is safe."
    )
    if path is not None:
        text += "\n\n" + _tr(
            "The details are in %1; please send that file to whoever supports Peerwalk for you."
        ).replace("%1", str(path))
    QMessageBox.critical(parent, "Peerwalk", text)


def show_cancelled(parent: QWidget | None) -> None:
    """Cancelled work changed nothing: say so where it does not get in the way."""
    text = _tr("Cancelled; nothing was changed.")
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 6000)

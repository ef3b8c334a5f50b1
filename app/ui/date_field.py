"""A date a person types: what they meant, or a red sentence and nothing stored.

The field takes the ways people in the UK write a day, always day first (12 Nov 2026,
12/11/2026, 30 06 2027) or ISO (2026-11-12), never a two-digit year, and reads it back in
words beside the field ("Thursday 12 Nov 2026"), so a slip shows before anything is saved.
The reading itself is ``app.dates.parse_typed_date`` (no Qt, tested on its own);
the ranges that make sense (a visit within two years of today, a next step not due before its
visit) are the services' to check, and a page shows their refusal here with ``show_error``.
Replaces QDateEdit, whose sections silently kept the old year or rolled 30 06 into June 1st.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.dates import display_date, display_weekday, parse_typed_date
from app.errors import BadDate


def warning_colour(widget: QWidget) -> str:
    """A red that reads on the system's palette, light or dark (as Write-up's flags)."""
    dark = widget.palette().color(QPalette.ColorRole.Base).lightness() < 128  # noqa: PLR2004
    return "#ff8a80" if dark else "#b00020"


class DateField(QWidget):
    """A line edit for one date, with what it reads (or why it cannot) beside it.

    ``value()`` is the date typed, or None after showing the sentence in red; ``what`` names
    the date in that sentence ("visit date", "due date").
    """

    changed = Signal()

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("e.g. 12 Nov 2026 or 2026-11-12"))
        self.edit.setMinimumWidth(150)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("The date as read"))
        self._error = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.note, 1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)

    # --- what the page asks --------------------------------------------------------------
    def value(self, *, focus: bool = True) -> date | None:
        """The date typed; None (the red sentence showing, the cursor put in the field unless
        ``focus`` is False) otherwise."""
        try:
            day = parse_typed_date(self.edit.text(), self.what)
        except BadDate as exc:
            self.show_error(exc.user_message, focus=focus)
            return None
        self._read_back(day)
        return day

    def set_date(self, day: date | None) -> None:
        """Show ``day`` (None: empty) as typed text in the one display format."""
        self.edit.setText(display_date(day) if day else "")
        self._on_edit_text_edited(self.edit.text())

    def clear(self) -> None:
        self.set_date(None)

    def show_error(self, sentence: str, *, focus: bool = True) -> None:
        """Refuse what is typed with one sentence in red beside the field."""
        self._error = sentence
        self.note.setStyleSheet(f"color: {warning_colour(self)};")
        self.note.setText(sentence)
        if focus:
            self.edit.setFocus()

    def error(self) -> str:
        """The sentence shown in red ('' when none)."""
        return self._error

    def read_back(self) -> str:
        """What the field says it read ('' while nothing is typed or it is refused)."""
        return "" if self._error else self.note.text()

    # --- slots -------------------------------------------------------------------------
    def _on_edit_text_edited(self, text: str) -> None:
        """While typing: the day read so far, in words; half a date is not yet an error."""
        self._error = ""
        self.note.setStyleSheet("")
        try:
            self._read_back(parse_typed_date(text, self.what))
        except BadDate:
            self.note.setText("")
        self.changed.emit()

    def _on_edit_editing_finished(self) -> None:
        if self.edit.text().strip():
            self.value(focus=False)  # said at once, without holding the cursor

    def _read_back(self, day: date) -> None:
        self._error = ""
        self.note.setStyleSheet("")
        self.note.setText(display_weekday(day))

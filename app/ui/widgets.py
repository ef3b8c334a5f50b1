"""Small pieces shared by the pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QComboBox, QCompleter, QWidget

from app.dates import display_range
from app.ui.labels import STATUSES, label

if TYPE_CHECKING:
    from app.services.read_models import ReviewSummary


def fill_review_box(
    box: QComboBox, reviews: Sequence[ReviewSummary], current: str | None, *, notify: bool = True
) -> None:
    """List the reviews (newest first) and keep ``current`` chosen, without firing change
    signals while refilling; with ``notify=False`` not even for the final choice (the caller
    redraws once)."""
    box.blockSignals(True)
    box.clear()
    for r in reviews:
        box.addItem(review_line(r), r.id)
    if notify:
        box.blockSignals(False)
    box.setCurrentIndex(max(box.findData(current), 0) if current else 0)
    box.blockSignals(False)


def searchable(box: QComboBox) -> QComboBox:
    """Let a long chooser (schools, people, reviews) be filtered by typing any part of a name:
    the list pops up with the matches; typing never adds an entry."""
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(box.model(), box)
    completer.setCompletionColumn(box.modelColumn())
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    box.lineEdit().setPlaceholderText(box.tr("Type to find…"))
    box.setMinimumContentsLength(18)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return box


def key_for(page: QWidget, button: QAbstractButton, keys: str) -> None:
    """Give ``button`` a keyboard shortcut that works wherever the focus is on ``page``, shown
    in its text. Explicit rather than an ``&`` mnemonic: macOS (and some Linux themes, and the
    offscreen platform the tests use) have no mnemonics, and having both would be ambiguous."""
    button.setText(
        f"{button.text()} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
    )
    shortcut = QShortcut(
        QKeySequence(keys), page, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    shortcut.activated.connect(button.click)


def review_line(r: ReviewSummary) -> str:
    """A review in a list or chooser: its days (en-GB), host school and status."""
    return (
        f"{display_range(r.start_date, r.end_date)}  {r.host_school}  ({label(STATUSES, r.status)})"
    )

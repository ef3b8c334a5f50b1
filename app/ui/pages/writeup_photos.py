"""Photos of pupils' work chosen for the report (issue 11), in Write-up: the photos were taken
for evidence on the day; which of them the report prints is decided while writing it up, with
the report's preview beside. Each photo of the review's notes, small, with its note and an
"In report" box (app.services.report_photos.choose_for_report)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import CollectionOp, Latest, QueryOp
from app.ui.undo import Undoable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.report_photos import Photo
    from app.services.workspace import Workspace

THUMB = QSize(72, 54)
NOTE_CHARS = 90  # of a note's words beside its photo


def _thumbnail(path: Path) -> QImage:
    """A small copy, decoded at that size (cheap for a 2,000 px photo); null if unreadable."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class PhotosPanel(QWidget):
    undoable = Signal(object)  # an Undoable for Edit > Undo after each choice

    def __init__(
        self, workspace: Workspace, *, initiator: object, failed: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self._initiator = initiator
        self._failed = failed
        self.review_id: str | None = None
        self.refusal: str | None = None
        self.boxes: dict[str, QCheckBox] = {}  # photo id -> its "In report" box
        self._loading = Latest()
        self.line = QLabel(wordWrap=True)
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setColumnStretch(1, 1)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        scroll.setAccessibleName(self.tr("Photos of pupils' work"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.line)
        layout.addWidget(scroll, 1)

    def load(self, review_id: str | None, refusal: str | None) -> None:
        self.review_id, self.refusal = review_id, refusal
        if review_id is None:
            self._show([])
            return

        def read() -> list[tuple[Photo, QImage]]:
            photos = self.workspace.report_photos(review_id)
            return [(p, _thumbnail(self.workspace.photo_path(p.sha256))) for p in photos]

        QueryOp(self, read, self._show).superseding(self._loading).run_in_background()

    def _show(self, photos: list[tuple[Photo, QImage]]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.boxes.clear()
        for row, (photo, image) in enumerate(photos):
            thumb = QLabel()
            thumb.setFixedSize(THUMB)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if image.isNull():
                thumb.setText(self.tr("(no file)"))
            else:
                thumb.setPixmap(QPixmap.fromImage(image))
            words = (
                photo.note if len(photo.note) <= NOTE_CHARS else photo.note[: NOTE_CHARS - 1] + "…"
            )
            note = QLabel(escape(words), wordWrap=True)
            note.setTextFormat(Qt.TextFormat.RichText)
            box = QCheckBox(self.tr("In report"))
            box.setChecked(photo.in_report)
            box.setEnabled(self.refusal is None)
            box.setAccessibleName(self.tr("In report: %1").replace("%1", words))
            box.toggled.connect(lambda on, pid=photo.id: self._choose(pid, on))
            self.grid.addWidget(thumb, row, 0)
            self.grid.addWidget(note, row, 1)
            self.grid.addWidget(box, row, 2)
            self.boxes[photo.id] = box
        if self.refusal:
            self.line.setText(f"<i>{escape(self.refusal, quote=False)}</i>")
        elif photos:
            self.line.setText(self.tr("Tick the photos of pupils' work the report should print."))
        else:
            self.line.setText(
                self.tr("<i>No photos of pupils' work were taken for this review.</i>")
            )

    def _choose(self, photo_id: str, on: bool) -> None:
        def done(_changes: Changes) -> None:
            self.undoable.emit(
                Undoable(
                    self.tr("put a photo in the report")
                    if on
                    else self.tr("leave a photo out of the report"),
                    lambda ws: ws.choose_photo(photo_id, not on),
                )
            )

        def refused(exc: BaseException) -> None:
            self._failed(exc)
            self.load(self.review_id, self.refusal)  # show what is really saved

        CollectionOp(self, lambda: self.workspace.choose_photo(photo_id, on)).success(done).failure(
            refused
        ).run_in_background(initiator=self._initiator)

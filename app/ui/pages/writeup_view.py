"""The school's own view of the focus area being written up (issue 11): the host's
self-evaluation and what it wants the team to look at, read-only, above Write-up's side tabs,
so the team's statements are written beside what the school said of itself."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.services.read_models import FocusAreaRow

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest size: no limit


class SchoolView(QWidget):
    """Shows one focus area's own view; ``show_area(None)`` when no area is chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel(self.tr("<b>The school's own view</b>"))
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("The school's own view"))
        self.text.setOpenLinks(False)
        self.has_view = False
        self.empty = QLabel(wordWrap=True)  # one line, instead of an empty box
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        font = self.empty.font()
        font.setItalic(True)
        self.empty.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.text, 1)
        self._fill("")

    def _fill(self, html: str, empty: str = "") -> None:
        """The view in its box; or, when there is none, one line and no box (the column's
        room goes to the tabs below)."""
        self.text.setHtml(html)
        # Each area's view is read from its start, once the column has settled its heights.
        QTimer.singleShot(0, self.text, lambda: self.text.verticalScrollBar().setValue(0))
        self.has_view = bool(html)
        self.text.setVisible(bool(html))
        self.empty.setText(empty)
        self.empty.setVisible(not html)
        self.setMaximumHeight(QWIDGETSIZE_MAX if html else self.sizeHint().height())

    def show_area(self, area: FocusAreaRow | None) -> None:
        if area is None:
            self._fill("")
            return
        own, look = area.self_evaluation.strip(), area.look_at.strip()
        if not own and not look:
            self._fill("", self.tr("The school has not written its view of this area."))
            return
        parts = []
        for heading, words in (
            (self.tr("How the school sees it"), own),
            (self.tr("What we want the team to look at"), look),
        ):
            if words:
                body = "<br>".join(escape(line) for line in words.splitlines())
                parts.append(f"<p><b>{escape(heading)}</b><br>{body}</p>")
        self._fill("".join(parts))

    def shown_text(self) -> str:
        return self.text.toPlainText() if self.text.isVisibleTo(self) else self.empty.text()

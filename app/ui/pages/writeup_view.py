"""The school's own view of the focus area being written up (issue 11): the host's
self-evaluation and what it wants the team to look at, read-only, above Write-up's side tabs,
so the team's statements are written beside what the school said of itself."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.services.read_models import FocusAreaRow


class SchoolView(QWidget):
    """Shows one focus area's own view; ``show_area(None)`` when no area is chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel(self.tr("<b>The school's own view</b>"))
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("The school's own view"))
        self.text.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)

    def show_area(self, area: FocusAreaRow | None) -> None:
        if area is None:
            self.text.clear()
            return
        own, look = area.self_evaluation.strip(), area.look_at.strip()
        if not own and not look:
            self.text.setHtml(
                "<i>"
                + escape(self.tr("The school has not written its view of this area."))
                + "</i>"
            )
            return
        parts = []
        for heading, words in (
            (self.tr("How the school sees it"), own),
            (self.tr("What we want the team to look at"), look),
        ):
            if words:
                body = "<br>".join(escape(line) for line in words.splitlines())
                parts.append(f"<p><b>{escape(heading)}</b><br>{body}</p>")
        self.text.setHtml("".join(parts))

    def shown_text(self) -> str:
        return self.text.toPlainText()

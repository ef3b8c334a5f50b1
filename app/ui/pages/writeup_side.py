"""Write-up's right-hand column (issue 11): the school's own view of the focus area on top, and
below it tabs for the report's preview, the host's comments on the chosen statement, the
overall summary and the photos chosen for the report.

On a follow-up visit the top box has two tabs, "Last visit" (with "Our view now") and the
school's own view, so the column holds two boxes, not three: on a 720-pixel screen three
stacked boxes left the school's view a heading and two lines.

It follows the page it sits in (the review it opens, the focus area and statement chosen) by
the page's own signals, so the page only mounts it. What this laptop may do is asked once per
review (``Workspace.writeup_rights``); the rest is disabled with the services' sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidgetItem, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.ui.errors import show_exception
from app.ui.operations import Latest, QueryOp
from app.ui.pages import writeup_team
from app.ui.pages.writeup_comments import CommentsPanel
from app.ui.pages.writeup_photos import PhotosPanel
from app.ui.pages.writeup_summary import SummaryPanel
from app.ui.pages.writeup_view import QWIDGETSIZE_MAX, SchoolView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextBrowser

    from app.services.workspace import Workspace
    from app.services.workspace_writeup import WriteupRights
    from app.ui.pages.last_visit import LastVisitPanel
    from app.ui.pages.writeup import WriteUpPage

MARK_ROLE = Qt.ItemDataRole.UserRole + 7  # (comments, not answered) the mark was drawn for


def comment_icon(waiting: int) -> QIcon:
    """A round mark: the number of comments waiting for an answer, or a tick when none is."""
    pixmap = QPixmap(18, 18)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#e69f00") if waiting else QColor("#009e73"))  # Okabe-Ito
    painter.drawEllipse(1, 1, 16, 16)
    painter.setPen(QColor("#000000") if waiting else QColor("#ffffff"))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, str(waiting) if waiting else "✓")
    painter.end()
    return QIcon(pixmap)


class WriteUpSide(QWidget):
    def __init__(
        self,
        page: WriteUpPage,
        workspace: Workspace,
        preview: QTextBrowser,
        last_visit: LastVisitPanel | None = None,
    ) -> None:
        super().__init__()
        self.page = page
        self.workspace = workspace
        self.rights: WriteupRights | None = None
        self._rights_for: str | None = None
        self._asking = Latest()
        self.view = SchoolView()
        self.comments = CommentsPanel(
            workspace,
            before_change=page.save_statement,
            initiator=page,
            failed=self._failed,
        )
        self.summary = SummaryPanel(workspace, initiator=page, failed=self._failed)
        self.photos = PhotosPanel(workspace, initiator=page, failed=self._failed)
        self.photos.undoable.connect(page.undoable)
        self.comments.undoable.connect(page.undoable)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)  # every tab's name in view: the column makes room
        self.tabs.addTab(preview, self.tr("Preview"))
        self.tabs.addTab(self.comments, self.tr("Comments"))
        self.tabs.addTab(self.summary, self.tr("Summary"))
        self.tabs.addTab(self.photos, self.tr("Photos"))
        self._view_height = 150  # the school's view's share of the column, when it has one
        self._context_height = 330  # the top box's share on a follow-up (the last visit's too)
        self.last_visit = last_visit
        self.context = QTabWidget()  # the school's view; on a follow-up, the last visit too
        self.context.setDocumentMode(True)
        self.context.addTab(self.view, self.tr("The school's own view"))
        self.context.tabBar().hide()
        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.context)
        split.addWidget(self.tabs)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(1, 3)
        split.setSizes([150, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.comments.changed.connect(self._mark_statements)
        page.loaded.connect(self._place_last_visit)  # after the panel has filled or hidden
        page.loaded.connect(self._on_page_loaded)
        page.focus.currentIndexChanged.connect(self._later)
        page.statements.currentRowChanged.connect(self._later)
        page.statements.model().rowsInserted.connect(self._later)
        page.statement_saved.connect(self._on_page_statement_saved)
        self._follow = QTimer(self, singleShot=True, interval=0)
        self._follow.timeout.connect(self.follow)

    def following(self) -> bool:
        """Whether the review shown follows an earlier one (its last visit is in the top box)."""
        return self.last_visit is not None and self.context.indexOf(self.last_visit) >= 0

    def _place_last_visit(self, *_: Any) -> None:
        """A follow-up's last visit as the top box's first tab (chosen: "Our view now" is work
        to do); any other review's top box is the school's view alone, with no tab bar."""
        panel = self.last_visit
        if panel is None:
            return
        review = self.page.review
        follows = bool(review is not None and review.since_last_visit)
        if follows == self.following():
            return
        sizes = self.split.sizes()
        if follows:
            self.context.insertTab(0, panel, self.tr("Last visit"))  # its box says which
            self.context.setCurrentIndex(0)
            self.view.title.hide()  # the tab says it
            self.context.setMaximumHeight(QWIDGETSIZE_MAX)
            top = self._context_height
        else:
            self._context_height = sizes[0]
            self.context.removeTab(self.context.indexOf(panel))
            panel.hide()
            self.view.title.show()
            top = self._view_height
        self.context.tabBar().setVisible(follows)
        self.split.setSizes([top, max(sum(sizes) - top, 0)])

    def _later(self, *_: Any) -> None:
        """After the page has handled the same signal (it refills its lists then)."""
        self._follow.start()

    def _on_page_loaded(self, review_id: str) -> None:
        if review_id != self._rights_for:
            self.rights = None
        QueryOp(
            self,
            lambda: self.workspace.writeup_rights(review_id),
            lambda rights: self._on_rights(review_id, rights),
        ).superseding(self._asking).run_in_background()

    def _on_rights(self, review_id: str, rights: WriteupRights) -> None:
        review = self.page.review
        if review is None or review.id != review_id:
            return
        self.rights, self._rights_for = rights, review_id
        self.comments.load(review_id, rights)
        self.summary.show_summary(review_id, review.summary, rights.write)
        self.photos.load(review_id, rights.write)
        writeup_team.apply(self.page, rights.statements)
        self.follow()

    def _on_page_statement_saved(self, finding_id: str) -> None:
        """The writer's amendment shows above its comments at once, not when next chosen."""
        shown = self.comments.finding
        if shown is not None and shown.id == finding_id:
            self.comments.show_finding(self.page.current_finding() or shown)

    def follow(self) -> None:
        """The chosen focus area's own view, and the chosen statement's comments."""
        review = self.page.review
        focus_id = self.page.focus.currentData()
        area = next((a for a in review.focus_areas if a.id == focus_id), None) if review else None
        had, sizes = self.view.has_view, self.split.sizes()
        self.view.show_area(area)
        if self.following():  # the top box keeps its height: the last visit is in it too
            self.comments.show_finding(self.page.current_finding())
            self._mark_statements()
            return
        self.context.setMaximumHeight(self.view.maximumHeight())
        if had:
            self._view_height = sizes[0]  # as the user left it
        # The box comes back at the height it had; with no view, one line leaves the column's
        # room to the tabs (a splitter does not shrink a pane to its new maximum by itself).
        top = self._view_height if self.view.has_view else self.view.maximumHeight()
        if self.view.has_view != had or (not had and sizes[0] != top):
            total = sum(sizes)
            self.split.setSizes([top, max(total - top, 0)])
        self.comments.show_finding(self.page.current_finding())
        self._mark_statements()

    def _mark_statements(self) -> None:
        """Beside each statement with comments, a mark; the Comments tab counts those waiting."""
        waiting = self.comments.waiting()
        self.tabs.setTabText(
            1,
            self.tr("Comments (%1)").replace("%1", str(waiting))
            if waiting
            else self.tr("Comments"),
        )
        lst = self.page.statements
        for i in range(lst.count()):
            item = lst.item(i)
            fid = item.data(Qt.ItemDataRole.UserRole)
            mine = self.comments.on_statement(str(fid)) if fid else []
            self._mark(item, len(mine), sum(not c.answered for c in mine))

    def _mark(self, item: QListWidgetItem, count: int, open_: int) -> None:
        """A small numbered mark (the comments not answered; a tick when all are)."""
        key = (count, open_)
        if item.data(MARK_ROLE) == key:
            return
        item.setData(MARK_ROLE, key)
        item.setIcon(comment_icon(open_) if count else QIcon())
        item.setStatusTip(
            self.tr("%1 comment(s) from the host school, %2 not answered")
            .replace("%1", str(count))
            .replace("%2", str(open_))
            if count
            else ""
        )

    def _failed(self, exc: BaseException) -> None:
        show_exception(self, exc)

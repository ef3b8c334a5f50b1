"""Write-up on a laptop that may not write the statements (the host school's): the statements,
their evidence and the agreed next steps' words, owners and dates are the visiting team's
(docs/authority.md, app.services.entitled.require_team). There the editor is read-only, the
buttons that write are disabled, and one line says why and where the host's say goes instead:
the Comments tab. The services refuse such a change anyway; this saves typing it first. The
lists of statements and next steps are locked with the services' sentence (app/ui/inplace.py):
Delete only says it in the status bar, and their right-click menus are greyed.

The page mounts the notice; its side column (writeup_side) calls ``apply`` with this laptop's
rights each time a review opens. The status and impact of a next step stay open: they are the
host school's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from app.ui.inplace import lock

if TYPE_CHECKING:
    from app.ui.pages.writeup import WriteUpPage

_EDITING = (
    QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
)


class TeamOnlyNotice(QLabel):
    """The one line shown above the statements when this laptop may not write them."""

    def __init__(self) -> None:
        super().__init__(
            self.tr(
                "Statements are written by the visiting team; comment on them in the Comments tab."
            )
        )
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Why the statements cannot be changed here"))
        self.setStyleSheet("QLabel { font-style: italic; }")
        self.hide()


def _writers(page: WriteUpPage) -> tuple[QWidget, ...]:
    """The page's widgets that write the team's words."""
    return (
        page.add_www,
        page.add_ebi,
        page.link,
        page.unlink,
        page.good_practice,
        page.next_text,
        page.next_owner,
        page.next_due,
        page.add_next,
    )


def apply(page: WriteUpPage, refusal: str | None) -> None:
    """``refusal``: None when this laptop may write the statements, else the services' sentence
    (shown as the notice's tooltip)."""
    read_only = refusal is not None
    page.team_only.setVisible(read_only)
    page.team_only.setToolTip(refusal or "")
    page.editor.setReadOnly(read_only)
    for widget in _writers(page):
        widget.setEnabled(not read_only)
    page.next_steps.setEditTriggers(
        QAbstractItemView.EditTrigger.NoEditTriggers if read_only else _EDITING
    )
    lock(page.statements, refusal)
    lock(page.next_steps, refusal)
    for view in page.last_visit.views.values():  # the team's view now is a statement too
        view.field.setReadOnly(read_only)
        view.kind.setEnabled(not read_only)

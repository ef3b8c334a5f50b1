"""The Workspace's calls for follow-up in the window: a next step's status and impact note, and
the team's view now of an earlier visit's EBI. A mixin, like workspace_network.NetworkCalls,
so the window reaches these services as it reaches every other: through the Workspace, one
unit of work each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.changes import Changes


class FollowUpCalls:
    """Mixed into Workspace, which provides ``_write``."""

    _write: Callable[..., Any]

    def set_action_progress(
        self, action_id: str, status: str, impact: str | None = None
    ) -> Changes:
        """Open, in progress or done, with an impact note (None leaves the note as it is).
        Raises NotFound, InvalidInput (an empty note), NotThisSchool (not the host's laptop)."""
        from app.services.followup import set_action_progress

        return self._write(  # type: ignore[no-any-return]
            lambda s: set_action_progress(s, action_id, status, impact=impact)
        ).changes

    def record_view_now(self, review_id: str, ebi_id: str, text: str, kind: str = "www") -> Any:
        """The team's view now of ``ebi_id`` (an EBI of the visit this review follows up), as a
        new statement of this review, a WWW (met) or an EBI (still to do): a ``Created`` (its
        id and the changes). Raises NotFound, InvalidInput, EmptyStatement, NotThisSchool."""
        from app.services.followup import record_view_now
        from app.services.workspace import Created

        out = self._write(lambda s: record_view_now(s, review_id, ebi_id, text=text, kind=kind).id)
        return Created(out.value, out.changes)

    def change_view_kind(
        self, review_id: str, ebi_id: str, finding_id: str, kind: str, text: str
    ) -> Any:
        """The view now of ``ebi_id`` becomes a WWW (met) or an EBI (still to do): a statement's
        kind is never edited, so the old statement is deleted (a tombstone that travels) and a
        new one of that kind is made with the same words, in one transaction. A ``Created``.
        Raises as record_view_now, and NotFound for an unknown statement."""
        from app.services.followup import record_view_now
        from app.services.workspace import Created
        from app.services.writeup import delete_finding

        def change(s: Session) -> str:
            delete_finding(s, finding_id)
            return record_view_now(s, review_id, ebi_id, text=text, kind=kind).id

        out = self._write(change)
        return Created(out.value, out.changes)


__all__ = ["FollowUpCalls"]

"""The Workspace's calls for Write-up's side panel (issue 11): the host's comments on the draft's
statements and the writer's answers, the overall summary, and the photos chosen for the report.
A mixin so that the window reaches these services the same way as every other: through the
Workspace, one unit of work each.

``writeup_rights`` asks the services' own rules (app.services.entitled, app.services.comments)
what this laptop may do, so the window can disable the rest and say why in the services' words;
the services still check again when the change is made.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.changes import Changes

    # The read models the panel shows: the window names them from here.
    from app.services.comments import CommentView
    from app.services.report_photos import Photo
    from app.services.workspace import Created


@dataclass(frozen=True, slots=True)
class WriteupRights:
    """What this laptop may do in the factual-accuracy round and the write-up: for each, None
    when it may, or the sentence saying who may (as the service would refuse it)."""

    comment: str | None
    answer: str | None
    write: str | None  # the summary, and which photos go in the report
    # The statements, their evidence and the next steps' words, owners and dates: the visiting
    # team's (docs/authority.md); the host school comments on them instead.
    statements: str | None = None


def _refusal(check: Callable[[], None]) -> str | None:
    from app.errors import NotThisSchool

    try:
        check()
    except NotThisSchool as exc:
        return exc.user_message
    return None


class WriteupCalls:
    """Mixed into Workspace, which provides ``_reading`` and ``_write``."""

    _reading: Callable[[], AbstractContextManager[Session]]
    _write: Callable[..., Any]

    def writeup_rights(self, review_id: str) -> WriteupRights:
        """Raises NotFound for an unknown review."""
        from app.services import entitled
        from app.services.comments import require_may_answer, require_may_comment
        from app.services.reviews import get_review

        with self._reading() as session:
            review = get_review(session, review_id)
            return WriteupRights(
                comment=_refusal(lambda: require_may_comment(session, review)),
                answer=_refusal(lambda: require_may_answer(session, review.id)),
                write=_refusal(
                    lambda: entitled.require_in_review(
                        session, review.id, "write the summary of this review"
                    )
                ),
                statements=_refusal(
                    lambda: entitled.require_team(
                        session, review.id, "write the statements of this review"
                    )
                ),
            )

    def comments(self, review_id: str) -> tuple[CommentView, ...]:
        from app.services.comments import list_comments

        with self._reading() as session:
            return list_comments(session, review_id)

    def add_comment(self, finding_id: str, text: str) -> Created:
        """The host school's comment on one statement, by this laptop's person (if it has one);
        its id, so Edit > Undo can withdraw it. Raises NotFound, InvalidInput, NotThisSchool."""
        from sqlalchemy import select

        from app.models import Setting
        from app.services.comments import add_comment
        from app.services.workspace import Created

        def run(session: Session) -> str:
            author = session.scalar(select(Setting.value).where(Setting.key == "person_id"))
            return add_comment(session, finding_id, text, author or None).id

        out = self._write(run)
        return Created(out.value, out.changes)

    def answer_comment(self, comment_id: str) -> Changes:
        """Raises NotFound, NotThisSchool."""
        from app.services.comments import answer_comment

        return self._write(lambda s: answer_comment(s, comment_id)).changes  # type: ignore[no-any-return]

    def set_summary(self, review_id: str, text: str) -> Changes:
        """Raises NotFound, InvalidInput (empty, too long), NotThisSchool."""
        from app.services.followup import set_summary

        return self._write(lambda s: set_summary(s, review_id, text)).changes  # type: ignore[no-any-return]

    def report_photos(self, review_id: str) -> list[Photo]:
        from app.services.report_photos import list_photos

        with self._reading() as session:
            return list_photos(session, review_id)

    def choose_photo(self, photo_id: str, include: bool) -> Changes:
        """Raises NotFound, NotThisSchool."""
        from app.services.report_photos import choose_for_report

        return self._write(lambda s: choose_for_report(s, photo_id, include=include)).changes  # type: ignore[no-any-return]


__all__ = ["WriteupCalls", "WriteupRights"]

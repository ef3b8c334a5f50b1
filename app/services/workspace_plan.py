"""The Workspace's calls for Plan's "The school's own view" tab, the report's distribution and
File > Pre-visit pack. A mixin, like workspace_network.py: the window reaches these services
(app/services/followup.py, signoff.py, pack.py) through the Workspace, one unit of work each.

The host school writes its context and, per focus area, its self-evaluation and what it asks
the team to look at; they travel to the visiting team, whose laptops show them read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.changes import Changes


@dataclass(frozen=True, slots=True)
class OwnArea:
    """One focus area with the host school's own view of it."""

    id: str
    title: str
    self_evaluation: str
    look_at: str


@dataclass(frozen=True, slots=True)
class OwnView:
    """What Plan's own-view tab shows of a review. ``may_write``: this laptop is the host
    school's (or has no school yet), so it may write the own view and change who may read
    the report; otherwise ``host_school`` names who does."""

    review_id: str
    host_school: str
    context: str
    areas: tuple[OwnArea, ...]
    distribution: str
    has_network: bool
    may_write: bool


@dataclass(frozen=True, slots=True)
class PackWritten:
    path: Path
    pages: int


def read_own_view(session: Session, review_id: str) -> OwnView:
    """The review's context and own view, and whether this laptop may write them. Raises
    NotFound."""
    from app.errors import NotThisSchool
    from app.models import School
    from app.services import entitled
    from app.services.reviews import focus_areas, get_review

    review = get_review(session, review_id)
    school = session.get(School, review.host_school_id)
    try:
        entitled.require_host(session, review, "write the school's own view")
        may_write = True
    except NotThisSchool:
        may_write = False
    return OwnView(
        review_id=review.id,
        host_school=school.name if school else review.host_school_id,
        context=review.context or "",
        areas=tuple(
            OwnArea(a.id, a.title, a.self_evaluation or "", a.look_at or "")
            for a in focus_areas(session, review.id)
        ),
        distribution=review.distribution,
        has_network=bool(review.network_id),
        may_write=may_write,
    )


class PlanCalls:
    """Mixed into Workspace, which provides ``_reading``, ``_write`` and ``db``."""

    _reading: Callable[[], AbstractContextManager[Session]]
    _write: Callable[..., Any]
    db: Any

    def own_view(self, review_id: str) -> OwnView:
        with self._reading() as session:
            return read_own_view(session, review_id)

    def save_context(self, review_id: str, text: str) -> Changes:
        """The school's context as typed (may be emptied). Raises NotFound, InvalidInput (too
        long), NotThisSchool."""
        from app.services.followup import set_context

        return self._write(  # type: ignore[no-any-return]
            lambda s: set_context(s, review_id, text, may_clear=True)
        ).changes

    def save_self_evaluation(
        self, review_id: str, focus_id: str, *, text: str | None, look_at: str | None
    ) -> Changes:
        """One focus area's self-evaluation and/or what the team should look at, as typed
        (None leaves a field as it is). Raises NotFound, InvalidInput, NotThisSchool."""
        from app.services.followup import set_self_evaluation
        from app.services.workspace import _focus_ref

        return self._write(  # type: ignore[no-any-return]
            lambda s: set_self_evaluation(
                s,
                review_id,
                _focus_ref(s, review_id, focus_id),
                text=text,
                look_at=look_at,
                may_clear=True,
            )
        ).changes

    def set_distribution(self, review_id: str, to: str) -> Any:
        """Who may read the report (the host school decides, at any time). The Outcome's value
        is the distribution it had, for Edit > Undo. Raises NotFound, InvalidInput,
        NotThisSchool."""
        from app.services.reviews import get_review
        from app.services.signoff import set_distribution

        def run(session: Session) -> str:
            before = get_review(session, review_id).distribution
            set_distribution(session, review_id, to)
            return before

        return self._write(run)

    def write_pack(self, review_id: str, out: Path) -> PackWritten:
        """The pre-visit pack PDF, written whole or not at all. Raises NotFound, InvalidInput
        (not a .pdf name), StorageProblem (a read-only folder, a full disk)."""
        from app.services.pack import write_pack

        with self._reading() as session:
            path, pages = write_pack(session, review_id, out, self.db.clock())
        return PackWritten(path, pages)


__all__ = ["OwnArea", "OwnView", "PackWritten", "PlanCalls", "read_own_view"]

"""The Workspace's calls for the network pages (who can I go to, where schools are, the year's
visits) and for releasing good practice from Write-up. A mixin so that the window reaches
these services the same way as every other: through the Workspace, one unit of work each."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.changes import Changes

    # The read models the network pages show: the window names them from here.
    from app.services.directory import Found
    from app.services.practice import NetworkStatus
    from app.services.rota import RotaRow

T = TypeVar("T")


class NetworkCalls:
    """Mixed into Workspace, which provides ``_reading``, ``_write`` and ``clock``."""

    _reading: Callable[[], AbstractContextManager[Session]]
    _write: Callable[..., Any]
    db: Any

    def directory(
        self, text: str, network: str | None = None, phase: str | None = None, quiet: bool = False
    ) -> list[Found]:
        """``quiet``: text with no word to look for (still being typed) finds nothing instead
        of raising InvalidInput."""
        from app.services.directory import directory, words_of

        if quiet and not words_of(text):
            return []
        with self._reading() as session:
            return directory(session, text, network=network, phase=phase)

    def suggestions(self, finding_id: str) -> list[Found]:
        from app.services.practice import suggestions_for

        with self._reading() as session:
            return suggestions_for(session, finding_id)

    def network_status(self, network_id: str) -> NetworkStatus:
        from app.services.practice import network_status

        with self._reading() as session:
            return network_status(session, network_id)

    def rota(self, network_id: str, today: date, ours_only: bool = False) -> list[RotaRow]:
        """The network's visits; ``ours_only``: those this laptop's school makes or hosts."""
        from app.services.entitled import this_school
        from app.services.rota import list_rota

        with self._reading() as session:
            school = this_school(session) if ours_only else None
            return list_rota(session, network_id, today, school)

    def plan_rota(
        self,
        network_id: str,
        start: date | str,
        end: date | str,
        blocked: list[date] | list[str],
        replace: bool,
    ) -> Changes:
        """Dates as typed (YYYY-MM-DD, refused with a sentence otherwise) or as dates."""
        from app.services.dates import parse_iso_date
        from app.services.rota import save_rota

        def day(d: date | str, what: str) -> date:
            return d if isinstance(d, date) else parse_iso_date(d, what)

        first, last = day(start, "first date"), day(end, "last date")
        off = [day(d, "blocked date") for d in blocked]
        return self._write(  # type: ignore[no-any-return]
            lambda s: save_rota(s, network_id, first, last, off, replace=replace)
        ).changes

    def plan_review_from_visit(self, visit_id: str, focus: list[str]) -> Any:
        from app.services.rota import plan_review_from_visit

        return self._write(lambda s: plan_review_from_visit(s, visit_id, focus))

    def write_rota_calendar(self, network_id: str, out: Path, today: date) -> int:
        from app.services.files import write_atomically
        from app.services.rota import list_rota, rota_calendar
        from app.services.schools import get_network

        with self._reading() as session:
            name = get_network(session, network_id).name
            rows = list_rota(session, network_id, today)
        write_atomically(out, rota_calendar(name, rows, self.db.clock()))
        return len(rows)

    def release_practice(self, finding_id: str, contact_id: str, summary: str) -> Any:
        from app.services.practice import release

        return self._write(lambda s: release(s, finding_id, contact=contact_id, summary=summary))

    def withdraw_practice(self, item_id: str) -> Any:
        from app.services.practice import withdraw

        return self._write(lambda s: withdraw(s, item_id))

    def publish_stage(self, school_id: str, area: str, stage: int, text: str) -> Any:
        from app.services.practice import publish_status

        return self._write(
            lambda s: publish_status(s, school_id, area=area, stage=stage, text=text)
        )


__all__ = ["NetworkCalls"]

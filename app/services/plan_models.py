"""The plain values the Plan page edits a planned visit with (no SQLAlchemy, no Qt): the form
as read (:class:`PlanForm`) and a change to it (:class:`PlanEdit`). The services that read and
apply them are in app/services/plans.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AgendaItem:
    """One agenda row as the form shows it; ``id`` is None for a row not saved yet."""

    kind: str
    starts: str
    title: str
    reviewer_id: str | None = None
    host_colleague_id: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class FocusItem:
    id: str
    title: str
    code: str
    in_use: bool  # notes or statements rest on it: it cannot be removed


@dataclass(frozen=True)
class PlanForm:
    """A planned visit as the Plan page edits it. ``may_plan``: this laptop may change the
    dates, team, writer and host staff; ``may_write``: the focus and the agenda. When one is
    False, ``why`` says why in a sentence a headteacher can act on."""

    id: str
    host_school_id: str
    host_school: str
    framework: str
    distribution: str
    start: date
    end: date
    focus: tuple[FocusItem, ...]
    visitors: tuple[str, ...]  # person ids, the lead first
    writer_id: str | None
    host_staff: tuple[str, ...]
    agenda: tuple[AgendaItem, ...]
    may_plan: bool
    may_write: bool
    why: str


@dataclass(frozen=True)
class PlanEdit:
    """What to change in a planned visit; empty fields change nothing. People by id."""

    start: date | None = None
    add_focus: tuple[str, ...] = ()
    remove_focus: tuple[str, ...] = ()  # titles
    add_reviewers: tuple[str, ...] = ()
    remove_reviewers: tuple[str, ...] = ()
    writer: str | None = None
    add_host_staff: tuple[str, ...] = ()
    remove_host_staff: tuple[str, ...] = ()
    add_agenda: tuple[AgendaItem, ...] = ()
    change_agenda: tuple[AgendaItem, ...] = ()  # by id, with every field as it should be
    delete_agenda: tuple[str, ...] = ()
    restore_agenda: tuple[str, ...] = ()

    @property
    def plans(self) -> bool:
        """True when it changes what only the host school may change."""
        return bool(
            self.start
            or self.add_reviewers
            or self.remove_reviewers
            or self.writer
            or self.add_host_staff
            or self.remove_host_staff
        )

    def __bool__(self) -> bool:
        return bool(
            self.plans
            or self.add_focus
            or self.remove_focus
            or self.add_agenda
            or self.change_agenda
            or self.delete_agenda
            or self.restore_agenda
        )

"""Typed read models: what the services hand to the command line, the window and the report.

Frozen dataclasses, so a page cannot change a shared copy by accident: a view that keeps its
copy in step with an edit makes a new one (``ReviewDetail.with_note`` and its siblings).
Dates and times stay ISO strings, as ``--json`` prints them. ``to_json`` gives exactly the
shape the README documents for ``--json`` (the ids the window names people by, such as
``writer_id``, are left out of it). No SQLAlchemy, no Qt: importing this is cheap.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Protocol, TypeVar

Json = dict[str, Any]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)


def _upsert(rows: tuple[_R, ...], row: _R) -> tuple[_R, ...]:
    """``rows`` with ``row`` in place of the one with its id, or added at the end."""
    if any(r.id == row.id for r in rows):
        return tuple(row if r.id == row.id else r for r in rows)
    return (*rows, row)


@dataclass(frozen=True, slots=True)
class HostSchool:
    id: str
    name: str
    welsh_medium: bool


@dataclass(frozen=True, slots=True)
class TeamMemberRow:
    """One place on a review's team: a visitor (``lead``, ``reviewer``) or ``host-staff``."""

    person_id: str
    name: str | None
    role: str


@dataclass(frozen=True, slots=True)
class FocusAreaRow:
    id: str
    title: str
    code: str
    prompts: tuple[str, ...]
    estimate: str
    self_evaluation: str = ""  # the host school's own view of this focus area
    look_at: str = ""  # what the host school asks the team to look at

    def to_json(self) -> Json:
        return {**asdict(self), "prompts": list(self.prompts)}


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """One activity on the visit's agenda; people by name, and by id for the window."""

    id: str
    kind: str
    title: str
    day: str | None
    starts: str
    ends: str
    place: str
    subject: str
    year_group: str
    reviewer: str | None
    host_colleague: str | None
    reviewer_id: str | None = None
    host_colleague_id: str | None = None

    def to_json(self) -> Json:
        out = asdict(self)
        del out["reviewer_id"], out["host_colleague_id"]
        return out


@dataclass(frozen=True, slots=True)
class NoteRow:
    """A note of evidence; ``photos`` are attachment hashes, ``report_photos`` those the
    report prints."""

    id: str
    focus_id: str
    activity_id: str | None
    kind: str
    text: str
    author: str | None
    captured_at: str
    photos: tuple[str, ...] = ()
    report_photos: tuple[str, ...] = ()
    author_id: str | None = None

    def to_json(self) -> Json:
        out = asdict(self)
        del out["author_id"]
        out["photos"], out["report_photos"] = list(self.photos), list(self.report_photos)
        return out


@dataclass(frozen=True, slots=True)
class FindingRow:
    """A statement (``www`` or ``ebi``) and the ids of the notes that evidence it."""

    id: str
    focus_id: str
    kind: str
    text: str
    good_practice: bool
    evidence: tuple[str, ...] = ()
    follows_finding_id: str | None = None  # the earlier visit's EBI it gives a view on

    def to_json(self) -> Json:
        return {**asdict(self), "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class ActionRow:
    """A next step; ``finding_id`` is the statement it answers, if any."""

    id: str
    text: str
    owner: str | None
    due: str | None
    status: str
    finding_id: str | None
    owner_id: str | None = None
    impact: str = ""

    def to_json(self) -> Json:
        out = asdict(self)
        del out["owner_id"]
        return out


@dataclass(frozen=True, slots=True)
class HandoverRow:
    """One step of a concern's handover: to whom (host-head, dsl, lado), how (in-person,
    phone), the name or reference given, and when (ISO, UTC)."""

    recipient: str
    how: str
    name: str
    handed_at: str


@dataclass(frozen=True, slots=True)
class ConcernRow:
    """A safeguarding concern (never in a report or a package); its id is a local number.
    ``state`` is its handover in words (app/services/safeguarding.py)."""

    id: int
    text: str
    raised_by: str
    raised_at: str
    place: str = ""
    seen_at: str = ""
    handovers: tuple[HandoverRow, ...] = ()
    state: str = ""

    def to_json(self) -> Json:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    """Everything about one review. ``safeguarding`` is None unless it was asked for."""

    id: str
    title: str
    host_school: HostSchool | None
    network: str | None
    framework: str
    start_date: str
    end_date: str
    status: str
    distribution: str
    context: str
    writer: str | None
    team: tuple[TeamMemberRow, ...]
    focus_areas: tuple[FocusAreaRow, ...]
    activities: tuple[AgendaRow, ...]
    notes: tuple[NoteRow, ...]
    findings: tuple[FindingRow, ...]
    actions: tuple[ActionRow, ...]
    writer_id: str | None = None
    safeguarding: tuple[ConcernRow, ...] | None = None
    summary: str = ""
    follows_id: str | None = None
    # app.services.followup_source.since_last_visit: the visit this one follows up
    since_last_visit: Json | None = None
    # The report's words changed after its writer signed it (app/services/signed_since.py).
    changed_since_signed: bool = False

    def to_json(self) -> Json:
        """The ``reviews show --json`` shape (README, "JSON shapes")."""
        out: Json = {
            "id": self.id,
            "title": self.title,
            "host_school": asdict(self.host_school) if self.host_school else None,
            "network": self.network,
            "framework": self.framework,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "status": self.status,
            "distribution": self.distribution,
            "context": self.context,
            "summary": self.summary,
            "follows_id": self.follows_id,
            "writer": self.writer,
            "team": [asdict(t) for t in self.team],
            "focus_areas": [a.to_json() for a in self.focus_areas],
            "activities": [a.to_json() for a in self.activities],
            "notes": [n.to_json() for n in self.notes],
            "findings": [f.to_json() for f in self.findings],
            "actions": [a.to_json() for a in self.actions],
            "since_last_visit": self.since_last_visit,
            "changed_since_signed": self.changed_since_signed,
        }
        if self.safeguarding is not None:
            out["safeguarding"] = [c.to_json() for c in self.safeguarding]
        return out

    # --- finding rows, and copies with one row changed (views keep in step with an edit) ---
    def note(self, note_id: str) -> NoteRow | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def finding(self, finding_id: str) -> FindingRow | None:
        return next((f for f in self.findings if f.id == finding_id), None)

    def activity(self, activity_id: str) -> AgendaRow | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    def with_note(self, note: NoteRow) -> ReviewDetail:
        """A copy with ``note`` in place of the note with its id, or added last."""
        return replace(self, notes=_upsert(self.notes, note))

    def with_finding(self, finding: FindingRow) -> ReviewDetail:
        """A copy with ``finding`` in place of the statement with its id, or added last."""
        return replace(self, findings=_upsert(self.findings, finding))

    def with_action(self, action: ActionRow) -> ReviewDetail:
        """A copy with ``action`` in place of the next step with its id, or added last."""
        return replace(self, actions=_upsert(self.actions, action))


# --- lists ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """One line of the list of reviews (``reviews list``), newest first; ``notes`` counts the
    review's live notes."""

    id: str
    title: str
    host_school_id: str
    host_school: str
    network: str | None
    start_date: str
    end_date: str
    status: str
    framework: str
    notes: int = 0

    def to_json(self) -> Json:
        """The ``reviews list --json`` shape (README, "JSON shapes")."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PersonRef:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """This laptop: its school (None until set), its name, and whose it is (None if unknown)."""

    school_id: str | None
    school: str | None
    name: str
    person: PersonRef | None

    def to_json(self) -> Json:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A note or statement that matched a search; ``review_id`` is the review to open."""

    kind: str
    id: str
    review_id: str
    host_school: str
    date: str
    focus: str
    text: str

    def to_json(self) -> Json:
        """The ``search --json`` shape (README, "JSON shapes")."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ConflictVersion:
    """One laptop's version of a field edited on two laptops at once."""

    version_id: str
    author: str
    at: str
    value: object


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """A field with concurrent, different versions (``conflicts list``); ``id`` is
    ``table:record:field``."""

    id: str
    table: str
    record_id: str
    field: str
    versions: tuple[ConflictVersion, ...]

    @classmethod
    def of(cls, row: Json) -> ConflictRow:
        """From the sync layer's plain form (app.sync.merge.conflicts)."""
        return cls(
            id=row["id"],
            table=row["table"],
            record_id=row["record_id"],
            field=row["field"],
            versions=tuple(ConflictVersion(**v) for v in row["versions"]),
        )

    def to_json(self) -> Json:
        return {**asdict(self), "versions": [asdict(v) for v in self.versions]}


@dataclass(frozen=True, slots=True)
class SchoolRow:
    """A school of the list (``schools list``)."""

    id: str
    name: str
    phase: str
    type: str
    local_authority: str
    welsh_medium: bool

    def to_json(self) -> Json:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person (``people list``); ``school`` is their school's name."""

    id: str
    name: str
    role: str
    school_id: str | None
    school: str | None
    email: str

    def to_json(self) -> Json:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SchoolRef:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class NetworkRow:
    """A network of schools (``networks list``) and its ground rules."""

    id: str
    name: str
    kind: str
    ground_rules: str
    schools: tuple[SchoolRef, ...]

    def to_json(self) -> Json:
        return {**asdict(self), "schools": [asdict(s) for s in self.schools]}


@dataclass(frozen=True, slots=True)
class FrameworkArea:
    """One focus area a framework offers, with the prompts reviewers are given."""

    code: str
    title: str
    prompts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FrameworkRow:
    """A review framework (``frameworks list``)."""

    key: str
    name: str
    version: int
    description: str
    estimates: bool
    estimate_scale: tuple[str, ...]
    focus_areas: tuple[FrameworkArea, ...]

    def to_json(self) -> Json:
        return {
            **asdict(self),
            "estimate_scale": list(self.estimate_scale),
            "focus_areas": [
                {"code": a.code, "title": a.title, "prompts": list(a.prompts)}
                for a in self.focus_areas
            ],
        }

"""The window's gateway to the use cases: one call, one transaction, typed data back (the
frozen read models of app/services/read_models.py, where converted; plain dicts elsewhere).

The window never holds a database session across an event; it holds a Workspace and calls it
from a worker thread (app/ui/operations.py). A call that changes data returns what changed as
a ``Changes`` (read from the change log the transaction wrote, so every kind of edit is seen
without each method keeping count), alone or with its result. Slow calls report progress and
can be interrupted: ``Interrupt.cancel()`` from another thread makes the next SQL statement (or
the next step between chunks) raise ``Cancelled``, and the transaction rolls back.

Importing this module is cheap (no SQLAlchemy): the window creates a lazy Workspace before its
first paint and the database layer loads just after it. No Qt here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from app.config import clock as configured_clock
from app.errors import Cancelled, NotFound
from app.services.interrupt import Interrupt, checkpoint, interruptible, report
from app.services.plan_models import AgendaItem, PlanEdit, PlanForm
from app.services.workspace_comments import CommentCalls
from app.services.workspace_followup import FollowUpCalls
from app.services.workspace_network import NetworkCalls
from app.services.workspace_plan import PlanCalls
from app.services.workspace_safeguarding import SafeguardingCalls
from app.services.workspace_shared import SharedCalls
from app.services.workspace_signoff import SignOffCalls
from app.services.workspace_trust import TrustCalls
from app.services.workspace_undo import UndoCalls
from app.services.workspace_writeup import WriteupCalls

__all__ = [
    "AgendaItem",
    "Created",
    "Interrupt",
    "Outcome",
    "PlanEdit",
    "PlanForm",
    "Workspace",
    "checkpoint",
    "interruptible",
    "report",
]

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.db import Database
    from app.identity import IdentityInfo
    from app.identity.keystore import PassphraseProvider
    from app.services.changes import Changes
    from app.services.read_models import (
        ConflictRow,
        FrameworkRow,
        NetworkRow,
        PersonRow,
        ReviewDetail,
        ReviewSummary,
        SchoolRow,
        SearchHit,
        SiteInfo,
    )

T = TypeVar("T")

Row = dict[str, Any]
CHUNK = 500  # schools imported between two looks at the cancel flag


# --- results (plain classes: this module is on the way to the window's first paint) -------
class Created:
    """A record was made: its id, and what changed."""

    __slots__ = ("changes", "id")

    def __init__(self, id: str, changes: Changes) -> None:
        self.id, self.changes = id, changes

    def __repr__(self) -> str:
        return f"Created(id={self.id!r}, changes={self.changes!r})"


class Outcome(Generic[T]):
    """A use case's result together with what it changed."""

    __slots__ = ("changes", "value")

    def __init__(self, value: T, changes: Changes) -> None:
        self.value, self.changes = value, changes

    def __repr__(self) -> str:
        return f"Outcome(value={self.value!r}, changes={self.changes!r})"


class Workspace(
    NetworkCalls,
    PlanCalls,
    FollowUpCalls,
    WriteupCalls,
    CommentCalls,
    SafeguardingCalls,
    SignOffCalls,
    SharedCalls,
    UndoCalls,
    TrustCalls,
):
    """One laptop's data folder: the database, and the files beside it (identity, photos).

    ``lazy=True`` opens the database on first use (from whichever thread uses it first);
    otherwise it is opened (created, or backed up and upgraded) now. Raises AppError when the
    folder or database cannot be used (DatabaseTooNew for one from a newer Peerwalk)."""

    def __init__(
        self, data_dir: Path, clock: Callable[[], datetime] | None = None, *, lazy: bool = False
    ) -> None:
        self.data_dir = data_dir
        self._clock = clock or configured_clock()  # PEERWALK_TODAY pins it for tests
        self._db: Database | None = None
        self._lock = threading.Lock()
        self._plain: sqlite3.Connection | None = None  # see _searching
        self._plain_lock = threading.Lock()
        if not lazy:
            self.load()

    @classmethod
    def for_window(cls, data_dir: Path, today: date | None = None) -> tuple[Workspace, Row | None]:
        """The workspace, and what Home shows first. When the database is already at this
        build's schema, Home is read with plain sqlite3 and the database layer loads later;
        otherwise the full open (create, or back up and upgrade) happens now and Home is
        read from it (None)."""
        from app.config import DB_FILENAME
        from app.schema import HEAD_REVISION, stored_revision

        path = data_dir / DB_FILENAME
        if stored_revision(path) == HEAD_REVISION:
            from app.services.quick import first_screen

            ws = cls(data_dir, lazy=True)
            return ws, first_screen(path, today or ws.today())
        return cls(data_dir), None

    def today(self) -> date:
        """Today by this workspace's clock (the one its database is given)."""
        return self._clock().date()

    def load(self) -> Database:
        with self._lock:
            if self._db is None:
                from sqlalchemy import event

                from app.db import Database
                from app.services.interrupt import before_statement

                db = Database.open(self.data_dir, self._clock)
                event.listen(db.engine, "before_cursor_execute", before_statement)
                self._db = db
            return self._db

    def warm(self) -> None:
        """Open the database and import what saving a note or a statement needs, so the first
        save after start-up is as quick as the rest (the window calls this after its first
        paint; imports take a while on a busy laptop)."""
        self.load()
        import app.models.changelog
        import app.services.capture
        import app.services.changelog_changes
        import app.services.changes
        import app.services.overview
        import app.services.reviews
        import app.services.writeup  # noqa: F401

    @property
    def db(self) -> Database:
        return self._db if self._db is not None else self.load()

    @property
    def ready(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        with self._plain_lock:
            if self._plain is not None:
                self._plain.close()
                self._plain = None
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- units of work ------------------------------------------------------------------
    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session

    @contextmanager
    def _searching(self) -> Iterator[sqlite3.Connection]:
        """The workspace's own read-only sqlite3 connection, kept open between calls so that
        what it runs stays prepared (sqlite3 keeps each statement it compiled, by its text):
        search as you type runs one statement per keystroke, and a session's begin and commit,
        or a new connection and planning the statement again, add 0.3 to 1 ms to each of about
        5 ms. Each statement reads what was committed when it started. One call at a time; the
        window calls it from worker threads."""
        with self._plain_lock:
            if self._plain is None:
                from app.schema import connect_for_reading

                self._plain = connect_for_reading(self.db.path, check_same_thread=False)
            yield self._plain

    @contextmanager
    def _writing(self, seen: list[Changes]) -> Iterator[Session]:
        """One transaction; what it changed (from the change log) is appended to ``seen``.
        A cancel that arrived while the service ran rolls it back."""
        from sqlalchemy import text

        from app.services.changelog_changes import changes_since

        with self.db.transaction() as session:
            before = session.execute(
                text("SELECT coalesce(max(rowid), 0) FROM changes")
            ).scalar_one()
            yield session
            session.flush()
            checkpoint()
            seen.append(changes_since(session, before))

    def _write(self, fn: Callable[[Session], T]) -> Outcome[T]:
        seen: list[Changes] = []
        with self._writing(seen) as session:
            value = fn(session)
        return Outcome(value, seen[0])

    # --- reading --------------------------------------------------------------------
    def list_reviews(self) -> list[ReviewSummary]:
        from app.services.overview import list_reviews

        with self._reading() as session:
            return list_reviews(session)

    def review_detail(self, review_id: str) -> ReviewDetail:
        """The review, with the ids the window names people by (``writer_id``, each agenda
        row's ``reviewer_id`` / ``host_colleague_id``, each note's ``author_id``, each next
        step's ``owner_id``). Raises NotFound."""
        from app.services.reviews import review_detail

        with self._reading() as session:
            return review_detail(session, review_id)

    def search(self, words: str, limit: int = 50) -> list[SearchHit]:
        from app.services.search import search

        with self._searching() as con:
            return search(con, words, limit)

    def home(self, today: date) -> Row:
        """Home's lists and the networks with their schools."""
        from app.services.overview import home_summary
        from app.services.schools import list_networks

        with self._reading() as session:
            networks = [n.to_json() for n in list_networks(session)]  # as the first paint has them
            return {**home_summary(session, today), "networks": networks}

    def schools(self) -> list[SchoolRow]:
        from app.services.schools import list_schools

        with self._reading() as session:
            return list_schools(session)

    def people(self) -> list[PersonRow]:
        from app.services.schools import list_people

        with self._reading() as session:
            return list_people(session)

    def networks(self) -> list[NetworkRow]:
        from app.services.schools import list_networks

        with self._reading() as session:
            return list_networks(session)

    def frameworks(self) -> list[FrameworkRow]:
        from app.services.frameworks import list_frameworks

        with self._reading() as session:
            return list_frameworks(session)

    def conflicts(self) -> list[ConflictRow]:
        from app.services.exchange import list_conflicts
        from app.services.read_models import ConflictRow

        with self._reading() as session:
            return [ConflictRow.of(c) for c in list_conflicts(session)]

    def site(self) -> SiteInfo:
        """This laptop: its school (id and name, or None), its name, and its own person
        ({id, name} or None: the ``person_id`` setting, else the person named like the laptop)."""
        from sqlalchemy import select

        from app.models import Person, School, Setting
        from app.services.read_models import PersonRef, SiteInfo

        with self._reading() as session:
            settings = dict(session.execute(select(Setting.key, Setting.value)).all())
            school = (
                session.get(School, settings.get("school_id", ""))
                if settings.get("school_id")
                else None
            )
            person = (
                session.get(Person, settings["person_id"]) if settings.get("person_id") else None
            )
            name = settings.get("site_name", "")
            if person is None and name:
                person = next(
                    (
                        p
                        for p in session.scalars(select(Person).where(Person.deleted.is_(False)))
                        if p.name.casefold() == name.casefold()
                    ),
                    None,
                )
            return SiteInfo(
                school_id=school.id if school else None,
                school=school.name if school else None,
                name=name,
                person=PersonRef(person.id, person.name)
                if person is not None and not person.deleted
                else None,
            )

    def identity(self) -> IdentityInfo | None:
        """This laptop's signing identity (public facts), or None when there is none yet."""
        from app.identity import load_identity

        try:
            return load_identity(self.data_dir)
        except NotFound:
            return None

    def keychain_available(self) -> bool:
        """True when a real OS keychain can hold the key's data key (no passphrase needed)."""
        from app.identity.keystore import real_keychain

        return real_keychain() is not None

    # --- writing: one user action, one transaction ----------------------------------
    def plan_review(  # noqa: PLR0913 (keyword-only: the plan page's fields)
        self,
        *,
        host_id: str,
        start: date,
        focus: list[str],
        reviewer_ids: list[str],
        writer_id: str | None,
        framework: str,
        distribution: str,
        agenda: list[Row] | None = None,
        end: date | None = None,
        host_staff_ids: list[str] | None = None,
    ) -> Created:
        """Plan the visit and its agenda in one transaction: all of it, or none of it. People
        are named by id; agenda rows are {kind, starts, title, reviewer_id, host_colleague_id}."""
        from app.services.reviews import add_activity, plan_review

        def plan(session: Session) -> str:
            review = plan_review(
                session,
                host=host_id,
                start=start,
                end=end,
                focus=focus,
                reviewers=reviewer_ids,
                writer=writer_id,
                framework=framework,
                distribution=distribution,
                host_staff=host_staff_ids,
            )
            for item in agenda or []:
                add_activity(
                    session,
                    review.id,
                    item["kind"],
                    starts=item.get("starts") or "",
                    title=item.get("title") or "",
                    reviewer=item.get("reviewer_id"),
                    host_colleague=item.get("host_colleague_id"),
                )
            return review.id

        out = self._write(plan)
        return Created(out.value, out.changes)

    def add_note(
        self,
        review_id: str,
        *,
        focus_id: str,
        kind: str,
        text: str,
        activity_id: str | None = None,
        author_id: str | None = None,
    ) -> Created:
        from app.services.capture import add_note

        out = self._write(
            lambda s: (
                add_note(
                    s,
                    review_id,
                    focus=_focus_ref(s, review_id, focus_id),
                    kind=kind,
                    text=text,
                    activity_id=activity_id,
                    author=author_id,
                    data_dir=self.data_dir,
                ).id
            )
        )
        return Created(out.value, out.changes)

    def edit_note(
        self,
        note_id: str,
        *,
        text: str | None = None,
        kind: str | None = None,
        focus_id: str | None = None,
    ) -> Changes:
        from app.models import Note
        from app.services.capture import edit_note

        def edit(s: Session) -> None:
            note = s.get(Note, note_id)
            focus = (
                _focus_ref(s, note.review_id, focus_id) if focus_id and note is not None else None
            )
            edit_note(s, note_id, text=text, kind=kind, focus=focus)

        return self._write(edit).changes

    def delete_note(self, note_id: str) -> Changes:
        from app.services.capture import delete_note

        return self._write(lambda s: delete_note(s, note_id)).changes

    def attach_photo(self, note_id: str, path: Path) -> Outcome[str]:
        """A photo of pupils' work on a note (normalised to JPEG; never photograph faces)."""
        from app.services.capture import attach_photo

        return self._write(lambda s: attach_photo(s, note_id, path, self.data_dir))

    def add_person(self, name: str, role: str, school_id: str | None, email: str = "") -> Created:
        from app.services.schools import add_person

        out = self._write(lambda s: add_person(s, name, role, school_id, email).id)
        return Created(out.value, out.changes)

    def create_network(
        self, name: str, school_ids: list[str], kind: str, ground_rules: str
    ) -> Created:
        from app.services.schools import create_network

        out = self._write(lambda s: create_network(s, name, school_ids, kind, ground_rules).id)
        return Created(out.value, out.changes)

    # --- changing a plan and Set-up's records after the fact (Plan, Set-up; Edit > Undo) --
    def plan_form(self, review_id: str) -> PlanForm:
        from app.services.plans import plan_form

        with self._reading() as session:
            return plan_form(session, review_id)

    def edit_plan(self, review_id: str, edit: PlanEdit) -> Outcome[PlanEdit]:
        """Change a planned visit in one transaction; the value is the edit that undoes it."""
        from app.services.plans import edit_plan

        return self._write(lambda s: edit_plan(s, review_id, edit)[1])

    def person_edit_refusals(self, person_id: str) -> dict[str, str]:
        from app.services.schools import person_edit_refusals

        with self._reading() as session:
            return person_edit_refusals(session, person_id)

    def edit_person(
        self,
        person_id: str,
        *,
        name: str | None = None,
        role: str | None = None,
        email: str | None = None,
    ) -> Changes:
        from app.services.schools import edit_person

        return self._write(
            lambda s: edit_person(s, person_id, name=name, role=role, email=email)
        ).changes

    def edit_school(
        self,
        school_id: str,
        *,
        name: str | None = None,
        phase: str | None = None,
        local_authority: str | None = None,
        type: str | None = None,
        welsh_medium: bool | None = None,
    ) -> Changes:
        from app.services.schools import edit_school

        return self._write(
            lambda s: edit_school(
                s,
                school_id,
                name=name,
                phase=phase,
                local_authority=local_authority,
                type=type,
                welsh_medium=welsh_medium,
            )
        ).changes

    def edit_network(
        self,
        network_id: str,
        *,
        name: str | None = None,
        add_schools: tuple[str, ...] = (),
        remove_schools: tuple[str, ...] = (),
        ground_rules: str | None = None,
    ) -> Changes:
        from app.services.schools import edit_network

        return self._write(
            lambda s: edit_network(
                s,
                network_id,
                name=name,
                add_schools=add_schools,
                remove_schools=remove_schools,
                ground_rules=ground_rules,
            )
        ).changes

    def delete_record(self, kind: str, record_id: str) -> Changes:
        """Delete (tombstone) a person, network or school: ``kind`` is "people", "networks"
        or "schools". Raises NotFound, InUse, NotThisSchool, InvalidInput."""
        from app.services import tombstones

        delete = {
            "people": tombstones.delete_person,
            "networks": tombstones.delete_network,
            "schools": tombstones.delete_school,
        }[kind]
        return self._write(lambda s: delete(s, record_id)).changes

    def restore_record(self, kind: str, record_id: str) -> Changes:
        """Bring back what ``delete_record`` deleted (Edit > Undo)."""
        from app.services import tombstones

        restore = {
            "people": tombstones.restore_person,
            "networks": tombstones.restore_network,
            "schools": tombstones.restore_school,
        }[kind]
        return self._write(lambda s: restore(s, record_id)).changes

    def add_finding(self, review_id: str, *, focus_id: str, kind: str, text: str) -> Created:
        from app.services.writeup import add_finding

        out = self._write(
            lambda s: (
                add_finding(
                    s, review_id, focus=_focus_ref(s, review_id, focus_id), kind=kind, text=text
                ).id
            )
        )
        return Created(out.value, out.changes)

    def edit_finding(
        self, finding_id: str, *, text: str | None = None, good_practice: bool | None = None
    ) -> Changes:
        from app.services.writeup import edit_finding

        return self._write(
            lambda s: edit_finding(s, finding_id, text=text, good_practice=good_practice)
        ).changes

    def link_evidence(self, finding_id: str, note_ids: list[str]) -> Changes:
        from app.services.writeup import link_evidence

        def link(s: Session) -> None:
            for n in note_ids:
                link_evidence(s, finding_id, n)

        return self._write(link).changes

    def unlink_evidence(self, finding_id: str, note_ids: list[str]) -> Changes:
        from app.services.writeup import unlink_evidence

        def unlink(s: Session) -> None:
            for n in note_ids:
                unlink_evidence(s, finding_id, n)

        return self._write(unlink).changes

    def add_action(
        self, review_id: str, *, text: str, owner_id: str, due: date, finding_id: str | None = None
    ) -> Created:
        from app.services.writeup import add_action

        out = self._write(
            lambda s: (
                add_action(s, review_id, text=text, owner=owner_id, due=due, finding=finding_id).id
            )
        )
        return Created(out.value, out.changes)

    # --- editing, deleting and bringing back what the pages show (Edit, Undo) -----------
    def delete_finding(self, finding_id: str) -> Changes:
        from app.services.writeup import delete_finding

        return self._write(lambda s: delete_finding(s, finding_id)).changes

    def edit_action(
        self,
        action_id: str,
        *,
        text: str | None = None,
        owner_id: str | None = None,
        due: date | None = None,
    ) -> Changes:
        """Change a next step's words, owner (by id) or due date; None leaves a field."""
        from app.services.writeup import edit_action

        return self._write(
            lambda s: edit_action(s, action_id, text=text, owner=owner_id, due=due)
        ).changes

    def delete_action(self, action_id: str) -> Changes:
        from app.services.writeup import delete_action

        return self._write(lambda s: delete_action(s, action_id)).changes

    def remove_photo(self, note_id: str, sha256: str) -> Changes:
        from app.services.capture import remove_photo

        return self._write(lambda s: remove_photo(s, note_id, sha256)).changes

    def photo_path(self, sha256: str) -> Path:
        """Where a note's photo is kept (to show it small where it is chosen)."""
        from app.services.attachments import attachment_path

        return attachment_path(self.data_dir, sha256)

    def restore_note(self, note_id: str) -> Changes:
        from app.services.restore import restore_note

        return self._write(lambda s: restore_note(s, note_id)).changes

    def restore_finding(self, finding_id: str) -> Changes:
        from app.services.restore import restore_finding

        return self._write(lambda s: restore_finding(s, finding_id)).changes

    def restore_action(self, action_id: str) -> Changes:
        from app.services.restore import restore_action

        return self._write(lambda s: restore_action(s, action_id)).changes

    def restore_photo(self, note_id: str, sha256: str) -> Changes:
        from app.services.restore import restore_photo

        return self._write(lambda s: restore_photo(s, note_id, sha256)).changes

    def preview_schools_csv(self, path: Path) -> list[Row]:
        from app.services.school_list import read_school_csv

        report("Reading the school list")
        return read_school_csv(path)

    def import_schools(self, rows: list[Row]) -> Outcome[dict[str, int]]:
        """Add or update schools by URN, in chunks between which a cancel is noticed; a cancel
        at any point rolls the whole import back."""
        from app.services.school_list import import_schools

        changed: list[str] = []

        def run(session: Session) -> dict[str, int]:
            counts = {"added": 0, "updated": 0, "unchanged": 0}
            for start in range(0, len(rows), CHUNK):
                report("Importing schools", start, len(rows))
                r = import_schools(session, rows[start : start + CHUNK])
                counts["added"] += r.added
                counts["updated"] += r.updated
                counts["unchanged"] += r.unchanged
                changed.extend(r.changed_ids)
            report("Importing schools", len(rows), len(rows))
            return counts

        from app.services.changes import Changes

        # A school list is reference data: most of what it writes is not in the change log,
        # which is where ``_write`` reads what changed from; name the schools here.
        out = self._write(run)
        return Outcome(out.value, out.changes | Changes.of(schools=changed))

    def load_demo(self) -> Outcome[Row]:
        from app.services.demo import load_demo

        return self._write(lambda s: load_demo(s, self.data_dir))

    def set_site(self, school_id: str, name: str = "", person_id: str | None = None) -> Changes:
        """Say which school this laptop belongs to, its name, and (optionally) whose it is."""
        from app.models import Person, Setting
        from app.services.exchange import set_home

        def run(session: Session) -> None:
            set_home(session, school_id, name)
            if person_id:
                if session.get(Person, person_id) is None:
                    raise NotFound("That person is not known on this laptop.")
                session.merge(Setting(key="person_id", value=person_id))

        from app.services.changes import Changes

        out = self._write(run)
        return out.changes.union(Changes.of(settings=["school_id", "site_name", "person_id"]))

    def resolve_conflict(
        self, conflict_id: str, keep: str | None = None, text: str | None = None
    ) -> Changes:
        from app.services.exchange import resolve_conflict

        return self._write(
            lambda s: resolve_conflict(s, conflict_id, keep=keep, text_value=text)
        ).changes

    # --- identity, reports and packages (slow: called from a worker) --------------------
    def create_identity(
        self, name: str, email: str, school_id: str | None, passphrase: PassphraseProvider | None
    ) -> IdentityInfo:
        from app.identity import create_identity

        return create_identity(self.data_dir, name, email, school_id, passphrase)

    def setup_laptop(
        self,
        *,
        name: str,
        email: str,
        role: str,
        school_id: str,
        passphrase: PassphraseProvider | None,
        make_identity: bool,
        school_name: str = "",
    ) -> Outcome[Row]:
        """A new laptop in one step: its school (added from ``school_name`` when the laptop has
        no school list yet), the person (found by name at that school, else added), the
        laptop's school and name, and (if asked) the signing identity, whose certificate is
        published for partners (as `identity create` does). All or nothing: the
        identity's files are written last, inside the transaction, so a refused passphrase or a
        bad email leaves the database as it was. Raises InvalidInput / PassphraseNeeded."""
        from app.models import Person, School, Setting
        from app.services.exchange import set_home
        from app.services.schools import add_person, add_school

        def run(session: Session) -> Row:
            if school_name.strip() and session.get(School, school_id.strip()) is None:
                add_school(session, school_id, school_name.strip())
                session.flush()
            wanted = name.strip().casefold()
            person = next(
                (
                    p
                    for p in session.scalars(select_people(school_id))
                    if p.name.casefold() == wanted
                ),
                None,
            )
            if person is None:
                person = add_person(session, name, role, school_id, email)
            elif role and person.role != role:
                person.role = role
            set_home(session, school_id, name.strip())
            session.merge(Setting(key="person_id", value=person.id))
            session.flush()
            identity = (
                self.create_identity(name, email, school_id, passphrase)
                if make_identity
                else self.identity()
            )
            if identity is not None:  # partners trust its signatures once a package reaches them
                from app.identity import certificate_pem
                from app.services.certificates import publish_certificate

                publish_certificate(session, certificate_pem(self.data_dir))
            return {"person_id": person.id, "identity": identity}

        def select_people(school: str) -> Any:
            from sqlalchemy import select

            return select(Person).where(Person.deleted.is_(False), Person.school_id == school)

        from app.services.changes import Changes

        out = self._write(run)
        return Outcome(
            out.value,
            out.changes.union(Changes.of(settings=["school_id", "site_name", "person_id"])),
        )

    def produce_report(
        self, review_id: str, out: Path, passphrase: PassphraseProvider | None
    ) -> Row:
        """Render, prepare the signature fields and sign as the writer, refused while anything
        blocks the report (app.services.signoff_check); the writer's signature is recorded and
        the review's status follows. A cancel leaves no file behind (the service writes it
        whole, at the end) and rolls the record back."""
        from app.services.signoff import produce_signed

        existed = out.exists()
        try:
            with self.db.transaction() as session:
                r = produce_signed(
                    session, self.data_dir, review_id, out, passphrase, progress=report
                )
                checkpoint()
        except Cancelled:
            if not existed:
                out.unlink(missing_ok=True)
            raise
        return {"path": str(r.path), "pages": r.pages, "signer": r.signer}

    def verify_pdf(self, path: Path) -> Row:
        """The verdict (app.reports.verdict.PdfVerdict.as_json): outcome, problem, signatures."""
        from app.services.signing import verify_report

        report("Checking the signatures")
        with self.db.read() as session:
            result = verify_report(self.data_dir, path, session).as_json()
        checkpoint()
        return result

    def sign_report(self, source: Path, out: Path, passphrase: PassphraseProvider | None) -> Row:
        from app.services.signing import sign_report

        existed = out.exists()
        try:
            report("Signing")
            with self.db.transaction() as session:
                field, signer = sign_report(self.data_dir, source, out, passphrase, db=session)
                checkpoint()
                from app.services.signoff import record_signatures, review_of_pdf

                if review_id := review_of_pdf(out):  # a countersignature: the status follows
                    record_signatures(session, review_id, [field])
        except Cancelled:
            if not existed:
                out.unlink(missing_ok=True)
            raise
        return {"field": field, "signer": signer, "path": str(out), "review": review_id}

    def import_package(
        self, path: Path, trust_new_sender: bool, passphrase: PassphraseProvider | None
    ) -> Outcome[Row]:
        """Verify, then apply, in one transaction (a cancel rolls it back). Raises
        UntrustedSender (the window asks, then calls again trusting), and every AppError of a
        bad package."""
        from app.services.exchange import import_package

        report("Checking the package")
        return self._write(
            lambda s: import_package(
                s, self.data_dir, path, trust_new_sender=trust_new_sender, key_passphrase=passphrase
            )
        )

    def export_for(
        self, school_id: str, out: Path, passphrase: PassphraseProvider | None
    ) -> Outcome[Row]:
        """Write a package for a partner school. A cancel rolls back what the export recorded
        and removes the file."""
        from app.services.exchange import export_package

        existed = out.exists()

        def run(session: Session) -> Row:
            report("Writing the package")
            r = export_package(
                session, self.data_dir, out, for_school=school_id, key_passphrase=passphrase
            )
            return {
                "path": str(r.path),
                "bytes": r.bytes,
                "changes": r.ops,
                "photos": r.photos,
                "warning": r.warning,
            }

        try:
            return self._write(run)
        except Cancelled:
            if not existed:
                out.unlink(missing_ok=True)
            raise


def _focus_ref(session: Session, review_id: str, focus_id: str) -> str:
    """The words the services match a focus area by, for the area with this id (titles are
    unique within a review). Raises NotFound for an area of another review."""
    from app.models import ReviewFocus
    from app.services.reviews import get_review

    area = session.get(ReviewFocus, focus_id)
    if area is None or area.deleted or area.review_id != get_review(session, review_id).id:
        raise NotFound("That focus area is not part of this review.")
    return area.title

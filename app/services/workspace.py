"""The window's gateway to the use cases: one call, one transaction, plain data back.

The window never holds a database session across an event; it holds a Workspace and calls
it (from a worker thread for anything that may take more than a frame). No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.db import Database, utc_now
from app.identity.keystore import PassphraseProvider


class Workspace:
    def __init__(self, data_dir: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self.data_dir = data_dir
        self.db = Database.open(data_dir, clock)

    def close(self) -> None:
        self.db.close()

    # --- reading --------------------------------------------------------------------
    def list_reviews(self) -> list[dict[str, Any]]:
        from app.services.overview import list_reviews

        with self.db.read() as session:
            return list_reviews(session)

    def review_detail(self, review_id: str) -> dict[str, Any]:
        from app.services.reviews import review_detail

        with self.db.read() as session:
            return review_detail(session, review_id)

    def search(self, words: str, limit: int = 50) -> list[dict[str, Any]]:
        from app.services.search import search

        with self.db.read() as session:
            return search(session, words, limit)

    def home(self, today: date) -> dict[str, Any]:
        from app.services.overview import home_summary

        with self.db.read() as session:
            return home_summary(session, today)

    def schools(self) -> list[dict[str, Any]]:
        from app.services.schools import list_schools

        with self.db.read() as session:
            return list_schools(session)

    def people(self) -> list[dict[str, Any]]:
        from app.services.schools import list_people

        with self.db.read() as session:
            return list_people(session)

    def networks(self) -> list[dict[str, Any]]:
        from app.services.schools import list_networks

        with self.db.read() as session:
            return list_networks(session)

    def frameworks(self) -> list[dict[str, Any]]:
        from app.services.frameworks import list_frameworks

        with self.db.read() as session:
            return list_frameworks(session)

    # --- writing: one user action, one transaction ----------------------------------
    def plan_review(self, agenda: list[dict[str, Any]] | None = None, **kw: Any) -> str:
        """Plan the visit and its agenda in one transaction: all of it, or none of it."""
        from app.services.reviews import add_activity, plan_review

        with self.db.transaction() as session:
            review = plan_review(session, **kw)
            for item in agenda or []:
                add_activity(session, review.id, **item)
            return review.id

    def add_note(self, review_id: str, **kw: Any) -> str:
        from app.services.capture import add_note

        with self.db.transaction() as session:
            return add_note(session, review_id, data_dir=self.data_dir, **kw).id

    def edit_note(self, note_id: str, **kw: Any) -> None:
        from app.services.capture import edit_note

        with self.db.transaction() as session:
            edit_note(session, note_id, **kw)

    def delete_note(self, note_id: str) -> None:
        from app.services.capture import delete_note

        with self.db.transaction() as session:
            delete_note(session, note_id)

    def attach_photo(self, note_id: str, path: Path) -> str:
        """A photo of pupils' work on a note (normalised to JPEG; never photograph faces)."""
        from app.services.capture import attach_photo

        with self.db.transaction() as session:
            return attach_photo(session, note_id, path, self.data_dir)

    def add_person(self, name: str, role: str, school_id: str | None, email: str = "") -> str:
        from app.services.schools import add_person

        with self.db.transaction() as session:
            return add_person(session, name, role, school_id, email).id

    def create_network(self, name: str, school_ids: list[str], kind: str, ground_rules: str) -> str:
        from app.services.schools import create_network

        with self.db.transaction() as session:
            return create_network(session, name, school_ids, kind, ground_rules).id

    def add_finding(self, review_id: str, **kw: Any) -> str:
        from app.services.writeup import add_finding

        with self.db.transaction() as session:
            return add_finding(session, review_id, **kw).id

    def edit_finding(self, finding_id: str, **kw: Any) -> None:
        from app.services.writeup import edit_finding

        with self.db.transaction() as session:
            edit_finding(session, finding_id, **kw)

    def link_evidence(self, finding_id: str, note_id: str) -> None:
        from app.services.writeup import link_evidence

        with self.db.transaction() as session:
            link_evidence(session, finding_id, note_id)

    def unlink_evidence(self, finding_id: str, note_id: str) -> None:
        from app.services.writeup import unlink_evidence

        with self.db.transaction() as session:
            unlink_evidence(session, finding_id, note_id)

    def add_action(self, review_id: str, **kw: Any) -> str:
        from app.services.writeup import add_action

        with self.db.transaction() as session:
            return add_action(session, review_id, **kw).id

    def preview_schools_csv(self, path: Path) -> list[dict[str, Any]]:
        from app.services.schools import read_school_csv

        return read_school_csv(path)

    def import_schools(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        from app.services.schools import import_schools

        with self.db.transaction() as session:
            r = import_schools(session, rows)
            return {"added": r.added, "updated": r.updated, "unchanged": r.unchanged}

    def load_demo(self) -> dict[str, Any]:
        from app.services.demo import load_demo

        with self.db.transaction() as session:
            return load_demo(session, self.data_dir)

    # --- reports and packages (slow: call from a worker) ------------------------------
    def produce_report(self, review_id: str, out: Path, passphrase: PassphraseProvider | None, progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
        from app.services.signing import produce_report

        with self.db.read() as session:
            r = produce_report(session, self.data_dir, review_id, out, passphrase, progress=progress)
            return {"path": str(r.path), "pages": r.pages, "signer": r.signer}

    def verify_pdf(self, path: Path) -> dict[str, Any]:
        """The verdict (app.reports.verdict.PdfVerdict.as_json): outcome, problem, signatures."""
        from app.services.signing import verify_report

        with self.db.read() as session:
            return verify_report(self.data_dir, path, session).as_json()

    def import_package(self, path: Path, trust_new_sender: bool, passphrase: PassphraseProvider | None) -> dict[str, Any]:
        from app.services.exchange import import_package

        with self.db.transaction() as session:
            return import_package(session, self.data_dir, path, trust_new_sender=trust_new_sender, key_passphrase=passphrase)

    def resolve_conflict(self, conflict_id: str, keep: str | None = None, text: str | None = None) -> dict[str, Any]:
        from app.services.exchange import resolve_conflict

        with self.db.transaction() as session:
            return resolve_conflict(session, conflict_id, keep=keep, text_value=text)

    def export_for(self, school_id: str, out: Path, passphrase: PassphraseProvider | None) -> dict[str, Any]:
        from app.services.exchange import export_package

        with self.db.transaction() as session:
            r = export_package(session, self.data_dir, out, for_school=school_id, key_passphrase=passphrase)
            return {"path": str(r.path), "bytes": r.bytes, "changes": r.ops, "photos": r.photos, "warning": r.warning}

    def sign_report(self, source: Path, out: Path, passphrase: PassphraseProvider | None) -> dict[str, str]:
        from app.services.signing import sign_report

        with self.db.read() as session:
            field, signer = sign_report(self.data_dir, source, out, passphrase, db=session)
        return {"field": field, "signer": signer, "path": str(out)}

    def conflicts(self) -> list[dict[str, Any]]:
        from app.services.exchange import list_conflicts

        with self.db.read() as session:
            return list_conflicts(session)

"""The package fuzzer: mutated packages thrown at a laptop that trusts their sender.

Half the mutations are blind (flipped, cut, spliced or zeroed bytes of a real package); the
other half are *signed*: a trusted partner's laptop (Rob's) makes a package whose changes have
been altered at the level of their meaning (another table, record, field or value; a scope
label; a claim about which school a laptop belongs to; team rows, network members and people
moved; changes dropped or duplicated) and then correctly signed with Rob's real key, so they
pass every signature check and reach the shape, scope and authority checks.

Every import runs in a transaction that is always rolled back, so each mutation meets the same
database. What must hold for each one: it is refused with one sentence (an AppError, one line),
or it is accepted by the rules; never any other exception (an internal error). A database
fingerprint is compared every so often and at the end: nothing refused ever changed it.

Run it by hand (10,000 mutations, about a minute or two here):

    .venv/bin/python -m tests.sync.fuzz --mutations 10000 --seed 1

The test suite runs it too (tests/sync/test_fuzz.py; PEERWALK_FUZZ_MUTATIONS sets how many).
"""

from __future__ import annotations

import argparse
import copy
import random
import sqlite3
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.errors import AppError
from app.services import exchange
from app.services.capture import add_note
from app.services.reviews import plan_review
from app.services.writeup import add_finding
from app.sync import keys as sitekeys
from tests.conftest import db_fingerprint
from tests.sync import forge
from tests.sync.laptops import Laptop


class _Rollback(Exception):
    """Raised inside the import's transaction to undo an accepted mutation."""


@dataclass
class Report:
    mutations: int = 0
    refused: int = 0
    accepted: int = 0
    internal_errors: list[str] = field(default_factory=list)
    changed_by_refused: int = 0
    sentences: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def ok(self) -> bool:
        return not self.internal_errors and self.changed_by_refused == 0


TABLES = [
    "schools",
    "people",
    "networks",
    "network_members",
    "reviews",
    "review_focus_areas",
    "review_team",
    "activities",
    "notes",
    "note_attachments",
    "findings",
    "finding_evidence",
    "actions",
]
FIELDS = [
    "*",
    "text",
    "school_id",
    "role",
    "distribution",
    "host_school_id",
    "start_date",
    "deleted",
    "name",
    "kind",
    "review_id",
    "person_id",
    "network_id",
    "status",
    "writer_id",
    "title",
    "due",
    "good_practice",
    "focus_id",
]


class World:
    """Rob (Blackwater, visiting writer), trusted by Trevor (Stour Vale, visiting reviewer);
    the Technology review of Colne Valley on both, and the demo network."""

    def __init__(self, root: Path) -> None:
        self.rob = Laptop(root, "Rob Ellis", "137450")
        self.trevor = Laptop(root, "Trevor Mayhew", "137452")
        review = self.rob.do(
            plan_review,
            host="137451",
            start=date(2026, 12, 10),
            focus=["Reading"],
            reviewers=["Rob Ellis", "Trevor Mayhew"],
        )
        self.rob.do(
            add_note,
            review,
            focus="Reading",
            kind="strength",
            text="A good note",
            activity="learning-walk",
        )
        self.rob.do(add_finding, review, focus="Reading", kind="www", text="Reading is strong")
        self.trevor.import_(self.rob.export_for(self.trevor, root / "first.peerwalk"))
        self.rob.do(
            add_note,
            review,
            focus="Reading",
            kind="neutral",
            text="A second note",
            activity="meeting",
        )
        self.good = (self.rob.export_for(self.trevor, root / "good.peerwalk")).read_bytes()
        with self.rob.db.read() as s:
            self.site = exchange.site_id(s)
        self.keys = sitekeys.load_or_create(self.rob.dir, None, self.site)
        self.sender = {
            "site_id": self.site,
            "public_key": self.keys.public_key,
            "name": "Rob Ellis",
            "school_id": "137450",
            "age_recipient": self.keys.age_recipient,
        }
        con = sqlite3.connect(self.trevor.dir / "peerwalk.db")
        self.ids: dict[str, list[str]] = {
            t: [r[0] for r in con.execute(f"SELECT id FROM {t} LIMIT 40")] for t in TABLES
        }
        self.seq = (
            con.execute("SELECT max(seq) FROM changes WHERE site_id = ?", (self.site,)).fetchone()[
                0
            ]
            or 0
        ) + 10_000
        con.close()
        self.ids["reviews"].append(review)
        self.root = root

    def close(self) -> None:
        self.rob.close()
        self.trevor.close()


def _value(rng: random.Random, w: World) -> Any:  # noqa: PLR0911 (one return per kind of value)
    choice = rng.randrange(12)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.randint(-5, 2**40)
    if choice == 3:
        return rng.choice(
            ["network", "host-only", "review-team", "headteacher", "www", "ebi", "open"]
        )
    if choice == 4:
        return rng.choice(
            ["2026-12-10", "2099-01-01", "1999-12-31", "2027-02-30", "2026-12-10T09:00:00"]
        )
    if choice == 5:
        table = rng.choice(TABLES)
        return rng.choice(w.ids[table]) if w.ids[table] else str(uuid.uuid4())
    if choice == 6:
        return rng.choice(["137450", "137451", "137452", "105520", "6702345", "999999"])
    if choice == 7:
        return {"redacted": "0" * 64} if rng.random() < 0.5 else {"x": [1, 2]}
    if choice == 8:
        return ["a", 1]
    if choice == 9:
        return "x" * rng.choice([0, 1, 500, 100_001])
    return rng.choice(["Rewritten", "Ŵyr <b>&", "\x00", "a" * 30])


def _creation(rng: random.Random, w: World, table: str) -> dict[str, Any]:
    record = str(uuid.uuid4()) if table != "schools" else f"{rng.randint(100000, 999999)}"
    value: dict[str, Any] = {"id": record}
    review = rng.choice(w.ids["reviews"])
    person = rng.choice(w.ids["people"]) if w.ids["people"] else str(uuid.uuid4())
    shapes: dict[str, dict[str, Any]] = {
        "schools": {"name": "A school"},
        "people": {
            "name": "Someone",
            "role": "headteacher",
            "school_id": rng.choice(["137450", "137451", "105520"]),
        },
        "networks": {"name": "A network"},
        "network_members": {
            "network_id": rng.choice(w.ids["networks"] or [record]),
            "school_id": rng.choice(["137450", "105520"]),
        },
        "reviews": {
            "host_school_id": rng.choice(["137450", "137451", "105520"]),
            "start_date": "2026-12-10",
            "end_date": "2026-12-10",
            "distribution": rng.choice(["network", "host-only"]),
        },
        "review_team": {
            "review_id": review,
            "person_id": person,
            "role": rng.choice(["reviewer", "lead", "host-staff"]),
        },
        "notes": {
            "review_id": review,
            "focus_id": rng.choice(w.ids["review_focus_areas"] or [record]),
            "text": "planted",
            "captured_at": "2026-12-10T09:00:00",
        },
        "findings": {
            "review_id": review,
            "focus_id": rng.choice(w.ids["review_focus_areas"] or [record]),
            "kind": "ebi",
            "text": "planted",
        },
        "actions": {"review_id": review, "text": "planted"},
    }
    value.update(shapes.get(table, {"review_id": review}))
    if rng.random() < 0.2:
        value.pop(rng.choice(list(value)), None)
    return value


def _typed(rng: random.Random, w: World, kind: str, name: str) -> Any:  # noqa: PLR0911 (one return per column type)
    """A value of the column's own type, often one that means something here."""
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "int":
        return rng.randint(0, 20)
    if kind == "date":
        return rng.choice(["2026-12-10", "2027-03-01", "2026-11-02"])
    if kind == "datetime":
        return "2026-12-10T09:30:00"
    if name.endswith("school_id"):
        return rng.choice(["137450", "137451", "137452", "105520", "6702345"])
    if name.endswith("_id"):
        table = {
            "person_id": "people",
            "writer_id": "people",
            "author_id": "people",
            "owner_id": "people",
            "review_id": "reviews",
            "network_id": "networks",
            "focus_id": "review_focus_areas",
            "activity_id": "activities",
            "finding_id": "findings",
            "note_id": "notes",
        }.get(name, "people")
        return rng.choice(w.ids[table]) if w.ids[table] else str(uuid.uuid4())
    if name == "distribution":
        return rng.choice(["network", "host-only", "review-team"])
    if name == "role":
        return rng.choice(["headteacher", "reviewer", "lead", "host-staff", "governor"])
    return rng.choice(["Rewritten", "Ŵyr <b>&", "A planted sentence"])


def _well_formed(rng: random.Random, w: World) -> tuple[str, str, str, Any]:
    """(table, record, field, value) that pass the shape checks, so authority decides."""
    from app.sync.validate import IMMUTABLE, schema

    table = rng.choice(TABLES)
    columns = schema()[table]
    if rng.random() < 0.3:
        value = {
            "id": str(uuid.uuid4()) if table != "schools" else str(rng.randint(100000, 999999))
        }
        for name, col in columns.items():
            if name != "id" and (col.required or rng.random() < 0.5):
                value[name] = _typed(rng, w, col.kind, name)
        return table, value["id"], "*", value
    editable = [n for n in columns if n not in IMMUTABLE]
    name = rng.choice(editable)
    record = rng.choice(w.ids[table]) if w.ids[table] else str(uuid.uuid4())
    return table, record, name, _typed(rng, w, columns[name].kind, name)


def _signed_mutation(rng: random.Random, w: World) -> bytes:
    ops: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 4)):
        table = rng.choice(TABLES)
        fld = rng.choice(FIELDS)
        w.seq += 1
        if rng.random() < 0.7:
            table, record, fld, value = _well_formed(rng, w)
            site = w.site if rng.random() < 0.9 else str(uuid.uuid4())
            ops.append(forge.op(site, w.seq, table, record, fld, value, author="Rob Ellis"))
            continue
        if fld == "*":
            value = _creation(rng, w, table)
            record = value.get("id", str(uuid.uuid4()))
        else:
            record = (
                rng.choice(w.ids[table])
                if w.ids[table] and rng.random() < 0.9
                else str(uuid.uuid4())
            )
            value = _value(rng, w)
        site = w.site if rng.random() < 0.85 else str(uuid.uuid4())
        o = forge.op(
            site,
            w.seq if rng.random() < 0.95 else rng.choice([1, 2, 0, w.seq]),
            table,
            str(record),
            fld,
            value,
            author="Rob Ellis",
        )
        if rng.random() < 0.05:
            o["hlc"] = rng.choice(
                ["soon", f"{10**12:013d}-00000-{site}", o["hlc"].replace(site, str(uuid.uuid4()))]
            )
        ops.append(o)
    if rng.random() < 0.05 and ops:
        ops.append(copy.deepcopy(ops[0]))
    sender = dict(w.sender)
    if rng.random() < 0.08:
        sender["school_id"] = rng.choice(["137451", "105520", ""])
    if rng.random() < 0.04:
        sender["age_recipient"] = "age1" + "q" * 58
    from app.sync.scope import record_scopes

    with w.trevor.db.read() as session:
        true_scopes = record_scopes(session, ops)
    labels = {true_scopes.get((o["table"], o["record"])) for o in ops} - {None}
    scope = (
        labels.pop()
        if len(labels) == 1 and rng.random() < 0.8
        else rng.choice(["network", *w.ids["reviews"][:3], str(uuid.uuid4())])
    )
    recipients = ["137452"] if rng.random() < 0.95 else ["137451"]
    sites = None
    if rng.random() < 0.1:
        sites = [
            sender,
            *(
                {**sender, "site_id": o["site_id"], "school_id": rng.choice(["137451", "137452"])}
                for o in ops
                if o["site_id"] != sender["site_id"]
            ),
        ]
        sites = list({s["site_id"]: s for s in sites}.values())
    return forge.package(w.keys, sender, recipients, ops, scope=scope, sites=sites)


def blind_mutation(rng: random.Random, original: bytes) -> bytes:
    data = bytearray(original)
    kind = rng.choice(["flip", "cut", "splice", "zero"])
    if kind == "flip":
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == "cut":
        data = data[: rng.randrange(len(data))]
    elif kind == "splice":
        at = rng.randrange(len(data))
        data[at:at] = rng.randbytes(rng.randint(1, 64))
    else:
        at = rng.randrange(len(data))
        data[at : at + 32] = bytes(32)
    return bytes(data)


# What Rob's school (Blackwater, 137450) may never change on Trevor's laptop, whatever it
# signs: it hosts none of these reviews, so their host, dates, distribution, writer and team
# are not its to change; nor are other schools' people and records (docs/authority.md).
_GUARDED = (
    "SELECT id, host_school_id, start_date, end_date, distribution, network_id, writer_id, "
    "deleted FROM reviews ORDER BY id",
    "SELECT id, review_id, person_id, role, deleted FROM review_team ORDER BY id",
    "SELECT id, school_id, role, deleted FROM people WHERE school_id IS NOT '137450' ORDER BY id",
    "SELECT id, name, phase, type, local_authority, deleted FROM schools WHERE id != '137450' "
    "ORDER BY id",
)


def _guarded(session: Any) -> list[Any]:
    from sqlalchemy import text

    return [session.execute(text(q)).all() for q in _GUARDED]


def _attempt(w: World, path: Path) -> str | None:
    """Import in a transaction that is always undone. Returns the refusal sentence, or None
    when the package was accepted (having checked that it changed nothing Rob's school may not
    change). Other exceptions propagate (they are internal errors)."""
    try:
        with w.trevor.db.transaction() as s:
            before = _guarded(s)
            exchange.import_package(
                s, w.trevor.dir, path, trust_new_sender=False, clock=w.trevor.clock
            )
            after = _guarded(s)
            for old, new in zip(before, after, strict=True):
                gone = set(old) - set(new)
                if gone:
                    raise AssertionError(
                        f"an accepted package changed what its sender may not: {sorted(gone)[:2]}"
                    )
            raise _Rollback
    except _Rollback:
        return None
    except AppError as exc:
        return str(exc)


def run(mutations: int, seed: int, root: Path | None = None) -> Report:
    import keyring

    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    own = root is None
    base = Path(tempfile.mkdtemp(prefix="peerwalk-fuzz-")) if root is None else root
    w = World(base)
    rng = random.Random(seed)
    report = Report()
    start = time.perf_counter()
    before = db_fingerprint(w.trevor.dir)
    attachments = (
        sorted(p.name for p in (w.trevor.dir / "attachments").glob("*"))
        if (w.trevor.dir / "attachments").exists()
        else []
    )
    path = base / "mutant.peerwalk"
    try:
        for i in range(mutations):
            path.write_bytes(_signed_mutation(rng, w) if i % 2 else blind_mutation(rng, w.good))
            report.mutations += 1
            try:
                sentence = _attempt(w, path)
            except Exception as exc:  # an internal error: the one thing that must never happen
                report.internal_errors.append(f"mutation {i}: {type(exc).__name__}: {exc}"[:300])
                continue
            if sentence is None:
                report.accepted += 1
            else:
                report.refused += 1
                report.sentences[sentence.split(";")[0][:70]] += 1
                if "\n" in sentence:
                    report.internal_errors.append(
                        f"mutation {i}: a refusal of more than one line: {sentence!r}"[:300]
                    )
            if i % 500 == 499 and db_fingerprint(w.trevor.dir) != before:
                report.changed_by_refused += 1
        if db_fingerprint(w.trevor.dir) != before:
            report.changed_by_refused += 1
        now = (
            sorted(p.name for p in (w.trevor.dir / "attachments").glob("*"))
            if (w.trevor.dir / "attachments").exists()
            else []
        )
        if now != attachments:
            report.changed_by_refused += 1
    finally:
        report.seconds = time.perf_counter() - start
        w.close()
        keyring.set_keyring(previous)
        if own:
            import shutil

            shutil.rmtree(base, ignore_errors=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    r = run(args.mutations, args.seed)
    print(
        f"{r.mutations} mutations in {r.seconds:.0f} s: {r.refused} refused with a sentence, "
        f"{r.accepted} accepted by the rules, "
        f"{len(r.internal_errors)} internal errors, {r.changed_by_refused} changes from refused "
        "packages"
    )
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends it quietly
    for sentence, n in r.sentences.most_common(25):
        print(f"  {n:6d}  {sentence}")
    for e in r.internal_errors[:20]:
        print("  ERROR", e)
    raise SystemExit(0 if r.ok() else 1)


if __name__ == "__main__":
    main()

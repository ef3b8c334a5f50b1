"""Checks on the ops inside a package, made before anything is applied: shapes, column types,
clocks, and that every op is signed by its own site.

A trusted partner's laptop can still be buggy (or stolen): everything it signs is checked
here against the schema, so that applying a verified package cannot fail half-way or write a
value the database or the merge would choke on. Every failure is an IntegrityFailure with
one plain sentence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from app.errors import IntegrityFailure
from app.sync import keys as sitekeys
from app.sync.canonical import (
    CHAINED_BATCHES,
    OP_FIELDS,
    batch_hash,
    batch_statement,
    chain_hash,
    is_redacted,
    lines_hash,
)
from app.vocabulary import (
    ACTION_STATUSES,
    ACTIVITY_KINDS,
    DISTRIBUTIONS,
    FINDING_KINDS,
    ID_LENGTH,
    NETWORK_KINDS,
    NOTE_KINDS,
    PUBLISHED_STAGES,
    ROLES,
    STATUSES,
    TEAM_ROLES,
)

MAX_SEEN = 64
MAX_TEXT = 100_000
MAX_AUTHOR = 200  # a person's name as a change line carries it
MAX_SCOPE = 60  # "network:" or "review:" and an id
MAX_DATE_TEXT = 40  # the longest ISO date or date-time text a value may be
# A hybrid logical clock as the change recorder writes it: milliseconds, counter, site id.
_HLC = re.compile(r"^(\d{13})-(\d{5})-([0-9A-Za-z-]{1,36})$")
HLC_MIN_MS = 946_684_800_000  # 2000-01-01: nothing older was ever made by Peerwalk
HLC_MAX_MS = 7_258_118_400_000  # 2200-01-01: a clock beyond this is broken or forged
# Fields that say where a record belongs (which review, which note or finding): set when it
# is made and never edited, because who may receive a record follows from them.
IMMUTABLE = frozenset(
    {"id", "review_id", "note_id", "finding_id", "sha256", "network_id", "person_id"}
)
# Fields with a fixed vocabulary (app/vocabulary.py): (table, field) -> (the words, what a
# refusal says was given). A value outside it is what the window, the reports and the rules
# of who may change what were never written for (a "kind" that is neither WWW nor EBI, a role
# no list shows). Sign-off events' kinds are checked with who may claim each
# (app/sync/signoff_claims.py).
VOCABULARY: dict[tuple[str, str], tuple[frozenset[Any], str]] = {
    ("people", "role"): (frozenset(ROLES), "a person a role"),
    ("notes", "kind"): (frozenset(NOTE_KINDS), "a note a kind"),
    ("findings", "kind"): (frozenset(FINDING_KINDS), "a statement a kind"),
    ("actions", "status"): (frozenset(ACTION_STATUSES), "a next step a status"),
    ("review_team", "role"): (frozenset(TEAM_ROLES), "a member of a review's team a role"),
    ("activities", "kind"): (frozenset(ACTIVITY_KINDS), "an agenda item a kind"),
    ("networks", "kind"): (frozenset(NETWORK_KINDS), "a network a kind"),
    ("reviews", "status"): (frozenset(STATUSES), "a review a status"),
    ("reviews", "distribution"): (frozenset(DISTRIBUTIONS), "a review a distribution"),
    ("published_status", "stage"): (frozenset(PUBLISHED_STAGES), "a school's stage a value"),
}


@dataclass(frozen=True)
class Column:
    kind: str  # "str", "int", "bool", "date", "datetime"
    nullable: bool
    required: bool  # NOT NULL without a default: a creation must give it


@cache
def schema() -> dict[str, dict[str, Column]]:
    """Every synced table's content columns, read from the models."""
    from sqlalchemy import Boolean, Date, DateTime, Integer
    from sqlalchemy.orm import class_mapper

    from app.models import SYNCED_TABLES
    from app.models.base import META_FIELDS

    out: dict[str, dict[str, Column]] = {}
    for name, cls in SYNCED_TABLES.items():
        cols = {}
        for attr in class_mapper(cls).column_attrs:
            if attr.key in META_FIELDS:
                continue
            c = attr.columns[0]
            t = c.type
            kind = (
                "bool"
                if isinstance(t, Boolean)
                else "int"
                if isinstance(t, Integer)
                else "datetime"
                if isinstance(t, DateTime)
                else "date"
                if isinstance(t, Date)
                else "str"
            )
            cols[attr.key] = Column(kind, bool(c.nullable), not c.nullable and c.default is None)
        out[name] = cols
    return out


def _is_date(v: Any) -> bool:
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _is_datetime(v: Any) -> bool:
    try:
        datetime.fromisoformat(v)
    except ValueError:
        return False
    return True


_KIND_OK = {
    "str": lambda v: type(v) is str and len(v) <= MAX_TEXT,
    "bool": lambda v: type(v) is bool,
    "int": lambda v: type(v) is int and -(2**63) <= v < 2**63,
    "date": lambda v: type(v) is str and len(v) <= MAX_DATE_TEXT and _is_date(v),
    "datetime": lambda v: type(v) is str and len(v) <= MAX_DATE_TEXT and _is_datetime(v),
}


def value_ok(col: Column, v: Any) -> bool:
    """Is ``v`` (as JSON) a value this column can hold?"""
    return col.nullable if v is None else _KIND_OK[col.kind](v)


@cache
def _checkers() -> dict[str, tuple[dict[str, Any], frozenset[str]]]:
    """Per table: a value check per column (None allowed where nullable), required columns."""
    out = {}
    for table, cols in schema().items():
        checks = {}
        for name, col in cols.items():
            ok = _KIND_OK[col.kind]
            checks[name] = (
                (lambda v, ok=ok: v is None or ok(v))
                if col.nullable
                else (lambda v, ok=ok: v is not None and ok(v))
            )
        out[table] = (checks, frozenset(k for k, c in cols.items() if c.required))
    return out


_OP_KEYS = frozenset(OP_FIELDS)


def _op_ok(  # noqa: PLR0911 (a validator: each failed check answers False at once)
    op: Any, tables: dict[str, tuple[dict[str, Any], frozenset[str]]]
) -> bool:
    if not (
        type(op) is dict
        and op.keys() == _OP_KEYS
        and type(op["id"]) is str
        and len(op["id"]) == ID_LENGTH
        and type(op["site_id"]) is str
        and 0 < len(op["site_id"]) <= ID_LENGTH
        and type(op["seq"]) is int
        and 0 < op["seq"] < 2**62
        and type(op["hlc"]) is str
        and op["table"] in tables
        and type(op["record"]) is str
        and 0 < len(op["record"]) <= ID_LENGTH
        and type(op["field"]) is str
        and type(op["author"]) is str
        and len(op["author"]) <= MAX_AUTHOR
        and type(op["seen"]) is list
        and len(op["seen"]) <= MAX_SEEN
        and type(op["batch"]) is str
        and len(op["batch"]) == ID_LENGTH
    ):
        return False
    for s in op["seen"]:
        if type(s) is not str or len(s) != ID_LENGTH:
            return False
    m = _HLC.match(op["hlc"])
    if m is None or not HLC_MIN_MS <= int(m.group(1)) <= HLC_MAX_MS:
        return False
    checks, required = tables[op["table"]]
    if is_redacted(op["value"]):
        # Erased: only its digest is left (checked with its batch). A creation can be erased
        # too; the record then waits, like one whose creation has not arrived.
        return type(op["value"]["redacted"]) is str and (
            op["field"] == "*" or (op["field"] in checks and op["field"] not in IMMUTABLE)
        )
    if op["field"] == "*":
        value = op["value"]
        if (
            type(value) is not dict
            or value.get("id") != op["record"]
            or not required <= value.keys()
        ):
            return False
        for k, v in value.items():
            check = checks.get(k)
            if check is None or not check(v):
                return False
        return True
    check = checks.get(op["field"])
    return check is not None and op["field"] not in IMMUTABLE and check(op["value"])


def _outside_vocabulary(op: dict[str, Any]) -> str | None:
    """What a well-formed change gives outside its field's fixed words (``VOCABULARY``), as
    a refusal words it; None when nothing."""
    if is_redacted(op["value"]):
        return None
    value = op["value"]
    given = list(value.items()) if op["field"] == "*" else [(op["field"], value)]
    for key, value in given:
        words = VOCABULARY.get((op["table"], key))
        # bool is an int: True is not a stage.
        if words is not None and (type(value) is bool or value not in words[0]):
            return words[1]
    return None


def check_op_shapes(ops: list[Any]) -> None:
    """Every op is a well-formed change of a synced table's content column, with a value of
    that column's type (and of its fixed words, where it has some), a sane clock, and an id
    and (site, sequence) used once."""
    tables = _checkers()
    ids: set[str] = set()
    seqs: set[tuple[str, int]] = set()
    for op in ops:
        if not _op_ok(op, tables):
            raise IntegrityFailure("The package contains a malformed change; it was not applied.")
        unknown = _outside_vocabulary(op)
        if unknown is not None:
            raise IntegrityFailure(
                f"The package contains a malformed change: it gives {unknown} this version of "
                "Peerwalk does not know; it was not applied."
            )
        key = (op["site_id"], op["seq"])
        if op["id"] in ids or key in seqs:
            raise IntegrityFailure(
                "The package contains the same change twice; it was not applied."
            )
        ids.add(op["id"])
        seqs.add(key)


def check_batches(
    manifest: dict[str, Any], ops: list[dict[str, Any]], lines: list[bytes] | None = None
) -> None:
    """Every op belongs to a batch signed by the site that made it, with that site's key as
    listed in the manifest. A sender relaying another school's ops cannot alter them."""
    try:
        sites = {s["site_id"]: s for s in manifest["sites"]}
        batches = {b["id"]: b for b in manifest["batches"]}
    except (KeyError, TypeError):
        raise IntegrityFailure("The package's manifest is malformed.") from None
    by_batch: dict[str, list[dict[str, Any]]] = {}
    raw: dict[str, list[tuple[int, bytes]]] = {}
    for i, op in enumerate(ops):
        by_batch.setdefault(op["batch"], []).append(op)
        if lines is not None:
            raw.setdefault(op["batch"], []).append((op["seq"], lines[i]))
    if set(by_batch) != set(batches):
        raise IntegrityFailure("The package's changes do not match its list of signed batches.")
    for batch_id, batch_ops in by_batch.items():
        b = batches[batch_id]
        site = sites.get(b.get("site_id"))
        # The clock's last part names the site too (it breaks ties between laptops).
        if site is None or any(
            op["site_id"] != b["site_id"] or op["hlc"][20:] != b["site_id"] for op in batch_ops
        ):
            raise IntegrityFailure(
                "The package contains changes that claim to be from another school's laptop than "
                "the one that signed them."
            )
        # Lines travel in canonical form, so the received bytes are hashed as they are; a line
        # in any other form fails here, like an altered one.
        digest = (
            lines_hash([line for _, line in sorted(raw[batch_id], key=lambda x: x[0])])
            if lines is not None
            else batch_hash(batch_ops)
        )
        if b.get("op_count") != len(batch_ops) or b.get("ops_hash") != digest:
            raise IntegrityFailure(
                "A batch of changes in the package was altered after it was signed."
            )
        _check_signature(b, site, version=1)


def _check_signature(b: dict[str, Any], site: dict[str, Any], version: int) -> None:
    try:
        statement = batch_statement(b, version)
        scope_ok = isinstance(b["scope"], str) and 0 < len(b["scope"]) <= MAX_SCOPE
    except (KeyError, TypeError):
        raise IntegrityFailure("The package's manifest is malformed.") from None
    if not scope_ok or not sitekeys.verify(
        site.get("public_key", ""), b.get("signature", ""), statement
    ):
        raise IntegrityFailure(
            "The package contains changes whose author signature does not verify."
        )


def check_signed_batches(
    manifest: dict[str, Any],
    batches: list[tuple[dict[str, Any], list[bytes], list[dict[str, Any]]]],
) -> None:
    """Format 2: each batch's lines (in their own member, in sequence order) against the
    signature of the site that made them, as listed in the manifest. A batch entry without
    a version is a format-1 batch being relayed: its lines are hashed whole. A format-2
    batch signs each change's envelope and value digest, so a value replaced by its
    redaction marker still verifies and any other change to a line does not.
    ``batches`` holds (manifest entry, lines, parsed ops). Raises IntegrityFailure."""
    sites = {s["site_id"]: s for s in manifest["sites"]}
    for b, lines, ops in batches:
        site = sites.get(b.get("site_id"))
        if any(op["batch"] != b["id"] for op in ops):
            raise IntegrityFailure("The package's changes do not match its list of signed batches.")
        if site is None or any(
            op["site_id"] != b["site_id"] or op["hlc"][20:] != b["site_id"] for op in ops
        ):
            raise IntegrityFailure(
                "The package contains changes that claim to be from another school's laptop than "
                "the one that signed them."
            )
        version = b.get("version", 1)
        try:
            digest = chain_hash(lines) if version == CHAINED_BATCHES else lines_hash(lines)
        except ValueError:
            digest = None
        in_order = all(a["seq"] < c["seq"] for a, c in itertools.pairwise(ops))
        if not in_order or b.get("op_count") != len(ops) or b.get("ops_hash") != digest:
            raise IntegrityFailure(
                "A batch of changes in the package was altered after it was signed."
            )
        _check_signature(b, site, version)

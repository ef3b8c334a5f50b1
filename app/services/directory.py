"""Who can I go to for X? Released good practice and declared strengths that share words with
what a person is looking for.

Reads through a SQLAlchemy Session or a bare sqlite3 connection alike (report_source.rows), so
the command line answers without loading SQLAlchemy (its start-up is the benchmark's floor).
Nothing here imports SQLAlchemy or the models.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.dates import display_date
from app.errors import InvalidInput, NotFound
from app.services.report_source import rows

_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)
# Words that match everything in a directory of school practice.
_COMMON = frozenset(
    (
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "are",
        "was",
        "were",
        "from",
        "have",
        "has",
        "into",
        "their",
        "our",
        "they",
        "them",
        "its",
        "all",
        "can",
        "more",
        "most",
        "very",
        "well",
        "better",
        "even",
        "pupils",
        "pupil",
        "students",
        "student",
        "children",
        "teachers",
        "teacher",
        "staff",
        "school",
        "schools",
        "lessons",
        "lesson",
        "learning",
        "year",
        "years",
        "teaching",
        "taught",
        "class",
        "classes",
        "group",
        "groups",
        "develop",
        "further",
        "ways",
        "time",
        "work",
        "make",
        "made",
        "use",
        "used",
        "also",
        "some",
        "both",
        "each",
        "every",
        "new",
        "able",
        "when",
        "where",
        "which",
        "while",
        "there",
        "then",
        "than",
        "what",
        "how",
        "who",
        "should",
        "could",
        "would",
        "not",
        "yet",
    )
)


@dataclass(frozen=True)
class Found:
    """One answer to "who can I go to for X?"."""

    kind: str  # "released practice" | "strength"
    id: str
    school_id: str
    school: str
    phase: str
    area: str
    text: str
    contact: str
    contact_email: str
    evidence: str  # "Peer review, 12 Nov 2026" or "Declared by the school"
    review_date: date | None
    score: int


def words_of(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)} - _COMMON


def network_id(db: Any, ref: str) -> str:
    """A network by name (any case), id or the start of its id. Raises NotFound."""
    ref = ref.strip()
    live = rows(db, "SELECT id, name FROM networks WHERE deleted = 0")
    for r in live:
        if r["name"].casefold() == ref.casefold() or r["id"] == ref:
            return str(r["id"])
    starts = [r for r in live if len(ref) >= 4 and str(r["id"]).startswith(ref)]  # noqa: PLR2004
    if len(starts) == 1:
        return str(starts[0]["id"])
    near = difflib.get_close_matches(ref, [r["name"] for r in live], n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise NotFound(f"There is no network '{ref}'.{hint}")


def directory(
    db: Any,
    text: str,
    *,
    phase: str | None = None,
    network: str | None = None,
    exclude_school: str | None = None,
    limit: int = 50,
) -> list[Found]:
    """Released practice and declared strengths that share words with ``text``, best first
    (more shared words, then practice resting on a review, then the newer). Raises NotFound
    for an unknown network; InvalidInput when ``text`` has no word to look for."""
    wanted = words_of(text)
    if not wanted:
        raise InvalidInput("Say what you are looking for in a word or two, such as 'phonics'.")
    where, params = "", {}
    if network:
        where = (
            " AND s.id IN (SELECT school_id FROM network_members"
            " WHERE network_id = :net AND deleted = 0)"
        )
        params["net"] = network_id(db, network)
    if phase:
        where += " AND lower(s.phase) = lower(:phase)"
        params["phase"] = phase
    if exclude_school:
        where += " AND s.id != :me"
        params["me"] = exclude_school
    sql = (
        "SELECT 'released practice' AS kind, x.id, s.id AS school_id, s.name AS school, s.phase,"
        " x.focus AS area, x.statement || char(10) || x.summary AS body, x.review_date AS day,"
        " p.name AS contact, p.email, p.deleted AS gone"
        " FROM released_practice x JOIN schools s ON s.id = x.school_id"
        " LEFT JOIN people p ON p.id = x.contact_id WHERE x.deleted = 0 AND s.deleted = 0"
        + where
        + " UNION ALL "
        "SELECT 'strength', x.id, s.id, s.name, s.phase, x.area, x.text, NULL,"
        " p.name, p.email, p.deleted"
        " FROM school_strengths x JOIN schools s ON s.id = x.school_id"
        " LEFT JOIN people p ON p.id = x.contact_id WHERE x.deleted = 0 AND s.deleted = 0" + where
    )
    out = []
    for r in rows(db, sql, **params):
        score = len(wanted & words_of(f"{r['area']} {r['body']}"))
        if not score:
            continue
        day = r["day"]
        when = date.fromisoformat(day) if isinstance(day, str) else day
        here = r["contact"] is not None and not r["gone"]
        out.append(
            Found(
                kind=r["kind"],
                id=r["id"],
                school_id=r["school_id"],
                school=r["school"],
                phase=r["phase"] or "",
                area=r["area"] or "",
                text=(r["body"] or "").strip(),
                contact=r["contact"] if here else "",
                contact_email=(r["email"] or "") if here else "",
                evidence=f"Peer review, {display_date(when)}" if when else "Declared by the school",
                review_date=when,
                score=score,
            )
        )
    out.sort(
        key=lambda f: (
            -f.score,
            f.kind != "released practice",
            -(f.review_date or date.min).toordinal(),
        )
    )
    return out[:limit]

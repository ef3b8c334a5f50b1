"""Which review (if any) each change belongs to, and who may receive it.

Trust rules (PRODUCT.md): a review's content goes only to its host school and the schools of
its visiting team, unless the host school chose to share it with its network; schools, people,
networks and people's signing certificates are network set-up and travel to partners;
safeguarding never travels (it is not in the change log at all).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import IntegrityFailure
from app.models import NetworkMember, Person, Review, TeamMember

NETWORK = "network"
# A change whose review could not be found: it never travels (fail closed, never to everyone).
UNSHARED = "unshared"
# Signing certificates travel like people: to partners, so their signatures are trusted. (Who may
# publish one, only laptops of the certificate's person's school, is an authority rule.)
NETWORK_TABLES = (
    "schools",
    "people",
    "networks",
    "network_members",
    "signing_certificates",
    "rota_visits",
    "released_practice",
    "school_strengths",
    "published_status",
)
REVIEW_CHILDREN = (
    "review_focus_areas",
    "review_team",
    "activities",
    "notes",
    "findings",
    "actions",
    "finding_comments",
    "review_events",
)
# Link records belong to the review of their parent: (parent table, the field naming it).
LINKS = {"finding_evidence": ("findings", "finding_id"), "note_attachments": ("notes", "note_id")}


def scopes_of(
    session: Session, ops: Iterable[tuple[str, str, object]]
) -> dict[tuple[str, str], str]:
    """(table, record) -> scope for each op given as (table, record, create value or None)."""
    from sqlalchemy import text

    out: dict[tuple[str, str], str] = {}
    pending: dict[str, set[str]] = {}
    for table, record, value in ops:
        if table == "reviews":
            out[(table, record)] = record
        elif table in NETWORK_TABLES:
            out[(table, record)] = NETWORK
        elif isinstance(value, dict) and "review_id" in value:
            out[(table, record)] = str(value["review_id"])
        else:
            pending.setdefault(table, set()).add(record)
    for table, records in pending.items():
        ids = list(records)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join(f":p{n}" for n in range(len(chunk)))
            params = {f"p{n}": v for n, v in enumerate(chunk)}
            if table in REVIEW_CHILDREN:
                sql = f"SELECT id, review_id FROM {table} WHERE id IN ({marks})"
            elif table == "finding_evidence":
                sql = f"SELECT fe.id, f.review_id FROM finding_evidence fe JOIN findings f ON f.id = fe.finding_id WHERE fe.id IN ({marks})"
            elif table == "note_attachments":
                sql = f"SELECT na.id, n.review_id FROM note_attachments na JOIN notes n ON n.id = na.note_id WHERE na.id IN ({marks})"
            else:
                raise RuntimeError(
                    f"no sharing rule for table {table}: add one to app/sync/scope.py"
                )
            for rid, review in session.execute(text(sql), params):
                out[(table, rid)] = review
    return out


def record_scopes(session: Session, ops: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(table, record) -> the scope each op's record really has, as far as the package and
    this database tell (links follow their parent, also when it is new in the package)."""
    scopes = scopes_of(
        session, [(o["table"], o["record"], o["value"] if o["field"] == "*" else None) for o in ops]
    )
    parents: list[tuple[tuple[str, str], tuple[str, str]]] = []
    for o in ops:
        key = (o["table"], o["record"])
        if key not in scopes and o["field"] == "*" and o["table"] in LINKS:
            table, field = LINKS[o["table"]]
            parents.append((key, (table, str(o["value"].get(field)))))
    missing = {p for _, p in parents if p not in scopes}
    if missing:
        scopes.update(scopes_of(session, [(t, r, None) for t, r in missing]))
    for key, parent in parents:
        if parent in scopes:
            scopes[key] = scopes[parent]
    return scopes


def check_batch_scopes(
    session: Session, batches: dict[str, str], ops: list[dict[str, Any]]
) -> None:
    """Every op is in a batch labelled with the scope its record really has, so that relaying
    a batch onwards, which follows its label, can never pass a review's content to a school
    outside it. ``batches`` maps batch id to its signed scope. Raises IntegrityFailure."""
    scopes = record_scopes(session, ops)
    for o in ops:
        actual = scopes.get((o["table"], o["record"]))
        if actual is not None and actual != batches[o["batch"]]:
            raise IntegrityFailure(
                "The package labels some of a review's changes as belonging elsewhere; it was not applied."
            )


def schools_allowed(session: Session, review_id: str) -> set[str]:
    """Schools that may receive a review's content."""
    return allowed_by_review(session).get(review_id, set())


def _membership_deciders(session: Session) -> dict[tuple[str, str], set[str]]:
    """(network, school) -> the schools whose laptops made that membership: this laptop's own
    school for memberships made here, the pinned school of the laptop for received ones."""
    from sqlalchemy import text

    settings = dict(
        session.execute(
            text("SELECT key, value FROM settings WHERE key IN ('site_id', 'school_id')")
        ).all()
    )
    site_school = dict(
        session.execute(text("SELECT site_id, school_id FROM sites WHERE trusted = 1")).all()
    )
    if settings.get("site_id"):
        site_school[settings["site_id"]] = settings.get("school_id", "") or "(this laptop)"
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    rows = session.execute(
        text(
            "SELECT nm.network_id, nm.school_id, c.site_id FROM network_members nm "
            "JOIN changes c ON c.table_name = 'network_members' AND c.record_id = nm.id AND c.field = '*' "
            "WHERE nm.deleted = 0"
        )
    )
    for network, school, site in rows:
        out[(network, school)].add(site_school.get(site, ""))
    return out


def allowed_by_review(session: Session) -> dict[str, set[str]]:
    """Who may receive each review's content, decided from the host's own data only: its host
    school, the schools of its visiting team, and, when the host shares it with its network,
    the network's schools as the host school's laptops (or this laptop) made them members. A
    membership received from any other school never adds a recipient (docs/authority.md)."""
    members: dict[str, set[str]] = defaultdict(set)
    for network_id, school_id in session.execute(
        select(NetworkMember.network_id, NetworkMember.school_id).where(
            NetworkMember.deleted.is_(False)
        )
    ):
        members[network_id].add(school_id)
    deciders = _membership_deciders(session)
    team: dict[str, set[str]] = defaultdict(set)
    for review_id, school_id in session.execute(
        select(TeamMember.review_id, Person.school_id)
        .join(Person, Person.id == TeamMember.person_id)
        .where(TeamMember.role != "host-staff", TeamMember.deleted.is_(False))
    ):
        if school_id:
            team[review_id].add(school_id)
    from sqlalchemy import text

    me = (
        session.execute(text("SELECT value FROM settings WHERE key = 'school_id'")).scalar()
        or "(this laptop)"
    )
    out = {}
    for rid, host, distribution, network_id in session.execute(
        select(Review.id, Review.host_school_id, Review.distribution, Review.network_id)
    ):
        allowed = {host} | team[rid]
        if distribution == "network" and network_id:
            allowed |= {
                s for s in members[network_id] if deciders.get((network_id, s), set()) & {host, me}
            }
        out[rid] = allowed
    return out


__all__ = [
    "NETWORK",
    "UNSHARED",
    "allowed_by_review",
    "check_batch_scopes",
    "record_scopes",
    "schools_allowed",
    "scopes_of",
]

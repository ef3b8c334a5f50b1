"""Who may change what: every change in a package is a claim by the laptop that signed it,
checked against what that laptop's school may change (docs/authority.md, one table).

The acting school of a change is the school of the laptop that made it, as pinned on this
laptop when the user trusted that laptop from its own signed package. A laptop heard of only
through a relayer has no pinned school: its changes are held back (not applied, not
acknowledged, so they are simply sent again) until this laptop meets it.

``authorise`` reads the database and the package and raises nothing: it returns the batches
to hold back and, if some change may not be made by its author, a ``Refusal`` naming who tried
what. The caller refuses the whole package on a refusal (nothing is applied).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Change, NetworkMember, Person, Review, School, Site, TeamMember
from app.models.base import table_of
from app.models.changes import CREATE
from app.sync.scope import REVIEW_CHILDREN, record_scopes, scopes_of

# A review's fields that say where it goes and who takes part: the host school's alone.
REVIEW_HOST_FIELDS = frozenset(
    {
        "host_school_id",
        "start_date",
        "end_date",
        "distribution",
        "network_id",
        "writer_id",
        "deleted",
        "context",
        "follows_id",
    }
)
# The host school's own words and decisions inside a review's content: its self-evaluation of
# each focus area, and whether its next steps are done and with what impact (the next steps
# are the school's to carry out; the visiting team judges them at the next visit, in its own
# statements). Table -> (fields, what a refusal says was tried).
HOST_ONLY_CONTENT = {
    "review_focus_areas": (frozenset({"self_evaluation", "look_at"}), "write the self-evaluation"),
    "actions": (frozenset({"status", "impact"}), "mark the next steps done, or their impact, in"),
}

# The visiting team's own words: its statements (WWW/EBI, focus, good-practice flag, the view
# now of an earlier EBI), the evidence they rest on, and the next steps agreed at the feedback
# meeting (their words, owner, date, EBI, and whether they stand). The host school comments on
# statements (the factual-accuracy round) and reports on its next steps; it never writes,
# rewords, deletes or re-links them, or a host could slip words into a report its writer then
# signs. Table -> (fields, None for every field; what a refusal says was tried).
TEAM_ONLY_CONTENT: dict[str, tuple[frozenset[str] | None, str]] = {
    "findings": (None, "write, reword or delete the statements of"),
    "finding_evidence": (None, "link or unlink the evidence of the statements of"),
    "actions": (
        frozenset({"text", "owner_id", "due", "finding_id", "deleted"}),
        "write, reword, reassign or delete the next steps of",
    ),
}

# Its content: the host school and the schools of its visiting team.
REVIEW_CONTENT_TABLES = frozenset(
    {
        "review_focus_areas",
        "activities",
        "notes",
        "findings",
        "actions",
        "finding_evidence",
        "note_attachments",
        "review_events",
    }
)
PERSON_OWN_FIELDS = frozenset({"school_id", "role", "deleted"})
# A person's name and email: the report prints the name in its signature boxes (a box refuses
# a certificate whose name differs), so they are their school's to correct, or the laptop's
# that alone typed them in (a typo fixed where it was made).
PERSON_NAMED_FIELDS = frozenset({"name", "email"})
# People a record names whose school a rule checks: a comment's author (one of the host
# school's people) and whose signature a sign-off event records.
_NAMED_PEOPLE = {"finding_comments": ("author_id",), "review_events": ("person_id",)}


def _refs(op: dict[str, Any]) -> list[tuple[str, Any]]:
    """(field, value) for each field a change sets: every field of a creation, or its one."""
    if op["field"] == CREATE:
        return list(op["value"].items()) if isinstance(op["value"], dict) else []
    return [(op["field"], op["value"])]


@dataclass(frozen=True)
class Refusal:
    """A change its author's school may not make: ``site`` made it, trying ``what``; only
    ``who`` may."""

    site: str
    what: str
    who: str


@dataclass
class Decision:
    held: set[str] = field(default_factory=set)  # batch ids from laptops not yet met
    held_sites: set[str] = field(default_factory=set)
    refusal: Refusal | None = None
    # A review this laptop does not hold, changed by the package without its creation: its
    # host and team are unknown here, so who may change it cannot be judged (review id).
    orphan: str | None = None


@dataclass
class _World:
    """What this database and the package say, as far as authority needs it."""

    site_school: dict[str, str]
    scopes: dict[tuple[str, str], str]
    reviews: dict[str, dict[str, Any]]  # id -> {host, distribution} (database, else the package)
    review_created_here: set[str]
    team_schools: dict[str, set[str]]
    person_school: dict[str, str | None]
    network_members: dict[str, set[str]]
    creations: dict[tuple[str, str], list[dict[str, Any]]]  # creations already in the log
    creators: dict[tuple[str, str], set[str]]  # sites that created each record (log or package)
    batch_scope: dict[str, str] = field(default_factory=dict)  # batch id -> its signed scope
    # What a school shares, created in this package: (table, record) -> the school it names.
    package_owners: dict[tuple[str, str], str] = field(default_factory=dict)
    # The review of each record a change links to (a comment's statement, an evidence's note,
    # a view now's earlier EBI), as this laptop or the package says: (table, record) -> review.
    linked: dict[tuple[str, str], str] = field(default_factory=dict)
    # Sign-off events each review holds here or in the package: review -> kinds.
    events: dict[str, set[str]] = field(default_factory=dict)


def _chunks(items: list[str], n: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _world(  # noqa: PLR0912 (gathers each kind of record the changes touch, in turn)
    session: Session, ops: list[dict[str, Any]], site_school: dict[str, str], labels: set[str]
) -> _World:
    scopes = record_scopes(session, ops)
    review_ids = sorted(
        (
            {v for v in scopes.values()}
            | labels
            | {o["record"] for o in ops if o["table"] == "reviews"}
            | {
                str(v)
                for o in ops
                if o["table"] == "reviews"
                for k, v in _refs(o)
                if k == "follows_id" and v
            }
        )
        - {"network", "unshared"}
    )
    reviews: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(review_ids):
        for rid, host, dist, writer, follows in session.execute(
            select(
                Review.id,
                Review.host_school_id,
                Review.distribution,
                Review.writer_id,
                Review.follows_id,
            ).where(Review.id.in_(chunk))
        ):
            reviews[rid] = {
                "host": host,
                "distribution": dist,
                "writer": writer,
                "follows": follows,
            }
    review_created_here = set(reviews)
    for o in ops:
        if o["table"] == "reviews" and o["field"] == CREATE and o["record"] not in reviews:
            reviews[o["record"]] = {
                "host": o["value"].get("host_school_id"),
                "distribution": o["value"].get("distribution", "host-only"),
                "writer": o["value"].get("writer_id"),
                "follows": o["value"].get("follows_id"),
            }
    for o in ops:
        if o["table"] == "reviews" and o["field"] == "follows_id" and o["record"] in reviews:
            reviews[o["record"]]["follows"] = o["value"]
    person_ids = {
        str(o["value"].get("person_id"))
        for o in ops
        if o["table"] in ("review_team", "signing_certificates") and o["field"] == CREATE
    }
    person_ids |= {o["record"] for o in ops if o["table"] == "people"}
    person_ids |= {str(r["writer"]) for r in reviews.values() if r.get("writer")}
    person_ids |= {
        str(v) for o in ops for k, v in _refs(o) if k in _NAMED_PEOPLE.get(o["table"], ()) and v
    }
    person_ids |= {str(c) for c in map(_contact_of, ops) if c}
    team: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(review_ids):
        rows = session.execute(
            select(TeamMember.review_id, Person.school_id)
            .join(Person, Person.id == TeamMember.person_id)
            .where(
                TeamMember.review_id.in_(chunk),
                TeamMember.role != "host-staff",
                TeamMember.deleted.is_(False),
            )
        )
        for rid, school in rows:
            if school:
                team[rid].add(school)
    person_school: dict[str, str | None] = {}
    for chunk in _chunks(sorted(person_ids)):
        person_school.update(
            dict(
                session.execute(
                    select(Person.id, Person.school_id).where(Person.id.in_(chunk))
                ).all()
            )
        )
    for o in ops:
        if o["table"] == "people" and o["field"] == CREATE and o["record"] not in person_school:
            person_school[o["record"]] = o["value"].get("school_id")
    networks = {
        str(o["value"].get("network_id"))
        for o in ops
        if o["table"] == "network_members" and o["field"] == CREATE
    }
    networks |= {o["record"] for o in ops if o["table"] == "networks"}
    networks |= {_network_of(session, o) for o in ops if o["table"] == "rota_visits"}
    members: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(sorted(networks)):
        for nid, school in session.execute(
            select(NetworkMember.network_id, NetworkMember.school_id).where(
                NetworkMember.network_id.in_(chunk), NetworkMember.deleted.is_(False)
            )
        ):
            members[nid].add(school)
    creations: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    creators: dict[tuple[str, str], set[str]] = defaultdict(set)
    created = [
        (o["table"], o["record"])
        for o in ops
        if o["field"] == CREATE or o["table"] in ("schools", "people")
    ]
    by_table: dict[str, list[str]] = defaultdict(list)
    for t, r in created:
        by_table[t].append(r)
    tbl = table_of(Change)
    for t, records in by_table.items():
        for chunk in _chunks(records):
            for rec, value, site in session.execute(
                select(tbl.c.record_id, tbl.c.value, tbl.c.site_id).where(
                    tbl.c.table_name == t, tbl.c.record_id.in_(chunk), tbl.c.field == CREATE
                )
            ):
                creations[(t, rec)].append(value)
                creators[(t, rec)].add(site)
    for o in ops:
        if o["field"] == CREATE:
            creators[(o["table"], o["record"])].add(o["site_id"])
    world = _World(
        site_school,
        scopes,
        reviews,
        review_created_here,
        team,
        person_school,
        members,
        creations,
        creators,
    )
    world.linked = _linked_reviews(session, ops)
    from app.models.signoff import ReviewEvent

    for chunk in _chunks(review_ids):
        for rid, kind in session.execute(
            select(ReviewEvent.review_id, ReviewEvent.kind).where(
                ReviewEvent.review_id.in_(chunk), ReviewEvent.deleted.is_(False)
            )
        ):
            world.events.setdefault(rid, set()).add(kind)
    return world


@cache
def _review_links() -> dict[str, dict[str, str]]:
    """table -> {column: the table of a review's record it names}. A record may name only
    records of its own review; a view now names an EBI of the review followed up."""
    out = {
        t: {c: target for c, target in cols.items() if target in REVIEW_CHILDREN}
        for t, cols in _foreign_keys().items()
    }
    out.setdefault("findings", {})["follows_finding_id"] = "findings"
    return out


def _linked_reviews(session: Session, ops: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """The review of each record the changes name, as this laptop holds it, else as the
    package creates it."""
    links = _review_links()
    wanted = {
        (links[o["table"]][k], v)
        for o in ops
        for k, v in _refs(o)
        if k in links.get(o["table"], {}) and isinstance(v, str)
    }
    linked = scopes_of(session, [(t, r, None) for t, r in sorted(wanted)])
    for o in ops:
        value = o["value"]
        if o["field"] == CREATE and isinstance(value, dict) and "review_id" in value:
            linked.setdefault((o["table"], o["record"]), str(value["review_id"]))
    return linked


def _check_links(w: _World, op: dict[str, Any], review_id: str, title: str) -> Refusal | None:
    """A review's records name only records of the same review (a comment its statement, a
    next step its EBI, evidence its note); a follow-up follows only an earlier review of the
    same school, and a view now answers only an EBI of that review. Otherwise a record of
    one review would show another's words, wherever a laptop holds both."""
    links = _review_links().get(op["table"], {})
    for key, value in _refs(op):
        if not isinstance(value, str):
            continue
        if op["table"] == "reviews" and key == "follows_id":
            earlier = w.reviews.get(value)
            if earlier is not None and earlier["host"] != w.reviews[review_id]["host"]:
                return Refusal(
                    op["site_id"],
                    f"make the review '{title}' follow up a visit to another school",
                    "nobody",
                )
            continue
        other = w.linked.get((links[key], value)) if key in links else None
        if other is None:
            continue
        if key == "follows_finding_id":
            if other != w.reviews[review_id].get("follows"):
                return Refusal(
                    op["site_id"],
                    f"give the team's view now in the review '{title}' on a statement of a "
                    "visit this review does not follow up",
                    "nobody",
                )
        elif other != review_id:
            return Refusal(
                op["site_id"],
                f"tie a record of the review '{title}' to a record of another review",
                "nobody",
            )
    return None


def _person_name(session: Session, person: Any) -> str:
    name = session.scalar(select(Person.name).where(Person.id == str(person)))
    return name or "someone this laptop does not know"


def _check_event(
    session: Session,
    w: _World,
    op: dict[str, Any],
    acting: str,
    review_id: str,
    title: str,
) -> Refusal | None:
    """Sign-off events are facts the status follows: only ever added, and each claimed only by
    the laptops that can have seen it happen (app/sync/signoff_claims.py)."""
    site = op["site_id"]
    if op["field"] != CREATE:
        return Refusal(
            site, f"change or withdraw a sign-off event of the review '{title}'", "nobody"
        )
    from app.sync.signoff_claims import ReviewParties, claim_refusal

    person = op["value"].get("person_id")
    if person is not None and not isinstance(person, str):
        return Refusal(site, f"record a sign-off event of the review '{title}'", "nobody")
    review = w.reviews[review_id]
    parties = ReviewParties(
        title,
        review["host"],
        w.team_schools.get(review_id, set()),
        review.get("writer"),
        w.person_school,
    )
    refused = claim_refusal(
        str(op["value"].get("kind")),
        person,
        acting,
        parties,
        w.events.get(review_id, set()),
        lambda person: _person_name(session, person),
    )
    return Refusal(site, refused.what, refused.who) if refused else None


def _harmless_twin(w: _World, op: dict[str, Any]) -> bool:
    """A creation that gives exactly the fields an existing creation of the record gave, with
    the same values (the same demo loaded on two laptops), changes nothing: the merge counts
    it as a twin of that creation. A field the existing creation left out is not harmless:
    as the only candidate for that field, it would decide it (say, ``deleted``)."""
    if op["field"] != CREATE:
        return False
    for existing in w.creations.get((op["table"], op["record"]), []):
        if isinstance(existing, dict) and all(
            k in existing and existing[k] == v for k, v in op["value"].items()
        ):
            return True
    return False


def _check_recreation(
    session: Session, w: _World, op: dict[str, Any], acting: str, planning: set[tuple[str, str]]
) -> Refusal | None:
    """A second creation of a record this laptop already holds sets each of its fields like
    an edit would (the merge takes it as a candidate for each): judge it field by field, as
    edits. A field given the value an existing creation gave changes nothing."""
    from app.sync.validate import IMMUTABLE

    existing = [e for e in w.creations[(op["table"], op["record"])] if isinstance(e, dict)]
    for key, value in op["value"].items():
        if key == "id" or any(e.get(key) == value for e in existing):
            continue
        if key in IMMUTABLE and any(key in e for e in existing):
            # Where a record belongs (its review, note, statement, network, person) is set
            # once: "creating" it again elsewhere would move another review's record, and
            # its words, into a review the sender writes in (or delete it from there).
            return Refusal(
                op["site_id"],
                f"move an existing record ({op['table'].replace('_', ' ')}) to another "
                f"{key.removesuffix('_id').replace('_', ' ')} by creating it again",
                "nobody",
            )
        refusal = _check(session, w, {**op, "field": key, "value": value}, acting, planning)
        if refusal is not None:
            return refusal
    return None


def _check_new_headteacher(session: Session, op: dict[str, Any], acting: str) -> Refusal | None:
    """Anyone may add a partner school's staff to the directory, but a school's headteacher
    is whose name its reports print in the receiving headteacher's box (the first on record,
    by a date the sender's clock gives): a second headteacher of a school that has one here
    comes only from that school's own laptops."""
    school = op["value"].get("school_id")
    if op["value"].get("role") != "headteacher" or not school or school == acting:
        return None
    head = session.scalar(
        select(Person.name).where(
            Person.school_id == school,
            Person.role == "headteacher",
            Person.deleted.is_(False),
            Person.id != op["record"],
        )
    )
    if head is None:
        return None
    return Refusal(
        op["site_id"],
        f"name another headteacher of {_school_name(session, school)}, whose headteacher "
        f"here is {head}",
        f"{_school_name(session, school)}'s laptops",
    )


def _check_person_named(
    session: Session, w: _World, op: dict[str, Any], acting: str, current: str | None
) -> Refusal | None:
    """A person's name or email: their current school's laptops, or the laptop that alone
    added them (a person with no school: that laptop only). A partner renaming another
    school's headteacher would change the name the report prints in the receiving
    headteacher's box, which then refuses the headteacher's own certificate."""
    if (current is not None and acting == current) or w.creators.get(("people", op["record"])) == {
        op["site_id"]
    }:
        return None
    name = session.scalar(select(Person.name).where(Person.id == op["record"])) or "a person"
    who = (
        f"{_school_name(session, current)}'s laptops or the laptop that added them"
        if current
        else "the laptop where they were added"
    )
    return Refusal(op["site_id"], f"change {name}'s {op['field']}", who)


def _listed_here(session: Session, w: _World, school_id: str) -> bool:
    """A school this laptop holds from a school list: not yet in its change log (its own view
    is logged only when the merge meets the school), but this laptop's copy all the same, so a
    package that "creates" it is not its only creator."""
    return ("schools", school_id) not in w.creations and session.get(School, school_id) is not None


def _school_name(session: Session, school_id: str | None) -> str:
    if not school_id:
        return "no school"
    name = session.scalar(select(School.name).where(School.id == school_id))
    return name or school_id


def _check(  # noqa: PLR0911, PLR0912 (the rules of who may change what, one per return)
    session: Session, w: _World, op: dict[str, Any], acting: str, planning: set[tuple[str, str]]
) -> Refusal | None:
    """None when ``acting`` (a school id) may make this change."""
    table, record, fld = op["table"], op["record"], op["field"]
    # No comment is ever made twice (its id is new; the demo has none): a second creation is
    # its own laptop's claim, under its own author line, and is judged as a creation too, or
    # a team laptop's copy (or the host's under a reviewer's name) would pass here and be
    # refused wherever it arrives with the first: a relay, for good.
    if _harmless_twin(w, op) and table != "finding_comments":
        return None
    if fld == CREATE and (table, record) in w.creations and table != "schools":
        refusal = _check_recreation(session, w, op, acting, planning)
        if refusal is not None or table != "finding_comments":
            return refusal
    if table == "schools":
        if (
            (fld == CREATE and op["value"].get("deleted") is not True)
            or record == acting
            or (
                w.creators.get((table, record)) == {op["site_id"]}
                and not _listed_here(session, w, record)
            )
        ):
            # Reference data anyone may hold (a differing copy shows as a conflict), and the
            # laptop that alone typed a school in may correct it (a school that reached this
            # laptop from a list or the demo too has more than one creator).
            return None
        return Refusal(
            op["site_id"],
            f"change {_school_name(session, record)}'s own school record",
            f"{_school_name(session, record)}'s laptops",
        )
    if table == "signing_certificates":
        return _check_certificate(session, w, op, acting)
    if table == "people":
        current = w.person_school.get(record)
        if fld == CREATE:
            if (table, record) in w.creations and current != op["value"].get("school_id"):
                return Refusal(
                    op["site_id"],
                    "move a person to another school",
                    "the laptops of that person's school",
                )
            return _check_new_headteacher(session, op, acting)
        # A person with no school (a facilitator) belongs to no laptop: no package moves them
        # (moved into a school on a review team, they would take the review there).
        if fld in PERSON_OWN_FIELDS and (current is None or acting != current):
            name = session.scalar(select(Person.name).where(Person.id == record)) or "a person"
            who = (
                f"{_school_name(session, current)}'s laptops"
                if current
                else "the laptop where they were added"
            )
            return Refusal(
                op["site_id"], f"change {name}'s {'school' if fld == 'school_id' else fld}", who
            )
        if fld in PERSON_NAMED_FIELDS:
            return _check_person_named(session, w, op, acting, current)
        return None
    if table in SCHOOL_OWNED:
        return _check_school_owned(session, w, op, acting)
    if table in ("networks", "network_members", "rota_visits"):
        network = record if table == "networks" else _network_of(session, op)
        members = w.network_members.get(network, set())
        if (
            table == "network_members"
            and fld == CREATE
            and (acting == op["value"].get("school_id") or ("networks", network) in planning)
        ):
            return None
        if not members or acting in members:
            return None
        return Refusal(
            op["site_id"],
            "plan the visits of a network it is not in"
            if table == "rota_visits"
            else "change the membership or rules of a network it is not in",
            "the network's own schools",
        )
    review_id = _review_of(w, op)
    review = w.reviews.get(review_id or "")
    if review is None:
        return None  # a review this laptop does not hold: authorise refuses it (Decision.orphan)
    host = review["host"]
    title = session.scalar(select(Review.title).where(Review.id == review_id)) or "a review"
    refusal = _check_links(w, op, review_id or "", title)
    if refusal is not None:
        return refusal
    if table == "reviews":
        if acting == host:
            return None
        if fld == CREATE:
            if review_id in w.review_created_here:
                return Refusal(
                    op["site_id"],
                    f"plan again the review '{title}' with other dates, distribution or team",
                    "the host school's laptops",
                )
            # A visiting lead planning the visit may write a first context with it (as laptops
            # that loaded the demo did); after that only the host school changes it.
            if op["value"].get("distribution") == "network":
                return Refusal(
                    op["site_id"],
                    f"share the review '{op['value'].get('title') or title}' with a whole network",
                    "the host school's laptops",
                )
            return None  # a visiting lead planning the visit (team checked below)
        if fld in REVIEW_HOST_FIELDS:
            what = {
                "distribution": "change where",
                "network_id": "change where",
                "context": "write the school's context in",
                "follows_id": "change which earlier visit is followed up by",
            }.get(fld, "change the dates, team or writer of")
            return Refusal(
                op["site_id"],
                f"{what} the review '{title}'{' goes' if what == 'change where' else ''}",
                "the host school's laptops",
            )
        if acting in w.team_schools.get(review_id or "", set()):
            return None
        return Refusal(
            op["site_id"],
            f"write in the review '{title}', which its school is not part of",
            "the host school and the visiting team",
        )
    if table == "finding_comments":
        return _check_comment(session, w, op, acting, review_id or "", title)
    if table == "review_events" and (
        acting == host or acting in w.team_schools.get(review_id or "", set())
    ):
        return _check_event(session, w, op, acting, review_id or "", title)
    if table == "review_team":
        if acting == host or (("reviews", review_id or "") in planning):
            return None
        return Refusal(
            op["site_id"], f"change the team of the review '{title}'", "the host school's laptops"
        )
    if acting != host and table in HOST_ONLY_CONTENT:
        fields, what = HOST_ONLY_CONTENT[table]
        if _sets_any(op, fields):
            return Refusal(
                op["site_id"], f"{what} the review '{title}'", "the host school's laptops"
            )
    team = w.team_schools.get(review_id or "", set())
    if acting == host and acting not in team and table in TEAM_ONLY_CONTENT:
        team_fields, what = TEAM_ONLY_CONTENT[table]
        if team_fields is None or _sets_any(op, team_fields):
            return Refusal(
                op["site_id"], f"{what} the review '{title}'", "the visiting team's laptops"
            )
    if acting == host or acting in team:
        return None
    return Refusal(
        op["site_id"],
        f"write in the review '{title}', which its school is not part of",
        "the host school and the visiting team",
    )


def _review_of(w: _World, op: dict[str, Any]) -> str | None:
    """The review a change belongs to; a record this laptop has not seen yet belongs where its
    author's signed batch says."""
    if op["table"] == "reviews":
        return str(op["record"])
    return w.scopes.get((op["table"], op["record"]), w.batch_scope.get(op["batch"]))


def _orphan(w: _World, op: dict[str, Any]) -> str | None:
    """The review a change is about when this laptop does not hold it and the package does not
    create it. Applied, the change would wait in the log and count once the review arrives,
    unjudged: a visiting laptop that received a new review first could give it, on a partner
    that has not, another distribution, writer or deletion (host-only) before the host's own
    package lands."""
    from app.sync.scope import NETWORK_TABLES

    if op["table"] in NETWORK_TABLES:
        return None
    review_id = _review_of(w, op)
    if not review_id or review_id in ("network", "unshared") or review_id in w.reviews:
        return None
    return review_id


def _sets_any(op: dict[str, Any], fields: frozenset[str]) -> bool:
    """Whether the change sets one of ``fields`` (a creation: to something other than its
    starting value; a next step starts open)."""
    if op["field"] != CREATE:
        return op["field"] in fields
    value = op["value"]
    return any(value.get(k) not in ("", None, "open") for k in fields)


def _check_comment(
    session: Session, w: _World, op: dict[str, Any], acting: str, review_id: str, title: str
) -> Refusal | None:
    """The factual-accuracy round: the host school comments on the draft's statements (makes,
    rewords, withdraws a comment), in the name of one of its own people or none; the visiting
    team, who wrote them, marks each answered."""
    if op["field"] == "answered":
        if acting in w.team_schools.get(review_id, set()):
            return None
        return Refusal(
            op["site_id"],
            f"mark a comment on the review '{title}' answered",
            "the visiting team's schools",
        )
    host = w.reviews[review_id]["host"]
    answered = op["field"] == CREATE and bool(op["value"].get("answered"))
    if acting == host and not answered:
        for key, person in _refs(op):
            if key == "author_id" and person and w.person_school.get(str(person)) != host:
                return Refusal(
                    op["site_id"],
                    f"put a comment on the review '{title}' in the name of "
                    f"{_person_name(session, person)}, who is not of the host school",
                    "the host school's laptops, for the host school's own people",
                )
        if op["field"] == CREATE:
            # A comment in nobody's name shows who typed it (its creation's author line, which
            # its laptop writes): the name of a visiting reviewer there would pass the host's
            # comment off as the team's. Checked whoever it names: an edit to nobody's name
            # shows the line later.
            schools = set(
                session.scalars(
                    select(Person.school_id).where(
                        Person.name == op["author"], Person.deleted.is_(False)
                    )
                )
            )
            if schools and host not in schools:
                return Refusal(
                    op["site_id"],
                    f"put a comment on the review '{title}' in the name of {op['author']}, "
                    "who is not of the host school",
                    "the host school's laptops, for the host school's own people",
                )
        return None
    return Refusal(
        op["site_id"],
        f"comment on the statements of the review '{title}'",
        "the host school's laptops",
    )


def _check_certificate(
    session: Session, w: _World, op: dict[str, Any], acting: str
) -> Refusal | None:
    """A signing certificate says "this key signs for this person of this school": only that
    school's laptops may publish it, for one of their own people, and only withdraw it later
    (its key, fingerprint, school and person never change)."""
    if op["field"] == CREATE:
        school, person = op["value"].get("school_id"), op["value"].get("person_id")
        if acting == school and (person is None or w.person_school.get(str(person)) == school):
            return None
        return Refusal(
            op["site_id"],
            f"publish a signing certificate for {_school_name(session, school)}",
            f"{_school_name(session, school)}'s laptops, for their own people",
        )
    from app.models.certificates import SigningCertificate

    school = session.scalar(
        select(SigningCertificate.school_id).where(SigningCertificate.id == op["record"])
    )
    if op["field"] == "deleted" and school is not None and acting == school:
        return None
    return Refusal(
        op["site_id"],
        "change a published signing certificate",
        "its school's laptops, by withdrawing it",
    )


# What a school shares of its own accord (app/models/practice.py): made and changed only by
# that school's laptops, naming only its own people as the contact.
SCHOOL_OWNED = {
    "released_practice": "release or withdraw good practice",
    "school_strengths": "declare a strength",
    "published_status": "publish where a school is",
}


def _contact_of(op: dict[str, Any]) -> str | None:
    if op["table"] not in SCHOOL_OWNED:
        return None
    if op["field"] == CREATE and isinstance(op["value"], dict):
        return op["value"].get("contact_id")
    return op["value"] if op["field"] == "contact_id" and isinstance(op["value"], str) else None


def _check_school_owned(
    session: Session, w: _World, op: dict[str, Any], acting: str
) -> Refusal | None:
    from app.models import SYNCED_TABLES

    table, record, fld = op["table"], op["record"], op["field"]
    model: Any = SYNCED_TABLES[table]  # a school-owned table: it has school_id
    held = session.scalar(select(model.school_id).where(model.id == record))
    if fld == CREATE:
        owner = op["value"].get("school_id")
        if held and owner != held:
            owner = None  # a second "creation" cannot hand the record to another school
    else:
        owner = held or w.package_owners.get((table, record))
    what = SCHOOL_OWNED[table]
    if owner is None or acting != owner:
        return Refusal(op["site_id"], f"{what} for another school", "that school's own laptops")
    if fld == "school_id" and op["value"] != owner:
        return Refusal(op["site_id"], f"move what {_school_name(session, owner)} shares", "nobody")
    contact = _contact_of(op)
    if contact and w.person_school.get(contact) != owner:
        return Refusal(
            op["site_id"],
            f"name someone outside {_school_name(session, owner)} as its contact",
            "the school itself, for one of its own people",
        )
    return None


def _network_of(session: Session, op: dict[str, Any]) -> str:
    """The network a membership or a rota visit belongs to (from its creation, or this laptop)."""
    if op["field"] == CREATE:
        return str(op["value"].get("network_id"))
    from app.models import RotaVisit

    model = RotaVisit if op["table"] == "rota_visits" else NetworkMember
    return session.scalar(select(model.network_id).where(model.id == op["record"])) or ""


def _foreign_keys() -> dict[str, dict[str, str]]:
    """table -> {column: the table it refers to}, for every synced table."""
    from app.models import SYNCED_TABLES

    out: dict[str, dict[str, str]] = {}
    for name, model in SYNCED_TABLES.items():
        out[name] = {
            c.name: next(iter(c.foreign_keys)).column.table.name
            for c in model.__table__.columns
            if c.foreign_keys
        }
    return out


def _hold_dependents(  # noqa: PLR0912 (one fixed-point loop over the references)
    session: Session, ops: list[dict[str, Any]], held: set[str]
) -> None:
    """Also hold back every batch whose changes refer to a record that only a held batch
    creates (a visitor's note on the host's agenda item, relayed before this laptop met the
    host): applied alone it would point at nothing. Repeats until nothing more is held."""
    from sqlalchemy import text as sql

    fks = _foreign_keys()
    existing: dict[str, set[str]] = defaultdict(set)
    wanted: dict[str, set[str]] = defaultdict(set)
    for o in ops:
        refs = o["value"].items() if o["field"] == CREATE else [(o["field"], o["value"])]
        for col, value in refs:
            target = fks.get(o["table"], {}).get(col)
            if target is not None and isinstance(value, str):
                wanted[target].add(value)
    for table, ids in wanted.items():
        key = "sha256" if table == "attachments" else "id"
        for chunk in _chunks(sorted(ids)):
            marks = ",".join(f":p{n}" for n in range(len(chunk)))
            rows = session.execute(
                sql(f"SELECT {key} FROM {table} WHERE {key} IN ({marks})"),
                {f"p{n}": v for n, v in enumerate(chunk)},
            )
            existing[table].update(r[0] for r in rows)
    while True:
        created: dict[str, set[str]] = defaultdict(set)
        waiting: dict[str, set[str]] = defaultdict(set)
        for o in ops:
            if o["field"] == CREATE:
                (waiting if o["batch"] in held else created)[o["table"]].add(o["record"])
        more = set()
        for o in ops:
            if o["batch"] in held:
                continue
            if (
                o["field"] != CREATE
                and o["record"] in waiting[o["table"]]
                and o["record"] not in created[o["table"]]
            ):
                more.add(o["batch"])  # an edit of a record that only a held batch creates
            refs = o["value"].items() if o["field"] == CREATE else [(o["field"], o["value"])]
            for col, value in refs:
                target = fks.get(o["table"], {}).get(col)
                if (
                    target is not None
                    and isinstance(value, str)
                    and target != "attachments"
                    and value in waiting[target]
                    and value not in existing[target]
                    and value not in created[target]
                ):
                    more.add(o["batch"])
        if not more:
            return
        held |= more


def authorise(  # noqa: PLR0912 (the steps of authorising a package, in order)
    session: Session,
    manifest: dict[str, Any],
    ops: list[dict[str, Any]],
    *,
    me: str,
    my_school: str,
    sender_school: str,
) -> Decision:
    """Which batches wait (their laptop is not met yet) and whether any other change is one its
    author's school may not make. ``sender_school`` is the school the sender is pinned to (or
    is being trusted with now)."""
    decision = Decision()
    site_school = {
        s.site_id: s.school_id for s in session.scalars(select(Site).where(Site.trusted.is_(True)))
    }
    site_school[manifest["sender"]["site_id"]] = sender_school
    site_school[me] = my_school
    batch_site = {b["id"]: b["site_id"] for b in manifest["batches"]}
    for batch, site in batch_site.items():
        if site not in site_school:
            decision.held.add(batch)
            decision.held_sites.add(site)
    if decision.held:
        _hold_dependents(session, ops, decision.held)
    live = [o for o in ops if o["batch"] not in decision.held and o["site_id"] != me]
    if not live:
        return decision
    w = _world(session, live, site_school, {b["scope"] for b in manifest["batches"]})
    w.batch_scope = {b["id"]: b["scope"] for b in manifest["batches"]}
    for o in live:  # the package's events count (not those of laptops not met yet)
        if o["table"] == "review_events" and o["field"] == CREATE and isinstance(o["value"], dict):
            w.events.setdefault(str(o["value"].get("review_id")), set()).add(
                str(o["value"].get("kind"))
            )
    w.package_owners = {
        (o["table"], o["record"]): str(o["value"].get("school_id"))
        for o in live
        if o["table"] in SCHOOL_OWNED and o["field"] == CREATE and isinstance(o["value"], dict)
    }
    # Planning: a laptop that creates a review (or a network) in this package may create its
    # team (or members) alongside; later changes follow the table.
    planning: set[tuple[str, str]] = set()
    for o in live:
        if (
            o["field"] == CREATE
            and o["table"] in ("reviews", "networks")
            and o["record"] not in w.review_created_here
            # A network held here already is not being planned: a twin of its creation
            # would otherwise let anyone add any school to it.
            and (o["table"], o["record"]) not in w.creations
        ):
            planning.add((o["table"], o["record"]))
    # Team schools as this package would leave them (its team creations, where allowed).
    for o in live:
        if (
            o["table"] == "review_team"
            and o["field"] == CREATE
            and o["value"].get("role") != "host-staff"
        ):
            school = w.person_school.get(str(o["value"].get("person_id")))
            rid = str(o["value"].get("review_id"))
            review = w.reviews.get(rid)
            acting = site_school[o["site_id"]]
            if (
                school
                and review is not None
                and (acting == review["host"] or ("reviews", rid) in planning)
            ):
                w.team_schools[rid].add(school)
    # A visiting lead may plan a review only with their own school in its team.
    for kind, rid in list(planning):
        if kind == "reviews":
            creator = next(
                o
                for o in live
                if o["table"] == "reviews" and o["record"] == rid and o["field"] == CREATE
            )
            acting = site_school[creator["site_id"]]
            if acting != w.reviews[rid]["host"] and acting not in w.team_schools.get(rid, set()):
                planning.discard((kind, rid))
                title = creator["value"].get("title") or "a review"
                decision.refusal = Refusal(
                    creator["site_id"],
                    f"plan the review '{title}' for another school without taking part in it",
                    "the host school's laptops",
                )
                return decision
    for o in live:
        refusal = _check(session, w, o, site_school[o["site_id"]], planning)
        if refusal is not None:
            decision.refusal = refusal
            return decision
        decision.orphan = decision.orphan or _orphan(w, o)
    return decision

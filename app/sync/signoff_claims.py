"""Who may claim each sign-off event of a review (docs/authority.md, "Sign-off events").

A sign-off event says that something happened to a review's report: a draft was sent for
factual accuracy, the writer signed, a co-reviewer signed, the host headteacher countersigned,
the report was shared. It travels in packages as a claim by the laptop that recorded it, and
carries no proof (the proof is the signed PDF, which packages do not carry). So each kind may
be claimed only by the laptops that can have seen it happen first-hand:

- a draft sent: the visiting team's schools (the team's statements, sent by its writer);
- the writer's signature: the writer's school (the writer signs on their own laptop);
- a co-reviewer's signature: that co-reviewer's own school, naming one of the visiting team;
- the host headteacher's countersignature: the host school (the headteacher signs there), or
  the writer's school once it holds the writer's signature (the countersigned copy is sent
  back to the writer, who records it after verifying it);
- the report shared: the host school or the writer's school (the two that hold the
  countersigned report), and only once it was countersigned.

One pure function, used by import's authority rules (app/sync/authority.py) and by this
laptop before it records an event (app/services/signoff.py), so a laptop never records what
its partners would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimRefused:
    """``what`` the laptop tried (words after "tries to"), and ``who`` may."""

    what: str
    who: str


@dataclass(frozen=True)
class ReviewParties:
    """A review's parties as the judging laptop holds them (school ids)."""

    title: str
    host: str | None
    team: Collection[str]
    writer: str | None  # the writer's person id
    person_school: Mapping[str, str | None]

    @property
    def writer_school(self) -> str | None:
        return self.person_school.get(self.writer) if isinstance(self.writer, str) else None


def claim_refusal(  # noqa: PLR0911, PLR0912 (one return per rule)
    kind: str,
    person: str | None,
    acting: str,
    review: ReviewParties,
    known: Collection[str],
    name_of: Callable[[str | None], str],
) -> ClaimRefused | None:
    """None when a laptop of school ``acting`` may record the event ``kind`` (naming
    ``person``) of ``review``, whose events already held are ``known``. ``name_of`` gives a
    person's name for the sentence."""
    title = review.title
    writer_school = review.writer_school
    if kind == "draft":
        if acting in review.team:
            return None
        return ClaimRefused(
            f"record that a draft of the review '{title}' was sent for factual accuracy",
            "the visiting team's laptops",
        )
    if kind == "signed":
        if person and person != review.writer:
            return ClaimRefused(
                f"record a writer's signature of the review '{title}' by {name_of(person)}, "
                "who is not its writer",
                "nobody",
            )
        if writer_school and acting == writer_school:
            return None
        return ClaimRefused(
            f"record the writer's signature of the review '{title}'",
            "the writer's own school's laptops",
        )
    if kind == "co-signed":
        school = review.person_school.get(person) if person else None
        if not person or school not in review.team:
            return ClaimRefused(
                f"record a co-reviewer's signature of the review '{title}' by "
                f"{name_of(person)}, who is not on its visiting team",
                "nobody",
            )
        if acting == school:
            return None
        return ClaimRefused(
            f"record {name_of(person)}'s signature of the review '{title}'",
            f"{name_of(person)}'s own school's laptops",
        )
    if kind == "countersigned":
        if person and review.person_school.get(person) != review.host:
            return ClaimRefused(
                f"record a countersignature of the review '{title}' by {name_of(person)}, "
                "who is not of the host school",
                "nobody",
            )
        if acting == review.host:
            return None
        if acting == writer_school and "signed" in known:
            return None
        if acting == writer_school:
            return ClaimRefused(
                f"record the host headteacher's countersignature of the review '{title}' "
                "before the writer's signature",
                "the host school's laptops",
            )
        return ClaimRefused(
            f"record the host headteacher's countersignature of the review '{title}'",
            "the host school's laptops, and the writer's once the writer has signed",
        )
    if kind == "shared":
        if acting not in {review.host, writer_school} - {None}:
            return ClaimRefused(
                f"record the report of the review '{title}' as shared",
                "the host school's and the writer's laptops",
            )
        if "countersigned" not in known:
            return ClaimRefused(
                f"record the report of the review '{title}' as shared before it was countersigned",
                "nobody",
            )
        return None
    return ClaimRefused(f"record an unknown sign-off event of the review '{title}'", "nobody")

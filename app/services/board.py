"""A summary of a network's year for its partnership board: aggregates only.

Built from what may be shown to the board: how many reviews were held (counts, never their
content), the themes of their focus areas as the framework names them (a school's own words
stay with its review), the good practice schools released, next steps done as schools
published them, and the published grid. No note, statement or focus written in a school's own
words appears (tests/cli/test_board_summary.py reads the PDF's text to check).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.models import FrameworkFocusArea, Review, ReviewFocus, RotaVisit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.identity.keystore import PassphraseProvider
    from app.services.practice import NetworkStatus


@dataclass(frozen=True)
class BoardSummary:
    network: str
    network_id: str
    made_on: date
    schools: tuple[str, ...]
    reviews_held: int  # on or before made_on
    reviews_planned: int  # after made_on
    hosted: tuple[tuple[str, int], ...]  # (school, reviews it hosted), every member
    themes: tuple[tuple[str, int], ...]  # framework area title, how many focus areas
    own_words: int  # focus areas in a school's own words (counted, not shown)
    rota_visits: int
    released: tuple[tuple[str, str, str, str], ...]  # school, focus, summary, contact
    grid: NetworkStatus


def board_summary(session: Session, network_ref: str, today: date) -> BoardSummary:
    """Raises NotFound for an unknown network."""
    from app.services.practice import network_status, released_items
    from app.services.schools import get_network

    net = get_network(session, network_ref)
    grid = network_status(session, net.id)
    members = {sid for sid, _ in grid.schools}
    names = dict(grid.schools)
    reviews = session.execute(
        select(Review.id, Review.host_school_id, Review.start_date).where(
            Review.deleted.is_(False), Review.host_school_id.in_(members)
        )
    ).all()
    hosted = Counter(host for _, host, _ in reviews)
    review_ids = [rid for rid, _, _ in reviews]
    coded = {
        (key, code): title
        for key, code, title in session.execute(
            select(
                FrameworkFocusArea.framework_key, FrameworkFocusArea.code, FrameworkFocusArea.title
            )
        )
    }
    themes: Counter[str] = Counter()
    own = 0
    for key, code in session.execute(
        select(Review.framework_key, ReviewFocus.framework_code)
        .join(Review, Review.id == ReviewFocus.review_id)
        .where(ReviewFocus.review_id.in_(review_ids), ReviewFocus.deleted.is_(False))
    ):
        if (key, code) in coded:
            themes[coded[(key, code)]] += 1
        else:
            own += 1
    rota = len(
        session.scalars(
            select(RotaVisit.id).where(RotaVisit.network_id == net.id, RotaVisit.deleted.is_(False))
        ).all()
    )
    released = tuple(
        (str(r["school"]), str(r["focus"]), str(r["summary"]), str(r["contact"]))
        for r in released_items(session)
        if r["school_id"] in members
    )
    return BoardSummary(
        network=net.name,
        network_id=net.id,
        made_on=today,
        schools=tuple(names.values()),
        reviews_held=sum(1 for _, _, d in reviews if d <= today),
        reviews_planned=sum(1 for _, _, d in reviews if d > today),
        hosted=tuple((names[s], hosted.get(s, 0)) for s in names),
        themes=tuple(sorted(themes.items(), key=lambda t: (-t[1], t[0]))),
        own_words=own,
        rota_visits=rota,
        released=released,
        grid=grid,
    )


def produce_board_summary(
    session: Session,
    data_dir: Path,
    network_ref: str,
    out: Path,
    passphrase: PassphraseProvider | None,
    clock: Callable[[], datetime],
) -> int:
    """Render the summary and sign it as its preparer (this laptop's signing identity); the
    file appears only when complete. Returns the number of pages. Raises NotFound (network,
    identity), AppError for a wrong passphrase or a file that cannot be written."""
    from app.identity import load_signer
    from app.reports.signing import prepare_signature_fields, sign_pdf
    from app.reports.signoff import Box, SignOff
    from app.reports.summary import FIELD, render_summary
    from app.services.signing import _holder, _write_atomically

    holder = _holder(data_dir, session)
    from datetime import UTC

    now = clock()
    when = now if now.tzinfo else now.replace(tzinfo=UTC)  # front ends' clocks are naive UTC
    data = board_summary(session, network_ref, when.date())
    key, cert, chain = load_signer(data_dir, passphrase)
    pdf, boxes = render_summary(data, holder.name, when)
    box = Box(FIELD, "coordinator", "Prepared by", holder.name, holder.person_id, holder.school_id)
    signoff = SignOff(f"network:{data.network_id}", (box,))
    pdf = prepare_signature_fields(pdf, boxes, {FIELD: f"Prepared by: {holder.name}"}, signoff)
    _write_atomically(
        out, sign_pdf(pdf, key, cert, chain, field=FIELD, role="coordinator", when=when)
    )
    return boxes[-1].page + 1

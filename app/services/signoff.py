"""Sign-off as use cases: the draft for factual accuracy, the signed report, the signatures
recorded as facts the review's status follows, and who may read the report.

Each takes the caller's session (one user action, one transaction): the event is written
before the PDF, so a data folder that cannot be written refuses before any file appears, and a
PDF that cannot be written rolls the event back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import (
    IntegrityFailure,
    InvalidInput,
    NotThisSchool,
    UntrustedCertificate,
    UntrustedSignatures,
)
from app.models.signoff import ReviewEvent
from app.services.status import record_event

if TYPE_CHECKING:
    from app.identity.keystore import PassphraseProvider
    from app.models import Review
    from app.reports.verdict import PdfVerdict
    from app.services.signing import Produced
    from app.sync.signoff_claims import ClaimRefused

DRAFT_MARK = "Draft for factual accuracy"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Draft:
    path: Path
    pages: int
    review_id: str


def produce_draft(
    session: Session,
    data_dir: Path,
    review_ref: str,
    out: Path,
    clock: Callable[[], datetime] = _now,
) -> Draft:
    """An unsigned PDF of the report, marked "Draft for factual accuracy" on every page, with
    no signature fields, for the host school to check. Records that a draft was made (the
    review moves to accuracy check). Raises NotFound, NotReadyToSign, NotThisSchool (a laptop
    outside the visiting team), and AppError for a file that cannot be written."""
    from app.models import Review
    from app.reports.layout import render_report
    from app.services.reporting import report_plan
    from app.services.signing import _write_atomically
    from app.services.signoff_check import require_ready

    check = require_ready(session, review_ref)
    review = session.get(Review, check.review_id)
    refused = claim_refused(session, review, "draft") if review is not None else None
    if refused is not None and review is not None:
        raise NotThisSchool(
            f"Only {refused.who} may make the draft for factual accuracy of '{review.title}' "
            "(the statements are the team's).",
            school_id=review.host_school_id,
        )
    record_event(session, check.review_id, "draft")
    data, _signoff = report_plan(session, check.review_id, data_dir)
    pdf, boxes = render_report(data, clock(), mark=DRAFT_MARK)
    _write_atomically(out, pdf)
    return Draft(out, boxes[-1].page + 1 if boxes else 0, check.review_id)


def produce_signed(
    session: Session,
    data_dir: Path,
    review_ref: str,
    out: Path,
    passphrase: PassphraseProvider | None,
    *,
    clock: Callable[[], datetime] = _now,
    progress: Callable[[str], None] = lambda _: None,
) -> Produced:
    """The signed report (app.services.signing.produce_report), refused while anything blocks
    it; records the writer's signature (the review moves to signed)."""
    from app.services.report_source import signoff_for_review
    from app.services.signing import produce_report
    from app.services.signoff_check import require_ready

    check = require_ready(session, review_ref)
    signoff = signoff_for_review(session, check.review_id)
    writer = signoff.box("writer") if signoff else None
    record_event(session, check.review_id, "signed", (writer.person_id or None) if writer else None)
    return produce_report(
        session, data_dir, check.review_id, out, passphrase, clock=clock, progress=progress
    )


_KIND_OF_BOX = {"writer": "signed", "co-reviewer": "co-signed", "host-headteacher": "countersigned"}


def claim_refused(
    session: Session, review: Review, kind: str, person: str | None = None
) -> ClaimRefused | None:
    """Why this laptop may not record the event ``kind`` of ``review`` (its partners would
    refuse the package that carries it, app/sync/signoff_claims.py), or None. A laptop not
    told its school (no ``site set``) has no partners yet: it may record anything."""
    from app.models import Person
    from app.services import entitled
    from app.sync.signoff_claims import ReviewParties, claim_refusal

    mine = entitled.this_school(session)
    if mine is None:
        return None
    named = {p for p in (review.writer_id, person) if p}
    schools = dict(
        session.execute(select(Person.id, Person.school_id).where(Person.id.in_(named))).all()
    )
    known = set(
        session.scalars(
            select(ReviewEvent.kind).where(
                ReviewEvent.review_id == review.id, ReviewEvent.deleted.is_(False)
            )
        )
    )
    parties = ReviewParties(
        review.title,
        review.host_school_id,
        entitled.team_schools(session, review.id),
        review.writer_id,
        schools,
    )

    def name_of(pid: str | None) -> str:
        found = session.get(Person, pid) if pid else None
        return found.name if found else "someone this laptop does not know"

    return claim_refusal(kind, person, mine, parties, known, name_of)


def record_signatures(session: Session, review_id: str, fields: list[str]) -> list[str]:
    """Record, for a review this laptop holds, the signatures in ``fields`` (PDF field names:
    "writer", "co-reviewer-1", "host-headteacher") as events, each once. Returns the kinds
    newly recorded: nothing for a review not held here, and only the events this laptop's
    school may claim (app/sync/signoff_claims.py; a network school reading a shared report
    records none, the host's laptop does not record the writer's signature for them): its
    partners would refuse the rest (docs/authority.md)."""
    from app.models import Review
    from app.services.report_source import signoff_for_review

    review = session.get(Review, review_id)
    if review is None or review.deleted:
        return []
    signoff = signoff_for_review(session, review_id)
    have = {
        (kind, person or "")
        for kind, person in session.execute(
            select(ReviewEvent.kind, ReviewEvent.person_id).where(
                ReviewEvent.review_id == review_id, ReviewEvent.deleted.is_(False)
            )
        )
    }
    recorded = []
    for field in fields:
        box = signoff.box(field) if signoff else None
        kind = _KIND_OF_BOX.get(box.role if box else field)
        if kind is None:
            continue
        person = (box.person_id if box else "") if kind == "co-signed" else ""
        if kind == "co-signed" and not person:
            continue
        known = {k for k, p in have if k == kind and (kind != "co-signed" or p == person)}
        if known or claim_refused(session, review, kind, person or None) is not None:
            continue
        record_event(session, review_id, kind, person or None)
        have.add((kind, person))
        recorded.append(kind)
    return recorded


def review_of_pdf(path: Path) -> str:
    """The review a Peerwalk report PDF says it is of ("" when it says none)."""
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    from app.reports.signoff import read_record
    from app.services.signing import read_pdf

    try:
        record = read_record(PdfFileReader(BytesIO(read_pdf(path)), strict=False))
    except Exception:  # not a PDF pyHanko can read: no record
        return ""
    return record.review_id if record else ""


@dataclass(frozen=True)
class Countersigned:
    review_id: str
    recorded: tuple[str, ...]  # event kinds newly recorded ("countersigned", "signed", ...)
    status: str


def record_countersigned(
    session: Session, data_dir: Path, review_ref: str, pdf: Path
) -> Countersigned:
    """Verify a received report of this review and record its signatures, the host
    headteacher's countersignature among them. Refused, with one sentence: a PDF changed after
    signing or not a signed report (IntegrityFailure), one of another review or with no
    countersignature (InvalidInput), a signature not trusted here or not in its own box
    (UntrustedSignatures, as ``verify`` says it)."""
    from app.reports.verdict import Outcome
    from app.services.reviews import get_review
    from app.services.signing import verify_report

    review = get_review(session, review_ref)
    verdict = verify_report(data_dir, pdf, db=session)
    if verdict.outcome is Outcome.BROKEN:
        raise IntegrityFailure(verdict.problem or "The report's signatures do not verify.")
    if verdict.review_id != review.id:
        raise InvalidInput(
            f"{pdf.name} is not a report of the review '{review.title}'; nothing was recorded."
        )
    fields = [s.field for s in verdict.signatures]
    if "host-headteacher" not in fields:
        raise InvalidInput(
            f"{pdf.name} has not been countersigned by the host headteacher yet; nothing was "
            "recorded."
        )
    if verdict.outcome is Outcome.UNVOUCHED:
        _refuse_untrusted(verdict, pdf)
        raise UntrustedSignatures(verdict.problem or "Not every signature is trusted here.")
    held = session.scalar(
        select(ReviewEvent.id).where(
            ReviewEvent.review_id == review.id,
            ReviewEvent.kind == "countersigned",
            ReviewEvent.deleted.is_(False),
        )
    )
    refused = None if held else claim_refused(session, review, "countersigned")
    if refused is not None:
        raise NotThisSchool(
            f"Only {refused.who} may record the host headteacher's countersignature of "
            f"'{review.title}'; nothing was recorded.",
            school_id=review.host_school_id,
        )
    recorded = record_signatures(session, review.id, fields)
    session.refresh(review)
    return Countersigned(review.id, tuple(recorded), review.status)


def _refuse_untrusted(verdict: PdfVerdict, pdf: Path) -> None:
    """Raise UntrustedCertificate when the only thing wrong with the copy is that a signer's
    certificate is not trusted here (every signature intact, in its own box, its stamp naming
    its signer): the first such signer, the host headteacher's first. Returns otherwise."""
    pending = [s for s in verdict.signatures if s.problem]
    if not pending or any(
        s.trusted or not s.in_own_box or not s.stamp_names_signer for s in pending
    ):
        return
    first = min(pending, key=lambda s: s.field != "host-headteacher")
    pem = signer_certificate(pdf, first.field)
    if not pem:
        return
    raise UntrustedCertificate(
        f"This copy was signed by {first.signer}'s certificate, which this laptop has not "
        "been told to trust yet; nothing was recorded.",
        signer=first.signer,
        fingerprint=first.fingerprint,
        pem=pem,
    )


def signer_certificate(pdf: Path, field: str) -> bytes:
    """The PEM of the certificate that signed ``field`` in ``pdf`` (b"" when none)."""
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    from app.services.signing import read_pdf

    try:
        reader = PdfFileReader(BytesIO(read_pdf(pdf)), strict=False)
        for sig in reader.embedded_signatures:
            if sig.field_name == field:
                return _pem(sig.signer_cert.dump())
    except Exception:  # not readable after all: no certificate to offer
        return b""
    return b""


def _pem(der: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM)


def set_distribution(session: Session, review_ref: str, to: str) -> Review:
    """Who may read the report: the host school decides, at any time, and the change travels.
    Raises NotFound, InvalidInput (no such choice; a network when the review has none),
    NotThisSchool (a laptop of another school)."""
    from app.services import entitled
    from app.services.lookup import one_of
    from app.services.reviews import get_review
    from app.vocabulary import DISTRIBUTIONS

    review = get_review(session, review_ref)
    one_of(to, DISTRIBUTIONS, "distribution (who may read the report)")
    entitled.require_host(session, review, "decide who may read its report")
    if to == "network" and not review.network_id:
        raise InvalidInput(
            "This review belongs to no network, so its report cannot be shared with one."
        )
    review.distribution = to
    session.flush()
    return review

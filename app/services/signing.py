"""Producing, signing and verifying report PDFs: the use cases over app.reports and
app.identity, shared by the command line and the window.

``db`` is a SQLAlchemy session or a read-only sqlite3 connection (app.services.report_source
reads both); signing writes nothing to the database. Boxes are bound to people: the writer's
box may only be signed by the writer, the host headteacher's by the host school's headteacher
(app.reports.signoff), and the stamp's name is the certificate's, never typed or looked up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import AppError
from app.identity.keystore import PassphraseProvider
from app.reports.signoff import Box, CertificateHolder, SignOff, box_mismatch, refusal

if TYPE_CHECKING:
    from app.reports.verdict import PdfVerdict

MAX_PDF_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Produced:
    path: Path
    pages: int
    signed_field: str
    signer: str


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _holder(data_dir: Path, db: Any | None) -> CertificateHolder:
    """Who this laptop's signing identity is, by its certificate (and, when this laptop has
    published it, the person and school it was published for). Raises NotFound."""
    from cryptography.x509.oid import NameOID

    from app.identity import identity_certificate, load_identity
    from app.identity.certificates import common_name, fingerprint, name_part
    from app.services.report_source import rows

    load_identity(data_dir)  # NotFound, in its words, when there is none
    cert = identity_certificate(data_dir)
    if cert is None:
        raise AppError(f"{data_dir / 'identity' / 'cert.pem'} is not a certificate.")
    published = []
    if db is not None:
        sql = (
            "SELECT person_id, school_id FROM signing_certificates WHERE fingerprint = :fp AND "
            "deleted = 0"
        )
        published = rows(db, sql, fp=fingerprint(cert))
    return CertificateHolder(
        common_name(cert.subject),
        name_part(cert.subject, NameOID.ORGANIZATION_NAME),
        (published[0]["person_id"] or "") if published else "",
        (published[0]["school_id"] or "") if published else "",
    )


def produce_report(
    db: Any,
    data_dir: Path,
    review_ref: str,
    out: Path,
    passphrase: PassphraseProvider | None,
    *,
    clock: Callable[[], datetime] = _now,
    progress: Callable[[str], None] = lambda _: None,
) -> Produced:
    """Render the review, prepare every signature field with the record of whose each box
    is, and sign the writer's box with this laptop's identity. The file appears only when
    complete. Raises AppError on every user failure, among them a signing identity that is
    not the review's writer (before any key is unlocked)."""
    from app.identity import load_signer
    from app.reports.layout import render_report
    from app.reports.signing import prepare_signature_fields, sign_pdf
    from app.services.reporting import report_plan

    holder = _holder(data_dir, db)  # fail early, before any work, if there is none
    data, signoff = report_plan(db, review_ref, data_dir)
    writer = signoff.box("writer")
    assert writer is not None
    if (why := refusal(writer, holder)) is not None:
        raise AppError(why)
    key, cert, chain = load_signer(data_dir, passphrase)
    progress("Laying out the report")
    when = clock()
    pdf, boxes = render_report(data, when)
    progress("Preparing signature fields")
    pdf = prepare_signature_fields(
        pdf, boxes, {b.field: f"{b.label}: {b.name}" for b in signoff.boxes}, signoff
    )
    progress("Signing")
    signed = sign_pdf(pdf, key, cert, chain, field="writer", role=_role_text(writer), when=when)
    _write_atomically(out, signed)
    pages = boxes[-1].page + 1 if boxes else 0
    return Produced(out, pages, "writer", holder.name)


def _role_text(box: Box) -> str:
    """The role the stamp prints ("receiving headteacher"), from the box, not the database."""
    return box.label.lower() or box.role_words


def read_pdf(path: Path) -> bytes:
    from app.services.files import read_small_file

    return read_small_file(path, "Peerwalk report", MAX_PDF_BYTES)


def sign_report(
    data_dir: Path,
    source: Path,
    out: Path,
    passphrase: PassphraseProvider | None,
    *,
    field: str | None = None,
    clock: Callable[[], datetime] = _now,
    db: Any | None = None,
) -> tuple[str, str]:
    """Add this laptop's signature to its own box of a report, keeping earlier signatures
    valid. Refuses a PDF that was changed after a signature, one that does not say whose its
    boxes are, and a box that is someone else's (one sentence saying whose it is). Returns
    (field, signer)."""
    from app.identity import load_signer
    from app.reports.signing import choose_field, sign_pdf
    from app.reports.verdict import Outcome

    pdf = read_pdf(source)
    verdict, signoff = _check(pdf, data_dir, db)
    if verdict.signatures and verdict.outcome is Outcome.BROKEN:
        raise AppError(f"Not signing: {verdict.problem}")
    holder = _holder(data_dir, db)
    if signoff is None:
        choose_field(pdf, lambda _f: False, field)  # its own sentences for a PDF with no fields
        raise AppError(
            "This PDF does not say whose each signature box is; only reports made by Peerwalk can "
            "be signed here."
        )
    chosen = choose_field(
        pdf, lambda f: (b := signoff.box(f)) is not None and box_mismatch(b, holder) is None, field
    )
    box = signoff.box(chosen)
    if box is None:
        raise AppError(f"The box '{chosen}' is not one of this report's signature boxes.")
    if (why := refusal(box, holder)) is not None:
        raise AppError(why)
    key, cert, chain = load_signer(data_dir, passphrase)
    signed = sign_pdf(pdf, key, cert, chain, field=chosen, role=_role_text(box), when=clock())
    _write_atomically(out, signed)
    return chosen, holder.name


def _check(pdf: bytes, data_dir: Path, db: Any | None) -> tuple[PdfVerdict, SignOff | None]:
    from app.identity import trusted_roots
    from app.reports.verdict import judge
    from app.reports.verify import read_signatures
    from app.services.report_source import signoff_for_review
    from app.services.trust import trust_store

    facts = read_signatures(pdf, trusted_roots(data_dir))
    local = (
        signoff_for_review(db, facts.signoff.review_id)
        if db is not None and facts.signoff
        else None
    )
    return judge(facts, trust_store(data_dir, db), local), facts.signoff


def verify_report(data_dir: Path, path: Path, db: Any | None = None) -> PdfVerdict:
    """The verdict on a signed report (app.reports.verdict): intact, trusted, each signature
    in its rightful box. ``db`` (optional) is where partners' certificates and the review
    itself are read from. Never raises for a bad PDF; raises InvalidInput for a missing file."""
    return _check(read_pdf(path), data_dir, db)[0]


def _write_atomically(out: Path, data: bytes) -> None:
    """The PDF whole or not at all: a full disk or a read-only folder leaves no half file and
    gets its own sentence (errors.storage_problem), anything else says what failed."""
    from app.errors import storage_problem
    from app.services.files import write_atomically

    try:
        write_atomically(out, data)
    except OSError as exc:
        problem = storage_problem(exc, out.parent)
        if problem is not None:
            raise problem from None
        raise AppError(f"Cannot write {out}: {exc.strerror}.") from None

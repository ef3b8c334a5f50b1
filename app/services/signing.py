"""Producing, signing and verifying report PDFs: the use cases over app.reports and
app.identity, shared by the command line and the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import AppError
from app.identity import load_identity, load_signer, trusted_roots
from app.identity.keystore import PassphraseProvider

MAX_PDF_BYTES = 200 * 1024 * 1024
ROLE_LABELS = {"writer": "writer", "host-headteacher": "receiving headteacher"}


@dataclass
class Produced:
    path: Path
    pages: int
    signed_field: str
    signer: str


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def role_of(field: str) -> str:
    return ROLE_LABELS.get(field, "co-reviewer" if field.startswith("co-reviewer") else field)


def produce_report(
    session: Session,
    data_dir: Path,
    review_ref: str,
    out: Path,
    passphrase: PassphraseProvider | None,
    clock: Callable[[], datetime] = _now,
    progress: Callable[[str], None] = lambda _: None,
) -> Produced:
    """Render the review, prepare every signature field, and sign as the writer (this laptop's
    identity). The file appears only when complete. Raises AppError on every user failure."""
    from app.reports.layout import render_report
    from app.reports.signing import prepare_signature_fields, sign_pdf
    from app.services.reporting import report_data

    identity = load_identity(data_dir)  # fail early, before any work, if there is none
    key, cert, chain = load_signer(data_dir, passphrase)
    progress("Laying out the report")
    data = report_data(session, review_ref, data_dir)
    pdf, boxes = render_report(data)
    labels = {s.field_name: f"{s.role}: {s.name}" for s in data.signers}
    progress("Preparing signature fields")
    pdf = prepare_signature_fields(pdf, boxes, labels)
    progress("Signing")
    signed = sign_pdf(pdf, key, cert, chain, field="writer", signer_name=identity.name, role="writer", when=clock())
    _write_atomically(out, signed)
    pages = boxes[-1].page + 1 if boxes else 0
    return Produced(out, pages, "writer", identity.name)


def read_pdf(path: Path) -> bytes:
    from app.services.files import read_small_file

    return read_small_file(path, "Peerwalk report", MAX_PDF_BYTES)


def sign_report(data_dir: Path, source: Path, out: Path, passphrase: PassphraseProvider | None, field: str | None = None, clock: Callable[[], datetime] = _now) -> tuple[str, str]:
    """Add this laptop's signature to a report, keeping earlier signatures valid.
    Refuses a PDF whose existing signatures do not verify. Returns (field, signer)."""
    from app.reports.signing import choose_field, sign_pdf, verify_pdf

    pdf = read_pdf(source)
    check = verify_pdf(pdf, trusted_roots(data_dir))
    if check.signatures and not check.ok:
        raise AppError(f"Not signing: {check.problem}")
    identity = load_identity(data_dir)
    chosen = choose_field(pdf, identity.name, field)
    key, cert, chain = load_signer(data_dir, passphrase)
    signed = sign_pdf(pdf, key, cert, chain, field=chosen, signer_name=identity.name, role=role_of(chosen), when=clock())
    _write_atomically(out, signed)
    return chosen, identity.name


def verify_report(data_dir: Path, path: Path):  # type: ignore[no-untyped-def]
    from app.reports.signing import verify_pdf

    return verify_pdf(read_pdf(path), trusted_roots(data_dir))


def _write_atomically(out: Path, data: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        raise AppError(f"Cannot write {out}: {exc.strerror}.") from None

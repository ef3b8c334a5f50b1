"""Real PDF signatures (PAdES via pyHanko) on the report, and their verification.

Every visible field (writer, co-reviewers, receiving headteacher) is added in ONE incremental
update before the first signature; each signer then fills their field in an incremental update
of their own, so earlier signatures stay valid. The visible appearance is drawn with ReportLab
and DejaVu Sans (pyHanko's own stamp font cannot print ŵ/ŷ) and used as a static stamp.
"""

from __future__ import annotations

import io
import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import AppError, IntegrityFailure
from app.reports.layout import SignatureBox

# pyHanko logs every untrusted (self-signed) chain with a traceback; the outcome is reported
# in our own words instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass
class SignatureReport:
    field: str
    signer: str
    signed_at: str
    trusted: bool
    self_signed: bool
    intact: bool
    valid: bool
    whole_document: bool
    changed_after: str  # "nothing", "later signatures", "other changes"
    fingerprint: str


@dataclass
class PdfVerification:
    ok: bool
    problem: str | None
    signatures: list[SignatureReport]


def prepare_signature_fields(pdf: bytes, boxes: list[SignatureBox], labels: dict[str, str] | None = None) -> bytes:
    """Add every signature field, empty, in one incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for b in boxes:
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(
                sig_field_name=b.field_name,
                on_page=b.page,
                box=tuple(int(round(v)) for v in b.box),  # type: ignore[arg-type]
                readable_field_name=(labels or {}).get(b.field_name),
            ),
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _appearance_pdf(width: float, height: float, name: str, role: str, when: datetime, fingerprint: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    from app.reports.layout import BOLD, FONT, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=1)
    c.setFillColor(colors.HexColor("#eef5f4"))
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setFillColor(colors.HexColor("#1d5c63"))
    c.setFont(BOLD, 10)
    c.drawString(6, height - 14, name)
    c.setFillColor(colors.HexColor("#1f2933"))
    c.setFont(FONT, 7.5)
    c.drawString(6, height - 26, f"Digitally signed as {role}")
    c.drawString(6, height - 36, f"{when:%d %B %Y, %H:%M} UTC")
    c.setFillColor(colors.HexColor("#5f6b76"))
    c.setFont(FONT, 6)
    c.drawString(6, 6, "Certificate " + fingerprint[:23] + "…")
    c.showPage()
    c.save()
    return buf.getvalue()


def signature_fields(pdf: bytes) -> list[tuple[str, bool, str]]:
    """(field name, already signed, readable label) for each signature field, in order."""
    from pyhanko.sign import fields

    reader = _reader(pdf)
    out = []
    for name, value, ref in fields.enumerate_sig_fields(reader, filled_status=None):
        label = ref.get_object().get("/TU")
        out.append((str(name), value is not None, str(label) if label is not None else ""))
    return out


def choose_field(pdf: bytes, signer_name: str, wanted: str | None = None) -> str:
    """The field to sign: the named one, or the first empty field labelled with this person's
    name, or else the first empty field. Raises AppError when nothing is left to sign."""
    fields = signature_fields(pdf)
    empty = [(n, label) for n, signed, label in fields if not signed]
    if wanted:
        if wanted not in {n for n, _, _ in fields}:
            raise AppError(f"This PDF has no signature field '{wanted}'; it has: {', '.join(n for n, _, _ in fields)}.")
        if wanted not in {n for n, _ in empty}:
            raise AppError(f"The field '{wanted}' is already signed.")
        return wanted
    if not empty:
        raise AppError("Every signature field in this PDF is already signed.")
    mine = [n for n, label in empty if signer_name and signer_name.casefold() in label.casefold()]
    return mine[0] if mine else empty[0][0]


def sign_pdf(pdf: bytes, key: Any, cert: Any, chain: list[Any], *, field: str, signer_name: str, role: str, when: datetime) -> bytes:
    """Fill one prepared field with a PAdES signature, as an incremental update."""
    from cryptography.hazmat.primitives import serialization
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from app.identity.certificates import fingerprint

    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with tempfile.TemporaryDirectory() as tmp:
        cert_files = []
        for i, c in enumerate([cert, *chain]):
            path = Path(tmp) / f"c{i}.der"
            path.write_bytes(c.public_bytes(serialization.Encoding.DER))
            cert_files.append(load_cert_from_pemder(str(path)))
        signer = signers.SimpleSigner(
            signing_cert=cert_files[0],
            signing_key=load_private_key_from_pemder_data(key_der, passphrase=None),
            cert_registry=SimpleCertificateStore.from_certs(cert_files),
        )
        reader_fields = {n: ref for n, _, ref in fields.enumerate_sig_fields(_reader(pdf), filled_status=None)}
        rect = [float(v) for v in reader_fields[field].get_object()["/Rect"]] if field in reader_fields else [0, 0, 200, 80]
        width, height = abs(rect[2] - rect[0]), abs(rect[3] - rect[1])
        stamp_path = Path(tmp) / "stamp.pdf"
        stamp_path.write_bytes(_appearance_pdf(width, height, signer_name, role, when, fingerprint(cert)))
        meta = signers.PdfSignatureMetadata(
            field_name=field,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            name=signer_name,
            reason=f"Signed as {role}",
        )
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=StaticStampStyle.from_pdf_file(str(stamp_path), border_width=0))
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        out = pdf_signer.sign_pdf(writer, existing_fields_only=True)
        return out.getvalue()


def _reader(pdf: bytes) -> Any:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not pdf.lstrip()[:5].startswith(b"%PDF"):
        raise IntegrityFailure("This file is not a PDF.")
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except (PdfReadError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise IntegrityFailure(f"This PDF is damaged or incomplete and cannot be checked ({_short(exc)}).") from None


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:80]


def verify_pdf(pdf: bytes, trust_roots: list[Any]) -> PdfVerification:
    """Check every signature. ``ok`` only if all are intact and valid and nothing but later
    signatures was added after each one; ``problem`` is one plain sentence otherwise."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    from app.identity.certificates import fingerprint

    reader = _reader(pdf)
    try:
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises several kinds on broken structures
        raise IntegrityFailure(f"This PDF is damaged or incomplete and cannot be checked ({_short(exc)}).") from None
    if not sigs:
        return PdfVerification(False, "This PDF has no signatures.", [])
    with tempfile.TemporaryDirectory() as tmp:
        roots = []
        for i, c in enumerate(trust_roots):
            path = Path(tmp) / f"r{i}.der"
            path.write_bytes(c.public_bytes(serialization.Encoding.DER))
            roots.append(load_cert_from_pemder(str(path)))
    reports: list[SignatureReport] = []
    problem: str | None = None
    for index, sig in enumerate(sigs):
        is_last = index == len(sigs) - 1
        try:
            ctx = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = validate_pdf_signature(sig, signer_validation_context=ctx)
        except Exception as exc:
            raise IntegrityFailure(f"The signature in field '{sig.field_name}' cannot be read ({_short(exc)}).") from None
        cert = status.signing_cert
        name = cert.subject.native.get("common_name", "?") if cert is not None else "?"
        self_signed = cert is not None and cert.subject == cert.issuer
        level = status.modification_level
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        if level is None or level == ModificationLevel.NONE:
            changed = "nothing"
        elif level <= ModificationLevel.FORM_FILLING:
            changed = "later signatures"
        else:
            changed = "other changes"
        signed_at = status.signer_reported_dt.isoformat(timespec="minutes") if status.signer_reported_dt else ""
        fp = fingerprint(x509.load_der_x509_certificate(cert.dump())) if cert is not None else ""
        reports.append(SignatureReport(sig.field_name, name, signed_at, bool(status.trusted), self_signed, bool(status.intact), bool(status.valid), whole, changed, fp))
        if problem is None:
            if not status.intact:
                problem = f"The signature by {name} does not match the document: the file has been changed since it was signed."
            elif not status.valid:
                problem = f"The signature by {name} is not a valid signature."
            elif changed == "other changes":
                problem = f"The document was changed after {name} signed it (more than adding signatures)."
            elif is_last and not whole and changed == "nothing":
                problem = f"Something was added to the file after the last signature (by {name})."
    return PdfVerification(problem is None, problem, reports)

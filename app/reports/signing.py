"""Real PDF signatures (PAdES via pyHanko) on a rendered report.

Every visible field (writer, co-reviewers, receiving headteacher) is added in ONE incremental
update before the first signature; each signer then fills their own field with
``existing_fields_only=True`` in an incremental update of their own, so earlier signatures stay
valid (adding fields after a signature is flagged as a suspicious change). The appearance is
drawn by ReportLab (appearance.py). pyHanko and ReportLab are imported inside the functions:
importing this module is cheap.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from app.errors import AppError, InvalidInput
from app.reports.verify import PdfVerification, SignatureReport, open_pdf, verify_pdf

__all__ = [
    "PdfVerification",
    "SignatureFieldSpec",
    "SignatureReport",
    "choose_field",
    "prepare_signature_fields",
    "sign_pdf",
    "signature_fields",
    "verify_pdf",
]


class FieldLike(Protocol):
    field_name: str
    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class SignatureFieldSpec:
    """Where one empty signature field goes. ``page`` is 0-based; -1 means the last page.
    ``box`` is (x1, y1, x2, y2) in PDF points. ``label`` is shown by PDF readers as the field's
    name ("Receiving headteacher: Claire Goodwin") and helps pick the right field to sign."""

    field_name: str
    page: int = -1
    box: tuple[float, float, float, float] = (0.0, 0.0, 200.0, 80.0)
    label: str | None = None


def prepare_signature_fields(pdf: bytes, fields: Sequence[FieldLike], labels: dict[str, str] | None = None) -> bytes:
    """Add every signature field, empty, in one incremental update.

    ``fields`` are SignatureFieldSpec (or the layout's SignatureBox: anything with field_name,
    page and box). Raises InvalidInput for no fields, a repeated or existing name, or a page
    that does not exist; IntegrityFailure for bytes that are not a readable PDF; AppError for a
    PDF that is already signed (new fields after a signature break its "nothing changed").
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields as sig_fields

    if not fields:
        raise InvalidInput("There are no signature fields to add.")
    names = [f.field_name for f in fields]
    if len(set(names)) != len(names) or not all(names):
        raise InvalidInput("Each signature field needs its own name.")
    reader = open_pdf(pdf)
    existing = [n for n, value, _ in sig_fields.enumerate_sig_fields(reader, filled_status=None)]
    if any(value is not None for _, value, _ in sig_fields.enumerate_sig_fields(reader, filled_status=None)):
        raise AppError("This PDF is already signed; signature fields must all be added before the first signature.")
    if clash := sorted(set(names) & set(existing)):
        raise InvalidInput(f"This PDF already has a signature field '{clash[0]}'.")
    pages = int(reader.root["/Pages"]["/Count"])
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for f in fields:
        page = pages + f.page if f.page < 0 else f.page
        if not 0 <= page < pages:
            raise InvalidInput(f"The signature field '{f.field_name}' is on page {f.page + 1}, but the PDF has {pages} pages.")
        label = (labels or {}).get(f.field_name) or getattr(f, "label", None)
        spec = sig_fields.SigFieldSpec(sig_field_name=f.field_name, on_page=page, box=tuple(int(round(v)) for v in f.box), readable_field_name=label)  # type: ignore[arg-type]
        sig_fields.append_signature_field(writer, spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def signature_fields(pdf: bytes) -> list[tuple[str, bool, str]]:
    """(field name, already signed, readable label) for each signature field, in order.
    Raises IntegrityFailure for bytes that are not a readable PDF."""
    from pyhanko.sign import fields

    out = []
    for name, value, ref in fields.enumerate_sig_fields(open_pdf(pdf), filled_status=None):
        label = ref.get_object().get("/TU")
        out.append((str(name), value is not None, str(label) if label is not None else ""))
    return out


def choose_field(pdf: bytes, signer_name: str, wanted: str | None = None) -> str:
    """The field to sign: the named one, or the first empty field labelled with this person's
    name, or else the first empty field. Raises AppError when that is impossible."""
    fields = signature_fields(pdf)
    empty = [(n, label) for n, signed, label in fields if not signed]
    if not fields:
        raise AppError("This PDF has no signature fields; only Peerwalk reports can be signed here.")
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
    """Fill one prepared, empty field with a PAdES signature (SHA-256), as an incremental
    update, with a visible stamp (name, role, date, short fingerprint).

    ``key``/``cert``/``chain`` are what app.identity.load_signer returns (cryptography objects).
    Raises AppError for a missing or already-signed field or a certificate expired at
    ``when``; IntegrityFailure for bytes that are not a readable PDF.
    """
    from cryptography.hazmat.primitives import serialization
    from pyhanko.keys import load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from app.identity.certificates import fingerprint
    from app.reports.appearance import signature_appearance_pdf
    from app.reports.verify import _pyhanko_certs

    reader = open_pdf(pdf)
    found = {str(n): (value, ref) for n, value, ref in fields.enumerate_sig_fields(reader, filled_status=None)}
    if field not in found:
        raise AppError(f"This PDF has no signature field '{field}'.")
    if found[field][0] is not None:
        raise AppError(f"The field '{field}' is already signed.")
    if when > cert.not_valid_after_utc:
        raise AppError(f"Your certificate expired on {cert.not_valid_after_utc:%d %B %Y}; make or import a current one.")
    rect = [float(v) for v in found[field][1].get_object()["/Rect"]]
    width, height = abs(rect[2] - rect[0]), abs(rect[3] - rect[1])
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    certs = _pyhanko_certs([cert, *chain])
    signer = signers.SimpleSigner(
        signing_cert=certs[0],
        signing_key=load_private_key_from_pemder_data(key_der, passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(certs),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=signer_name,
        reason=f"Signed as {role}",
    )
    with tempfile.TemporaryDirectory() as tmp:  # pyHanko imports a stamp page from a file
        stamp = Path(tmp) / "stamp.pdf"
        stamp.write_bytes(signature_appearance_pdf(width, height, signer_name, role, when, fingerprint(cert)))
        style = StaticStampStyle.from_pdf_file(str(stamp), border_width=0)
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
        out = pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), existing_fields_only=True)
        return bytes(out.getvalue())

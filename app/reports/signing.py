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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from app.errors import AppError, InvalidInput
from app.reports.signoff import SignOff
from app.reports.verify import open_pdf

__all__ = [
    "SignatureFieldSpec",
    "choose_field",
    "prepare_signature_fields",
    "sign_pdf",
    "signature_fields",
]


# Room kept in the file for the signature (CMS with the certificate chain: about 2-3 KB for
# P-256 and two certificates). Fixed, so pyHanko does not sign once more just to measure it.
SIGNATURE_BYTES = 8192


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


def prepare_signature_fields(
    pdf: bytes,
    fields: Sequence[FieldLike],
    labels: dict[str, str] | None = None,
    signoff: SignOff | None = None,
) -> bytes:
    """Add every signature field, empty, in one incremental update, with the sign-off record
    (whose each box is: app.reports.signoff) in the same update, so the first signature
    covers it.

    ``fields`` are SignatureFieldSpec (or the layout's SignatureBox: anything with field_name,
    page and box). Raises InvalidInput for no fields, a repeated or existing name, or a page
    that does not exist; IntegrityFailure for bytes that are not a readable PDF; AppError for a
    PDF that is already signed (new fields after a signature break its "nothing changed").
    """
    from app.reports.pyhanko_offline import offline

    offline()
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields as sig_fields

    from app.reports.signoff import write_record

    if not fields:
        raise InvalidInput("There are no signature fields to add.")
    names = [f.field_name for f in fields]
    if len(set(names)) != len(names) or not all(names):
        raise InvalidInput("Each signature field needs its own name.")
    reader = open_pdf(pdf)
    existing = [n for n, value, _ in sig_fields.enumerate_sig_fields(reader, filled_status=None)]
    if any(
        value is not None
        for _, value, _ in sig_fields.enumerate_sig_fields(reader, filled_status=None)
    ):
        raise AppError(
            "This PDF is already signed; signature fields must all be added before the first signature."
        )
    if clash := sorted(set(names) & set(existing)):
        raise InvalidInput(f"This PDF already has a signature field '{clash[0]}'.")
    pages = int(reader.root["/Pages"]["/Count"])
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for f in fields:
        page = pages + f.page if f.page < 0 else f.page
        if not 0 <= page < pages:
            raise InvalidInput(
                f"The signature field '{f.field_name}' is on page {f.page + 1}, but the PDF has {pages} pages."
            )
        label = (labels or {}).get(f.field_name) or getattr(f, "label", None)
        spec = sig_fields.SigFieldSpec(
            sig_field_name=f.field_name,
            on_page=page,
            box=tuple(int(round(v)) for v in f.box),
            readable_field_name=label,
        )  # type: ignore[arg-type]
        sig_fields.append_signature_field(writer, spec)
    if signoff is not None:
        if {b.field for b in signoff.boxes} != set(names):
            raise InvalidInput("The sign-off record must name exactly the signature fields added.")
        write_record(writer, signoff)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def signature_fields(pdf: bytes) -> list[tuple[str, bool, str]]:
    """(field name, already signed, readable label) for each signature field, in order.
    Raises IntegrityFailure for bytes that are not a readable PDF."""
    from app.reports.pyhanko_offline import offline

    offline()
    from pyhanko.sign import fields

    out = []
    for name, value, ref in fields.enumerate_sig_fields(open_pdf(pdf), filled_status=None):
        label = ref.get_object().get("/TU")
        out.append((str(name), value is not None, str(label) if label is not None else ""))
    return out


def choose_field(pdf: bytes, mine: Callable[[str], bool], wanted: str | None = None) -> str:
    """The field to sign: the named one, or else the first empty field ``mine(field)`` accepts
    (the caller knows whose each box is). Raises AppError when there is no such field; the
    caller checks that a named field is really the signer's."""
    fields = signature_fields(pdf)
    empty = [n for n, signed, _ in fields if not signed]
    if not fields:
        raise AppError(
            "This PDF has no signature fields; only Peerwalk reports can be signed here."
        )
    if wanted:
        if wanted not in {n for n, _, _ in fields}:
            raise AppError(
                f"This PDF has no signature field '{wanted}'; it has: {', '.join(n for n, _, _ in fields)}."
            )
        if wanted not in empty:
            raise AppError(f"The field '{wanted}' is already signed.")
        return wanted
    if not empty:
        raise AppError("Every signature field in this PDF is already signed.")
    for name in empty:
        if mine(name):
            return name
    return empty[0]  # not theirs: the caller refuses it with a sentence saying whose it is


def sign_pdf(
    pdf: bytes, key: Any, cert: Any, chain: list[Any], *, field: str, role: str, when: datetime
) -> bytes:
    """Fill one prepared, empty field with a PAdES signature (SHA-256), as an incremental
    update, with a visible stamp. The stamp's name is the certificate's common name, never
    anything else; ``role`` is the box's role ("writer").

    ``key``/``cert``/``chain`` are what app.identity.load_signer returns (cryptography objects).
    Raises AppError for a missing or already-signed field or a certificate expired at
    ``when``; IntegrityFailure for bytes that are not a readable PDF.
    """
    from app.identity.certificates import common_name, fingerprint
    from app.reports.appearance import signature_appearance_pdf

    name = common_name(cert.subject)

    def stamp(width: float, height: float) -> bytes:
        return signature_appearance_pdf(width, height, name, role, when, fingerprint(cert))

    return sign_with_stamp(
        pdf, key, cert, chain, field=field, reason=f"Signed as {role}", when=when, stamp=stamp
    )


def sign_with_stamp(
    pdf: bytes,
    key: Any,
    cert: Any,
    chain: list[Any],
    *,
    field: str,
    reason: str,
    when: datetime,
    stamp: Callable[[float, float], bytes],
) -> bytes:
    """:func:`sign_pdf` with the stamp drawn by ``stamp(width, height)`` (a one-page PDF).
    For sign_pdf, and for tests that forge a stamp; same errors as sign_pdf."""
    from app.reports.pyhanko_offline import offline

    offline()
    from cryptography.hazmat.primitives import serialization
    from pyhanko.keys import load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from app.identity.certificates import common_name
    from app.reports.verify import pyhanko_certs

    reader = open_pdf(pdf)
    found = {
        str(n): (value, ref)
        for n, value, ref in fields.enumerate_sig_fields(reader, filled_status=None)
    }
    if field not in found:
        raise AppError(f"This PDF has no signature field '{field}'.")
    if found[field][0] is not None:
        raise AppError(f"The field '{field}' is already signed.")
    if when > cert.not_valid_after_utc:
        from app.dates import display_date

        raise AppError(
            f"Your certificate expired on {display_date(cert.not_valid_after_utc)}; "
            "make or import a current one."
        )
    rect = [float(v) for v in found[field][1].get_object()["/Rect"]]
    width, height = abs(rect[2] - rect[0]), abs(rect[3] - rect[1])
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    certs = pyhanko_certs([cert, *chain])
    signer = signers.SimpleSigner(
        signing_cert=certs[0],
        signing_key=load_private_key_from_pemder_data(key_der, passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(certs),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=common_name(cert.subject),
        reason=reason,
    )
    with tempfile.TemporaryDirectory() as tmp:  # pyHanko imports a stamp page from a file
        path = Path(tmp) / "stamp.pdf"
        path.write_bytes(stamp(width, height))
        style = StaticStampStyle.from_pdf_file(str(path), border_width=0)
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        out = pdf_signer.sign_pdf(writer, existing_fields_only=True, bytes_reserved=SIGNATURE_BYTES)
        return bytes(out.getvalue())

"""Small PDFs for signing tests: a page of text made with ReportLab, two identities whose
certificates a network CA issued, and the ways a signed file gets spoiled."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.identity import (
    certificate_pem,
    create_identity,
    create_network_ca,
    import_issued_certificate,
    issue_certificate,
    load_signer,
    network_ca_pem,
    trust_root,
)
from app.reports.signing import SignatureFieldSpec, prepare_signature_fields, sign_pdf

WRITER, HOST = "Siân Llywelyn", "Gwenllian Ŵyn Roberts"
LINES = ("Ysgol Gymraeg Bro Ŵyr", "Adroddiad adolygiad gan gymheiriaid")
FIELDS = [
    SignatureFieldSpec("writer", -1, (56, 420, 282, 510), "Writer: " + WRITER),
    SignatureFieldSpec("host-headteacher", -1, (313, 420, 539, 510), "Receiving headteacher: " + HOST),
]


def text_pdf(*lines: str, pages: int = 2) -> bytes:
    """A few pages of text in DejaVu Sans (Welsh letters print), byte-identical each time."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from app.config import resources_dir

    if "TestSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSans", str(resources_dir() / "fonts" / "DejaVuSans.ttf")))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for page in range(pages):
        c.setFont("TestSans", 12)
        for i, line in enumerate(lines or LINES):
            c.drawString(72, 760 - 18 * i, f"{line} (page {page + 1})")
        c.showPage()
    c.save()
    return buf.getvalue()


@dataclass
class Signed:
    base: Path
    writer: Path  # data folders
    host: Path
    ca: Path
    keychain: Any  # the keyring backend holding both identities' data keys
    prepared: bytes
    writer_signed: bytes
    both_signed: bytes


def make_signed(base: Path, *, network: bool = True, when: datetime | None = None) -> Signed:
    """Writer signs, the host headteacher countersigns; with ``network`` both certificates are
    issued by one network root, which both laptops trust."""
    when = when or datetime.now(UTC)
    writer, host, ca = base / "writer", base / "host", base / "ca"
    if network:
        create_network_ca(ca, "Triad Gogledd Cymru")
    for folder, name in ((writer, WRITER), (host, HOST)):
        create_identity(folder, name, ("sian" if name == WRITER else "gwen") + "@browyr.example", "Ysgol Gymraeg Bro Ŵyr")
        if network:
            import_issued_certificate(folder, issue_certificate(ca, certificate_pem(folder), None))
            trust_root(folder, network_ca_pem(ca))
    prepared = prepare_signature_fields(text_pdf(), FIELDS)
    key, cert, chain = load_signer(writer, None)
    one = sign_pdf(prepared, key, cert, chain, field="writer", signer_name=WRITER, role="writer", when=when)
    key, cert, chain = load_signer(host, None)
    two = sign_pdf(one, key, cert, chain, field="host-headteacher", signer_name=HOST, role="receiving headteacher", when=when)
    import keyring

    return Signed(base, writer, host, ca, keyring.get_keyring(), prepared, one, two)


# --- ways to spoil a signed file ----------------------------------------------------------


def flip_in_signed_range(pdf: bytes) -> bytes:
    """Flip one bit in the first revision (covered by every signature)."""
    data = bytearray(pdf)
    data[len(pdf) // 5] ^= 0x01
    return bytes(data)


def append_content_change(pdf: bytes) -> bytes:
    """An incremental update after the last signature that draws "APPROVED" over page 1."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    page = w.root["/Pages"]["/Kids"][0].get_object()
    ref = w.add_object(generic.StreamObject(stream_data=b"BT /F1 40 Tf 100 400 Td (APPROVED) Tj ET"))
    contents = page.raw_get("/Contents")
    arr = generic.ArrayObject(list(contents) if isinstance(contents, generic.ArrayObject) else [contents])
    arr.append(ref)
    page["/Contents"] = arr
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def truncate(pdf: bytes) -> bytes:
    return pdf[: len(pdf) - 700]


NOT_A_PDF = b"PK\x03\x04" + b"this is a zip archive, not a report" * 20

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
from app.reports.signoff import Box, SignOff

WRITER, HOST = "Siân Llywelyn", "Gwenllian Ŵyn Roberts"
LINES = ("Ysgol Gymraeg Bro Ŵyr", "Adroddiad adolygiad gan gymheiriaid")
FIELDS = [
    SignatureFieldSpec("writer", -1, (56, 420, 282, 510), "Writer: " + WRITER),
    SignatureFieldSpec(
        "host-headteacher", -1, (313, 420, 539, 510), "Receiving headteacher: " + HOST
    ),
]
# Whose each box is (no school ids: these identities' certificates name a school without one).
SIGNOFF = SignOff(
    "review-id",
    (
        Box("writer", "writer", "Writer", WRITER),
        Box("host-headteacher", "host-headteacher", "Receiving headteacher", HOST),
    ),
)


def text_pdf(*lines: str, pages: int = 2) -> bytes:
    """A few pages of text in DejaVu Sans (Welsh letters print), byte-identical each time."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from app.config import resources_dir

    if "TestSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            TTFont("TestSans", str(resources_dir() / "fonts" / "DejaVuSans.ttf"))
        )
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
        create_identity(
            folder,
            name,
            ("sian" if name == WRITER else "gwen") + "@browyr.example",
            "Ysgol Gymraeg Bro Ŵyr",
        )
        if network:
            import_issued_certificate(folder, issue_certificate(ca, certificate_pem(folder), None))
            trust_root(folder, network_ca_pem(ca))
    prepared = prepare_signature_fields(text_pdf(), FIELDS, signoff=SIGNOFF)
    key, cert, chain = load_signer(writer, None)
    one = sign_pdf(prepared, key, cert, chain, field="writer", role="writer", when=when)
    key, cert, chain = load_signer(host, None)
    two = sign_pdf(
        one, key, cert, chain, field="host-headteacher", role="receiving headteacher", when=when
    )
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
    ref = w.add_object(
        generic.StreamObject(stream_data=b"BT /F1 40 Tf 100 400 Td (APPROVED) Tj ET")
    )
    contents = page.raw_get("/Contents")
    arr = generic.ArrayObject(
        list(contents) if isinstance(contents, generic.ArrayObject) else [contents]
    )
    arr.append(ref)
    page["/Contents"] = arr
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def truncate(pdf: bytes) -> bytes:
    return pdf[: len(pdf) - 700]


NOT_A_PDF = b"PK\x03\x04" + b"this is a zip archive, not a report" * 20


def change_title(pdf: bytes, title: str = "Outstanding in all areas") -> bytes:
    """An incremental update that changes only the document's title (/Info), as a reader's
    "document properties" would."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    info_ref = w.trailer.raw_get("/Info")
    info = info_ref.get_object()
    info["/Title"] = generic.TextStringObject(title)
    w.mark_update(info_ref)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def rewrite_signoff(pdf: bytes, **changes: str) -> bytes:
    """An incremental update that rewrites whose each box is (the catalog's record), e.g.
    ``host_name="Marcus Lowe"``: what a forger would do to make their signature "fit"."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from app.reports.signoff import RECORD_KEY, SignOff

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    record = SignOff.from_json(str(w.root[RECORD_KEY]))
    assert record is not None
    boxes = tuple(
        b
        if b.field != "host-headteacher"
        else type(b)(**{**b.__dict__, "name": changes.get("host_name", b.name)})
        for b in record.boxes
    )
    w.root[RECORD_KEY] = generic.TextStringObject(SignOff(record.review_id, boxes).to_json())
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def sign_with_forged_stamp(
    pdf: bytes,
    data_dir: Path,
    field: str,
    stamp_name: str,
    role: str = "receiving headteacher",
    passphrase: Any = None,
) -> bytes:
    """Sign ``field`` with ``data_dir``'s identity, but with a stamp drawn for ``stamp_name``
    (what a forger's own tool would do; Peerwalk's sign_pdf takes the name from the
    certificate)."""
    from datetime import UTC, datetime

    from app.identity.certificates import fingerprint
    from app.reports.appearance import signature_appearance_pdf
    from app.reports.signing import sign_with_stamp

    key, cert, chain = load_signer(data_dir, passphrase)
    when = datetime.now(UTC)
    return sign_with_stamp(
        pdf,
        key,
        cert,
        chain,
        field=field,
        reason=f"Signed as {role}",
        when=when,
        stamp=lambda w, h: signature_appearance_pdf(
            w, h, stamp_name, role, when, fingerprint(cert)
        ),
    )


XMP_TITLE = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmp:ModifyDate="2026-12-01T10:00:00Z"><dc:title><rdf:Alt>%s</rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>""" % (
    b'<rdf:li xml:lang="x-default">Outstanding in all areas</rdf:li>'
)


def change_xmp_title(pdf: bytes) -> bytes:
    """An incremental update that gives the document XMP metadata with a new title (which
    many readers show instead of /Info's)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    stream = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Metadata"),
            generic.NameObject("/Subtype"): generic.NameObject("/XML"),
        },
        stream_data=XMP_TITLE,
    )
    w.root["/Metadata"] = w.add_object(stream)
    w.update_root()
    w._update_meta = lambda: None  # type: ignore[method-assign]  # pyHanko would rewrite the XMP itself
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()

"""Checking a signed report: the facts about every signature, offline.

pyHanko validates each signature (intact, valid, chain to the roots given) with no network
access, and its difference analysis says what later incremental updates did. ``pdfsig``
reports "Signature is Valid" for a file with a content-changing update appended after the last
signature (it only adds "Not total document signed"); here that is a failure. pyHanko allows
any change of the document information dictionary (/Info) and of the XMP metadata after a
signature; here a changed title, author or subject, or any XMP change, is a failure too (only
/ModDate and /Producer, which every signing tool updates, may change).

This module gathers facts (:class:`SignatureFacts`); app.reports.verdict decides what they
mean. :func:`read_signatures` never raises for bad bytes: a file that is not a PDF, is cut
short or is damaged gives a ``problem`` sentence instead.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from app.errors import IntegrityFailure
from app.reports.signoff import SignOff, read_record
from app.reports.stamp_text import stamp_text

# pyHanko logs every untrusted (self-signed) chain and every failed check with a traceback;
# the outcome is reported in our own words instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

DAMAGED = "This PDF is damaged and its signatures cannot be checked."
TRUNCATED = (
    "This PDF is incomplete: the end of the file is missing (it may have been cut short "
    "while copying)."
)
# /Info entries a signing tool rewrites in its own update; every other one is the document's.
INFO_BOOKKEEPING = frozenset({"/ModDate", "/Producer"})
INFO_WORDS = {
    "/Title": "title",
    "/Author": "author",
    "/Subject": "subject",
    "/Keywords": "keywords",
    "/Creator": "creator",
    "/CreationDate": "creation date",
}


@dataclass(frozen=True)
class SignatureFacts:
    """What pyHanko and the file say about one signature (no judgement yet)."""

    field: str
    signed_revision: int
    signer: str  # the certificate's common name ("?" when there is no certificate)
    organisation: str  # the certificate's O ("" if none)
    email: str
    issuer: str  # the issuer's common name
    fingerprint: str  # SHA-256 of the signer's certificate, "AB:CD:..."
    self_signed: bool
    chain_trusted: bool  # chains to one of the roots given
    signed_at: str  # ISO 8601 as the signer's computer reported it ("" if absent)
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks with the certificate's key
    covers_revision: bool  # covers the whole revision it was made in
    whole_document: bool  # covers the entire file (only the last one can)
    modification_level: str  # pyHanko's ModificationLevel name for what came after
    details_changed: str  # "" or what of the document's details changed after ("title")
    stamp: str  # the text the visible stamp draws ("" for none)
    certificate_pem: bytes = b""


@dataclass(frozen=True)
class PdfFacts:
    problem: str | None = None  # set when the file cannot be read at all
    signatures: tuple[SignatureFacts, ...] = ()
    unsigned_fields: tuple[str, ...] = ()
    signoff: SignOff | None = None  # the record of whose each box is, as first signed


def open_pdf(pdf: bytes) -> Any:
    """A pyHanko reader. Raises IntegrityFailure (one sentence) for non-PDF, cut-short or
    damaged bytes."""
    from app.reports.pyhanko_offline import offline

    offline()
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not pdf.lstrip()[:5].startswith(b"%PDF"):
        raise IntegrityFailure("This file is not a PDF.")
    if b"%%EOF" not in pdf[-1024:]:
        raise IntegrityFailure(TRUNCATED)
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except (PdfReadError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise IntegrityFailure(DAMAGED) from None


def pyhanko_certs(certs: list[Any]) -> list[Any]:
    """cryptography certificates as the asn1crypto objects pyHanko wants."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certs]


def _info(resolver: Any) -> dict[str, str]:
    ref = resolver.trailer_view.get_value_as_reference("/Info", optional=True)
    if ref is None:
        return {}
    info = resolver(ref)
    return {str(k): str(v) for k, v in info.items() if str(k) not in INFO_BOOKKEEPING}


_XMP_BOOKKEEPING = frozenset(
    {
        "{http://ns.adobe.com/xap/1.0/}ModifyDate",
        "{http://ns.adobe.com/xap/1.0/}MetadataDate",
        "{http://ns.adobe.com/pdf/1.3/}Producer",
        "{adobe:ns:meta/}xmptk",
        "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about",
    }
)
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
MAX_XMP = 256 * 1024


def _xmp(resolver: Any) -> frozenset[tuple[str, str]]:
    """What the XMP metadata claims (property, value), without the bookkeeping a signing tool
    rewrites (pyHanko adds ModifyDate and Producer with every signature). XML with a DTD, too
    large or unreadable is compared byte for byte instead (never expanded)."""
    import hashlib
    from xml.etree import ElementTree

    meta = resolver.root.get("/Metadata")
    if meta is None:
        return frozenset()
    data = bytes(meta.get_object().data)
    raw = frozenset({("bytes", hashlib.sha256(data).hexdigest())})
    if len(data) > MAX_XMP or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return raw
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return raw
    claims: set[tuple[str, str]] = set()

    def walk(el: Any, owner: str) -> None:
        name = owner if el.tag.startswith(_RDF) else el.tag
        if name in _XMP_BOOKKEEPING:
            return
        claims.update((k, v) for k, v in el.attrib.items() if k not in _XMP_BOOKKEEPING)
        if el.text and el.text.strip():
            claims.add((name, el.text.strip()))
        for child in el:
            walk(child, name)

    walk(root, "")
    return frozenset(claims)


def details_changed_after(reader: Any) -> dict[int, str]:
    """revision -> what of the document's details (/Info minus bookkeeping, XMP) it changed,
    for every revision that changed any."""
    out: dict[int, str] = {}
    revisions = reader.xrefs.total_revisions
    before = reader.get_historical_resolver(0)
    info, xmp = _info(before), _xmp(before)
    for rev in range(1, revisions):
        now = reader.get_historical_resolver(rev)
        info_now, xmp_now = _info(now), _xmp(now)
        changed = [
            INFO_WORDS.get(k, k.lstrip("/"))
            for k in sorted(set(info) | set(info_now))
            if info.get(k) != info_now.get(k)
        ]
        if xmp_now != xmp:
            changed.append("XMP metadata")
        if changed:
            out[rev] = " and ".join(changed)
        info, xmp = info_now, xmp_now
    return out


def _facts(sig: Any, status: Any, changes: dict[int, str]) -> SignatureFacts:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from app.identity.certificates import common_name, fingerprint, name_part

    asn1 = status.signing_cert
    cert = x509.load_der_x509_certificate(asn1.dump()) if asn1 is not None else None
    level = status.modification_level
    later = [what for rev, what in sorted(changes.items()) if rev > sig.signed_revision]
    widget = sig.sig_field
    kids = widget.get("/Kids")
    if kids:
        widget = kids[0].get_object()
    return SignatureFacts(
        field=str(sig.field_name),
        signed_revision=int(sig.signed_revision),
        signer=common_name(cert.subject) if cert is not None else "?",
        organisation=name_part(cert.subject, NameOID.ORGANIZATION_NAME) if cert is not None else "",
        email=name_part(cert.subject, NameOID.EMAIL_ADDRESS) if cert is not None else "",
        issuer=common_name(cert.issuer) if cert is not None else "",
        fingerprint=fingerprint(cert) if cert is not None else "",
        self_signed=cert is not None and cert.subject == cert.issuer,
        chain_trusted=bool(status.trusted),
        signed_at=status.signer_reported_dt.isoformat(timespec="minutes")
        if status.signer_reported_dt
        else "",
        intact=bool(status.intact),
        valid=bool(status.valid),
        covers_revision=status.coverage >= SignatureCoverageLevel.ENTIRE_REVISION,
        whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modification_level=level.name if level is not None else "NONE",
        details_changed=later[0] if later else "",
        stamp=stamp_text(widget),
        certificate_pem=cert.public_bytes(Encoding.PEM) if cert is not None else b"",
    )


def read_signatures(pdf: bytes, trust_roots: list[Any]) -> PdfFacts:
    """Every signature's facts, checked against ``trust_roots`` (cryptography certificates of
    network roots), offline. Never raises for bad bytes (``problem`` says what is wrong)."""
    from app.reports.pyhanko_offline import offline

    offline()
    from pyhanko.sign import fields
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = open_pdf(pdf)
        sigs = sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)
        unsigned = tuple(
            str(n) for n, value, _ in fields.enumerate_sig_fields(reader, filled_status=False)
        )
    except IntegrityFailure as exc:
        return PdfFacts(exc.user_message)
    except Exception:  # pyHanko raises several kinds on broken structures
        return PdfFacts(DAMAGED)
    if not sigs:  # a prepared report waiting for its writer: its record is as it is now
        return PdfFacts("This PDF has no signatures.", (), unsigned, read_record(reader))
    try:
        changes = details_changed_after(reader)
        signoff = read_record(reader.get_historical_resolver(sigs[0].signed_revision))
    except Exception:
        return PdfFacts(DAMAGED, (), unsigned)
    roots = pyhanko_certs(trust_roots)
    facts = []
    for sig in sigs:
        try:
            ctx = ValidationContext(trust_roots=roots, allow_fetching=False)
            facts.append(
                _facts(sig, validate_pdf_signature(sig, signer_validation_context=ctx), changes)
            )
        except Exception:  # a damaged signature dictionary or CMS blob
            problem = (
                f"This PDF is damaged: the signature in field '{sig.field_name}' cannot be read."
            )
            return PdfFacts(problem, tuple(facts), unsigned, signoff)
    return PdfFacts(None, tuple(facts), unsigned, signoff)

"""Checking a signed report: every signature, and what was changed after each one.

pyHanko validates each signature against an explicit set of trust roots with no network
access, and its difference analysis says what later incremental updates did. ``pdfsig``
reports "Signature is Valid" for a file with a content-changing update appended after the last
signature (it only adds "Not total document signed"); here that is a failure.

:func:`verify_pdf` never raises for bad bytes: a file that is not a PDF, is cut short or is
damaged gives ``ok=False`` and one plain sentence in ``problem``.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import Any

from app.errors import IntegrityFailure

# pyHanko logs every untrusted (self-signed) chain and every failed check with a traceback;
# the outcome is reported in our own words instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

DAMAGED = "This PDF is damaged and its signatures cannot be checked."
TRUNCATED = "This PDF is incomplete: the end of the file is missing (it may have been cut short while copying)."


@dataclass
class SignatureReport:
    """One signature, in the order they were made."""

    field: str
    signer: str  # the certificate's common name
    signed_at: str  # ISO 8601, as the signer's computer reported it ("" if absent)
    trusted: bool  # chains to a root this laptop trusts
    self_signed: bool
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks with the certificate's key
    whole_document: bool  # covers the entire file (only the last one can)
    changed_after: str  # "nothing", "later signatures", "other changes"
    fingerprint: str  # SHA-256 of the signer's certificate
    modification_level: str = "NONE"  # pyHanko's ModificationLevel name


@dataclass
class PdfVerification:
    ok: bool
    problem: str | None  # one plain sentence when not ok
    signatures: list[SignatureReport] = field(default_factory=list)
    unsigned_fields: list[str] = field(default_factory=list)  # prepared fields still waiting


def open_pdf(pdf: bytes) -> Any:
    """A pyHanko reader. Raises IntegrityFailure (one sentence) for non-PDF, cut-short or
    damaged bytes."""
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


def _pyhanko_certs(certs: list[Any]) -> list[Any]:
    """cryptography certificates as the asn1crypto objects pyHanko wants."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certs]


def _report(sig: Any, status: Any) -> tuple[SignatureReport, Any]:
    from cryptography import x509
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from app.identity.certificates import fingerprint

    cert = status.signing_cert
    name = str(cert.subject.native.get("common_name", "?")) if cert is not None else "?"
    level = status.modification_level
    if level is None or level == ModificationLevel.NONE:
        changed = "nothing"
    elif level <= ModificationLevel.FORM_FILLING:
        changed = "later signatures"
    else:
        changed = "other changes"
    return SignatureReport(
        field=str(sig.field_name),
        signer=name,
        signed_at=status.signer_reported_dt.isoformat(timespec="minutes") if status.signer_reported_dt else "",
        trusted=bool(status.trusted),
        self_signed=cert is not None and cert.subject == cert.issuer,
        intact=bool(status.intact),
        valid=bool(status.valid),
        whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        changed_after=changed,
        fingerprint=fingerprint(x509.load_der_x509_certificate(cert.dump())) if cert is not None else "",
        modification_level=level.name if level is not None else "NONE",
    ), status.coverage


def _problem(reports: list[tuple[SignatureReport, Any]]) -> str | None:
    """The first thing wrong, as one sentence; None when every check passes."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    for r, _ in reports:
        if not r.intact:
            return f"The signature by {r.signer} does not match the document: the file has been changed since it was signed."
        if not r.valid:
            return f"The signature by {r.signer} is not a valid signature."
    for r, coverage in reports:
        if coverage < SignatureCoverageLevel.ENTIRE_REVISION:
            return f"The signature by {r.signer} does not cover the document as it was when signed."
    changed = [r for r, _ in reports if r.changed_after == "other changes"]
    if changed:
        return f"The document was changed after {changed[-1].signer} signed it (more than adding signatures)."
    last = reports[-1][0]
    if not last.whole_document and last.changed_after == "nothing":
        return f"Something was added to the end of the file after the last signature (by {last.signer})."
    return None


def verify_pdf(pdf: bytes, trust_roots: list[Any]) -> PdfVerification:
    """Check every signature against ``trust_roots`` (cryptography certificates), offline.

    ``ok`` only if there is at least one signature, every one is intact and valid, each covers
    its revision, and nothing but signatures and form filling was added after each. Trust is
    reported per signature and does not decide ``ok`` (a self-signed partner is still a valid
    signature; the window shows who is trusted).
    """
    from pyhanko.sign import fields
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = open_pdf(pdf)
        sigs = list(reader.embedded_signatures)
        unsigned = [str(n) for n, value, _ in fields.enumerate_sig_fields(reader, filled_status=False)]
    except IntegrityFailure as exc:
        return PdfVerification(False, exc.user_message)
    except Exception:  # pyHanko raises several kinds on broken structures
        return PdfVerification(False, DAMAGED)
    if not sigs:
        return PdfVerification(False, "This PDF has no signatures.", [], unsigned)
    roots = _pyhanko_certs(trust_roots)
    reports = []
    for sig in sigs:
        try:
            ctx = ValidationContext(trust_roots=roots, allow_fetching=False)
            reports.append(_report(sig, validate_pdf_signature(sig, signer_validation_context=ctx)))
        except Exception:  # a damaged signature dictionary or CMS blob
            return PdfVerification(False, f"This PDF is damaged: the signature in field '{sig.field_name}' cannot be read.", [r for r, _ in reports], unsigned)
    problem = _problem(reports)
    return PdfVerification(problem is None, problem, [r for r, _ in reports], unsigned)

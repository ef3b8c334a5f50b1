"""The verdict on a signed report: per signature, and for the whole file, in plain words.

Three outcomes, each with its exit code for ``peerwalk verify``:

- ``VERIFIED`` (0): every signature is intact, trusted on this laptop and in its rightful box,
  and nothing but later signatures was added after each one.
- ``BROKEN`` (1): the file was changed after a signature (content, or its title or other
  details), is cut short, damaged, not a PDF, or has no signature.
- ``UNVOUCHED`` (3): every signature is intact, but someone is not trusted here, signed a box
  that is not theirs, or shows a stamp that names someone else.

Trust is decided here from what the service collected (:class:`TrustStore`): a certificate
that chains to a network root this laptop trusts, a partner's certificate learnt from a
trusted package, one trusted by hand, or this laptop's own identity.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from app.reports.signoff import Box, CertificateHolder, SignOff, box_mismatch, same_name
from app.reports.verify import PdfFacts, SignatureFacts

# pyHanko's ModificationLevel names that mean "only signatures (or their validation data)
# were added after": filling an empty signature field, or a document timestamp / DSS.
SIGNATURES_ONLY = frozenset({"NONE", "LTA_UPDATES", "FORM_FILLING"})


class Outcome(Enum):
    VERIFIED = 0
    BROKEN = 1
    UNVOUCHED = 3

    @property
    def exit_code(self) -> int:
        return int(self.value)


class TrustKind(Enum):
    NETWORK_CA = "network-ca"  # chains to a network root this laptop trusts
    PARTNER = "partner"  # a partner's certificate learnt from a trusted package
    BY_HAND = "by-hand"  # trusted by hand on this laptop (identity trust-cert)
    THIS_LAPTOP = "this-laptop"  # this laptop's own identity
    NONE = "none"


@dataclass(frozen=True)
class KnownCertificate:
    """A person's certificate this laptop trusts, by the SHA-256 fingerprint of its DER."""

    fingerprint: str
    kind: TrustKind
    person_id: str = ""
    school_id: str = ""
    source: str = ""  # words: "published by Colne Valley High School's laptop"


@dataclass(frozen=True)
class TrustStore:
    """What this laptop trusts. ``roots`` are network roots (cryptography certificates)."""

    roots: tuple[object, ...] = ()
    known: tuple[KnownCertificate, ...] = ()

    def find(self, fingerprint: str) -> KnownCertificate | None:
        order = (TrustKind.THIS_LAPTOP, TrustKind.PARTNER, TrustKind.BY_HAND)
        matches = [k for k in self.known if k.fingerprint == fingerprint]
        return min(matches, key=lambda k: order.index(k.kind)) if matches else None


@dataclass(frozen=True)
class SignatureVerdict:
    """One signature, judged. ``problem`` is one sentence when it is not all it should be."""

    field: str
    box_role: str  # "writer", "co-reviewer", "host headteacher" ("" when the PDF does not say)
    box_for: str  # the person the box is for ("" when the PDF does not say)
    signer: str  # the certificate's common name
    signer_organisation: str
    fingerprint: str
    issuer: str
    self_signed: bool
    signed_at: str
    intact: bool
    valid: bool
    whole_document: bool
    changed_after: str  # "nothing" | "later signatures" | "other changes" | "details"
    modification_level: str
    trusted: bool
    trust: str  # a TrustKind value
    trusted_because: str  # words ("" when not trusted)
    in_own_box: bool
    stamp: str  # the text the visible stamp shows
    stamp_names_signer: bool
    problem: str | None
    outcome: Outcome

    def as_json(self) -> dict[str, object]:
        from dataclasses import asdict

        out = asdict(self)
        out["outcome"] = self.outcome.name.lower()
        return out


@dataclass(frozen=True)
class PdfVerdict:
    outcome: Outcome
    problem: str | None  # one sentence unless VERIFIED
    signatures: tuple[SignatureVerdict, ...] = ()
    unsigned_fields: tuple[str, ...] = ()
    review_id: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.VERIFIED

    @property
    def exit_code(self) -> int:
        return self.outcome.exit_code

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "outcome": self.outcome.name.lower(),
            "exit_code": self.exit_code,
            "problem": self.problem,
            "review_id": self.review_id,
            "signatures": [s.as_json() for s in self.signatures],
            "unsigned_fields": list(self.unsigned_fields),
        }


def _changed_after(f: SignatureFacts) -> str:
    if f.details_changed:
        return "details"
    if f.modification_level == "NONE":
        return "nothing"
    return "later signatures" if f.modification_level in SIGNATURES_ONLY else "other changes"


def _broken(  # noqa: PLR0911 (the first problem found, in order of gravity)
    facts: tuple[SignatureFacts, ...],
) -> str | None:
    """The first thing that breaks the file, as one sentence; None when nothing does."""
    for f in facts:
        if not f.intact:
            return (
                f"The signature by {f.signer} does not match the document: the file has been "
                "changed since it was signed."
            )
        if not f.valid:
            return f"The signature by {f.signer} is not a valid signature."
    for f in facts:
        if not f.covers_revision:
            return f"The signature by {f.signer} does not cover the document as it was when signed."
    details = [f for f in facts if f.details_changed]
    if details:
        return (
            f"The document's {details[0].details_changed} was changed after "
            f"{details[0].signer} signed it."
        )
    changed = [f for f in facts if _changed_after(f) == "other changes"]
    if changed:
        return (
            f"The document was changed after {changed[-1].signer} signed it (more than adding "
            "signatures)."
        )
    last = facts[-1]
    if not last.whole_document and last.modification_level == "NONE":
        return (
            "Something was added to the end of the file after the last signature (by "
            f"{last.signer})."
        )
    return None


def _trust(f: SignatureFacts, store: TrustStore) -> tuple[TrustKind, str, KnownCertificate | None]:
    known = store.find(f.fingerprint)
    if known is not None:
        return known.kind, known.source, known
    if f.chain_trusted:
        return (
            TrustKind.NETWORK_CA,
            f"issued by {f.issuer}, a network root this laptop trusts",
            None,
        )
    return TrustKind.NONE, "", None


def _not_trusted_words(f: SignatureFacts) -> str:
    short = ":".join(f.fingerprint.split(":")[:8])
    how = "self-signed" if f.self_signed else f"issued by '{f.issuer}', a root not trusted here"
    return f"with a certificate this laptop does not trust ({how}; fingerprint {short}…)"


def _stamp_names(stamp: str, name: str) -> bool:
    """True when the stamp shows no text, or its text names ``name`` (whole, or cut short
    with "…" to fit the box, as Peerwalk's stamp does with a long name)."""
    if not stamp.strip():
        return True

    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    text, who = norm(stamp), norm(name)
    if who and who in text:
        return True
    return any(who[:k].rstrip() + "…" in text for k in range(len(who) - 1, 7, -1))


def _judge(
    f: SignatureFacts,
    box: Box | None,
    signoff: SignOff | None,
    store: TrustStore,
    local: SignOff | None,
) -> SignatureVerdict:
    kind, because, known = _trust(f, store)
    holder = CertificateHolder(
        f.signer, f.organisation, known.person_id if known else "", known.school_id if known else ""
    )
    trusted = kind is not TrustKind.NONE
    problem: str | None = None
    in_box = False
    whose = box.whose().capitalize() if box else f"The box '{f.field}'"
    if signoff is None:
        problem = (
            "This PDF does not say whose each signature box is, so Peerwalk cannot tell "
            f"whether '{f.signer}' signed in their own box ('{f.field}')."
        )
    elif box is None:
        problem = (
            f"The box '{f.field}' is not one of the report's signature boxes; it was signed "
            f"by '{f.signer}'."
        )
    else:
        mismatch = box_mismatch(box, holder)
        expected = local.box(box.field) if local is not None else None
        if local is not None and (
            expected is None
            or not same_name(expected.name, box.name)
            or (expected.school_id and expected.school_id != box.school_id)
        ):
            who = f"{expected.name}" if expected is not None and expected.name else "nobody"
            problem = (
                f"The report says {box.whose()} is for {box.name or 'nobody'}, but for this "
                f"review on this laptop it is for {who}."
            )
        elif mismatch is not None:
            problem = f"{whose} is for {box.for_whom()}, but {mismatch}" + (
                f" {_not_trusted_words(f)}." if not trusted else "."
            )
        else:
            in_box = True
    names_signer = _stamp_names(f.stamp, f.signer)
    if problem is None and not trusted:
        problem = f"{whose} was signed by '{f.signer}' {_not_trusted_words(f)}."
    if problem is None and not names_signer:
        problem = (
            f"{whose} was signed by '{f.signer}', but its stamp reads \"{f.stamp[:80]}\", "
            "which does not name them."
        )
    return SignatureVerdict(
        field=f.field,
        box_role=box.role_words if box else "",
        box_for=box.name if box else "",
        signer=f.signer,
        signer_organisation=f.organisation,
        fingerprint=f.fingerprint,
        issuer=f.issuer,
        self_signed=f.self_signed,
        signed_at=f.signed_at,
        intact=f.intact,
        valid=f.valid,
        whole_document=f.whole_document,
        changed_after=_changed_after(f),
        modification_level=f.modification_level,
        trusted=trusted,
        trust=kind.value,
        trusted_because=because,
        in_own_box=in_box,
        stamp=f.stamp,
        stamp_names_signer=names_signer,
        problem=problem,
        outcome=Outcome.UNVOUCHED if problem else Outcome.VERIFIED,
    )


def judge(facts: PdfFacts, store: TrustStore, local: SignOff | None = None) -> PdfVerdict:
    """The verdict on a report. ``local`` is the sign-off this laptop derives from the review
    itself (when it knows the review), to compare with the record the PDF carries."""
    if facts.problem is not None and not facts.signatures:
        return PdfVerdict(Outcome.BROKEN, facts.problem, (), facts.unsigned_fields)
    signoff = facts.signoff
    verdicts = tuple(
        _judge(f, signoff.box(f.field) if signoff else None, signoff, store, local)
        for f in facts.signatures
    )
    review = signoff.review_id if signoff else ""
    broken = facts.problem or _broken(facts.signatures)
    if broken is not None:
        return PdfVerdict(Outcome.BROKEN, broken, verdicts, facts.unsigned_fields, review)
    unvouched = [v.problem for v in verdicts if v.problem]
    if unvouched:
        more = len(unvouched) - 1
        sentence = unvouched[0] + (
            f" {more} more signature{'s' if more > 1 else ''} also need{'' if more > 1 else 's'} "
            "attention (see the list)."
            if more
            else ""
        )
        return PdfVerdict(Outcome.UNVOUCHED, sentence, verdicts, facts.unsigned_fields, review)
    return PdfVerdict(Outcome.VERIFIED, None, verdicts, facts.unsigned_fields, review)

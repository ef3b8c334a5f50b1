"""Whose each signature box is: the report's sign-off record, and matching a certificate to it.

A report's boxes are bound to people: the writer's box names the writer, the host
headteacher's box names the host school's headteacher. What each box expects is written into
the PDF as a ``/PeerwalkSignOff`` entry of the document catalog, in the same incremental update
that creates the (empty) signature fields, before the writer signs. The writer's signature
therefore covers it, and a later update that changes it (a new catalog, or the same object
overwritten) is a modification pyHanko's difference analysis reports: a verifier reading it
back can rely on it as far as it relies on the writer's signature. A laptop that knows the
review also compares it with the review itself (app.services.signing).

Pure Python: no pyHanko or cryptography at import.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

RECORD_KEY = "/PeerwalkSignOff"
RECORD_FORMAT = "peerwalk-sign-off"
RECORD_VERSION = 1
# The role a box's person signs in, in the words sentences use ("the writer's box").
ROLE_WORDS = {
    "writer": "writer",
    "co-reviewer": "co-reviewer",
    "host-headteacher": "host headteacher",
    "coordinator": "coordinator",  # a network's board summary (app/services/board.py)
}


@dataclass(frozen=True)
class Box:
    """One signature box and the person it is for.

    ``field`` is the PDF field name ("writer", "co-reviewer-1", "host-headteacher"); ``role``
    is its kind (a key of ROLE_WORDS); ``label`` is what the report prints over the box
    ("Receiving headteacher"); ``person_id`` and ``school_id`` identify the person in the
    network's data ("" when the report was made without them)."""

    field: str
    role: str
    label: str
    name: str
    person_id: str = ""
    school_id: str = ""
    school: str = ""

    @property
    def role_words(self) -> str:
        return ROLE_WORDS.get(self.role, self.role)

    def whose(self) -> str:
        """ "the writer's box", "the host headteacher's box"."""
        return f"the {self.role_words}'s box"

    def for_whom(self) -> str:
        """ "Claire Goodwin of Colne Valley High School (137451)"."""
        return self.name + (
            f" of {self.school} ({self.school_id})" if self.school and self.school_id else ""
        )


@dataclass(frozen=True)
class SignOff:
    """The record: which review, and every box in order."""

    review_id: str
    boxes: tuple[Box, ...]

    def box(self, field: str) -> Box | None:
        return next((b for b in self.boxes if b.field == field), None)

    def to_json(self) -> str:
        doc = {
            "format": RECORD_FORMAT,
            "version": RECORD_VERSION,
            "review": self.review_id,
            "boxes": [asdict(b) for b in self.boxes],
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SignOff | None:
        """The record, or None when the text is not one this version understands."""
        try:
            doc = json.loads(text)
            if doc.get("format") != RECORD_FORMAT or doc.get("version") != RECORD_VERSION:
                return None
            fields = ("field", "role", "label", "name", "person_id", "school_id", "school")
            boxes = tuple(Box(**{k: str(b.get(k, "")) for k in fields}) for b in doc["boxes"])
            return cls(str(doc["review"]), boxes)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


def write_record(writer: Any, signoff: SignOff) -> None:
    """Put the record in the catalog of a pyHanko incremental writer (the fields update)."""
    from pyhanko.pdf_utils import generic

    writer.root[RECORD_KEY] = generic.TextStringObject(signoff.to_json())
    writer.update_root()


def read_record(reader: Any) -> SignOff | None:
    """The record in a PDF as it is now (None when there is none or it is unreadable)."""
    try:
        value = reader.root.get(RECORD_KEY)
        return SignOff.from_json(str(value.get_object())) if value is not None else None
    except Exception:  # a damaged catalog entry is no record
        return None


# --- does a certificate name the person a box is for? -----------------------------------


def same_name(a: str, b: str) -> bool:
    """Names compared as people read them: Unicode-normalised, case and spacing ignored."""

    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return bool(norm(a)) and norm(a) == norm(b)


_SCHOOL_ID = re.compile(r"\(([^()]+)\)\s*$")


def school_id_of(organisation: str) -> str:
    """The school id a certificate's organisation names: "Colne Valley High School (137451)"
    (how ``identity create --school`` writes it) gives "137451"; anything else gives ""."""
    m = _SCHOOL_ID.search(organisation or "")
    if m:
        return m.group(1).strip()
    bare = (organisation or "").strip()
    # A bare id ("6702345"): what a laptop whose school was typed in, not picked from a list, writes.
    return (
        bare
        if bare
        and len(bare) <= 36
        and bare.replace("-", "").isalnum()
        and any(c.isdigit() for c in bare)
        else ""
    )


@dataclass(frozen=True)
class CertificateHolder:
    """Who a certificate names, and what this laptop learnt about it (if anything)."""

    name: str
    organisation: str = ""
    person_id: str = ""  # from a partner's published certificate
    school_id: str = ""  # idem; else read from the organisation

    @property
    def school(self) -> str:
        return self.school_id or school_id_of(self.organisation)

    def describe(self) -> str:
        return self.name + (f" of {self.organisation}" if self.organisation else "")


def box_mismatch(box: Box, holder: CertificateHolder) -> str | None:
    """None when the certificate names the person the box is for; otherwise a clause saying
    why not, to follow "…, but " in a sentence."""
    if not box.name:
        return "the report names nobody for it"
    if not same_name(box.name, holder.name):
        return f"it was signed by '{holder.name}'"
    if box.person_id and holder.person_id and box.person_id != holder.person_id:
        return f"it was signed with the certificate of another person called '{holder.name}'"
    if box.school_id and holder.school != box.school_id:
        where = f"of {holder.organisation}" if holder.organisation else "of no school"
        return f"the certificate that signed it names '{holder.name}' {where}"
    return None


def refusal(box: Box, holder: CertificateHolder) -> str | None:
    """The sentence ``report`` and ``sign`` give before filling a box that is someone else's."""
    if box_mismatch(box, holder) is None:
        return None
    if not box.name:
        return f"The {box.role_words}'s box names nobody, so it cannot be signed; your signing identity is {holder.name}."
    if same_name(box.name, holder.name):
        return (
            f"This box is for {box.for_whom()}, the {box.role_words}; your signing identity's certificate names "
            f"{holder.describe() if holder.organisation else holder.name + ' of no school'}."
        )
    return (
        f"This box is for {box.name}, the {box.role_words}; your signing identity is {holder.name}."
    )

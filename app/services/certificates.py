"""Signing certificates this laptop publishes to partners, and those it learnt from them.

When a laptop that belongs to a school (``site set``) creates or imports a signing identity,
the certificate is written as a synced ``signing_certificates`` record, bound to the person of
that school whose name the certificate carries (when there is exactly one). Packages from
trusted senders carry these records, so a partner's signature is trusted without a network
root. Which laptop may publish which certificate (only laptops of the person's own school) is
checked by import's authority rules.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Person, School, Setting, SigningCertificate, link_id
from app.reports.signoff import same_name, school_id_of


def record_id(fingerprint: str) -> str:
    """The same certificate published twice (or on two laptops) is one record."""
    return link_id("signing-certificate", fingerprint)


def home_school_id(session: Session) -> str | None:
    """The school this laptop belongs to (``site set``), or None."""
    school_id = session.scalar(select(Setting.value).where(Setting.key == "school_id"))
    return school_id if school_id and session.get(School, school_id) is not None else None


def publish_certificate(session: Session, pem: bytes) -> SigningCertificate | None:
    """Publish this laptop's signing certificate for its school (idempotent). Returns the
    record, or None when this laptop does not say which school it belongs to, or the
    certificate names another school."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    from app.identity.certificates import common_name, fingerprint, name_part

    school_id = home_school_id(session)
    if school_id is None:
        return None
    cert = x509.load_pem_x509_certificate(pem)
    named = school_id_of(name_part(cert.subject, NameOID.ORGANIZATION_NAME))
    if named and named != school_id:
        return None  # it names another school: only that school's laptops may publish it
    fp = fingerprint(cert)
    existing = session.get(SigningCertificate, record_id(fp))
    if existing is not None:
        return existing
    name = common_name(cert.subject)
    people = session.scalars(
        select(Person).where(Person.school_id == school_id, Person.deleted.is_(False))
    )
    matches = [p for p in people if same_name(p.name, name)]
    record = SigningCertificate(
        id=record_id(fp),
        school_id=school_id,
        person_id=matches[0].id if len(matches) == 1 else None,
        fingerprint=fp,
        pem=pem.decode("ascii"),
    )
    session.add(record)
    session.flush()
    return record

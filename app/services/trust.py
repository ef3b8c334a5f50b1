"""What this laptop trusts when it checks a signed report (app.reports.verdict.TrustStore).

Four ways, strongest first in the words shown: a network root this laptop trusts (the
certificate chains to it), this laptop's own identity, a partner's certificate published by
their school's laptop and learnt from a trusted package (``signing_certificates``), and a
certificate trusted by hand (``identity trust-cert``). Reads the database in plain SQL (a
SQLAlchemy session or a sqlite3 connection, see report_source.rows), or works without one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.identity import identity_certificate, trusted_person_certificates, trusted_roots
from app.reports.verdict import KnownCertificate, TrustKind, TrustStore
from app.services.report_source import rows


def published_certificates(db: Any) -> list[KnownCertificate]:
    """Certificates published by laptops of partner schools (and this one), as trust entries.
    A record whose PEM does not hash to its fingerprint is ignored."""
    from cryptography import x509

    from app.identity.certificates import fingerprint

    out = []
    for rec in rows(
        db,
        "SELECT c.fingerprint, c.pem, c.person_id, c.school_id, COALESCE(s.name, c.school_id) AS school "
        "FROM signing_certificates c LEFT JOIN schools s ON s.id = c.school_id WHERE c.deleted = 0",
    ):
        try:
            fp = fingerprint(x509.load_pem_x509_certificate(str(rec["pem"]).encode("ascii")))
        except (ValueError, UnicodeError):
            continue
        if fp == rec["fingerprint"]:
            out.append(KnownCertificate(fp, TrustKind.PARTNER, rec["person_id"] or "", rec["school_id"] or "", f"published by {rec['school']}'s laptop"))
    return out


def trust_store(data_dir: Path, db: Any | None = None) -> TrustStore:
    """Everything this laptop trusts; ``db`` None means no database (nothing learnt)."""
    from app.identity.certificates import fingerprint

    published = published_certificates(db) if db is not None else []
    known = list(published)
    known += [KnownCertificate(fingerprint(c), TrustKind.BY_HAND, source="trusted by hand on this laptop") for c in trusted_person_certificates(data_dir)]
    own = identity_certificate(data_dir)
    if own is not None:
        fp = fingerprint(own)
        mine = next((k for k in published if k.fingerprint == fp), None)
        known.append(KnownCertificate(fp, TrustKind.THIS_LAPTOP, mine.person_id if mine else "", mine.school_id if mine else "", "this laptop's own signing identity"))
    return TrustStore(tuple(trusted_roots(data_dir)), tuple(known))

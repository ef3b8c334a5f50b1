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

# A published certificate counts only if every change to its record was made on a laptop of the
# school it names (this laptop's school is its `site set` one; others' are pinned when they are
# trusted), which import's authority rules also require: no laptop can vouch for another
# school's people by publishing a certificate in their name.
PUBLISHED = """
SELECT c.fingerprint, c.pem, c.person_id, c.school_id, COALESCE(s.name, c.school_id) AS school
FROM signing_certificates c
LEFT JOIN schools s ON s.id = c.school_id
WHERE c.deleted = 0
  AND NOT EXISTS (
    SELECT 1 FROM changes ch LEFT JOIN sites si ON si.site_id = ch.site_id
    WHERE ch.table_name = 'signing_certificates' AND ch.record_id = c.id
      AND COALESCE(
            CASE WHEN ch.site_id = (SELECT value FROM settings WHERE key = 'site_id')
                 THEN (SELECT value FROM settings WHERE key = 'school_id') ELSE si.school_id END,
            '') != c.school_id
  )
"""


def published_certificates(db: Any) -> list[KnownCertificate]:
    """Certificates published by laptops of partner schools (and this one), as trust entries.
    A record whose PEM does not hash to its fingerprint, or that a laptop of another school
    made or changed, is ignored."""
    from cryptography import x509

    from app.identity.certificates import fingerprint

    out = []
    for rec in rows(db, PUBLISHED):
        try:
            fp = fingerprint(x509.load_pem_x509_certificate(str(rec["pem"]).encode("ascii")))
        except (ValueError, UnicodeError):
            continue
        if fp == rec["fingerprint"]:
            out.append(
                KnownCertificate(
                    fp,
                    TrustKind.PARTNER,
                    rec["person_id"] or "",
                    rec["school_id"] or "",
                    f"published by {rec['school']}'s laptop",
                )
            )
    return out


def trust_store(data_dir: Path, db: Any | None = None) -> TrustStore:
    """Everything this laptop trusts; ``db`` None means no database (nothing learnt)."""
    from app.identity.certificates import fingerprint

    published = published_certificates(db) if db is not None else []
    known = list(published)
    known += [
        KnownCertificate(fingerprint(c), TrustKind.BY_HAND, source="trusted by hand on this laptop")
        for c in trusted_person_certificates(data_dir)
    ]
    own = identity_certificate(data_dir)
    if own is not None:
        fp = fingerprint(own)
        mine = next((k for k in published if k.fingerprint == fp), None)
        known.append(
            KnownCertificate(
                fp,
                TrustKind.THIS_LAPTOP,
                mine.person_id if mine else "",
                mine.school_id if mine else "",
                "this laptop's own signing identity",
            )
        )
    return TrustStore(tuple(trusted_roots(data_dir)), tuple(known))

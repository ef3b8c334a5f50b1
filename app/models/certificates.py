"""Partners' signing certificates, learnt from packages so their signatures are trusted.

Each laptop that has a school publishes the certificate of its signing identity (self-signed,
or the one a network root issued for it) as a synced record; it travels to partners like
people do. ``verify`` trusts a signature whose certificate is here (and not tombstoned), and
reads whose it is from ``person_id``/``school_id`` rather than only from the name in it.
The id is derived from the fingerprint (``link_id``), so publishing twice merges.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class SigningCertificate(Synced, Base):
    __tablename__ = "signing_certificates"

    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    fingerprint: Mapped[str] = mapped_column(
        String(95), index=True
    )  # SHA-256 of the DER, "AB:CD:…"
    pem: Mapped[str] = mapped_column(Text)

"""What package exchange remembers: the sites (installations) we know and trust, the signed
batches of ops we hold (to relay them unaltered), packages already imported, and what each
partner school has already been sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Site(Base):
    """Another installation (a headteacher's laptop), known by its package-signing key.

    ``trusted``: the user trusted this laptop from its own signed package; its key, school and
    encryption key are pinned. Otherwise it is only what a relayer said about it
    (``relayed_by``): provisional, never used to decide anything, and replaced by what the
    laptop itself says when its own package arrives (docs/authority.md)."""

    __tablename__ = "sites"

    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(100))  # Ed25519, base64
    age_recipient: Mapped[str] = mapped_column(String(100), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    school_id: Mapped[str] = mapped_column(String(36), default="")
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    relayed_by: Mapped[str] = mapped_column(String(36), default="")
    first_seen: Mapped[datetime] = mapped_column(DateTime)


class Batch(Base):
    """A run of one site's ops, signed by that site: relayed whole so nobody can alter them.

    This laptop's own batches are filled as changes are written (one open batch per review
    or network, growing at the end of each transaction) and signed when first exported; an
    empty signature means still open. ``lines`` holds the ops exactly as they travel (gzip,
    see app.sync.blobs), so export copies them; ``parts`` counts its gzip members."""

    __tablename__ = "batches"
    __table_args__ = (
        Index("ix_batches_open", "site_id", "signature"),
    )  # this laptop's open batches

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(36), index=True)
    scope: Mapped[str] = mapped_column(String(60))  # "network" or a review id
    ops_hash: Mapped[str] = mapped_column(String(64))  # open: the running hash so far
    op_count: Mapped[int] = mapped_column(Integer)
    signature: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(
        Integer, default=2, server_default="1"
    )  # package format it was signed in
    lines: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    parts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ReceivedPackage(Base):
    __tablename__ = "received_packages"

    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sender_site: Mapped[str] = mapped_column(String(36))
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(Text, default="")


class SentBatch(Base):
    """Batches a partner laptop has told us (in its own packages) that it holds: incremental
    export to its school leaves out what every laptop of that school we have heard from holds.
    Learnt from acknowledgements, not from sending, so a package that was lost on the way is
    simply sent again next time. Kept per laptop: one school can have several."""

    __tablename__ = "sent_batches"

    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)

"""signing certificates published by partners' laptops

Revision ID: 20261201_V1
Revises: 20261201_F1
Create Date: 2026-12-01

A synced table: each laptop that has a school publishes its signing identity's certificate,
and packages carry it to partners, so that their signatures on reports are trusted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_V1"
down_revision = "20261201_F1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signing_certificates",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("fingerprint", sa.String(length=95), nullable=False),
        sa.Column("pem", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_signing_certificates_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_signing_certificates_school_id_schools")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_certificates")),
    )
    with op.batch_alter_table("signing_certificates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signing_certificates_fingerprint"), ["fingerprint"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_signing_certificates_school_id"), ["school_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("signing_certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signing_certificates_school_id"))
        batch_op.drop_index(batch_op.f("ix_signing_certificates_fingerprint"))
    op.drop_table("signing_certificates")

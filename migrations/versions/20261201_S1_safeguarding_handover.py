"""safeguarding on the day: where and when a concern was seen, and its handover

Revision ID: 20261201_S1
Revises: 20261201_H1
Create Date: 2026-12-01

A concern gains ``place`` and ``seen_at`` (a concern recorded before this revision was seen
when it was written down, so ``seen_at`` starts as ``raised_at``). Its handover steps (to the
host headteacher, the designated safeguarding lead or the LADO: when, how, to whom) are a new
table. Neither table is synced: both stay on the laptop they were written on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_S1"
down_revision = "20261201_H1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("safeguarding_concerns") as batch:
        batch.add_column(
            sa.Column("place", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("seen_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE safeguarding_concerns SET seen_at = raised_at")
    with op.batch_alter_table("safeguarding_concerns") as batch:
        batch.alter_column("seen_at", existing_type=sa.DateTime(), nullable=False)
    op.create_table(
        "safeguarding_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=20), nullable=False),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("handed_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["safeguarding_concerns.id"],
            name=op.f("fk_safeguarding_handovers_concern_id_safeguarding_concerns"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_handovers")),
        sa.UniqueConstraint(
            "concern_id", "recipient", name=op.f("uq_safeguarding_handovers_concern_id")
        ),
    )
    with op.batch_alter_table("safeguarding_handovers") as batch:
        batch.create_index(
            batch.f("ix_safeguarding_handovers_concern_id"), ["concern_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("safeguarding_handovers") as batch:
        batch.drop_index(batch.f("ix_safeguarding_handovers_concern_id"))
    op.drop_table("safeguarding_handovers")
    with op.batch_alter_table("safeguarding_concerns") as batch:
        batch.drop_column("seen_at")
        batch.drop_column("place")

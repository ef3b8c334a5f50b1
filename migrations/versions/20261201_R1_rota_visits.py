"""the year's visits of a network (a rota)

Revision ID: 20261201_R1
Revises: 20261201_E1
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_R1"
down_revision = "20261201_E1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rota_visits",
        sa.Column("network_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("host_school_id", sa.String(length=36), nullable=False),
        sa.Column("visitor_ids", sa.Text(), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["host_school_id"], ["schools.id"], name=op.f("fk_rota_visits_host_school_id_schools")
        ),
        sa.ForeignKeyConstraint(
            ["network_id"], ["networks.id"], name=op.f("fk_rota_visits_network_id_networks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rota_visits")),
    )
    with op.batch_alter_table("rota_visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rota_visits_network_id"), ["network_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rota_visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rota_visits_network_id"))
    op.drop_table("rota_visits")

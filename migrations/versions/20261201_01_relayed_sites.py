"""laptops heard of only through a relayer are provisional

Revision ID: 20261201_01
Revises: 20261124_04
Create Date: 2026-12-01

A laptop that this one has only heard of second-hand (another school relayed its changes) is
kept with the name of the relayer, never pinned; see docs/authority.md.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_01"
down_revision = "20261124_04"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("relayed_by", sa.String(length=36), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_column("relayed_by")

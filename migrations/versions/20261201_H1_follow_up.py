"""before and after the day: self-evaluation per focus area, the summary, follow-up links

Revision ID: 20261201_H1
Revises: 20261201_G1
Create Date: 2026-12-01

The host school's own view of each focus area (``self_evaluation``, ``look_at``), the writer's
overall ``summary``, the review a visit follows (``follows_id``), and the earlier EBI a
statement answers (``follows_finding_id``). The two links are plain ids, not foreign keys: a
laptop may hold a follow-up visit without the earlier review (a new member of the team).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_H1"
down_revision = "20261201_G1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("summary", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("follows_id", sa.String(36), nullable=True))
    with op.batch_alter_table("review_focus_areas") as batch:
        batch.add_column(sa.Column("self_evaluation", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("look_at", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("follows_finding_id", sa.String(36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("follows_finding_id")
    with op.batch_alter_table("review_focus_areas") as batch:
        batch.drop_column("look_at")
        batch.drop_column("self_evaluation")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("follows_id")
        batch.drop_column("summary")

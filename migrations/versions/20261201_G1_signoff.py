"""sign-off: the host's comments on a draft, and the events a review's status follows

Revision ID: 20261201_G1
Revises: 20261201_N1
Create Date: 2026-12-01

Two synced tables. ``finding_comments``: the host school's comments on the draft's statements
(the factual-accuracy round), answered by the visiting team. ``review_events``: a draft made,
the writer's signature, a co-reviewer's, the host headteacher's countersignature, the report
shared; a review's status follows them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_G1"
down_revision = "20261201_N1"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "finding_comments",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("finding_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("answered", sa.Boolean(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["author_id"], ["people.id"], name=op.f("fk_finding_comments_author_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_finding_comments_finding_id_findings")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_finding_comments_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_comments")),
    )
    with op.batch_alter_table("finding_comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_finding_comments_finding_id"), ["finding_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_finding_comments_review_id"), ["review_id"], unique=False
        )
    op.create_table(
        "review_events",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_review_events_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_review_events_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_events")),
    )
    with op.batch_alter_table("review_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_events_review_id"), ["review_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_events_review_id"))
    op.drop_table("review_events")
    with op.batch_alter_table("finding_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_comments_review_id"))
        batch_op.drop_index(batch_op.f("ix_finding_comments_finding_id"))
    op.drop_table("finding_comments")

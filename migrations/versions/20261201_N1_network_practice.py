"""what a school shares with its networks: released practice, strengths, published stages

Revision ID: 20261201_N1
Revises: 20261201_R1
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261201_N1"
down_revision = "20261201_R1"
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


def _school_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["school_id"], ["schools.id"], name=op.f(f"fk_{table}_school_id_schools")
    )


def _contact_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["contact_id"], ["people.id"], name=op.f(f"fk_{table}_contact_id_people")
    )


def upgrade() -> None:
    op.create_table(
        "released_practice",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("finding_id", sa.String(length=36), nullable=False),
        sa.Column("focus", sa.String(length=500), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        *_synced(),
        _school_fk("released_practice"),
        _contact_fk("released_practice"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_released_practice")),
    )
    op.create_table(
        "school_strengths",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("area", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        *_synced(),
        _school_fk("school_strengths"),
        _contact_fk("school_strengths"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_strengths")),
    )
    op.create_table(
        "published_status",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("area", sa.String(length=300), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("steps_done", sa.Integer(), nullable=False),
        sa.Column("steps_total", sa.Integer(), nullable=False),
        *_synced(),
        _school_fk("published_status"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_status")),
    )
    for table in ("released_practice", "school_strengths", "published_status"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_school_id"), ["school_id"], unique=False)


def downgrade() -> None:
    for table in ("published_status", "school_strengths", "released_practice"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_school_id"))
        op.drop_table(table)

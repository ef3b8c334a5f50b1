"""acknowledged batches kept per laptop, not per school

Revision ID: 20261124_04
Revises: 20261124_03
Create Date: 2026-11-24

A school can have several laptops. Acknowledgements ("this laptop holds these batches") were
merged per school, so a batch held by one of its laptops was left out of packages that another
of its laptops would import. They are now kept per laptop (site); the old per-school rows are
dropped (the next export to that school resends a little more, which import ignores).
"""

from __future__ import annotations

from alembic import op

revision = "20261124_04"
down_revision = "20261124_03"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM sent_batches")
    with op.batch_alter_table("sent_batches", schema=None) as batch_op:
        batch_op.alter_column("school_id", new_column_name="site_id")


def downgrade() -> None:
    op.execute("DELETE FROM sent_batches")
    with op.batch_alter_table("sent_batches", schema=None) as batch_op:
        batch_op.alter_column("site_id", new_column_name="school_id")

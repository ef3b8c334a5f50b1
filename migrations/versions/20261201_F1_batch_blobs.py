"""each batch keeps its lines as one gzip blob; package format 2

Revision ID: 20261201_F1
Revises: 20261201_01
Create Date: 2026-12-01

Format 2 signs a digest of each value instead of the value (so a value can be erased later
and every signature still holds), and a laptop fills its batches as changes are written
instead of at the first export. Each batch now keeps its lines compressed in ``batches.lines``
(export copies them as they are) with the format it was signed in (``version``); the
per-change ``changes.line`` column goes. Batches made before this keep their format-1 lines
and signatures and are still relayed as they are. Changes not yet in a batch are put into one
by the next transaction or export.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "20261201_F1"
down_revision = "20261201_01"
branch_labels = None
depends_on = None

# Format 1's travelling line, as app.sync.canonical.op_line wrote it then (kept here so this
# migration never changes with the app).
_FIELDS = (
    "id",
    "site_id",
    "seq",
    "hlc",
    "table",
    "record",
    "field",
    "value",
    "author",
    "seen",
    "batch",
)


def _line(row: sa.Row) -> str:
    op_ = dict(
        zip(
            _FIELDS,
            (
                row.id,
                row.site_id,
                row.seq,
                row.hlc,
                row.table_name,
                row.record_id,
                row.field,
                json.loads(row.value),
                row.author,
                json.loads(row.seen),
                row.batch_id,
            ),
            strict=True,
        )
    )
    return json.dumps(op_, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _pack(lines: list[str]) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress("".join(line + "\n" for line in lines).encode("utf-8")) + c.flush()


def upgrade() -> None:
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("lines", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("parts", sa.Integer(), server_default="1", nullable=False))
    op.create_index("ix_batches_open", "batches", ["site_id", "signature"])
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, site_id, seq, hlc, table_name, record_id, field, value, author, seen, "
            "batch_id, line FROM changes WHERE batch_id IS NOT NULL ORDER BY batch_id, seq"
        )
    )
    by_batch: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_batch[row.batch_id].append(row.line if row.line is not None else _line(row))
    for batch_id, lines in by_batch.items():
        conn.execute(
            sa.text("UPDATE batches SET lines = :lines WHERE id = :id"),
            {"lines": _pack(lines), "id": batch_id},
        )
    # SQLite's own ALTER TABLE ... DROP COLUMN: a batch-mode rebuild of `changes` would drop
    # a table that field_heads refers to, which foreign keys forbid inside the transaction.
    op.drop_column("changes", "line")


def downgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("line", sa.Text(), nullable=True))
    conn = op.get_bind()
    for (blob,) in conn.execute(sa.text("SELECT lines FROM batches WHERE lines IS NOT NULL")).all():
        for line in gzip.decompress(blob).decode("utf-8").splitlines():
            conn.execute(
                sa.text("UPDATE changes SET line = :line WHERE id = :id"),
                {"line": line, "id": json.loads(line)["id"]},
            )
    op.drop_index("ix_batches_open", table_name="batches")
    for column in ("parts", "lines", "version"):
        op.drop_column("batches", column)

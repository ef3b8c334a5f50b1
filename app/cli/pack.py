"""peerwalk pack REVIEW -o FILE.pdf: the pre-visit pack for the visiting team and host staff."""

from __future__ import annotations

from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser(
        "pack", help="the pre-visit pack (focus, the school's own view, agenda, ground rules)"
    )
    p.add_argument("review")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.config import clock
    from app.services.pack import write_pack

    with ctx.sql() as db:  # plain sqlite3, as the report: a few rows, no SQLAlchemy
        path, pages = write_pack(db, args.review, args.output, clock()())
    data = {"path": str(path), "pages": pages}
    return Output(data, f"Pre-visit pack written to {path} ({pages} pages).")

"""peerwalk search TEXT"""

from __future__ import annotations

from app.cli import Output
from app.cli.format import table


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("search", help="search notes, findings and good practice")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.search import search

    with ctx.sql() as con:  # plain sqlite3: searching never loads SQLAlchemy (start-up cost)
        hits = search(con, " ".join(args.text), limit=max(1, min(args.limit, 1000)))
    rows = [h.to_json() for h in hits]
    cols = [("kind", "Kind"), ("host_school", "School"), ("date", "Date"), ("text", "Text")]
    return Output(rows, table(rows, cols, "Nothing found."))

"""peerwalk directory search TEXT [--phase P] [--network N] | directory suggest FINDING"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("directory", help="who can I go to for X?")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    find = s.add_parser("search", help="released good practice and declared strengths")
    find.add_argument("text", help="what you are looking for, e.g. 'phonics'")
    find.add_argument("--phase", help="only schools of this phase (Primary, Secondary, ...)")
    find.add_argument("--network", help="only schools of this network")
    find.set_defaults(handler=handle_search)
    sug = s.add_parser("suggest", help="schools whose released practice matches an EBI")
    sug.add_argument("finding", help="the EBI statement's id (or its first characters)")
    sug.set_defaults(handler=handle_suggest)


def _shown(found: list[Any], empty: str) -> Output:
    from app.cli.format import table

    data = [
        {**asdict(f), "review_date": f.review_date and f.review_date.isoformat()} for f in found
    ]
    cols = [("school", "School"), ("phase", "Phase"), ("area", "Area"), ("contact", "Contact")]
    cols += [("contact_email", "Email"), ("evidence", "Rests on")]
    return Output(data, table(data, cols, empty))


def handle_search(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.directory import directory

    with ctx.sql() as db:  # plain sqlite3: no SQLAlchemy to load for one query
        found = directory(db, args.text, phase=args.phase, network=args.network)
    return _shown(found, f"Nothing released or declared matches '{args.text}' yet.")


def handle_suggest(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.practice import suggestions_for

    with ctx.read() as session:
        found = suggestions_for(session, args.finding)
    return _shown(found, "No released practice matches that statement yet.")

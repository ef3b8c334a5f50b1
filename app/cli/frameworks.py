"""peerwalk frameworks list"""

from __future__ import annotations

from app.cli import Output
from app.cli.format import table


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("frameworks", help="review frameworks")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = s.add_parser("list", help="list frameworks and their focus areas")
    lst.set_defaults(handler=handle_list)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.frameworks import list_frameworks

    with ctx.read() as session:
        rows = [f.to_json() for f in list_frameworks(session)]
    shown = [
        {
            **r,
            "areas": len(r["focus_areas"]),
            "estimates": "optional" if r["estimates"] else "no grades",
        }
        for r in rows
    ]
    cols = [
        ("key", "Key"),
        ("name", "Framework"),
        ("version", "Version"),
        ("areas", "Focus areas"),
        ("estimates", "Estimates"),
    ]
    return Output(rows, table(shown, cols))

"""peerwalk conflicts list | conflicts resolve ID (--keep VERSION_ID | --text TEXT)"""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("conflicts", help="text edited on two laptops at once, kept side by side")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = s.add_parser("list", help="list open conflicts")
    lst.set_defaults(handler=handle_list)
    res = s.add_parser("resolve", help="keep one version, or write the agreed text")
    res.add_argument("id")
    res.add_argument("--keep", metavar="VERSION_ID")
    res.add_argument("--text")
    res.set_defaults(handler=handle_resolve)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.exchange import list_conflicts

    with ctx.read() as session:
        rows = list_conflicts(session)
    lines = []
    for c in rows:
        lines.append(f"{c['id']}  ({c['table'].replace('_', ' ')} {c['field']})")
        lines += [
            f"  version {v['version_id'][:8]} by {v['author'] or '?'} at {v['at']}: {v['value']}"
            for v in c["versions"]
        ]
    return Output(rows, "\n".join(lines) or "No conflicts.")


def handle_resolve(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.exchange import resolve_conflict

    with ctx.transaction() as session:
        r = resolve_conflict(session, args.id, keep=args.keep, text_value=args.text)
    return Output(r, f"Resolved: {r['value']}")

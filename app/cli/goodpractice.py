"""peerwalk goodpractice release FINDING --contact PERSON [--summary TEXT]
peerwalk goodpractice withdraw ITEM | goodpractice list"""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("goodpractice", help="good practice the host school shares")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    rel = s.add_parser("release", help="share a strength with the host's networks")
    rel.add_argument("finding", help="the WWW statement's id (or its first characters)")
    rel.add_argument("--contact", required=True, help="who to ask about it (of the host school)")
    rel.add_argument("--summary", default="", help="a line or two on what to come and see")
    rel.set_defaults(handler=handle_release)
    wd = s.add_parser("withdraw", help="stop sharing a released item")
    wd.add_argument("item")
    wd.set_defaults(handler=handle_withdraw)
    lst = s.add_parser("list", help="released good practice this laptop holds")
    lst.set_defaults(handler=handle_list)


def handle_release(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.practice import release

    with ctx.transaction() as session:
        item = release(session, args.finding, contact=args.contact, summary=args.summary)
        iid = item.id
    return Output({"id": iid}, iid)


def handle_withdraw(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.edits import changed
    from app.services.practice import withdraw

    with ctx.transaction() as session:
        changes = withdraw(session, args.item)
    return changed(args.item, changes, "Withdrawn; partners hear of it with your next packages.")


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import table
    from app.services.practice import released_items

    with ctx.read() as session:
        rows = released_items(session)
    cols = [("id", "Id"), ("school", "School"), ("focus", "Focus"), ("summary", "Summary")]
    cols.append(("contact", "Contact"))
    return Output(rows, table(rows, cols, "No good practice has been released yet."))

"""peerwalk actions add REVIEW --text TEXT --owner NAME --due YYYY-MM-DD"""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("actions", help="agreed next steps")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="add a next step with an owner and a date")
    add.add_argument("review")
    add.add_argument("--text", required=True)
    add.add_argument("--owner", required=True)
    add.add_argument("--due", required=True, help="YYYY-MM-DD")
    add.add_argument("--finding", help="the finding it answers")
    add.set_defaults(handler=handle_add)


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.lookup import parse_date
    from app.services.writeup import add_action

    due = parse_date(args.due, "due date")
    with ctx.transaction() as session:
        action = add_action(session, args.review, text=args.text, owner=args.owner, due=due, finding=args.finding)
        aid = action.id
    return Output({"id": aid}, aid)

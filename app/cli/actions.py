"""peerwalk actions add REVIEW --text TEXT --owner NAME --due YYYY-MM-DD [--finding ID]
peerwalk actions edit ACTION [--text TEXT] [--owner NAME] [--due YYYY-MM-DD]
peerwalk actions delete ACTION"""

from __future__ import annotations

from app.cli import Output
from app.cli.edits import require_some, run_edit


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("actions", help="agreed next steps")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="add a next step with an owner and a date")
    add.add_argument("review")
    add.add_argument("--text", required=True)
    add.add_argument("--owner", required=True)
    add.add_argument("--due", required=True, help="YYYY-MM-DD, not before the visit")
    add.add_argument("--finding", help="the finding it answers")
    add.set_defaults(handler=handle_add)
    edit = s.add_parser("edit", help="change a next step's words, owner or date")
    edit.add_argument("next_step", metavar="ACTION", help="next step id (or its first characters)")
    edit.add_argument("--text")
    edit.add_argument("--owner")
    edit.add_argument("--due", help="YYYY-MM-DD, not before the visit")
    edit.set_defaults(handler=handle_edit)
    delete = s.add_parser(
        "delete", help="delete a next step (on every laptop, once packages go round)"
    )
    delete.add_argument("next_step", metavar="ACTION")
    delete.set_defaults(handler=handle_delete)


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.lookup import parse_date
    from app.services.writeup import add_action

    due = parse_date(args.due, "due date")
    with ctx.transaction() as session:
        action = add_action(
            session, args.review, text=args.text, owner=args.owner, due=due, finding=args.finding
        )
        aid = action.id
    return Output({"id": aid}, aid)


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.lookup import parse_date
    from app.services.writeup import edit_action

    require_some(args, "text", "owner", "due")
    due = parse_date(args.due, "due date") if args.due is not None else None
    return run_edit(
        ctx,
        "actions",
        "Next step {short} changed.",
        lambda s: edit_action(s, args.next_step, text=args.text, owner=args.owner, due=due),
    )


def handle_delete(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.writeup import delete_action

    return run_edit(
        ctx, "actions", "Next step {short} deleted.", lambda s: delete_action(s, args.next_step)
    )

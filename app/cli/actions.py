"""peerwalk actions add REVIEW --text TEXT --owner NAME --due YYYY-MM-DD [--finding ID]
peerwalk actions edit ACTION [--text TEXT] [--owner NAME] [--due YYYY-MM-DD]
peerwalk actions delete ACTION | actions restore ACTION
peerwalk actions done ACTION [--impact TEXT] | actions progress ACTION [--impact TEXT]
peerwalk actions list [--open] [--overdue] [--school S]"""

from __future__ import annotations

from typing import Any

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
    restore = s.add_parser(
        "restore", help="bring a deleted next step back (on every laptop, once packages go round)"
    )
    restore.add_argument("next_step", metavar="ACTION")
    restore.set_defaults(handler=handle_restore)
    for verb, status, what in (
        ("done", "done", "mark a next step done (the host school)"),
        ("progress", "in-progress", "mark a next step in progress (the host school)"),
        ("reopen", "open", "mark a next step open again (the host school)"),
    ):
        p_status = s.add_parser(verb, help=what)
        p_status.add_argument("next_step", metavar="ACTION")
        p_status.add_argument("--impact", help="what difference it has made")
        p_status.set_defaults(handler=handle_status, status=status)
    lst = s.add_parser("list", help="next steps of every review, soonest due first")
    lst.add_argument("--open", action="store_true", help="only those not done")
    lst.add_argument("--overdue", action="store_true", help="only those past their date")
    lst.add_argument("--school", help="only this school's (URN or name)")
    lst.set_defaults(handler=handle_list)


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


def handle_restore(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.restore import restore_action

    return run_edit(
        ctx, "actions", "Next step {short} is back.", lambda s: restore_action(s, args.next_step)
    )


def handle_status(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.followup import set_action_progress

    return run_edit(
        ctx,
        "actions",
        f"Next step {{short}} is {args.status.replace('-', ' ')}.",
        lambda s: set_action_progress(s, args.next_step, args.status, impact=args.impact),
    )


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import table
    from app.services.followup import list_actions

    with ctx.read() as session:
        steps = list_actions(
            session,
            ctx.db.clock().date(),
            open_only=args.open,
            overdue_only=args.overdue,
            school=args.school,
        )
    data: list[dict[str, Any]] = [
        {
            "id": a.id,
            "review_id": a.review_id,
            "school": a.school,
            "text": a.text,
            "owner": a.owner,
            "due": a.due.isoformat() if a.due else None,
            "status": a.status,
            "impact": a.impact,
            "overdue": a.overdue,
        }
        for a in steps
    ]
    for d in data:
        d["when"] = (d["due"] or "") + (" (overdue)" if d["overdue"] else "")
    text = table(
        data,
        [
            ("id", "id"),
            ("school", "school"),
            ("text", "next step"),
            ("owner", "owner"),
            ("when", "due"),
            ("status", "status"),
        ],
        empty="No next steps.",
    )
    for d in data:
        del d["when"]
    return Output(data, text)

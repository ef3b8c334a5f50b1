"""peerwalk safeguarding add REVIEW --text T [--where W] [--seen-at TIME] [--raised-by P]
| safeguarding handover ID --to host-head|dsl|lado --how in-person|phone [--name N] [--at TIME]
| safeguarding edit ID [--text T] [--where W] | safeguarding list REVIEW

A concern is kept on this laptop for the host headteacher only: never in a report, a pack, a
package or the change log. Times are typed in local time, YYYY-MM-DD HH:MM (or HH:MM, today).
"""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser(
        "safeguarding", help="safeguarding concerns (host headteacher only; never shared)"
    )
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="record a concern")
    add.add_argument("review")
    add.add_argument("--text", required=True, help="what was seen or heard")
    add.add_argument("--where", default="", help="where it was seen")
    add.add_argument("--seen-at", default="", help="when it was seen (default: now)")
    add.add_argument("--raised-by", default="")
    add.set_defaults(handler=handle_add)
    hand = s.add_parser("handover", help="record that a concern was passed on")
    hand.add_argument("concern", metavar="ID")
    hand.add_argument("--to", required=True, help="host-head, dsl or lado")
    hand.add_argument("--how", required=True, help="in-person or phone")
    hand.add_argument("--name", default="", help="the name or reference of who it went to")
    hand.add_argument("--at", default="", help="when it was passed on (default: now)")
    hand.set_defaults(handler=handle_handover)
    edit = s.add_parser("edit", help="correct a concern's words or where it was seen")
    edit.add_argument("concern", metavar="ID")
    edit.add_argument("--text")
    edit.add_argument("--where")
    edit.set_defaults(handler=handle_edit)
    lst = s.add_parser("list", help="list a review's concerns on this laptop")
    lst.add_argument("review")
    lst.set_defaults(handler=handle_list)


def _moment(session, typed: str, what: str):  # type: ignore[no-untyped-def]
    from app.services.safeguarding import now, parse_local_time

    return parse_local_time(typed, what, now(session)) if typed.strip() else None


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.safeguarding import record_concern

    with ctx.transaction() as session:
        concern = record_concern(
            session,
            args.review,
            args.text,
            place=args.where,
            seen_at=_moment(session, args.seen_at, "when it was seen"),
            raised_by=args.raised_by,
        )
        cid = concern.id
    return Output(
        {"id": cid},
        f"Concern {cid} recorded on this laptop only. Pass it to the host headteacher today.",
    )


def handle_handover(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.safeguarding import RECIPIENTS, get_concern, list_concerns, record_handover

    with ctx.transaction() as session:
        step = record_handover(
            session,
            args.concern,
            to=args.to,
            how=args.how,
            name=args.name,
            at=_moment(session, args.at, "when it was passed on"),
        )
        concern = get_concern(session, step.concern_id)
        row = next(c for c in list_concerns(session, concern.review_id) if c.id == concern.id)
    return Output(
        row.to_json(), f"Concern {row.id}, handover to {RECIPIENTS[args.to]} recorded. {row.state}"
    )


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.safeguarding import edit_concern

    with ctx.transaction() as session:
        cid = edit_concern(session, args.concern, text=args.text, place=args.where).id
    return Output({"id": cid}, f"Concern {cid} corrected.")


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    """Each concern as a short block: its words and its handover are never cut short."""
    from app.services.safeguarding import KEPT_HERE, list_concerns, local_text

    with ctx.read() as session:
        concerns = list_concerns(session, args.review)
    blocks = [
        " · ".join(
            x
            for x in (
                f"Concern {c.id}",
                f"seen {local_text(c.seen_at)}",
                c.place,
                f"raised by {c.raised_by}" if c.raised_by else "",
            )
            if x
        )
        + f"\n  {c.text}\n  {c.state}"
        for c in concerns
    ]
    return Output(
        [c.to_json() for c in concerns],
        "\n\n".join([KEPT_HERE, *blocks]) if blocks else f"{KEPT_HERE}\nNo concerns recorded.",
    )

"""peerwalk safeguarding add REVIEW --text TEXT | safeguarding list REVIEW

A concern is kept on this laptop for the host headteacher only: never in a report, a package
or the change log."""

from __future__ import annotations

from app.cli import Output
from app.cli.format import table


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser(
        "safeguarding", help="safeguarding concerns (host headteacher only; never shared)"
    )
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="record a concern")
    add.add_argument("review")
    add.add_argument("--text", required=True)
    add.add_argument("--raised-by", default="")
    add.set_defaults(handler=handle_add)
    lst = s.add_parser("list", help="list a review's concerns")
    lst.add_argument("review")
    lst.set_defaults(handler=handle_list)


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.capture import raise_safeguarding

    with ctx.transaction() as session:
        concern = raise_safeguarding(session, args.review, args.text, args.raised_by)
        cid = concern.id
    return Output({"id": cid}, f"Concern {cid} recorded. Pass it to the host headteacher today.")


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.reviews import review_detail

    with ctx.read() as session:
        concerns = review_detail(session, args.review, with_safeguarding=True).safeguarding
    rows = [c.to_json() for c in concerns or ()]
    return Output(
        rows,
        table(
            rows,
            [("raised_at", "When"), ("raised_by", "Raised by"), ("text", "Concern")],
            "No concerns recorded.",
        ),
    )

"""peerwalk reviews plan | list | show REVIEW | status REVIEW STATUS | edit REVIEW [...]
peerwalk reviews delete REVIEW (a visit planned by mistake, while nothing is written in it)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.cli import Output
from app.cli.edits import changed, one_id, run_edit
from app.cli.format import table

if TYPE_CHECKING:
    from app.services.read_models import NoteRow, ReviewDetail


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("reviews", help="reviews (visits)")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    plan = s.add_parser("plan", help="plan a visit")
    plan.add_argument("--host", required=True, help="the receiving school (URN or name)")
    plan.add_argument("--date", required=True, help="first day, YYYY-MM-DD")
    plan.add_argument("--end-date", help="last day, YYYY-MM-DD (default: the same day)")
    plan.add_argument(
        "--focus", action="append", required=True, help="a focus area the host chose (repeat)"
    )
    plan.add_argument(
        "--reviewer",
        action="append",
        required=True,
        help="a visiting reviewer (repeat; the first leads)",
    )
    plan.add_argument("--writer", help="who writes the report (default: the lead reviewer)")
    plan.add_argument(
        "--host-staff", action="append", default=[], help="host staff taking part (repeat)"
    )
    plan.add_argument("--framework", default="developmental")
    plan.add_argument("--network", help="network name (default: the one holding all the schools)")
    plan.add_argument(
        "--distribution", default="host-only", help="host-only, review-team or network"
    )
    plan.add_argument("--title", default="")
    plan.add_argument(
        "--follows", help="the earlier review this visit follows up (default: the latest one)"
    )
    plan.set_defaults(handler=handle_plan)
    lst = s.add_parser("list", help="list reviews, newest first")
    lst.set_defaults(handler=handle_list)
    show = s.add_parser("show", help="show one review")
    show.add_argument("review", help="review id (or its first characters)")
    show.set_defaults(handler=handle_show)
    status = s.add_parser(
        "status",
        help="set a review's status as far as what happened allows (shared, once countersigned)",
    )
    status.add_argument("review")
    status.add_argument("status")
    status.set_defaults(handler=handle_status)
    edit = s.add_parser(
        "edit", help="change a planned visit: dates, focus, team, writer, host staff"
    )
    edit.add_argument("review")
    edit.add_argument("--date", help="new first day, YYYY-MM-DD (the visit keeps its length)")
    edit.add_argument("--end-date", help="new last day, YYYY-MM-DD")
    for flag, what in (
        ("focus", "a focus area"),
        ("reviewer", "a visiting reviewer"),
        ("host-staff", "host staff"),
    ):
        edit.add_argument(f"--add-{flag}", action="append", default=[], help=f"add {what} (repeat)")
        edit.add_argument(
            f"--remove-{flag}", action="append", default=[], help=f"remove {what} (repeat)"
        )
    edit.add_argument("--writer", help="who writes the report (one of the visiting reviewers)")
    edit.add_argument(
        "--distribution", help="who may read the report: host-only, review-team or network"
    )
    edit.set_defaults(handler=handle_edit)
    delete = s.add_parser(
        "delete", help="delete a visit planned by mistake (while nothing is written in it)"
    )
    delete.add_argument("review", help="review id (or its first characters)")
    delete.set_defaults(handler=handle_delete)
    from app.cli.own_view import register_review_commands
    from app.cli.review_signoff import register as register_signoff

    register_signoff(s)
    register_review_commands(s)


def handle_plan(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.lookup import parse_date
    from app.services.reviews import plan_review

    start = parse_date(args.date, "visit date")
    end = parse_date(args.end_date, "end date") if args.end_date else None
    with ctx.transaction() as session:
        review = plan_review(
            session,
            host=args.host,
            start=start,
            end=end,
            focus=args.focus,
            reviewers=args.reviewer,
            writer=args.writer,
            framework=args.framework,
            network=args.network,
            distribution=args.distribution,
            title=args.title,
            host_staff=args.host_staff,
            follows=args.follows,
        )
        rid = review.id
    return Output({"id": rid}, rid)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.overview import list_reviews

    with ctx.sql() as con:  # plain sqlite3: listing never loads SQLAlchemy (start-up cost)
        rows = [r.to_json() for r in list_reviews(con)]
    cols = [
        ("id", "Id"),
        ("start_date", "Date"),
        ("host_school", "Host school"),
        ("status", "Status"),
        ("notes", "Notes"),
        ("network", "Network"),
    ]
    return Output(rows, table(rows, cols, "No reviews yet: plan one with 'peerwalk reviews plan'."))


def handle_show(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.reviews import review_detail

    with ctx.read() as session:
        detail = review_detail(session, args.review)
    return Output(detail.to_json(), render(detail))


def handle_status(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.reviews import set_status

    with ctx.transaction() as session:
        review = set_status(session, args.review, args.status)
        data = {"id": review.id, "status": review.status}
    return Output(data, f"Review {data['id'][:8]} is now {data['status'].replace('-', ' ')}.")


def handle_delete(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.unplan import delete_planned_review

    return run_edit(
        ctx,
        "reviews",
        "Review {short} deleted.",
        lambda s: delete_planned_review(s, args.review),
    )


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.errors import InvalidInput
    from app.services.lookup import parse_date
    from app.services.reviews import edit_review

    lists = (
        args.add_focus,
        args.remove_focus,
        args.add_reviewer,
        args.remove_reviewer,
        args.add_host_staff,
        args.remove_host_staff,
    )
    if (
        args.date is None
        and args.end_date is None
        and args.writer is None
        and args.distribution is None
        and not any(lists)
    ):
        raise InvalidInput(
            "Say what to change: --date, --end-date, --add-focus, --remove-focus, --add-reviewer, "
            "--remove-reviewer, --writer, --add-host-staff, --remove-host-staff or --distribution."
        )
    if args.distribution is not None and not (
        args.date or args.end_date or args.writer or any(lists)
    ):
        from app.services.signoff import set_distribution

        with ctx.transaction() as session:
            review = set_distribution(session, args.review, args.distribution)
            rid = review.id
        return Output({"id": rid, "changes": {"reviews": [rid]}}, f"Review {rid[:8]} changed.")
    start = parse_date(args.date, "visit date") if args.date is not None else None
    end = parse_date(args.end_date, "end date") if args.end_date is not None else None
    with ctx.transaction() as session:
        changes = edit_review(
            session,
            args.review,
            start=start,
            end=end,
            add_focus=args.add_focus,
            remove_focus=args.remove_focus,
            add_reviewers=args.add_reviewer,
            remove_reviewers=args.remove_reviewer,
            writer=args.writer,
            add_host_staff=args.add_host_staff,
            remove_host_staff=args.remove_host_staff,
        )
        if args.distribution is not None:
            from app.services.signoff import set_distribution

            set_distribution(session, args.review, args.distribution)
    rid = one_id(changes, "reviews")
    return changed(rid, changes, f"Review {rid[:8]} changed.")


def render(d: ReviewDetail) -> str:
    """``reviews show`` for a person reading a terminal."""
    from app.dates import display_date, display_range

    host = d.host_school.name if d.host_school else "?"
    lines = [
        f"{d.title}  [{d.id}]",
        f"Host school: {host}    Date: {display_range(d.start_date, d.end_date)}"
        f"    Status: {d.status}"
        + (
            " (changed since it was signed: sign it again with 'peerwalk report')"
            if d.changed_since_signed
            else ""
        ),
        f"Network: {d.network or '-'}    Framework: {d.framework}    "
        f"Report goes to: {d.distribution}",
        "Team: " + ", ".join(f"{t.name} ({t.role})" for t in d.team) + f"; writer {d.writer}",
        "",
    ]
    notes_by_focus: dict[str, list[NoteRow]] = {}
    for n in d.notes:
        notes_by_focus.setdefault(n.focus_id, []).append(n)
    short = {n.id: n.id[:8] for n in d.notes}
    for area in d.focus_areas:
        lines.append(f"Focus: {area.title}")
        for f in [f for f in d.findings if f.focus_id == area.id]:
            ev = ", ".join(short.get(e, e[:8]) for e in f.evidence) or "no evidence linked"
            gp = "  [good practice]" if f.good_practice else ""
            lines.append(f"  {f.kind.upper()}: {f.text}  ({ev}){gp}  [{f.id[:8]}]")
        for n in notes_by_focus.get(area.id, []):
            lines.append(f"  - [{n.id[:8]}] {n.kind}: {n.text} ({n.author or '?'})")
        lines.append("")
    if d.actions:
        lines.append("Next steps:")
        lines += [
            f"  - {a.text} (owner {a.owner}, due {display_date(a.due)}; {a.status})"
            + (f" Impact: {a.impact}" if a.impact else "")
            + f"  [{a.id[:8]}]"
            for a in d.actions
        ]
    from app.cli.own_view import render_before_and_after

    lines += render_before_and_after(d.to_json())
    return "\n".join(lines).rstrip()

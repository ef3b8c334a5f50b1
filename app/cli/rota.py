"""peerwalk rota plan NETWORK --from DATE --to DATE [--blocked DATE ...] [--replace]
peerwalk rota list NETWORK [--school S] | rota ics NETWORK -o FILE.ics
peerwalk rota start VISIT --focus TEXT ..."""

from __future__ import annotations

from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("rota", help="the year's visits of a network")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    plan = s.add_parser("plan", help="plan a reciprocal rota: each school hosts once")
    plan.add_argument("network", help="its name or id")
    plan.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    plan.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    plan.add_argument(
        "--blocked", action="append", default=[], help="a date with no visits (repeat)"
    )
    plan.add_argument(
        "--replace", action="store_true", help="plan again (visits already planned stay)"
    )
    plan.set_defaults(handler=handle_plan)
    lst = s.add_parser("list", help="the network's visits, overdue ones flagged")
    lst.add_argument("network")
    lst.add_argument("--school", help="only the visits this school makes or hosts")
    lst.set_defaults(handler=handle_list)
    ics = s.add_parser("ics", help="a calendar file of the visits (Outlook, Google Calendar)")
    ics.add_argument("network")
    ics.add_argument("-o", "--output", type=Path, required=True, help="FILE.ics")
    ics.add_argument("--school", help="only the visits this school makes or hosts")
    ics.set_defaults(handler=handle_ics)
    start = s.add_parser("start", help="turn a rota visit into a planned review")
    start.add_argument("visit", help="the visit's id (or its first characters)")
    start.add_argument("--focus", action="append", required=True, help="a focus area (repeat)")
    start.set_defaults(handler=handle_start)


def _today():  # type: ignore[no-untyped-def]
    from app.config import clock

    return clock()().date()


def handle_plan(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.dates import display_date, parse_iso_date
    from app.services.rota import save_rota

    start = parse_iso_date(args.start, "first date")
    end = parse_iso_date(args.end, "last date")
    blocked = [parse_iso_date(d, "blocked date") for d in args.blocked]
    with ctx.transaction() as session:
        visits = save_rota(session, args.network, start, end, blocked, replace=args.replace)
    data = [
        {"day": v.day.isoformat(), "host": v.host, "visitors": list(v.visitors)} for v in visits
    ]
    return Output(
        data,
        f"{len(visits)} visits planned, {display_date(visits[0].day)} to "
        f"{display_date(visits[-1].day)}; 'peerwalk rota list' shows them.",
    )


def _rows(args, ctx):  # type: ignore[no-untyped-def]
    from app.services.rota import list_rota
    from app.services.schools import get_network

    with ctx.read() as session:
        name = get_network(session, args.network).name
        return name, list_rota(session, args.network, _today(), args.school)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import table
    from app.dates import display_date

    name, rows = _rows(args, ctx)
    data = [
        {
            "id": r.id,
            "day": r.day.isoformat(),
            "host": r.host,
            "visitors": list(r.visitors),
            "review_id": r.review_id,
            "flag": r.flag,
        }
        for r in rows
    ]
    shown = [
        {**d, "day": display_date(r.day), "visitors": ", ".join(r.visitors)}
        for d, r in zip(data, rows, strict=True)
    ]
    cols = [("id", "Id"), ("day", "Day"), ("host", "Host"), ("visitors", "Visiting")]
    cols.append(("flag", "Note"))
    return Output(data, table(shown, cols, f"{name} has no rota yet: 'peerwalk rota plan'."))


def handle_ics(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import write_output
    from app.errors import InvalidInput
    from app.services.rota import rota_calendar

    name, rows = _rows(args, ctx)
    if not rows:
        raise InvalidInput(f"{name} has no rota visits to put in a calendar yet.")
    from app.config import clock

    write_output(args.output, rota_calendar(name, rows, clock()()))
    return Output(
        {"path": str(args.output), "visits": len(rows)},
        f"Calendar of {len(rows)} visits written to {args.output}.",
    )


def handle_start(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.rota import plan_review_from_visit

    with ctx.transaction() as session:
        review_id = plan_review_from_visit(session, args.visit, args.focus)
    return Output({"id": review_id}, review_id)

"""peerwalk status publish --school S --area A --stage 1..4 [--text T]
peerwalk status priorities --school S --text T"""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("status", help="where your school is, shared with its networks")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    pub = s.add_parser("publish", help="publish your stage in one area")
    pub.add_argument("--school", required=True)
    pub.add_argument("--area", required=True)
    pub.add_argument(
        "--stage",
        required=True,
        type=int,
        choices=(1, 2, 3, 4),
        help="1 starting, 2 developing, 3 embedding, 4 secure",
    )
    pub.add_argument("--text", default="", help="a line on where you are")
    pub.set_defaults(handler=handle_publish)
    pri = s.add_parser("priorities", help="publish your school's current priorities")
    pri.add_argument("--school", required=True)
    pri.add_argument("--text", required=True)
    pri.set_defaults(handler=handle_priorities)


def handle_publish(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.practice import publish_status, stage_words

    with ctx.transaction() as session:
        row = publish_status(session, args.school, area=args.area, stage=args.stage, text=args.text)
        rid, area = row.id, row.area
    return Output(
        {"id": rid, "area": area, "stage": args.stage},
        f"Published: {area}, {stage_words(args.stage)}.",
    )


def handle_priorities(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.practice import publish_priorities

    with ctx.transaction() as session:
        rid = publish_priorities(session, args.school, args.text).id
    return Output({"id": rid}, "Priorities published.")

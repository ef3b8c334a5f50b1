"""peerwalk strengths add --school S --area TEXT --contact PERSON [--text TEXT]"""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("strengths", help="what a school offers to others")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="declare a strength of your school to its networks")
    add.add_argument("--school", required=True)
    add.add_argument("--area", required=True, help="for example 'Early reading and phonics'")
    add.add_argument("--contact", required=True, help="who to ask (of that school)")
    add.add_argument("--text", default="", help="what others could come and see")
    add.set_defaults(handler=handle_add)


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.practice import add_strength

    with ctx.transaction() as session:
        item = add_strength(
            session, args.school, area=args.area, contact=args.contact, text=args.text
        )
        iid = item.id
    return Output({"id": iid}, iid)

"""peerwalk networks create NAME --school ID ... [--kind triad|group|sig] | networks list
peerwalk networks edit NETWORK [--add-school ID] [--remove-school ID] [--rules TEXT]
                        [--name NAME]"""

from __future__ import annotations

from app.cli import Output
from app.cli.edits import require_some, run_edit
from app.cli.format import table
from app.vocabulary import NETWORK_KINDS


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("networks", help="networks of schools")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("create", help="create a network")
    add.add_argument("name")
    add.add_argument("--school", action="append", required=True, help="a member school (repeat)")
    add.add_argument("--kind", default="group", help=", ".join(NETWORK_KINDS))
    add.add_argument("--ground-rules", default="")
    add.set_defaults(handler=handle_create)
    edit = s.add_parser("edit", help="change a network's schools, ground rules or name")
    edit.add_argument("network", help="its name or id")
    edit.add_argument("--add-school", action="append", default=[], help="a school joining (repeat)")
    edit.add_argument(
        "--remove-school", action="append", default=[], help="a school leaving (repeat)"
    )
    edit.add_argument("--rules", help="the network's ground rules (replaces them)")
    edit.add_argument("--name", help="a new name")
    edit.set_defaults(handler=handle_edit)
    lst = s.add_parser("list", help="list networks")
    lst.set_defaults(handler=handle_list)


def handle_create(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import create_network

    with ctx.transaction() as session:
        net = create_network(session, args.name, args.school, args.kind, args.ground_rules)
        nid = net.id
    return Output({"id": nid}, nid)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import list_networks

    with ctx.read() as session:
        rows = list_networks(session)
    shown = [{**r, "members": ", ".join(s["name"] for s in r["schools"])} for r in rows]
    cols = [("id", "Id"), ("name", "Network"), ("kind", "Kind"), ("members", "Schools")]
    return Output(rows, table(shown, cols, "No networks yet."))


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import edit_network

    require_some(args, "add_school", "remove_school", "rules", "name")
    return run_edit(
        ctx,
        "networks",
        "Network {short} changed.",
        lambda s: edit_network(
            s,
            args.network,
            add_schools=args.add_school,
            remove_schools=args.remove_school,
            ground_rules=args.rules,
            name=args.name,
        ),
    )

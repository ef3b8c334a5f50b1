"""peerwalk networks create NAME --school ID ... [--kind triad|group|sig] | networks list
peerwalk networks edit NETWORK [--add-school ID] [--remove-school ID] [--rules TEXT]
    [--name NAME]
peerwalk networks delete NETWORK"""

from __future__ import annotations

from pathlib import Path

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
    delete = s.add_parser("delete", help="delete a network (a tombstone that travels)")
    delete.add_argument("network", help="its name or id")
    delete.set_defaults(handler=handle_delete)
    lst = s.add_parser("list", help="list networks")
    lst.set_defaults(handler=handle_list)
    st = s.add_parser("status", help="where each school says it is, area by area")
    st.add_argument("network", help="its name or id")
    st.set_defaults(handler=handle_status)
    sm = s.add_parser("summary", help="a signed PDF of figures for the partnership board")
    sm.add_argument("network", help="its name or id")
    sm.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf")
    sm.set_defaults(handler=handle_summary)


def handle_create(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import create_network

    with ctx.transaction() as session:
        net = create_network(session, args.name, args.school, args.kind, args.ground_rules)
        nid = net.id
    return Output({"id": nid}, nid)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import list_networks

    with ctx.read() as session:
        rows = [n.to_json() for n in list_networks(session)]
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


def handle_status(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.practice import network_status

    with ctx.read() as session:
        grid = network_status(session, args.network)
    data = {
        "network": grid.network,
        "areas": list(grid.areas),
        "schools": [{"id": i, "name": n} for i, n in grid.schools],
        "cells": [
            {"school_id": s, "area": a, "stage": c.stage, "words": c.words, "text": c.text}
            for (s, a), c in grid.cells.items()
        ],
        "priorities": grid.priorities,
        "next_steps": {s: {"done": d, "total": t} for s, (d, t) in grid.steps.items()},
    }
    if not grid.areas:
        return Output(data, f"No school in {grid.network} has published its stages yet.")
    rows = [
        {
            "school": name,
            **{a: grid.cells[(sid, a)].words for a in grid.areas if (sid, a) in grid.cells},
            "steps": "{}/{}".format(*grid.steps[sid]) if sid in grid.steps else "",
        }
        for sid, name in grid.schools
    ]
    cols = [("school", "School"), *((a, a) for a in grid.areas), ("steps", "Next steps done")]
    return Output(data, table(rows, cols))


def handle_summary(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.config import clock
    from app.errors import InvalidInput
    from app.services.board import produce_board_summary

    if args.output.suffix.lower() != ".pdf":
        raise InvalidInput("The summary's file name should end in .pdf.")
    with ctx.read() as session:
        pages = produce_board_summary(
            session, ctx.data_dir, args.network, args.output, from_terminal, clock()
        )
    return Output(
        {"path": str(args.output), "pages": pages},
        f"Board summary written to {args.output} ({pages} pages), signed by you as its preparer.",
    )


def handle_delete(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import get_network
    from app.services.tombstones import delete_network

    return run_edit(
        ctx,
        "networks",
        "Network {short} deleted.",
        lambda s: delete_network(s, get_network(s, args.network).id),
    )

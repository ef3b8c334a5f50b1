"""peerwalk schools import FILE.csv | schools list
peerwalk schools edit SCHOOL [--name N] [--phase P] [--local-authority LA] [--type T]
    [--welsh-medium | --no-welsh-medium]
peerwalk schools delete SCHOOL"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import Output
from app.cli.edits import require_some, run_edit
from app.cli.format import table


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("schools", help="the schools this installation knows")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = s.add_parser(
        "import", help="import a school list (GIAS export or urn,name,phase,local_authority)"
    )
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=handle_import)
    edit = s.add_parser("edit", help="correct a school's record (its URN stays)")
    edit.add_argument("school", help="URN or exact name")
    edit.add_argument("--name")
    edit.add_argument("--phase")
    edit.add_argument("--local-authority")
    edit.add_argument("--type")
    edit.add_argument(
        "--welsh-medium",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="teaches in Welsh",
    )
    edit.set_defaults(handler=handle_edit)
    delete = s.add_parser(
        "delete", help="delete a school typed in by mistake (nothing may rest on it)"
    )
    delete.add_argument("school", help="URN or exact name")
    delete.set_defaults(handler=handle_delete)
    lst = s.add_parser("list", help="list schools")
    lst.set_defaults(handler=handle_list)


def handle_import(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.config import clock
    from app.services.school_list import import_reference_schools, read_school_csv

    rows = read_school_csv(args.file)  # parse and check before opening a transaction
    # Plain sqlite3 (start-up cost) unless the list changes a school that travels, which the
    # change log must record: then the whole list goes through the full path.
    with ctx.plain_transaction() as con:
        result = import_reference_schools(con, rows, clock()())
    if result is None:
        from app.services.school_list import import_schools

        with ctx.transaction() as session:
            result = import_schools(session, rows)
    data = {"added": result.added, "updated": result.updated, "unchanged": result.unchanged}
    return Output(
        data,
        f"{result.added} schools added, {result.updated} updated, {result.unchanged} unchanged.",
    )


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import list_schools

    with ctx.read() as session:
        rows = [s.to_json() for s in list_schools(session)]
    cols = [
        ("id", "URN"),
        ("name", "School"),
        ("phase", "Phase"),
        ("local_authority", "Local authority"),
    ]
    return Output(
        rows, table(rows, cols, "No schools yet: import a school list or run 'peerwalk demo'.")
    )


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import edit_school

    options = ("name", "phase", "local_authority", "type", "welsh_medium")
    require_some(args, *options)
    values = {option: getattr(args, option) for option in options}
    return run_edit(
        ctx, "schools", "School {id} changed.", lambda s: edit_school(s, args.school, **values)
    )


def handle_delete(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import get_school
    from app.services.tombstones import delete_school

    return run_edit(
        ctx,
        "schools",
        "School {short} deleted.",
        lambda s: delete_school(s, get_school(s, args.school).id),
    )

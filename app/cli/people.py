"""peerwalk people add --name N --role R --school ID [--email E] | people list
peerwalk people edit PERSON [--name N] [--role R] [--email E]
peerwalk people delete PERSON"""

from __future__ import annotations

from app.cli import Output
from app.cli.edits import require_some, run_edit
from app.cli.format import table
from app.vocabulary import ROLES


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("people", help="people and their roles")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="add a person")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, help=", ".join(ROLES))
    add.add_argument("--school", help="school id (URN) or exact name; omit for a facilitator")
    add.add_argument("--email", default="")
    add.set_defaults(handler=handle_add)
    edit = s.add_parser("edit", help="correct a person's name, role or email")
    edit.add_argument("person", help="their name or id")
    edit.add_argument("--name")
    edit.add_argument("--role", help=", ".join(ROLES))
    edit.add_argument("--email")
    edit.set_defaults(handler=handle_edit)
    delete = s.add_parser(
        "delete", help="delete a person (a tombstone: past reviews keep their name)"
    )
    delete.add_argument("person", help="their name or id")
    delete.set_defaults(handler=handle_delete)
    lst = s.add_parser("list", help="list people")
    lst.set_defaults(handler=handle_list)


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import add_person

    with ctx.transaction() as session:
        person = add_person(session, args.name, args.role, args.school, args.email)
        pid = person.id
    return Output({"id": pid}, pid)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import list_people

    with ctx.read() as session:
        rows = [p.to_json() for p in list_people(session)]
    cols = [
        ("id", "Id"),
        ("name", "Name"),
        ("role", "Role"),
        ("school", "School"),
        ("email", "Email"),
    ]
    return Output(rows, table(rows, cols, "Nobody yet: add people with 'peerwalk people add'."))


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import edit_person

    require_some(args, "name", "role", "email")
    return run_edit(
        ctx,
        "people",
        "Person {short} changed.",
        lambda s: edit_person(s, args.person, name=args.name, role=args.role, email=args.email),
    )


def handle_delete(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.schools import get_person
    from app.services.tombstones import delete_person

    return run_edit(
        ctx,
        "people",
        "Person {short} deleted.",
        lambda s: delete_person(s, get_person(s, args.person).id),
    )

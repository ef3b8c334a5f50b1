"""peerwalk findings add REVIEW --focus TEXT (--www TEXT | --ebi TEXT) [--evidence NOTE_ID ...]
peerwalk findings edit FINDING --text TEXT | findings delete FINDING
peerwalk findings restore FINDING"""

from __future__ import annotations

from app.cli import Output
from app.cli.edits import run_edit


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("findings", help="WWW / EBI statements")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="add a WWW or EBI statement")
    add.add_argument("review")
    add.add_argument("--focus", required=True)
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--www", help="what went well")
    kind.add_argument("--ebi", help="even better if")
    add.add_argument(
        "--evidence", nargs="+", action="extend", default=[], help="note ids behind it"
    )
    add.add_argument(
        "--good-practice", action="store_true", help="share with the network as good practice"
    )
    add.set_defaults(handler=handle_add)
    edit = s.add_parser("edit", help="reword a statement")
    edit.add_argument("finding")
    edit.add_argument("--text", required=True)
    edit.set_defaults(handler=handle_edit)
    delete = s.add_parser(
        "delete", help="delete a statement (on every laptop, once packages go round)"
    )
    delete.add_argument("finding")
    delete.set_defaults(handler=handle_delete)
    restore = s.add_parser(
        "restore", help="bring a deleted statement back (on every laptop, once packages go round)"
    )
    restore.add_argument("finding")
    restore.set_defaults(handler=handle_restore)


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.writeup import add_finding

    kind, text = ("www", args.www) if args.www is not None else ("ebi", args.ebi)
    with ctx.transaction() as session:
        finding = add_finding(
            session,
            args.review,
            focus=args.focus,
            kind=kind,
            text=text,
            evidence=args.evidence,
            good_practice=args.good_practice,
        )
        fid = finding.id
    return Output({"id": fid}, fid)


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.writeup import edit_finding

    return run_edit(
        ctx, "findings", "{id}", lambda s: edit_finding(s, args.finding, text=args.text)
    )


def handle_delete(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.writeup import delete_finding

    return run_edit(
        ctx, "findings", "Statement {short} deleted.", lambda s: delete_finding(s, args.finding)
    )


def handle_restore(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.restore import restore_finding

    return run_edit(
        ctx, "findings", "Statement {short} is back.", lambda s: restore_finding(s, args.finding)
    )

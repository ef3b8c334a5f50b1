"""peerwalk notes add REVIEW --activity KIND --focus TEXT --kind KIND --text TEXT [--photo FILE]
peerwalk notes edit NOTE [--text TEXT] [--kind KIND] [--focus TEXT] | notes delete NOTE
peerwalk notes restore NOTE | notes photo NOTE --in-report yes|no"""

from __future__ import annotations

from pathlib import Path

from app.cli import Output
from app.cli.edits import require_some, run_edit
from app.vocabulary import ACTIVITY_KINDS


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("notes", help="evidence notes")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = s.add_parser("add", help="capture a note")
    add.add_argument("review")
    add.add_argument("--activity", required=True, help=", ".join(ACTIVITY_KINDS))
    add.add_argument("--focus", required=True, help="one of the review's focus areas")
    add.add_argument("--kind", required=True, help="strength, area or neutral")
    add.add_argument("--text", required=True)
    add.add_argument("--author", help="who wrote it (default: the review's writer)")
    add.add_argument(
        "--photo",
        action="append",
        type=Path,
        default=[],
        help="a photo of pupils' work (never of faces)",
    )
    add.set_defaults(handler=handle_add)
    edit = s.add_parser("edit", help="change a note's words, kind or focus area")
    edit.add_argument("note", help="note id (or its first characters)")
    edit.add_argument("--text")
    edit.add_argument("--kind", help="strength, area or neutral")
    edit.add_argument("--focus", help="another of the review's focus areas")
    edit.set_defaults(handler=handle_edit)
    delete = s.add_parser("delete", help="delete a note (on every laptop, once packages go round)")
    delete.add_argument("note")
    delete.set_defaults(handler=handle_delete)
    restore = s.add_parser(
        "restore", help="bring a deleted note back (on every laptop, once packages go round)"
    )
    restore.add_argument("note")
    restore.set_defaults(handler=handle_restore)
    photo = s.add_parser(
        "photo", help="put a note's photos in the report, or leave them out (also: photos)"
    )
    photo.add_argument("note", help="note id (or its first characters)")
    photo.add_argument(
        "--in-report", required=True, choices=("yes", "no"), help="yes: print them; no: leave out"
    )
    photo.set_defaults(handler=handle_photo)


def handle_add(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.capture import add_note

    with ctx.transaction() as session:
        note = add_note(
            session,
            args.review,
            focus=args.focus,
            kind=args.kind,
            text=args.text,
            activity=args.activity,
            author=args.author,
            photos=args.photo,
            data_dir=ctx.data_dir,
        )
        nid = note.id
    return Output({"id": nid}, nid)


def handle_edit(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.capture import edit_note

    require_some(args, "text", "kind", "focus")
    return run_edit(
        ctx,
        "notes",
        "Note {short} changed.",
        lambda s: edit_note(s, args.note, text=args.text, kind=args.kind, focus=args.focus),
    )


def handle_delete(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.capture import delete_note

    return run_edit(ctx, "notes", "Note {short} deleted.", lambda s: delete_note(s, args.note))


def handle_restore(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.restore import restore_note

    return run_edit(ctx, "notes", "Note {short} is back.", lambda s: restore_note(s, args.note))


def handle_photo(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.report_photos import choose_note_for_report

    include = args.in_report == "yes"
    where = "go in" if include else "are left out of"
    return run_edit(
        ctx,
        "notes",
        f"The photos of note {{short}} {where} the report.",
        lambda s: choose_note_for_report(s, args.note, include=include),
    )

"""peerwalk photos list REVIEW | photos include PHOTO_OR_NOTE | photos exclude PHOTO_OR_NOTE"""

from __future__ import annotations

from app.cli import Output
from app.cli.edits import changed, one_id


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("photos", help="photos of pupils' work, and which go in the report")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = s.add_parser("list", help="a review's photos, and whether each is in the report")
    lst.add_argument("review")
    lst.set_defaults(handler=handle_list)
    for verb, include, what in (
        ("include", True, "put a photo (or every photo of a note) in the report"),
        ("exclude", False, "leave a photo (or every photo of a note) out of the report"),
    ):
        c = s.add_parser(verb, help=what)
        c.add_argument("photo", metavar="PHOTO_OR_NOTE", help="a photo's id, or its note's")
        c.set_defaults(handler=handle_choose, include=include)


def handle_list(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import table
    from app.services.report_photos import list_photos

    with ctx.read() as session:
        photos = list_photos(session, args.review)
    data = [
        {"id": ph.id, "note_id": ph.note_id, "note": ph.note, "in_report": ph.in_report}
        for ph in photos
    ]
    text = table(
        data,
        [("id", "id"), ("note_id", "note"), ("note", "text"), ("in_report", "in report")],
        empty="No photos.",
    )
    return Output(data, text)


def handle_choose(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.report_photos import choose_for_report

    with ctx.transaction() as session:
        changes = choose_for_report(session, args.photo, include=args.include)
    nid = one_id(changes, "notes")
    where = "goes in" if args.include else "is left out of"
    return changed(nid, changes, f"The photo of note {nid[:8]} {where} the report.")

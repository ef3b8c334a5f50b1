"""peerwalk report REVIEW -o FILE.pdf [--draft]: the signed report (signed as the writer), or an
unsigned draft for the host school to check for factual accuracy. Refused while anything blocks
the report (app/services/signoff_check.py); either records what happened, and the review's
status follows (app/services/status.py)."""

from __future__ import annotations

from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("report", help="produce the signed PDF report of a review")
    p.add_argument("review")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument(
        "--draft",
        action="store_true",
        help="an unsigned draft marked 'Draft for factual accuracy', for the host school to check",
    )
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.errors import InvalidInput

    if args.output.suffix.lower() != ".pdf":
        raise InvalidInput("The report file name should end in .pdf.")
    if args.draft:
        return _draft(args, ctx)
    from app.cli.passphrase import from_terminal
    from app.services.signoff import produce_signed

    with ctx.transaction() as session:
        produced = produce_signed(session, ctx.data_dir, args.review, args.output, from_terminal)
    data = {
        "path": str(produced.path),
        "pages": produced.pages,
        "signed_field": produced.signed_field,
        "signer": produced.signer,
    }
    return Output(
        data,
        f"Report written to {produced.path} ({produced.pages} pages), "
        f"signed by {produced.signer} as writer.",
    )


def _draft(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.signoff import produce_draft

    with ctx.transaction() as session:
        draft = produce_draft(session, ctx.data_dir, args.review, args.output)
    data = {"path": str(draft.path), "pages": draft.pages, "draft": True, "signed_field": None}
    return Output(
        data,
        f"Draft written to {draft.path} ({draft.pages} pages), unsigned, for the host school "
        "to check for factual accuracy.",
    )

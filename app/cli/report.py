"""peerwalk report REVIEW -o FILE.pdf: render the review and sign it as the writer."""

from __future__ import annotations

from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("report", help="produce the signed PDF report of a review")
    p.add_argument("review")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.errors import InvalidInput
    from app.services.signing import produce_report

    if args.output.suffix.lower() != ".pdf":
        raise InvalidInput("The report file name should end in .pdf.")
    with ctx.sql() as db:  # plain sqlite3: the report reads a few rows (start-up cost)
        produced = produce_report(db, ctx.data_dir, args.review, args.output, from_terminal)
    data = {
        "path": str(produced.path),
        "pages": produced.pages,
        "signed_field": produced.signed_field,
        "signer": produced.signer,
    }
    return Output(
        data,
        f"Report written to {produced.path} ({produced.pages} pages), signed by {produced.signer} "
        "as writer.",
    )

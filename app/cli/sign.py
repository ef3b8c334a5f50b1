"""peerwalk sign FILE.pdf -o OUT.pdf [--field NAME]: add your signature to your box of a report.

When this laptop holds the review, the signature is recorded too (the host headteacher's
countersignature moves the review to countersigned, app/services/status.py)."""

from __future__ import annotations

from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("sign", help="countersign a report as this laptop's identity")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--field", help="the signature box (default: the next empty one that is yours)")
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.services.signing import sign_report

    with ctx.sql(create=False) as db:
        field, signer = sign_report(
            ctx.data_dir, args.file, args.output, from_terminal, args.field, db=db
        )
        held = db is not None
    if held:
        from app.errors import StorageProblem
        from app.services.signoff import record_signatures, review_of_pdf

        review_id = review_of_pdf(args.output)
        try:
            if review_id:
                with ctx.transaction() as session:
                    record_signatures(session, review_id, [field])
        except StorageProblem:
            pass  # a folder that cannot be written: the signed file is what was asked for
    return Output(
        {"path": str(args.output), "field": field, "signer": signer},
        f"Signed by {signer} in field '{field}': {args.output}",
    )

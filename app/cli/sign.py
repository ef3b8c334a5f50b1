"""peerwalk sign FILE.pdf -o OUT.pdf [--field NAME]: add your signature to your box of a report."""

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
            ctx.data_dir, args.file, args.output, from_terminal, field=args.field, db=db
        )
    return Output(
        {"path": str(args.output), "field": field, "signer": signer},
        f"Signed by {signer} in field '{field}': {args.output}",
    )

"""peerwalk sign FILE.pdf -o OUT.pdf [--field NAME]: add your signature to a report."""

from __future__ import annotations

from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("sign", help="countersign a report as this laptop's identity")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--field", help="the signature field (default: yours, else the next empty one)")
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.services.signing import sign_report

    field, signer = sign_report(ctx.data_dir, args.file, args.output, from_terminal, args.field)
    return Output({"path": str(args.output), "field": field, "signer": signer}, f"Signed by {signer} in field '{field}': {args.output}")

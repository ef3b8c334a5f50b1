"""peerwalk verify FILE: check a signed report (PDF) or, later, a package (.peerwalk)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from app.cli import Output
from app.errors import IntegrityFailure


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("verify", help="check the signatures of a report PDF (or a package)")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    if args.file.suffix.lower() == ".peerwalk":
        try:
            from app.cli.exchange import verify_package_command
        except ImportError:
            raise IntegrityFailure("This version of Peerwalk cannot read packages yet.") from None
        return verify_package_command(args, ctx)
    return verify_pdf_command(args, ctx)


def verify_pdf_command(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.signing import verify_report

    result = verify_report(ctx.data_dir, args.file)
    lines = []
    for s in result.signatures:
        trust = "trusted" if s.trusted else ("self-signed" if s.self_signed else "not trusted here")
        state = "intact" if s.intact and s.valid else "BROKEN"
        after = {"nothing": "nothing changed since", "later signatures": "only later signatures added since"}.get(s.changed_after, "CHANGED since")
        lines.append(f"{s.field}: {s.signer}, signed {s.signed_at}, {trust}, {state}, {after}")
    if not result.ok:
        raise IntegrityFailure(result.problem or "The signatures do not verify.")
    data = {"ok": True, "signatures": [asdict(s) for s in result.signatures]}
    return Output(data, "\n".join(lines) + f"\nAll {len(result.signatures)} signature(s) verify; nothing changed after the last one.")

"""peerwalk verify FILE: check a signed report (PDF) or a package (.peerwalk).

Exit 0 only when everything verifies; otherwise one sentence on stderr and exit 1. With
``--json`` the per-signature list is printed on stdout in both cases (scripts can see which
signature failed), and the sentence still goes to stderr.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from app.cli import Output
from app.errors import IntegrityFailure, InvalidInput

PACKAGE_MAGICS = (b"PK\x03\x04", b"age-encryption.org/v1")


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("verify", help="check the signatures of a report PDF or a package")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=handle)


def kind_of(path: Path) -> str:
    """"pdf" or "package": a PDF by its first bytes or its name, a package by its name or its
    first bytes (a zip, or an age-encrypted file); anything else is checked as a PDF.
    Raises InvalidInput for a missing or unreadable file."""
    try:
        with path.open("rb") as f:
            head = f.read(64)
    except FileNotFoundError:
        raise InvalidInput(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None
    if head.lstrip().startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        return "pdf"  # a ".pdf" that is something else is told "This file is not a PDF."
    if head.startswith(PACKAGE_MAGICS) or path.suffix.lower() == ".peerwalk":
        return "package"
    return "pdf"


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    if kind_of(args.file) == "package":
        from app.cli.exchange import verify_package_command

        return verify_package_command(args, ctx)
    return verify_pdf_command(args, ctx)


def _line(s) -> str:  # type: ignore[no-untyped-def]
    trust = "trusted" if s.trusted else ("self-signed" if s.self_signed else "not trusted here")
    state = "intact" if s.intact and s.valid else "BROKEN"
    after = {"nothing": "nothing changed since", "later signatures": "only later signatures added since"}.get(s.changed_after, "CHANGED since")
    return f"{s.field}: {s.signer}, signed {s.signed_at}, {trust}, {state}, {after}"


def verify_pdf_command(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    """Every signature of a report PDF; raises IntegrityFailure (one sentence) unless ok."""
    from app.services.signing import verify_report

    result = verify_report(ctx.data_dir, args.file)
    data = {"ok": result.ok, "problem": result.problem, "signatures": [asdict(s) for s in result.signatures], "unsigned_fields": result.unsigned_fields}
    if not result.ok:
        if ctx.json:
            print(json.dumps(data, ensure_ascii=False))
        raise IntegrityFailure(result.problem or "The signatures do not verify.")
    lines = [_line(s) for s in result.signatures]
    waiting = f"\nStill to sign: {', '.join(result.unsigned_fields)}." if result.unsigned_fields else ""
    return Output(data, "\n".join(lines) + f"\nAll {len(result.signatures)} signature(s) verify; nothing changed after the last one." + waiting)

"""peerwalk verify FILE: check a signed report (PDF) or a package (.peerwalk).

For a report, exit codes (app.reports.verdict.Outcome):
  0  every signature is intact, trusted on this laptop and in its signer's own box, and
     nothing but later signatures was added after each one;
  1  the file was changed after a signature (its content, or its title or other details),
     is cut short, damaged, not a PDF, or has no signature;
  3  every signature is intact, but someone is not trusted here, signed a box that is not
     theirs, or shows a stamp naming someone else.
Anything but 0 gives one sentence on stderr. The per-signature list goes to stdout for 0 and
3; with ``--json`` it is printed in every case (scripts can see which signature failed).
"""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import Output
from app.errors import IntegrityFailure, InvalidInput, UntrustedSignatures

PACKAGE_MAGICS = (b"PK\x03\x04", b"age-encryption.org/v1")


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("verify", help="check the signatures of a report PDF or a package")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=handle)


def kind_of(path: Path) -> str:
    """ "pdf" or "package": a PDF by its first bytes or its name, a package by its name or its
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
    """One signature in words: whose box, who signed, and the three checks."""
    box = f" ({s.box_for}'s box)" if s.box_for else ""
    state = "intact" if s.intact and s.valid else "BROKEN"
    trust = (
        f"trusted ({s.trusted_because})"
        if s.trusted
        else (
            "NOT TRUSTED here (self-signed)"
            if s.self_signed
            else f"NOT TRUSTED here (issued by {s.issuer})"
        )
    )
    place = (
        "in their own box"
        if s.in_own_box
        else "NOT their box"
        if s.box_for
        else "whose box is not known"
    )
    stamp = "" if s.stamp_names_signer else "; its stamp names someone else"
    after = {
        "nothing": "nothing changed since",
        "later signatures": "only later signatures added since",
    }.get(s.changed_after, "CHANGED since")
    from app.dates import display_datetime

    when = display_datetime(s.signed_at) or "at a time not stated"
    return (
        f"{s.field}{box}: signed by {s.signer}, {when}; {state}; {trust}; {place}{stamp}; {after}"
    )


def verify_pdf_command(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    """Every signature of a report PDF; raises IntegrityFailure (exit 1) or
    UntrustedSignatures (exit 3), each with one sentence, unless all is well."""
    from app.reports.verdict import Outcome
    from app.services.signing import verify_report

    with ctx.sql(create=False) as db:
        verdict = verify_report(ctx.data_dir, args.file, db)
        held = db is not None
    data = verdict.as_json()
    lines = "\n".join(_line(s) for s in verdict.signatures)
    waiting = (
        f"\nStill to sign: {', '.join(verdict.unsigned_fields)}." if verdict.unsigned_fields else ""
    )
    if verdict.outcome is Outcome.BROKEN:
        if ctx.json:
            print(json.dumps(data, ensure_ascii=False))
        raise IntegrityFailure(verdict.problem or "The signatures do not verify.")
    if verdict.outcome is Outcome.UNVOUCHED:
        print(json.dumps(data, ensure_ascii=False) if ctx.json else lines + waiting, flush=True)
        raise UntrustedSignatures(
            verdict.problem or "Not every signature is trusted and in its own box."
        )
    n = len(verdict.signatures)
    summary = f"All {n} signature{'s' if n != 1 else ''} intact, trusted on this laptop and in their own boxes; nothing but signatures was added after each."
    recorded = _record_signatures(ctx, verdict) if held else []
    if recorded:
        data["recorded"] = recorded
    noted = f"\nRecorded on this laptop: {', '.join(recorded)}." if recorded else ""
    return Output(data, lines + "\n" + summary + waiting + noted)


def _record_signatures(ctx, verdict) -> list[str]:  # type: ignore[no-untyped-def]
    """A verified report of a review this laptop holds: its signatures are facts the review's
    status follows (a countersignature moves it to countersigned). A folder that cannot be
    written (a read-only USB stick) still gets its answer, without the record."""
    from app.errors import StorageProblem
    from app.services.signoff import record_signatures

    if not verdict.review_id:
        return []
    try:
        with ctx.transaction() as session:
            return record_signatures(
                session, verdict.review_id, [s.field for s in verdict.signatures]
            )
    except StorageProblem:
        return []

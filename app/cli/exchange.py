"""peerwalk export | import | site: exchanging packages with partner schools."""

from __future__ import annotations

import os
from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    site = sub.add_parser("site", help="this laptop: its school and the name on its packages")
    s = site.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_ = s.add_parser("set", help="say which school this laptop belongs to")
    set_.add_argument("--school", required=True)
    set_.add_argument("--name", default="", help="your name, shown to partners on your packages")
    set_.set_defaults(handler=handle_site_set)

    exp = sub.add_parser("export", help="write a package for a partner school or a network")
    exp.add_argument("-o", "--output", type=Path, required=True)
    exp.add_argument(
        "--for",
        dest="for_school",
        help="the school it is for (only what it may see and has not had)",
    )
    exp.add_argument("--network", help="everything the network may see")
    exp.add_argument("--review", help="one review, for its host school and team")
    exp.add_argument("--full", action="store_true", help="resend everything, not only what is new")
    exp.add_argument(
        "--encrypt-to",
        action="append",
        default=[],
        metavar="SCHOOL",
        help="encrypt for a school's laptops (repeat)",
    )
    exp.add_argument(
        "--passphrase",
        action="store_true",
        help="encrypt with a passphrase (PEERWALK_PACKAGE_PASSPHRASE or asked)",
    )
    exp.set_defaults(handler=handle_export)

    imp = sub.add_parser("import", help="verify a package, then apply it")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--trust-new-sender",
        action="store_true",
        help="accept a sender this laptop has not seen (check the fingerprint first)",
    )
    imp.set_defaults(handler=handle_import)


def _package_passphrase(asked: bool) -> str | None:
    env = os.environ.get("PEERWALK_PACKAGE_PASSPHRASE")
    if env:
        return env
    if not asked:
        return None
    import getpass
    import sys

    from app.errors import AppError

    if not sys.stdin.isatty():
        raise AppError(
            "A package passphrase is needed: set PEERWALK_PACKAGE_PASSPHRASE or run this in a "
            "terminal."
        )
    return getpass.getpass("Package passphrase: ")


def handle_site_set(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.exchange import set_home

    with ctx.transaction() as session:
        data = set_home(session, args.school, args.name)
    return Output(data, f"This laptop belongs to {data['school']} ({data['school_id']}).")


def handle_export(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.errors import InvalidInput
    from app.services.exchange import export_package

    if args.output.suffix != ".peerwalk":
        raise InvalidInput("A package file name ends in .peerwalk.")
    before = _identity(args.output)
    try:
        with ctx.transaction() as session:
            r = export_package(
                session,
                ctx.data_dir,
                args.output,
                for_school=args.for_school,
                network=args.network,
                review=args.review,
                full=args.full,
                encrypt_to=args.encrypt_to,
                package_passphrase=_package_passphrase(args.passphrase),
                key_passphrase=from_terminal,
            )
    except BaseException:
        # The package is written before the transaction commits (it records what was sent).
        # If the commit fails (a full disk), the file would describe a send this laptop does
        # not remember: remove it, so "nothing was saved" is true of the disk as well.
        if _identity(args.output) not in (None, before):
            args.output.unlink(missing_ok=True)
        raise
    data = {
        "path": str(r.path),
        "bytes": r.bytes,
        "changes": r.ops,
        "photos": r.photos,
        "recipients": r.recipients,
        "warning": r.warning,
    }
    text = (
        f"Package written to {r.path}: {r.ops} changes, {r.photos} photos, "
        f"{r.bytes / 1024:.0f} KB, for {', '.join(r.recipients)}."
    )
    if r.warning:
        import sys

        print(f"peerwalk: warning: {r.warning}", file=sys.stderr)
    return Output(data, text)


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which file is at ``path`` now (a rename puts a new one there), or None."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


def _summary_text(s) -> str:  # type: ignore[no-untyped-def]
    created = (
        ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in sorted(s["created"].items()))
        or "nothing new"
    )
    updated = (
        ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in sorted(s["updated"].items()))
        or "nothing"
    )
    text = (
        f"Imported from {s['sender']['name']} ({s['sender']['school_id']}): new {created}; "
        f"updated {updated}."
    )
    if s["conflicts"]:
        text += (
            f" {s['conflicts']} field(s) were edited on two laptops at once: see "
            "'peerwalk conflicts list'."
        )
    for w in s.get("waiting", []):
        text += (
            f" {w['changes']} change(s) relayed by {w['relayed_by']} from {w['name']}'s laptop "
            f"({w['school_id']}) wait: "
            "that laptop is not confirmed yet, so they are applied once a package comes from it."
        )
    return text


ALREADY_IMPORTED = "Nothing new: this package was already imported."


def handle_import(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    """Importing a package twice (a file double-clicked twice) is not an error: nothing is
    wrong and nothing changed, so it exits 0 saying so."""
    from app.cli.passphrase import from_terminal
    from app.errors import AlreadyImported, UntrustedSender
    from app.services.exchange import import_package

    try:
        with ctx.transaction() as session:
            summary = import_package(
                session,
                ctx.data_dir,
                args.file,
                trust_new_sender=args.trust_new_sender,
                key_passphrase=from_terminal,
                package_passphrase=_package_passphrase(False),
            )
    except AlreadyImported:
        return Output({"new_changes": 0, "already_imported": True}, ALREADY_IMPORTED)
    except UntrustedSender as exc:
        raise UntrustedSender(
            f"{exc.user_message.rstrip('.')}; then import with --trust-new-sender.",
            name=exc.name,
            school_id=exc.school_id,
            fingerprint=exc.fingerprint,
            reason=exc.reason,
        ) from None
    return Output({**summary, "already_imported": False}, _summary_text(summary))


def verify_package_command(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    """peerwalk verify FILE.peerwalk: every check import makes, changing nothing."""
    from app.cli.passphrase import from_terminal
    from app.services.exchange import verify_package

    with ctx.read() as session:
        d = verify_package(
            session,
            ctx.data_dir,
            args.file,
            key_passphrase=from_terminal,
            package_passphrase=_package_passphrase(False),
        )
    trust = (
        "a trusted sender" if d["sender_trusted"] else "a sender this laptop has not trusted yet"
    )
    return Output(
        d,
        f"Package verified: {d['changes']} changes and {d['photos']} photos from "
        f"{d['sender']['name']} ({d['sender']['school_id']}), {trust}.\nKey fingerprint: "
        f"{d['sender']['fingerprint']}",
    )

"""peerwalk identity create | show | export-cert -o FILE | import-cert FILE | trust-cert FILE

On a laptop that says which school it belongs to (``site set``), creating or importing an
identity also publishes its certificate for partners (app.services.certificates): it travels
in packages, so the partners' ``verify`` trusts this person's signatures.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("identity", help="your signing identity on this laptop")
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = s.add_parser("create", help="make a key pair and certificate for signing reports")
    create.add_argument("--name", required=True)
    create.add_argument("--email", required=True)
    create.add_argument("--school", default="", help="school id or name to put in the certificate")
    create.set_defaults(handler=handle_create)
    show = s.add_parser("show", help="name, fingerprint and validity")
    show.set_defaults(handler=handle_show)
    export = s.add_parser("export-cert", help="write your public certificate to a file")
    export.add_argument("-o", "--output", type=Path, required=True)
    export.set_defaults(handler=handle_export)
    imp = s.add_parser("import-cert", help="use a certificate your network's root issued for you")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=handle_import)
    trust = s.add_parser(
        "trust-cert",
        help="trust a partner's signing certificate on this laptop (check its fingerprint first)",
    )
    trust.add_argument("file", type=Path)
    trust.add_argument(
        "--yes",
        action="store_true",
        help="the fingerprint shown has been checked with its owner: trust it",
    )
    trust.set_defaults(handler=handle_trust)


def _text(info) -> str:  # type: ignore[no-untyped-def]
    kind = "self-signed" if info.self_signed else f"issued by {info.issuer}"
    held = {
        "keychain": "in this computer's keychain",
        "passphrase": "protected by your passphrase",
    }.get(info.protection, info.protection)
    from app.dates import display_date

    return (
        f"{info.name} <{info.email}>" + (f", {info.school}" if info.school else "") + "\n"
        f"Fingerprint: {info.fingerprint}\n"
        f"Valid {display_date(info.not_before)} to {display_date(info.not_after)} ({kind}); "
        f"private key {held}."
    )


def handle_create(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.identity import create_identity

    school = args.school
    if school or _has_database(ctx):
        from app.services.certificates import home_school_id
        from app.services.schools import get_school

        with ctx.transaction() as session:
            school = school or home_school_id(session) or ""
            if school:
                found = get_school(session, school)
                school = f"{found.name} ({found.id})"
    info = create_identity(ctx.data_dir, args.name, args.email, school, from_terminal)
    return Output(asdict(info), _text(info) + _publish(ctx))


def _has_database(ctx) -> bool:  # type: ignore[no-untyped-def]
    from app.config import DB_FILENAME

    return bool((ctx.data_dir / DB_FILENAME).exists())


def _publish(ctx) -> str:  # type: ignore[no-untyped-def]
    """Publish this laptop's certificate for partners, when it belongs to a school."""
    if not _has_database(ctx):
        return ""
    from app.identity import certificate_pem
    from app.services.certificates import publish_certificate

    with ctx.transaction() as session:
        record = publish_certificate(session, certificate_pem(ctx.data_dir))
    return "\nPublished to partners with your next package." if record is not None else ""


def handle_show(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.identity import load_identity

    info = load_identity(ctx.data_dir)
    return Output(asdict(info), _text(info))


def handle_export(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import write_output
    from app.identity import certificate_pem

    pem = certificate_pem(ctx.data_dir)
    write_output(args.output, pem)
    return Output({"path": str(args.output)}, f"Certificate written to {args.output}.")


def handle_import(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.identity import import_issued_certificate
    from app.services.files import read_small_file

    info = import_issued_certificate(ctx.data_dir, read_small_file(args.file, "certificate"))
    return Output(asdict(info), _text(info) + _publish(ctx))


def handle_trust(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    """Show the certificate's owner and fingerprint; trust it only with --yes."""
    from app.errors import AppError
    from app.identity import read_person_certificate, trust_person_certificate
    from app.services.files import read_small_file

    pem = read_small_file(args.file, "certificate")
    info = read_person_certificate(pem)
    who = info.name + (f" ({info.school})" if info.school else "")
    if not args.yes:
        raise AppError(
            f"This is the signing certificate of {who}, fingerprint {info.fingerprint}; check the fingerprint with them "
            "(they see it with 'peerwalk identity show'), then run this again with --yes to trust it."
        )
    info = trust_person_certificate(ctx.data_dir, pem)
    return Output(
        asdict(info),
        f"Trusted on this laptop: the signing certificate of {who}.\nFingerprint: {info.fingerprint}",
    )

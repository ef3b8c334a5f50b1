"""peerwalk identity create | show | export-cert -o FILE | import-cert FILE"""

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


def _text(info) -> str:  # type: ignore[no-untyped-def]
    kind = "self-signed" if info.self_signed else f"issued by {info.issuer}"
    held = {"keychain": "in this computer's keychain", "passphrase": "protected by your passphrase"}.get(info.protection, info.protection)
    return (
        f"{info.name} <{info.email}>" + (f", {info.school}" if info.school else "") + "\n"
        f"Fingerprint: {info.fingerprint}\n"
        f"Valid {info.not_before} to {info.not_after} ({kind}); private key {held}."
    )


def handle_create(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.identity import create_identity

    school = args.school
    if school:
        from app.services.schools import get_school

        with ctx.transaction() as session:
            found = get_school(session, school)
            school = f"{found.name} ({found.id})"
    info = create_identity(ctx.data_dir, args.name, args.email, school, from_terminal)
    return Output(asdict(info), _text(info))


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
    return Output(asdict(info), _text(info))

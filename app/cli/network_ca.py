"""peerwalk network-ca create NAME | export-root -o FILE | issue CERT.pem -o OUT.pem | trust FILE"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser(
        "network-ca",
        help="a network's own root certificate, so partners' signatures show as trusted",
    )
    s = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = s.add_parser("create", help="create the network's root on this laptop")
    create.add_argument("name")
    create.set_defaults(handler=handle_create)
    export = s.add_parser(
        "export-root", help="write the network's root certificate, for members to trust"
    )
    export.add_argument("-o", "--output", type=Path, required=True)
    export.set_defaults(handler=handle_export_root)
    issue = s.add_parser("issue", help="issue a member's certificate under the network root")
    issue.add_argument("cert", type=Path, help="the member's exported certificate")
    issue.add_argument("-o", "--output", type=Path, required=True)
    issue.set_defaults(handler=handle_issue)
    trust = s.add_parser("trust", help="trust a network root certificate on this laptop")
    trust.add_argument("file", type=Path)
    trust.set_defaults(handler=handle_trust)


def handle_create(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.passphrase import from_terminal
    from app.identity import create_network_ca

    info = create_network_ca(ctx.data_dir, args.name, from_terminal)
    return Output(
        asdict(info),
        f"Network root '{info.name}' created and trusted here.\nFingerprint: {info.fingerprint}",
    )


def handle_export_root(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import write_output
    from app.identity import network_ca_pem

    write_output(args.output, network_ca_pem(ctx.data_dir))
    return Output(
        {"path": str(args.output)},
        f"Root certificate written to {args.output}. Members trust it with 'peerwalk network-ca "
        "trust'.",
    )


def handle_issue(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.cli.format import write_output
    from app.cli.passphrase import from_terminal
    from app.identity import issue_certificate
    from app.services.files import read_small_file

    pem = issue_certificate(ctx.data_dir, read_small_file(args.cert, "certificate"), from_terminal)
    write_output(args.output, pem)
    return Output(
        {"path": str(args.output)},
        f"Certificate issued: {args.output}. The member imports it with 'peerwalk identity "
        "import-cert'.",
    )


def handle_trust(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.identity import trust_root
    from app.services.files import read_small_file

    info = trust_root(ctx.data_dir, read_small_file(args.file, "certificate"))
    return Output(asdict(info), f"Trusted: {info.name}\nFingerprint: {info.fingerprint}")

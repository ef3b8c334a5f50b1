"""peerwalk gui [--smoke-test]: the window (also what runs with no command)."""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("gui", help="open the window (the default)")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="open, wait for the first paint with data, print the time, exit",
    )
    p.add_argument("files", nargs="*", help="files to open (reports to verify, packages to import)")
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output | None:  # type: ignore[no-untyped-def]
    from app.ui.application import run_gui

    code = run_gui(ctx.data_dir, smoke_test=args.smoke_test, files=args.files)
    if code:
        raise SystemExit(code)
    return None

"""peerwalk demo: load the demo network (running it twice changes nothing)."""

from __future__ import annotations

from app.cli import Output


def register(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("demo", help="load the demo network (safe to run twice)")
    p.set_defaults(handler=handle)


def handle(args, ctx) -> Output:  # type: ignore[no-untyped-def]
    from app.services.demo import load_demo

    with ctx.transaction() as session:
        result = load_demo(session, ctx.data_dir)
    text = (
        f"Demo network loaded: {result['schools']} schools, {result['people']} people, "
        f"{result['reviews']} reviews, {result['notes']} notes."
        if result["added"]
        else "The demo network is already loaded; nothing changed."
    )
    return Output(result, text)

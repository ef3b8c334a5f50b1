"""Plain-text tables for people reading a terminal (``--json`` is for scripts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.dates import display_date, display_datetime

# Cells shown as dates (en-GB, "12 Nov 2026") and moments ("12 Nov 2026 14:03"); --json keeps ISO.
DATE_KEYS = frozenset({"start_date", "end_date", "date", "due"})
MOMENT_KEYS = frozenset({"raised_at", "captured_at", "created_at", "signed_at"})


def table(
    rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], empty: str = "(none)"
) -> str:
    """``columns`` are (key, heading). Long cells are shortened; ids to 8 characters."""
    if not rows:
        return empty
    cells = [[_cell(k, r.get(k)) for k, _ in columns] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, (_, h) in enumerate(columns)]
    lines = ["  ".join(h.ljust(w) for (_, h), w in zip(columns, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if key in DATE_KEYS and value:
        return display_date(value)
    if key in MOMENT_KEYS and value:
        return display_datetime(value)
    text = str(value).replace("\n", " ")
    if key == "id" and len(text) == 36:
        return text[:8]
    return text if len(text) <= 60 else text[:57] + "..."


def write_output(path: Path, data: bytes) -> None:
    """Write a file a person named, whole or not at all; a failure is one sentence, not a traceback."""
    from app.errors import AppError, storage_problem
    from app.services.files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        raise storage_problem(exc, path.parent) or AppError(
            f"Cannot write {path}: {exc.strerror}."
        ) from None

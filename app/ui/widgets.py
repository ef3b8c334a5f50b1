"""Small pieces shared by the pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox


def fill_review_box(box: QComboBox, reviews: list[dict[str, Any]], current: str | None) -> None:
    """List the reviews (newest first) and keep ``current`` chosen, without firing change
    signals while refilling (the caller redraws once)."""
    box.blockSignals(True)
    box.clear()
    for r in reviews:
        box.addItem(f"{r['start_date']}  {r['host_school']}  ({r['status']})", r["id"])
    box.blockSignals(False)
    box.setCurrentIndex(max(box.findData(current), 0) if current else 0)

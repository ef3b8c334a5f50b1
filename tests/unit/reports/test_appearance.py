"""The signature stamp: Welsh letters in an embedded font, long text fitted to the box."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from app.reports.appearance import STAMP_BOLD, fit, short_fingerprint, signature_appearance_pdf

WHEN = datetime(2026, 11, 24, 16, 5, tzinfo=UTC)


def test_stamp_text_and_font(tmp_path: Path) -> None:
    pdf = signature_appearance_pdf(
        226,
        90,
        "Gwenllian Ŵyn Roberts",
        "receiving headteacher",
        WHEN,
        "AB:CD:EF:01:23:45:67:89:AA",
    )
    assert pdf == signature_appearance_pdf(
        226,
        90,
        "Gwenllian Ŵyn Roberts",
        "receiving headteacher",
        WHEN,
        "AB:CD:EF:01:23:45:67:89:AA",
    )
    path = tmp_path / "stamp.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=False
    ).stdout
    for expected in (
        "Gwenllian Ŵyn Roberts",
        "Digitally signed as receiving headteacher",
        "24 Nov 2026 16:05 UTC",
        "Certificate AB:CD:EF:01:23:45:67:89…",
    ):
        assert expected in text, text
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=False
    ).stdout
    assert fonts.count("DejaVuSans") == 2 and " yes " in fonts  # embedded


def test_long_text_shrinks_then_is_cut() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    signature_appearance_pdf(100, 40, "x", "y", WHEN, "")  # registers the fonts
    assert fit("Siân", STAMP_BOLD, 10, 200, 6) == ("Siân", 10)
    text, size = fit("Gwenllian Ŵyn Roberts-Llŷr ap Gruffydd Llewellyn", STAMP_BOLD, 10, 120, 6)
    assert size == 6 and text.endswith("…") and text.startswith("Gwenllian Ŵyn")
    assert stringWidth(text, STAMP_BOLD, size) <= 120
    assert short_fingerprint("AA:BB:CC:DD:EE:FF:00:11:22:33") == "AA:BB:CC:DD:EE:FF:00:11"

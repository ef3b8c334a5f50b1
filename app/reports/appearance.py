"""The visible part of a signature, drawn with ReportLab and DejaVu Sans.

pyHanko's own stamp font is a non-embedded Courier without ŵ/ŷ, and its OpenType stamp path
spaced letters badly here (TECH-NOTES); a one-page PDF drawn by ReportLab with an embedded TTF
(the report's own, app.reports.fonts), used as a *static* stamp, prints Welsh names exactly and
still validates.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from app.dates import display_datetime
from app.reports.fonts import BOLD as STAMP_BOLD
from app.reports.fonts import FONT as STAMP_FONT
from app.reports.fonts import register_fonts

PAD = 6.0


def fit(text: str, font: str, size: float, width: float, smallest: float) -> tuple[str, float]:
    """Shrink ``text`` down to ``smallest`` points to fit ``width``; then cut it with "…"."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


def short_fingerprint(fingerprint: str) -> str:
    """The first 8 bytes, as people read them aloud to compare ("AB:CD:…")."""
    return ":".join(fingerprint.split(":")[:8])


def signature_appearance_pdf(
    width: float, height: float, name: str, role: str, when: datetime, fingerprint: str
) -> bytes:
    """A one-page PDF of ``width`` x ``height`` points: the signer's name, the role they sign
    in, the date and time (UTC) and the certificate's short fingerprint. Byte-identical for the
    same input (``invariant``)."""
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    register_fonts()
    width, height = max(width, 60.0), max(height, 30.0)
    inner = width - 2 * PAD
    big = min(10.0, max(6.0, height / 6))
    small = min(7.5, max(5.0, height / 9))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=1)
    c.setTitle("Signature")
    c.setFillColor(colors.HexColor("#eef5f4"))
    c.rect(0, 0, width, height, stroke=0, fill=1)
    y = height - PAD - big
    c.setFillColor(colors.HexColor("#1d5c63"))
    text, size = fit(name, STAMP_BOLD, big, inner, 6.0)
    c.setFont(STAMP_BOLD, size)
    c.drawString(PAD, y, text)
    c.setFillColor(colors.HexColor("#1f2933"))
    when_utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    lines = [
        fit(line, STAMP_FONT, small, inner, 5.0)
        for line in (f"Digitally signed as {role}", f"{display_datetime(when_utc)} UTC")
    ]
    size = min(size for _, size in lines)  # both lines in one size
    c.setFont(STAMP_FONT, size)
    for text, _ in lines:
        y -= size + 3
        c.drawString(PAD, y, text)
    c.setFillColor(colors.HexColor("#5f6b76"))
    text, size = fit(
        "Certificate " + short_fingerprint(fingerprint) + "…",
        STAMP_FONT,
        min(6.0, small),
        inner,
        4.5,
    )
    c.setFont(STAMP_FONT, size)
    c.drawString(PAD, min(PAD, y - size - 2), text)
    c.showPage()
    c.save()
    return buf.getvalue()

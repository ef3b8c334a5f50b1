"""DejaVu Sans (shipped in resources/fonts), registered with ReportLab once per process.

ReportLab's built-in fonts cannot print ŵ or ŷ. Parsing a TrueType file costs about 0.05 s
each, so the report's layout and the signature stamps share the same two registered fonts.
"""

from __future__ import annotations

FONT, BOLD = "PeerwalkSans", "PeerwalkSans-Bold"


def register_fonts() -> None:
    """Register FONT and BOLD (and their family, so <b> works in Paragraphs); idempotent."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from app.config import resources_dir

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)

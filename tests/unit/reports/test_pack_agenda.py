"""The pack's agenda leaves out a column that is empty on every row, as the report's does (a
visit planned with times and activities only printed four empty columns)."""

from __future__ import annotations

from app.reports.fonts import register_fonts
from app.reports.layout import _styles, agenda_table
from app.reports.pack import PACK_AGENDA


def _header(rows: list[list[str]]) -> list[str]:
    register_fonts()
    table = agenda_table(rows, _styles(), PACK_AGENDA)
    return [cell.text for cell in table._cellvalues[0]]


def test_empty_columns_are_left_out_and_filled_ones_kept() -> None:
    bare = [["08:45", "Welcome", "", "", "", ""], ["09:15", "Learning walk", "", "", "", ""]]
    assert _header(bare) == ["Time", "Activity"]
    paired = [
        ["09:00", "Joint observation", "E2", "", "Trevor Mayhew", "Lauren Pike"],
        ["10:10", "Book look", "", "", "Rob Ellis", ""],
    ]
    assert _header(paired) == ["Time", "Activity", "Place", "Visitor", "Host colleague"]
    register_fonts()
    table = agenda_table(paired, _styles(), PACK_AGENDA)
    assert [c.text for c in table._cellvalues[1]] == [
        "09:00",
        "Joint observation",
        "E2",
        "Trevor Mayhew",
        "Lauren Pike",
    ]

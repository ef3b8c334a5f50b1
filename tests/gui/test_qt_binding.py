"""Guards against a Qt binding defect that would crash a long review day.

PySide6 6.12.0 returned a null QVariant (an item or combo box with no data) as None without
taking a reference: None's reference count fell with each call until the interpreter aborted.
The pinned version must not do that.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QListWidgetItem


def test_null_item_data_keeps_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("no data")
    item = QListWidgetItem("no data")
    before = sys.getrefcount(None)
    for _ in range(2000):
        assert combo.currentData() is None
        assert item.data(256) is None
    assert sys.getrefcount(None) >= before - 10

"""Editing and deleting a record where it is listed (Review day's notes, Write-up's next steps).

A list row shows more than the words it edits ("[Strength] the words / author · focus"), so
each row keeps its record's id (``ID_ROLE``) and its bare words (``TEXT_ROLE``) beside what it
shows. F2 or a double-click opens a one-line editor over the row holding the bare words; Enter
saves, Esc cancels (Qt's item editing). The delegate never writes into the list: it emits
``edited(id, words)`` and the page saves them through an operation and redraws from the result,
so the list shows only what is stored.

Delete (and Backspace on a Mac keyboard) on the list asks the page to delete the chosen row;
a right-click shows the page's menu for that row. A list ``lock``-ed with a reason (the rows are
someone else's to change, e.g. the visiting team's statements on the host's laptop) keeps both
from trying: Delete only puts the reason in the status bar, and the menu's items are greyed with
the reason as their tooltip and status tip (the status bar says it as the menu opens).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
LOCKED = "lockedBecause"  # the list's dynamic property: why its rows may not be changed here
TIP = "unlockedToolTip"  # and its own tooltip, put back when it is unlocked


class WordsDelegate(QStyledItemDelegate):
    """Edits a row's bare words (``TEXT_ROLE``); ``edited(id, words)`` when they changed."""

    edited = Signal(str, str)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName(self.tr("Edit the words"))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(TEXT_ROLE) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, QLineEdit):
            return
        words = editor.text().strip()
        if words != str(index.data(TEXT_ROLE) or "").strip():
            self.edited.emit(str(index.data(ID_ROLE)), words)


def editable_row(text: str, record_id: str, words: str) -> QListWidgetItem:
    """A list row showing ``text`` that edits ``words`` in place."""
    item = QListWidgetItem(text)
    item.setData(ID_ROLE, record_id)
    item.setData(TEXT_ROLE, words)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
    return item


def make_editable(
    lst: QListWidget,
    on_edited: Callable[[str, str], None],
    on_delete: Callable[[str], None],
    menu_for: Callable[[str], QMenu],
) -> WordsDelegate:
    """F2 / double-click edits the chosen row's words; Delete deletes the row; right-click
    shows ``menu_for(id)``. Rows made by ``editable_row``."""
    delegate = WordsDelegate(lst)
    delegate.edited.connect(on_edited)
    lst.setItemDelegate(delegate)
    lst.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    with_keys_and_menu(lst, on_delete, menu_for)
    return delegate


def with_keys_and_menu(
    lst: QListWidget, on_delete: Callable[[str], None], menu_for: Callable[[str], QMenu]
) -> None:
    """Delete (or a Mac's Backspace) on the list calls ``on_delete(id)`` for the chosen row; a
    right-click on a row chooses it and shows ``menu_for(id)``."""

    def chosen() -> str | None:
        item = lst.currentItem()
        return str(item.data(ID_ROLE)) if item is not None and item.data(ID_ROLE) else None

    def delete() -> None:
        record_id = chosen()
        reason = locked_because(lst)
        if reason:
            _say(lst, reason)
        elif record_id is not None:
            on_delete(record_id)

    keys_to_delete = [
        *QKeySequence.keyBindings(QKeySequence.StandardKey.Delete),
        QKeySequence(Qt.Key.Key_Backspace),  # a Mac keyboard's delete key
    ]
    for keys in keys_to_delete:
        shortcut = QShortcut(keys, lst, context=Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(delete)

    def show_menu(at: QPoint) -> None:
        item = lst.itemAt(at)
        if item is None or not item.data(ID_ROLE):
            return
        lst.setCurrentItem(item)
        menu = menu_for(str(item.data(ID_ROLE)))
        reason = locked_because(lst)
        if reason:
            _grey(menu, reason)
            _say(lst, reason)
        menu.exec(lst.viewport().mapToGlobal(at))
        menu.deleteLater()

    lst.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    lst.customContextMenuRequested.connect(show_menu)


def lock(lst: QListWidget, reason: str | None) -> None:
    """``reason``: why this laptop may not change the list's rows (None: it may). Read each
    time Delete is pressed or the menu is shown, so it can follow rights that load later. The
    list's tooltip ("Delete deletes it") gives way to the reason while it is locked."""
    if reason and not locked_because(lst):
        lst.setProperty(TIP, lst.toolTip())
    elif not reason and locked_because(lst):
        lst.setToolTip(str(lst.property(TIP) or ""))
    if reason:
        lst.setToolTip(reason)
    lst.setProperty(LOCKED, reason or "")


def locked_because(lst: QListWidget) -> str:
    """The reason the list was locked with, or "" when it is not locked."""
    return str(lst.property(LOCKED) or "")


def _say(lst: QListWidget, reason: str) -> None:
    """Why a locked list did nothing: one line in the window's status bar, no dialog."""
    bar = getattr(lst.window(), "statusBar", None)
    if callable(bar):
        bar().showMessage(reason, 6000)


def _grey(menu: QMenu, reason: str) -> None:
    menu.setToolTipsVisible(True)
    for action in menu.actions():
        if action.isSeparator():
            continue
        action.setEnabled(False)
        action.setToolTip(reason)
        action.setStatusTip(reason)

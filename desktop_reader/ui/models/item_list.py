"""What the article list and the story list have in common, as one protocol.

Both list models page their rows in from the Reader (`canFetchMore`/`fetchMore`),
re-read what they show (`reload`), find an item's row (`row_of`), mark every row read in
place (`mark_all_read`) and show the Starred items (`show_starred`); both views name the
current item (`current_id`) and select a row (`select_row`). Code that works on either
list — re-reading it while keeping the reader's place — takes these, not a concrete class.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex


class ItemListModel(Protocol):
    def rowCount(self, parent: QModelIndex = ...) -> int: ...  # noqa: N802 - Qt's name
    def canFetchMore(self, parent: QModelIndex = ...) -> bool: ...  # noqa: N802
    def fetchMore(self, parent: QModelIndex = ...) -> None: ...  # noqa: N802
    def reload(self) -> None: ...
    def row_of(self, item_id: int) -> int: ...
    def mark_all_read(self) -> None: ...
    def show_starred(self) -> None: ...


class ItemListView(Protocol):
    def current_id(self) -> int | None: ...
    def select_row(self, row: int) -> bool: ...
    def blockSignals(self, b: bool) -> bool: ...  # noqa: N802 - Qt's name


def reload_keeping_place(
    model: ItemListModel, view: ItemListView, *, quietly: bool = False
) -> None:
    """Re-read the list and select the item that was current, if it is still listed.
    `quietly`: without the view announcing the selection (the item is already open)."""
    current = view.current_id()
    model.reload()
    row = model.row_of(current) if current is not None else -1
    if row < 0:
        return
    if quietly:
        view.blockSignals(True)
    view.select_row(row)
    if quietly:
        view.blockSignals(False)

"""What the article list and the story list have in common, as one protocol.

Both list models page their rows in from the Reader (`canFetchMore`/`fetchMore`),
re-read what they show (`reload`), find an item's row (`row_of`), mark every row read in
place (`mark_all_read`) and show the Starred items (`show_starred`); both views name the
current item (`current_id`) and the one at the top (`first_visible_id`), and select or
scroll to a row (`select_row`, `show_at_top`). Code that works on either
list — re-reading it while keeping the reader's place — takes these, not a concrete class.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QItemSelectionModel, QModelIndex


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
    def first_visible_id(self) -> int | None: ...
    def show_at_top(self, row: int) -> None: ...
    def select_row(self, row: int) -> bool: ...
    def blockSignals(self, b: bool) -> bool: ...  # noqa: N802 - Qt's name
    def selectionModel(self) -> QItemSelectionModel: ...  # noqa: N802


def reload_keeping_place(
    model: ItemListModel, view: ItemListView, *, quietly: bool = False
) -> None:
    """Re-read the list, keeping the item that was current selected and the item at the
    top of the viewport there (new items arrive above it without moving what the reader
    looks at). `quietly`: without the view announcing a selection it had to make again
    (the item is already open)."""
    current = view.current_id()
    top = view.first_visible_id()
    selection = view.selectionModel()
    # Rows leave and arrive under the view: Qt moves the current row off a row that left,
    # which must not open (and mark read) the item it lands on. Nothing is current then,
    # as after a reset.
    was_blocked = selection.blockSignals(True)
    try:
        model.reload()
        if current is not None and model.row_of(current) < 0:
            selection.clear()
    finally:
        selection.blockSignals(was_blocked)
    top_row = model.row_of(top) if top is not None else -1
    if top_row >= 0:
        view.show_at_top(top_row)
    row = model.row_of(current) if current is not None else -1
    if row < 0 or view.current_id() == current:
        return  # gone, or still current: the rows were updated in place
    if quietly:
        view.blockSignals(True)
    view.select_row(row)
    if quietly:
        view.blockSignals(False)

"""Re-reading a list model's rows in place: rows that left are removed, rows that came
are inserted, rows whose values changed are restyled.

A model reset makes the view forget its selection, current row and scroll position and
lay out every row again; during a refresh the lists are re-read again and again, and
each reset was a long tick of the event loop. Newest-first lists change at the edges
(new articles on top, the last page shifted), which removals and insertions describe
exactly; the view then keeps its selection and current row itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex

Row = TypeVar("Row")


def replace_rows(
    model: QAbstractItemModel,
    rows: list[Row],
    fresh: Sequence[Row],
    key: Callable[[Row], Hashable],
    columns: int = 1,
) -> bool:
    """Make `rows` (the list `model` shows, changed in place) equal to `fresh` through
    row removals, insertions and dataChanged. False, with `rows` untouched, when the
    rows kept are in another order (the caller resets the model instead)."""
    old_keys = [key(r) for r in rows]
    new_keys = [key(r) for r in fresh]
    old_set, new_set = set(old_keys), set(new_keys)
    if len(old_set) != len(old_keys) or len(new_set) != len(new_keys):
        return False
    if [k for k in old_keys if k in new_set] != [k for k in new_keys if k in old_set]:
        return False
    root = QModelIndex()
    row = len(rows) - 1
    while row >= 0:  # bottom up, so the rows above keep their numbers
        if old_keys[row] in new_set:
            row -= 1
            continue
        end = row
        while row >= 0 and old_keys[row] not in new_set:
            row -= 1
        model.beginRemoveRows(root, row + 1, end)
        del rows[row + 1 : end + 1]
        model.endRemoveRows()
    changed: list[int] = []
    row = 0
    while row < len(fresh):
        if row < len(rows) and key(rows[row]) == new_keys[row]:
            if rows[row] != fresh[row]:
                rows[row] = fresh[row]
                changed.append(row)
            row += 1
            continue
        end = row
        while end < len(fresh) and new_keys[end] not in old_set:
            end += 1
        model.beginInsertRows(root, row, end - 1)
        rows[row:row] = fresh[row:end]
        model.endInsertRows()
        row = end
    if changed:
        model.dataChanged.emit(model.index(changed[0], 0), model.index(changed[-1], columns - 1))
    return True


def restyle_where(
    model: QAbstractItemModel,
    count: int,
    changed: Callable[[int], bool],
    columns: tuple[int, int] = (0, 0),
) -> None:
    """dataChanged for each run of rows where `changed(row)`, in columns first..last: a
    re-read whose rows all stayed then repaints nothing (ages move on a minute at a time;
    telling the view every age changed repainted the whole visible list each time)."""
    first, last = columns
    row = 0
    while row < count:
        if not changed(row):
            row += 1
            continue
        end = row
        while end + 1 < count and changed(end + 1):
            end += 1
        model.dataChanged.emit(model.index(row, first), model.index(end, last))
        row = end + 1

"""The article list pane: a flat tree view of ArticleListModel with eliding titles.

The title column takes the room left by the outlet and age columns. The outlet column
is a quarter of the list's width (within bounds) until the user drags it: a fixed 130
px left a 1024-wide window's titles at "Novak say…".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from desktop_reader.ui.models.article_list import ARTICLE_ID_ROLE, ArticleListModel
from desktop_reader.ui.widgets.list_focus import MenuPick, focus_in_without_choosing


class TitleDelegate(QStyledItemDelegate):
    """One line per title, elided at the column's width.

    The model has already cut titles to a few hundred characters, so eliding costs
    the same for a 20,000-character title as for a short one.
    """

    def initStyleOption(  # noqa: N802
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideRight
        width = max(option.rect.width() - option.decorationSize.width() - 8, 16)
        option.text = option.fontMetrics.elidedText(option.text, Qt.TextElideMode.ElideRight, width)


OUTLET_SHARE = 0.25  # of the list's width, for the outlet column
OUTLET_MIN, OUTLET_MAX = 72, 150  # px
AGE_WIDTH = 64  # px: "40 min", "12 h" in bold


class ArticleListView(QTreeView):
    sig_article_selected = Signal(int)  # article id; -1 when nothing is selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu_pick = MenuPick(self, self._chosen)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)  # lets Qt skip measuring every row
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegateForColumn(ArticleListModel.TITLE, TitleDelegate(self))
        self.setAllColumnsShowFocus(True)
        self.setAccessibleName("Articles")
        self.setAccessibleDescription(
            "Bold rows and rows marked Unread are unread; ★ marks a starred article"
        )
        self._fitting = False  # the outlet column is being sized by us, not dragged
        self.outlet_dragged = False  # once the user sizes it, it keeps their width

    def setModel(self, model: Any) -> None:  # noqa: N802
        super().setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArticleListModel.OUTLET, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ArticleListModel.AGE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ArticleListModel.AGE, AGE_WIDTH)
        header.sectionResized.connect(self._section_resized)
        self._fit_outlet()
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_outlet()

    def _fit_outlet(self) -> None:
        if self.model() is None or self.outlet_dragged:
            return
        width = int(self.viewport().width() * OUTLET_SHARE)
        self._fitting = True
        self.header().resizeSection(
            ArticleListModel.OUTLET, max(OUTLET_MIN, min(OUTLET_MAX, width))
        )
        self._fitting = False

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if section == ArticleListModel.OUTLET and not self._fitting:
            self.outlet_dragged = True

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        focus_in_without_choosing(self, event, super().focusInEvent)  # nothing opens by itself

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.menu_pick.mouse_press(event, super().mousePressEvent)  # right-click: no opening

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.menu_pick.current_changed(current)

    def _chosen(self, current: QModelIndex) -> None:
        article_id = current.data(ARTICLE_ID_ROLE) if current.isValid() else None
        self.sig_article_selected.emit(article_id if article_id is not None else -1)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ARTICLE_ID_ROLE) if index.isValid() else None

    def first_visible_id(self) -> int | None:
        """The item at the top of the viewport, None when the list is scrolled to its top
        (there, new items show as they come)."""
        if self.verticalScrollBar().value() == 0:
            return None
        index = self.indexAt(QPoint(1, 1))
        return index.data(ARTICLE_ID_ROLE) if index.isValid() else None

    def show_at_top(self, row: int) -> None:
        model = self.model()
        if model is not None and 0 <= row < model.rowCount():
            self.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def select_row(self, row: int) -> bool:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return False
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

"""The story list pane: two-line rows painted by a delegate.

Line 1: the headline, bold while unread, elided. Line 2: outlets · age · N articles,
with an "Updated" badge when the story gained articles since it was read. Rows have
one fixed height (uniform), so a 10,000-row list never measures every row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_reader.ui.models.story_list import (
    AGE_ROLE,
    COUNT_ROLE,
    OUTLETS_ROLE,
    STORY_ID_ROLE,
    UNREAD_ROLE,
    UPDATED_ROLE,
)
from desktop_reader.ui.style_story import mix
from desktop_reader.ui.widgets.list_focus import MenuPick, focus_in_without_choosing

PAD_X, PAD_Y, GAP = 12, 8, 3
BADGE = "Updated"

_Index = QModelIndex | QPersistentModelIndex


class StoryRowDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem, unread: bool) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setPointSizeF(max(title.pointSizeF(), 9.0) * 1.05)
        title.setWeight(QFont.Weight.Bold if unread else QFont.Weight.Normal)
        meta = QFont(option.font)
        meta.setPointSizeF(max(option.font.pointSizeF(), 9.0) * 0.88)
        return title, meta

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        title, meta = self._fonts(option, True)
        height = QFontMetrics(title).height() + GAP + QFontMetrics(meta).height() + 2 * PAD_Y
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # No initStyleOption: it asks the model for every role, and the many Python
        # None answers tripped a PySide6 refcount bug (a crash after ~10k paints).
        option = QStyleOptionViewItem(option)
        # The view is our parent; option.widget is avoided (a PySide6 refcount bug
        # over QStyleOption.widget crashed after some ten thousand paints).
        parent = self.parent()
        view = parent if isinstance(parent, QWidget) else None
        style = view.style() if view is not None else None
        if style is not None:  # selection/hover background, native look
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, view)
        unread = bool(index.data(UNREAD_ROLE))
        updated = bool(index.data(UPDATED_ROLE))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(text_role)
        muted = text if selected else mix(text, palette.color(QPalette.ColorRole.Base), 0.4)
        title_font, meta_font = self._fonts(option, unread)
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        painter.save()
        # Unread marker: a small dot in the left padding.
        if unread:
            accent = text if selected else palette.color(QPalette.ColorRole.Link)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(accent)
            painter.setPen(Qt.PenStyle.NoPen)
            fm = QFontMetrics(title_font)
            painter.drawEllipse(option.rect.left() + 3, rect.top() + fm.height() // 2 - 3, 6, 6)
        painter.setFont(title_font)
        painter.setPen(text)
        fm = QFontMetrics(title_font)
        headline = fm.elidedText(str(index.data() or ""), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), fm.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            headline,
        )
        # Second line: badge, then outlets · age · count (outlets elide first).
        mfm = QFontMetrics(meta_font)
        top = rect.top() + fm.height() + GAP
        left = rect.left()
        painter.setFont(meta_font)
        if updated:
            badge_font = QFont(meta_font)
            badge_font.setBold(True)
            bfm = QFontMetrics(badge_font)
            width = bfm.horizontalAdvance(BADGE) + 10
            badge = QRect(left, top, width, mfm.height())
            accent = palette.color(QPalette.ColorRole.Link)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(text if selected else accent)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setFont(badge_font)
            painter.setPen(
                palette.color(QPalette.ColorRole.Base)
                if not selected
                else palette.color(QPalette.ColorRole.Highlight)
            )
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), BADGE)
            painter.setFont(meta_font)
            left += width + 6
        tail = " · ".join(x for x in (index.data(AGE_ROLE), index.data(COUNT_ROLE)) if x)
        tail_width = mfm.horizontalAdvance(" · " + tail)
        outlets = mfm.elidedText(
            str(index.data(OUTLETS_ROLE) or ""),
            Qt.TextElideMode.ElideRight,
            max(0, rect.right() - left - tail_width),
        )
        painter.setPen(muted)
        line = f"{outlets} · {tail}" if outlets else tail
        painter.drawText(
            QRect(left, top, rect.right() - left, mfm.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            line,
        )
        painter.restore()


class StoryListView(QListView):
    sig_story_selected = Signal(int)  # story id; -1 when nothing is selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu_pick = MenuPick(self, self._chosen)
        self.setAccessibleName("Stories")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(StoryRowDelegate(self))
        self.setMouseTracking(True)

    def setModel(self, model: Any) -> None:  # noqa: N802
        super().setModel(model)
        if model is not None:
            self.selectionModel().currentRowChanged.connect(self._current_changed)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        focus_in_without_choosing(self, event, super().focusInEvent)  # nothing opens by itself

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.menu_pick.mouse_press(event, super().mousePressEvent)  # right-click: no opening

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.menu_pick.current_changed(current)

    def _chosen(self, current: QModelIndex) -> None:
        story_id = current.data(STORY_ID_ROLE) if current.isValid() else None
        self.sig_story_selected.emit(story_id if story_id is not None else -1)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(STORY_ID_ROLE) if index.isValid() else None

    def first_visible_id(self) -> int | None:
        """The item at the top of the viewport, None when the list is scrolled to its top
        (there, new items show as they come)."""
        if self.verticalScrollBar().value() == 0:
            return None
        index = self.indexAt(QPoint(1, 1))
        return index.data(STORY_ID_ROLE) if index.isValid() else None

    def show_at_top(self, row: int) -> None:
        model = self.model()
        if model is not None and 0 <= row < model.rowCount():
            self.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def select_row(self, row: int) -> bool:
        model = self.model()
        if model is None:
            return False
        while row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        if not 0 <= row < model.rowCount():
            return False
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def move_by(self, step: int) -> bool:
        current = self.currentIndex()
        return self.select_row(current.row() + step if current.isValid() else 0)

    def previous_unread(self) -> bool:
        """The nearest unread (or updated) story above the current one."""
        model = self.model()
        if model is None:
            return False
        for row in range(self.currentIndex().row() - 1, -1, -1):
            if model.index(row, 0).data(UNREAD_ROLE):
                return self.select_row(row)
        return False

    def next_unread(self) -> bool:
        """The next unread (or updated) story after the current one, loading pages as needed."""
        model = self.model()
        if model is None:
            return False
        row = self.currentIndex().row() + 1
        while True:
            while row >= model.rowCount() and model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            if row >= model.rowCount():
                return False
            if model.index(row, 0).data(UNREAD_ROLE):
                return self.select_row(row)
            row += 1

"""Article list titles with the search's words marked, while the list shows results."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QWidget

from desktop_reader.ui.search_terms import MARK_BACKGROUND, MARK_TEXT, SearchTerms
from desktop_reader.ui.widgets.article_list_view import TitleDelegate


class SearchTitleDelegate(TitleDelegate):
    def __init__(
        self, terms: Callable[[], SearchTerms | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._terms = terms  # None (or empty) while the list is not a search's results

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        terms = self._terms()
        if not terms:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)  # the elided title is in opt.text
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        self.draw_marked(painter, opt, rect.adjusted(2, 0, -2, 0), text, terms.spans(text))

    @staticmethod
    def draw_marked(
        painter: QPainter,
        opt: QStyleOptionViewItem,
        rect: QRect,
        text: str,
        spans: list[tuple[int, int]],
    ) -> None:
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        normal = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        metrics = opt.fontMetrics
        painter.save()
        painter.setFont(opt.font)
        x, done = rect.left(), 0
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for start, end in [*spans, (len(text), len(text))]:
            for piece, marked in ((text[done:start], False), (text[start:end], True)):
                if not piece:
                    continue
                width = metrics.horizontalAdvance(piece)
                box = QRect(x, rect.top(), width, rect.height())
                if marked:
                    painter.fillRect(box.adjusted(-1, 2, 1, -2), MARK_BACKGROUND)
                painter.setPen(MARK_TEXT if marked else normal)
                painter.drawText(box, align, piece)
                x += width
            done = end
        painter.restore()

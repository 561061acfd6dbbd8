"""Feed tree rows that keep their unread count in view: a long feed name is elided,
never the count ("Meridian Wire — Wo… (12)", not "Meridian Wire — World (1…")."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_reader.ui.models.feed_tree import TITLE_ROLE, UNREAD_ROLE

SAFETY = 2  # px: rounding between our measure and the style's


def fitted_text(metrics: QFontMetrics, title: str, unread: int, width: int) -> str:
    """`title (unread)` in `width` px: the title gives way first, the count stays whole."""
    count = f" ({unread})" if unread else ""
    room = max(width - metrics.horizontalAdvance(count), metrics.horizontalAdvance("M…"))
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, room) + count


class UnreadCountDelegate(QStyledItemDelegate):
    def initStyleOption(  # noqa: N802
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().initStyleOption(option, index)
        title, unread = index.data(TITLE_ROLE), index.data(UNREAD_ROLE)
        if title is None:
            return
        option.text = fitted_text(
            option.fontMetrics, str(title), int(unread or 0), self.text_width(option)
        )

    @staticmethod
    def text_width(option: QStyleOptionViewItem) -> int:
        """What the row leaves for text once the icon (if any) has its place: Qt's
        styles keep a margin of PM_FocusFrameHMargin + 1 on both sides of each."""
        widget = option.widget
        style = widget.style() if widget is not None else None
        margin = 1 + (
            style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, widget)
            if style is not None
            else 2
        )
        width = option.rect.width() - 2 * margin - SAFETY
        if option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            width -= option.decorationSize.width() + 2 * margin
        return max(width, 16)

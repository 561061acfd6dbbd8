"""Related people, organisations, places and tickers as clickable chips.

A chip shows a kind symbol and the name (plus a ticker badge for listed companies),
tinted by kind. Clicking one emits `sig_entity_clicked(name)`; the controller then
lists the stories naming it. Chips wrap onto new lines (a small flow layout).
`TickerChips` is the "Related Tickers" row: one chip per listed company, symbol first.
A symbol the text gave with no company beside it ("$XYZ") is a ticker chip only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLayout, QLayoutItem, QPushButton, QWidget

from desktop_reader.ui.style_story import (
    KIND_SYMBOLS,
    StoryColors,
    TypeScale,
    kind_background,
    kind_color,
)


class FlowLayout(QLayout):
    """Left-to-right, wrapping to the next line when a row is full."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


def chip_text(entity: Mapping[str, object]) -> str:
    kind = str(entity.get("kind") or "")
    symbol = KIND_SYMBOLS.get(kind.lower(), "•")
    ticker = entity.get("ticker")
    return f"{symbol} {entity.get('name', '')}" + (f"  {ticker}" if ticker else "")


class EntityChips(QWidget):
    sig_entity_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._flow = FlowLayout(self)
        self.chips: list[QPushButton] = []
        self.setAccessibleName("Related people, organisations and places")

    def shows(self, entity: Mapping[str, object]) -> bool:
        name = str(entity.get("name") or "").strip()
        return bool(name) and name != entity.get("ticker")  # a bare symbol is a ticker chip

    def text(self, entity: Mapping[str, object]) -> str:
        return chip_text(entity)

    def set_entities(
        self, entities: Sequence[Mapping[str, object]], *, colors: StoryColors, scale: TypeScale
    ) -> None:
        for entity in entities:
            if not self.shows(entity):
                continue
            name = str(entity.get("name") or "").strip()
            kind = str(entity.get("kind") or "")
            chip = QPushButton(self.text(entity))
            chip.setFont(scale.font(0.84))
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            fg, bg = kind_color(kind, colors.dark), kind_background(kind, colors.dark)
            chip.setStyleSheet(
                f"QPushButton {{ color: {fg.name()}; background: {bg.name()}; border: none;"
                f" border-radius: 12px; padding: 4px 11px; }}"
                f"QPushButton:hover {{ background: {bg.darker(108).name()}; }}"
                f"QPushButton:focus {{ border: 2px solid {colors.accent.name()}; }}"
            )
            ticker = entity.get("ticker")
            articles = entity.get("articles")
            chip.setAccessibleName(f"{name}{f' ({ticker})' if ticker else ''}, {kind}")
            chip.setToolTip(
                f"{kind.capitalize()} named in {articles} of the articles — "
                "click for related stories"
                if articles
                else "Related stories"
            )
            chip.clicked.connect(lambda _checked=False, n=name: self.sig_entity_clicked.emit(n))
            self._flow.addWidget(chip)
            self.chips.append(chip)


class TickerChips(EntityChips):
    """Related Tickers: the listed companies of a story, "CRVN · Corvane Semiconductor"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Related tickers")

    def shows(self, entity: Mapping[str, object]) -> bool:
        return bool(entity.get("ticker")) and bool(str(entity.get("name") or "").strip())

    def text(self, entity: Mapping[str, object]) -> str:
        name, ticker = str(entity.get("name") or ""), str(entity.get("ticker") or "")
        return ticker if name == ticker else f"{ticker} · {name}"

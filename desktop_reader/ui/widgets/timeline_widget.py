"""The story timeline: a vertical rail with one node per dated event, oldest first.

Each event is a row: its date (as precise as the text allowed: "1994", "May 2026",
"Nov 21, 2026"), a painted section of the rail with its node, and the event text with
clickable citations. Background events (earlier history) get a hollow node and muted
text, and a "Background" divider precedes each run of them, "The story" the return
to the days of the story. Rows are real widgets, so a screen reader reads each event
(accessible name: date and text; description: precision, background, sources).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_reader.core.values import TimelineEvent, chronological_key
from desktop_reader.ui.style_story import StoryColors, TypeScale
from desktop_reader.ui.widgets.citation_popup import (
    Citation,
    CitationLabel,
    CitedRun,
    QuoteLookup,
    describe,
)

GUTTER = 30  # width of the painted rail column
NODE = 11  # node diameter
RAIL = 2
MIN_TEXT_EM = 24  # narrower event text than this reads badly: stack the date above it

CitationsFor = Callable[[TimelineEvent], tuple[Citation, ...]]


def ordered(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    return sorted(events, key=chronological_key)


class _Rail(QWidget):
    """The gutter of one row: the rail and (optionally) a node at `node_y`."""

    def __init__(
        self,
        colors: StoryColors,
        *,
        node: str,
        first: bool,
        last: bool,
        node_y: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._colors, self._node, self._first, self._last = colors, node, first, last
        self.node_y = node_y
        self.setFixedWidth(GUTTER)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = self.width() / 2
        top = self.node_y if self._first else 0
        bottom = self.node_y if self._last else self.height()
        painter.setPen(QPen(self._colors.faint, RAIL))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        if self._node == "none":
            return
        rect = QRectF(x - NODE / 2, self.node_y - NODE / 2, NODE, NODE)
        if self._node == "hollow":
            painter.setPen(QPen(self._colors.muted, 2))
            painter.setBrush(self._colors.base)
        else:
            painter.setPen(QPen(self._colors.base, 2))
            painter.setBrush(self._colors.accent)
        painter.drawEllipse(rect)


class TimelineRow(QWidget):
    """One event: date | rail+node | text [n]."""

    def __init__(
        self,
        event: TimelineEvent,
        citations: tuple[Citation, ...],
        *,
        colors: StoryColors,
        scale: TypeScale,
        date_width: int,
        show_date: bool,
        first: bool,
        last: bool,
        quote: QuoteLookup | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeline_event = event
        muted = event.background
        self._date_width = date_width
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(8)
        self._layout.setVerticalSpacing(2)
        self.date_label = QLabel(event.label if show_date else "")
        self.date_label.setFont(scale.font(0.9, weight=None if muted else scale.section.weight()))
        # A long label ("Nov 30–Dec 2, 2026") wraps at a space rather than losing its start.
        self.date_label.setWordWrap(True)
        self._tint(self.date_label, colors.muted if muted else colors.text)
        self.date_label.setAccessibleName(event.label)
        body_font = scale.font(0.95)
        self.rail = _Rail(
            colors,
            node="hollow" if muted else "filled",
            first=first,
            last=last,
            node_y=QFontMetrics(body_font).height() // 2 + 1,
        )
        self.text_label = CitationLabel(
            [CitedRun(event.text, citations)], quote=quote, link_color=colors.accent.name()
        )
        self.text_label.setFont(body_font)
        if muted:
            self._tint(self.text_label, colors.muted)
        self.narrow: bool | None = None
        self.set_narrow(False)
        kind = "Background event" if muted else "Event"
        self.setAccessibleName(f"{event.label}: {event.text}")
        sources = "; ".join(describe(c) for c in citations)
        self.setAccessibleDescription(f"{kind}, dated to the {event.precision}. {sources}")

    def set_narrow(self, narrow: bool) -> None:
        """Wide: date | rail | text. Narrow: the date above the text, both right of the
        rail, so the text keeps the whole width beside the rail."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for widget in (self.date_label, self.rail, self.text_label):
            self._layout.removeWidget(widget)
        top = Qt.AlignmentFlag.AlignTop
        if narrow:
            self.date_label.setMinimumWidth(0)
            self.date_label.setMaximumWidth(16777215)
            self.date_label.setAlignment(Qt.AlignmentFlag.AlignLeft | top)
            self._layout.addWidget(self.rail, 0, 0, 2, 1)
            self._layout.addWidget(self.date_label, 0, 1, top)
            self._layout.addWidget(self.text_label, 1, 1)
            self._layout.setColumnStretch(1, 1)
            self._layout.setColumnStretch(2, 0)
            # (After addWidget: shown while still parentless, a label would be a window.)
            self.date_label.setVisible(bool(self.date_label.text()))
            shown = self.date_label if self.date_label.text() else self.text_label
            self.rail.node_y = QFontMetrics(shown.font()).height() // 2 + 1
        else:
            self.date_label.setFixedWidth(self._date_width)
            self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight | top)
            self._layout.addWidget(self.date_label, 0, 0, top)
            self._layout.addWidget(self.rail, 0, 1)
            self._layout.addWidget(self.text_label, 0, 2)
            self.date_label.setVisible(True)
            self._layout.setColumnStretch(1, 0)
            self._layout.setColumnStretch(2, 1)
            self.rail.node_y = QFontMetrics(self.text_label.font()).height() // 2 + 1
        self.rail.update()

    @staticmethod
    def _tint(label: QLabel, color: QColor) -> None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        label.setPalette(palette)


class _Divider(QWidget):
    """ "Background" / "The story": a small label on the rail between runs of events."""

    def __init__(
        self,
        text: str,
        colors: StoryColors,
        scale: TypeScale,
        date_width: int,
        first: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.spacer = spacer = QWidget()
        spacer.setFixedWidth(date_width)
        label = QLabel(text)
        label.setFont(scale.heading)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colors.muted)
        label.setPalette(palette)
        height = QFontMetrics(scale.heading).height() + 10
        rail = _Rail(colors, node="none", first=first, last=False, node_y=height)
        rail.setFixedHeight(height)
        layout.addWidget(spacer)
        layout.addWidget(rail)
        layout.addWidget(label, 1)
        self.text = text
        self.setAccessibleName(text)

    def set_narrow(self, narrow: bool) -> None:
        self.spacer.setVisible(not narrow)


class TimelineWidget(QWidget):
    sig_citation = Signal(object)  # Citation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.rows: list[TimelineRow] = []
        self.dividers: list[str] = []
        self._divider_widgets: list[_Divider] = []
        self._wide_width = 0  # narrower than this, dates go above the text

    def set_events(
        self,
        events: Sequence[TimelineEvent],
        citations_for: CitationsFor,
        *,
        colors: StoryColors,
        scale: TypeScale,
        quote: QuoteLookup | None = None,
    ) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows, self.dividers, self._divider_widgets = [], [], []
        shown = ordered(events)
        if not shown:
            return
        fm = QFontMetrics(scale.font(0.9, weight=scale.section.weight()))
        date_width = max(fm.horizontalAdvance(e.label) for e in shown) + 4
        date_width = min(date_width, fm.horizontalAdvance("M") * 9)
        has_background = any(e.background for e in shown)
        previous: TimelineEvent | None = None
        for n, event in enumerate(shown):
            if has_background and (previous is None or previous.background != event.background):
                text = "Background" if event.background else "The story"
                divider = _Divider(text, colors, scale, date_width, first=n == 0)
                self._layout.addWidget(divider)
                self._divider_widgets.append(divider)
                self.dividers.append(text)
            row = TimelineRow(
                event,
                citations_for(event),
                colors=colors,
                scale=scale,
                date_width=date_width,
                show_date=previous is None
                or previous.label != event.label
                or previous.background != event.background,
                first=n == 0 and not has_background,
                last=n == len(shown) - 1,
                quote=quote,
            )
            row.text_label.setContentsMargins(0, 0, 0, 16 if n < len(shown) - 1 else 0)
            row.text_label.sig_citation.connect(self.sig_citation)
            self._layout.addWidget(row)
            self.rows.append(row)
            previous = event
        em = QFontMetrics(scale.body).horizontalAdvance("M")
        self._wide_width = date_width + GUTTER + 16 + MIN_TEXT_EM * em
        self._arrange()

    @property
    def narrow(self) -> bool:
        """Dates above the text: the column is too narrow for a date column too."""
        return self.width() < self._wide_width

    def _arrange(self) -> None:
        narrow = self.narrow
        for row in self.rows:
            row.set_narrow(narrow)
        for divider in self._divider_widgets:
            divider.set_narrow(narrow)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange()

    def events(self) -> list[TimelineEvent]:
        return [row.timeline_event for row in self.rows]

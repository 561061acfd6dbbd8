"""Which pane has the keyboard focus, shown by its frame.

Fusion paints a view's selected row the same whether the view has the focus or not, so
a keyboard user could not tell whether J/K, arrows or Tab would act on the feeds, the
list or the reading pane. Each main pane gets a frame in the selection colour while it
has the focus, and a quiet one (text mixed towards the background) otherwise; both are
two pixels wide, so nothing moves. The colours are re-read when the palette changes
(light / dark).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from desktop_reader.ui.style_story import mix

RING_WIDTH = 2  # px, as the panes' focus frame


def pane_frame_css(palette: QPalette) -> str:
    quiet = mix(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.8
    ).name()
    ring = palette.color(QPalette.ColorRole.Highlight).name()
    return (
        f"QAbstractScrollArea {{ border: 1px solid {quiet}; padding: 1px; }}"
        f"QAbstractScrollArea:focus {{ border: 2px solid {ring}; padding: 0; }}"
    )


class _Repaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QAbstractScrollArea):
            css = pane_frame_css(watched.palette())
            if watched.styleSheet() != css:
                watched.setStyleSheet(css)
        return False


def frame_on_focus(*panes: QAbstractScrollArea) -> None:
    """Give each pane the focus frame."""
    for pane in panes:
        pane.setStyleSheet(pane_frame_css(pane.palette()))
        watcher = _Repaint(pane)
        pane.installEventFilter(watcher)


class FocusRing(QWidget):
    """A two-pixel frame in the selection colour drawn over a pane while the keyboard
    focus is in it. For the story page, which cannot take the frame's style sheet: it
    would style every label of the page it rebuilds for each story (and Qt crashed
    re-polishing them when the application style changed)."""

    def __init__(self, pane: QAbstractScrollArea) -> None:
        super().__init__(pane)
        self._pane = pane
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pane.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._pane and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._pane.rect())
        return False

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        inside = now is not None and (now is self._pane or self._pane.isAncestorOf(now))
        self.setGeometry(self._pane.rect())
        self.setVisible(inside)
        if inside:
            self.raise_()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))  # the pen's centre line

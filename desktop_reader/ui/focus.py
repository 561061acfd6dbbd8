"""Which pane has the keyboard focus, shown by its frame.

Fusion paints a view's selected row the same whether the view has the focus or not, so
a keyboard user could not tell whether J/K, arrows or Tab would act on the feeds, the
list or the reading pane. Each main pane gets a frame in the selection colour while it
has the focus, and a quiet one (text mixed towards the background) otherwise; both are
two pixels wide, so nothing moves. The colours are re-read when the palette changes
(light / dark).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea

from desktop_reader.ui.style_story import mix


def pane_frame_css(palette: QPalette) -> str:
    quiet = mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base),
                0.8).name()
    ring = palette.color(QPalette.ColorRole.Highlight).name()
    return (f"QAbstractScrollArea {{ border: 1px solid {quiet}; padding: 1px; }}"
            f"QAbstractScrollArea:focus {{ border: 2px solid {ring}; padding: 0; }}")


class _Repaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched,
                                                                    QAbstractScrollArea):
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

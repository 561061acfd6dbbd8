"""Light, dark or the system's look: a Fusion palette for the chosen scheme.

Qt hands a new application palette down the widget tree but skips every widget with a
style sheet (the panes' focus frames, flat tool buttons): those would keep the old
colours, a white feed list in the dark theme. `apply_theme` passes the palette on to
them itself.

The style is set once, at start-up (`use_app_style`): replacing the application style
under live widgets with style sheets re-polishes all of them and once crashed Qt, so a
theme switch only swaps palettes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget
from shiboken6 import isValid

THEMES = ("system", "light", "dark")
APP_STYLE = "Fusion"  # draws our palettes the same on every desktop

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2023",
    QPalette.ColorRole.AlternateBase: "#2b2d30",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#34363a",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#34363a",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Link: "#79a6e8",
    QPalette.ColorRole.PlaceholderText: "#8a8d93",
    QPalette.ColorRole.BrightText: "#ff6b6b",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d83"))
    return palette


def use_app_style(app: QApplication) -> None:
    """Once, before any window: the style every theme's palette is drawn with."""
    if app.style().name().lower() != APP_STYLE.lower():
        app.setStyle(QStyleFactory.create(APP_STYLE))


def light_palette() -> QPalette:
    style = QStyleFactory.create(APP_STYLE)
    palette = style.standardPalette()
    style.deleteLater()
    return palette


def apply_theme(name: str) -> None:
    """Apply a theme to the running application (unknown names mean "system"):
    palettes only, never the style (see the module's note)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    if name == "dark":
        app.setPalette(dark_palette())
        hints.setColorScheme(Qt.ColorScheme.Dark)
    elif name == "light":
        app.setPalette(light_palette())
        hints.setColorScheme(Qt.ColorScheme.Light)
    else:
        hints.unsetColorScheme()
        app.setPalette(QPalette())
    _inherit_palette_past_style_sheets(app)


def _depth(widget: QWidget) -> int:
    depth, parent = 0, widget.parentWidget()
    while parent is not None:
        depth, parent = depth + 1, parent.parentWidget()
    return depth


def _inherit_palette_past_style_sheets(app: QApplication) -> None:
    """Let each style-sheeted widget without a palette of its own take its parent's
    anew, parents first, so a styled child of a styled parent gets the new colours too."""
    # Only widgets of windows on screen: a closed window waiting for deletion can be
    # half torn down, and re-polishing it crashed Qt (seen in the test suite).
    styled = [
        w
        for w in app.allWidgets()
        if isValid(w)
        and w.window().isVisible()
        and w.testAttribute(Qt.WidgetAttribute.WA_StyleSheet)
        and not w.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
    ]
    for widget in sorted(styled, key=_depth):
        widget.setPalette(QPalette())  # an empty palette: inherit every colour


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128

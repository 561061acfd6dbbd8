"""Dialogs wide enough for their title bar: "Save Search — Desktop Reader", not
"Save S… eader".

Window managers write the title (plus " — " and the application's display name,
which Qt adds on Linux) in the title bar and cut what does not fit. A small dialog
(an input box, a message box) is often narrower than that, so when a dialog is shown
it is widened to fit its title, with room for the title bar's buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QGridLayout, QSizePolicy, QSpacerItem, QWidget

TITLE_BAR_EXTRA = 150  # px for the title bar's icon and buttons
MAX_SHARE = 0.9  # never wider than this share of the screen


def title_bar_text(dialog: QWidget) -> str:
    title = dialog.windowTitle()
    name = QGuiApplication.applicationDisplayName()
    return f"{title} — {name}" if name and name not in title else title


def width_for_title(dialog: QWidget) -> int:
    """The width at which the title bar shows the whole title."""
    font = QFont(QApplication.font())
    font.setBold(True)  # most title bars are bold: measure the wider text
    needed = QFontMetrics(font).horizontalAdvance(title_bar_text(dialog)) + TITLE_BAR_EXTRA
    screen = dialog.screen()
    if screen is not None:
        needed = min(needed, int(screen.availableGeometry().width() * MAX_SHARE))
    return needed


def fit_title(dialog: QWidget) -> None:
    needed = width_for_title(dialog)
    if dialog.width() >= needed:
        return
    if dialog.minimumWidth() == dialog.maximumWidth():  # QMessageBox fixes its own size
        layout = dialog.layout()
        if isinstance(layout, QGridLayout):
            # ...from its layout again on every layout request: the width goes into the
            # layout too, as a spacer as wide as the title needs.
            spacer = QSpacerItem(needed, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
            layout.addItem(spacer, layout.rowCount(), 0, 1, max(1, layout.columnCount()))
        dialog.setFixedWidth(needed)
    else:
        dialog.setMinimumWidth(needed)
        dialog.resize(needed, dialog.height())


class DialogTitleFitter(QObject):
    """Widens each dialog to fit its title when it first becomes the active window
    (a signal, not an application-wide event filter: no cost on every event)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._focus_window_changed)

    def _focus_window_changed(self, window: QWindow | None) -> None:
        if window is None:
            return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.windowHandle() is window:
                # After the dialog's own show handling (a message box sizes itself then).
                QTimer.singleShot(0, widget, lambda d=widget: fit_title(d))
                return


def install(parent: QObject) -> DialogTitleFitter:
    return DialogTitleFitter(parent)

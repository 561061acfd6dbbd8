"""Composition root of the desktop app: Qt application, library, main window."""

from __future__ import annotations

import sys

from desktop_reader import APP_ID, APP_NAME, __version__


def run_gui(argv: list[str], *, open_argument: str = "", smoke_test: bool = False) -> int:
    """Start the window on the user's library; returns the exit status.

    `open_argument` is a `feed:` URI or feed file to offer for subscription; if the
    app already runs on this library it is handed over there and we exit (status 0).
    `smoke_test` shows the window and quits at once (see desktop_reader/smoke_test.py).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_reader.core import long_lived
    from desktop_reader.core.errors import ReaderError
    from desktop_reader.core.paths import data_dir
    from desktop_reader.core.pipeline.library import Library
    from desktop_reader.single_instance import HandoverError, SingleInstance
    from desktop_reader.ui.dialogs.confirm_subscribe import ask_to_subscribe, follow_instance
    from desktop_reader.ui.gui_thread import favour_gui_thread
    from desktop_reader.ui.icons import icon
    from desktop_reader.ui.main_window import MainWindow
    from desktop_reader.ui.theme import use_app_style

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_ID)  # QSettings use these two
    app.setOrganizationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icon("app"))
    use_app_style(app)  # once: a theme switch later only swaps palettes
    guard = SingleInstance(data_dir(), app)
    try:
        if not guard.claim(open_argument):
            return 0  # the running window took it: one writer per library
    except HandoverError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    try:
        library = Library.open()
    except ReaderError as exc:
        QMessageBox.critical(None, APP_NAME, f"The library could not be opened.\n\n{exc}")
        return 1
    window = MainWindow(library)
    long_lived.freeze()  # the imports, Qt's wrappers, the window: out of full collections
    favour_gui_thread()  # repaints call into Python: not behind a busy worker's 5 ms turns
    follow_instance(window, guard)
    window.show()
    if open_argument:
        ask_to_subscribe(window, open_argument)
    shown = window.isVisible()
    if smoke_test:
        QTimer.singleShot(0, app.quit)
    status = app.exec()
    window.shutdown()
    guard.close()
    if smoke_test:
        from desktop_reader.smoke_test import report

        return report(shown) or int(status)
    return int(status)


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))

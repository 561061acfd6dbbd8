"""Composition root of the desktop app: Qt application, library, main window."""

from __future__ import annotations

import sys

from desktop_reader import APP_ID, APP_NAME, __version__


def run_gui(argv: list[str]) -> int:
    """Start the window on the user's library; returns the exit status."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_reader.core.errors import ReaderError
    from desktop_reader.core.pipeline.library import Library
    from desktop_reader.ui.icons import icon
    from desktop_reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_ID)  # QSettings use these two
    app.setOrganizationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icon("app"))
    try:
        library = Library.open()
    except ReaderError as exc:
        QMessageBox.critical(None, APP_NAME, f"The library could not be opened.\n\n{exc}")
        return 1
    window = MainWindow(library)
    window.show()
    status = app.exec()
    window.shutdown()
    return int(status)


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))

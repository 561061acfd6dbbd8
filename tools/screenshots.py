"""`python -m tools.screenshots OUTDIR` (from a checkout): the main window as PNGs, light and dark.

Builds a throwaway library from the bundled demo, shows Top Headlines with its first
story and then, with grouping off, an article with an image, and grabs the window at a
fixed size, light and dark. Works offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.core.pipeline.library import Library

SIZE = (1400, 860)


def build_library(root: Path) -> Library:
    library = Library.open(root)
    load_demo(library)
    return library


def dark_palette() -> QPalette:
    """The app's own dark theme (Preferences ▸ Dark), disabled controls muted as there."""
    from desktop_reader.ui.theme import dark_palette as app_dark_palette

    return app_dark_palette()


def show_article_with_image(window: object) -> None:
    """Articles, not stories, in the list (grouping is on by default), and the newest
    article with a downloaded image open (else the first article)."""
    from desktop_reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.stories.act_grouping.setChecked(False)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))  # a full list
    row = window.reader.newest_article_with_image()
    target = window.article_model.row_of(row[0]) if row is not None else 0
    window.article_list.select_row(max(target, 0))
    window.article_list.setFocus()  # the list is what the reader works in


def show_top_story(window: object) -> None:
    """Top Headlines with its first story open (the story pane)."""
    from desktop_reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.stories.act_grouping.setChecked(True)  # the article shot turned it off
    window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
    window.stories.list.select_row(0)


@contextmanager
def themes(app: QApplication) -> Iterator[list[tuple[str, QPalette]]]:
    """Fusion with its light palette and our dark one, to shoot in; the app's own style
    and palette come back afterwards (a running app is left as it was)."""
    old_style, old_palette = app.style().name(), app.palette()
    app.setStyle(QStyleFactory.create("Fusion"))
    try:
        yield [("light", app.style().standardPalette()), ("dark", dark_palette())]
    finally:
        app.setStyle(QStyleFactory.create(old_style))
        app.setPalette(old_palette)


def render(outdir: Path) -> list[Path]:
    from desktop_reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp, themes(app) as palettes:
        library = build_library(Path(tmp) / "library")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        for name, palette in palettes:
            app.setPalette(palette)
            for shot, choose in (("main", show_top_story), ("article", show_article_with_image)):
                window = MainWindow(library, settings=settings, refresh_minutes=0)
                window.resize(*SIZE)
                window.show()
                app.processEvents()
                choose(window)
                window.statusBar().showMessage("Offline library · no network used")
                for _ in range(3):
                    app.processEvents()
                path = outdir / f"{shot}-{name}.png"
                window.grab().save(str(path))
                written.append(path)
                window.shutdown()
                window.close()
                window.deleteLater()
                app.processEvents()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.screenshots OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

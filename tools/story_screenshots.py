"""Render the demo's richest story to PNG, light and dark.

`python -m tools.story_screenshots OUTDIR` (from a checkout; under `xvfb-run -a` for a
real X window, or offscreen)

Builds a throwaway demo library and, for each window size in SIZES and each theme,
writes two pictures: `story-WxH-THEME.png`, the main window with Top Headlines and that
story open (what a user sees first), and `story-page-WxH-THEME.png`, the whole story
page at the width the pane has in that window (every block, not just the visible
part, with "Why are these together" opened).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from tools.screenshots import build_library, themes

SIZES = ((1024, 700), (1920, 1080))


def demo_story_id(reader: Reader) -> int:
    """The top headline with the most articles (the richest page to look at)."""
    rows = reader.top_headlines(limit=20)
    return max(rows, key=lambda r: (r.article_count, r.outlet_count)).id


def render(outdir: Path, library: Library | None = None) -> list[Path]:
    """Write the window and full-page pictures; returns their paths."""
    from desktop_reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, themes(app) as palettes:
        library = library or build_library(Path(tmp) / "library")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        reader = Reader(library)
        story_id = demo_story_id(reader)
        reader.close()
        for name, palette in palettes:
            app.setPalette(palette)
            for width, height in SIZES:
                window = MainWindow(library, settings=settings, refresh_minutes=0)
                window.resize(width, height)
                window.show()
                app.processEvents()
                window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
                window.stories.list.select_row(max(0, window.stories.model.row_of(story_id)))
                view = window.stories.pane.story_view
                view.images.load_images()
                for _ in range(3):
                    app.processEvents()
                path = outdir / f"story-{width}x{height}-{name}.png"
                window.grab().save(str(path))
                written.append(path)
                view.why.set_open(True)
                page = view.widget()
                assert page is not None
                page_width = view.viewport().width()
                page.resize(
                    page_width,
                    page.heightForWidth(page_width)
                    if page.hasHeightForWidth()
                    else page.sizeHint().height(),
                )
                app.processEvents()
                path = outdir / f"story-page-{width}x{height}-{name}.png"
                page.grab().save(str(path))
                written.append(path)
                window.shutdown()
                window.close()
                window.deleteLater()
                app.processEvents()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.story_screenshots OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Render a demo story to PNG (light and dark).

`python -m tools.story_screenshots OUT.png` (from a checkout)

Builds a throwaway demo library, opens its top story in a `StoryView` and grabs the
whole page (not just the visible part), so every block of the pane can be looked at.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from tools.screenshots import themes

WIDTH = 980


def demo_story_id(reader: Reader) -> int:
    """The top headline with the most articles (the richest page to look at)."""
    rows = reader.top_headlines(limit=20)
    return max(rows, key=lambda r: (r.article_count, r.outlet_count)).id


def render(out: Path, library: Library | None = None, story_id: int | None = None) -> list[Path]:
    """Write OUT-light.png and OUT-dark.png; returns their paths."""
    from desktop_reader.ui.widgets.story_view import StoryView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, themes(app) as palettes:
        if library is None:
            library = Library.open(Path(tmp) / "library")
            load_demo(library)
        reader = Reader(library)
        detail = reader.story(story_id or demo_story_id(reader))
        assert detail is not None
        for name, palette in palettes:
            app.setPalette(palette)
            view = StoryView(library.media, reader)
            view.resize(WIDTH, 900)
            view.show()
            view.show_story(detail, load_images_now=True)
            view.why.set_open(True)
            for _ in range(3):
                app.processEvents()
            page = view.widget()
            assert page is not None
            page.resize(WIDTH, page.heightForWidth(WIDTH) if page.hasHeightForWidth()
                        else page.sizeHint().height())
            app.processEvents()
            path = out.with_name(f"{out.stem}-{name}{out.suffix or '.png'}")
            path.parent.mkdir(parents=True, exist_ok=True)
            page.grab().save(str(path))
            written.append(path)
            view.close()
            view.deleteLater()
            app.processEvents()
        reader.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.story_screenshots OUT.png", file=sys.stderr)
        return 2
    for path in render(Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

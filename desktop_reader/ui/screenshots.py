"""`python -m desktop_reader.ui.screenshots OUTDIR`: the main window as PNGs, light and dark.

Builds a throwaway library from the bundled demo (or, if the demo loader is not
available, a few invented articles painted here), selects a feed and an article
with an image, and grabs the window at a fixed size. Works offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings  # noqa: E402
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

from desktop_reader.core.models import ImageRef, PageState, ParsedEntry  # noqa: E402
from desktop_reader.core.pipeline.library import Library  # noqa: E402
from desktop_reader.core.storage import articles, database, feeds, media  # noqa: E402
from desktop_reader.core.storage.articles import NewEntry  # noqa: E402

SIZE = (1400, 860)

_SAMPLE = [  # (outlet, folder, title, paragraphs) — invented, for pictures only
    ("Lakeside Courier", "Local", "Old ferry returns to the lake after a winter in dry dock",
     ["The blue-hulled ferry slid back into the water on Tuesday morning, watched by a crowd "
      "that had gathered on the quay before sunrise.",
      "Engineers replaced the propeller shaft and repainted the hull. The first crossing "
      "with passengers is planned for the weekend."]),
    ("Lakeside Courier", "Local", "Market hall to open on Sundays from spring", ["Stallholders "
     "voted for the change after a trial in the autumn."]),
    ("Northern Ledger", "World", "Delegates agree on shared river monitoring", ["Three "
     "neighbouring regions will publish water readings every day."]),
    ("Northern Ledger", "World", "Rail link study finds strong demand", ["The study counted "
     "commuters on both sides of the border."]),
    ("Circuit Weekly", "Technology", "Open-source maps project passes a million edits",
     ["Volunteers mapped footpaths, benches and drinking fountains."]),
]


def _painted_png() -> bytes:
    """A simple painted landscape (sky, hills, water) — our own picture."""
    image = QImage(960, 540, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    sky = QLinearGradient(0, 0, 0, 300)
    sky.setColorAt(0, QColor("#f6c28b"))
    sky.setColorAt(1, QColor("#9cc3e6"))
    painter.fillRect(0, 0, 960, 320, sky)
    painter.setBrush(QColor("#4f7a5a"))
    painter.setPen(QColor("#4f7a5a"))
    painter.drawEllipse(-200, 220, 800, 260)
    painter.drawEllipse(420, 240, 760, 220)
    painter.fillRect(0, 330, 960, 210, QColor("#2f6f9f"))
    painter.setBrush(QColor("#1d3f6e"))
    painter.drawRect(380, 300, 200, 40)
    painter.setBrush(QColor("#f4f4f4"))
    painter.drawRect(420, 270, 110, 30)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _fill_sample(library: Library) -> None:
    conn = library.connect()
    now = datetime.now(UTC)
    feed_ids: dict[str, int] = {}
    for n, (outlet, folder, title, paragraphs) in enumerate(_SAMPLE):
        if outlet not in feed_ids:
            feed_ids[outlet] = feeds.add_feed(conn, f"https://{outlet.split()[0].lower()}"
                                              ".example/feed", title=outlet, folder=folder).id
        html = "".join(f"<p>{p}</p>" for p in paragraphs)
        entry = ParsedEntry(guid=f"sample-{n}", link=f"https://example.org/{n}", title=title,
                            author="Mira Calder", published=now - timedelta(hours=2 + 5 * n))
        with database.transaction(conn):
            articles.store_entries(conn, feed_ids[outlet], [NewEntry(
                entry, html, "\n\n".join(paragraphs), PageState.DONE)], outlet=outlet)
    first = articles.list_rows(conn, [feed_ids["Lakeside Courier"]])[0].id  # newest: the ferry
    data = _painted_png()
    sha, _ = library.media.write(data, "image/png")
    media.record_media(conn, sha, mime="image/png", size=len(data), width=960, height=540,
                       has_thumb=False)
    media.set_article_images(conn, first, [ImageRef(
        "https://example.org/ferry.png", caption="The ferry back on the water at dawn.",
        credit="Illustration: Desktop Reader", role="lead")])
    media.image_downloaded(conn, first, 0, sha)
    conn.close()


def build_library(root: Path) -> Library:
    library = Library.open(root)
    try:
        from desktop_reader.core.pipeline.demo import load_demo
    except ImportError:
        _fill_sample(library)
    else:
        load_demo(library)
    return library


def dark_palette() -> QPalette:
    palette = QPalette()
    role, color = QPalette.ColorRole, QColor
    for r, c in ((role.Window, "#2b2d30"), (role.WindowText, "#e6e6e6"), (role.Base, "#1e1f22"),
                 (role.AlternateBase, "#26282b"), (role.Text, "#e6e6e6"),
                 (role.Button, "#35373b"), (role.ButtonText, "#e6e6e6"),
                 (role.Highlight, "#3d6fb4"), (role.HighlightedText, "#ffffff"),
                 (role.Link, "#7fb2ff"), (role.ToolTipBase, "#35373b"),
                 (role.ToolTipText, "#e6e6e6"), (role.PlaceholderText, "#8c8f94")):
        palette.setColor(r, color(c))
    return palette


def _article_with_image(window: object) -> None:
    """Select the first article that has a downloaded image (else the first article)."""
    from desktop_reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    row = window.conn.execute(
        "SELECT i.article_id, a.feed_id FROM article_images i JOIN articles a "
        "ON a.id = i.article_id WHERE i.sha256 IS NOT NULL ORDER BY a.published DESC "
        "LIMIT 1").fetchone()
    if row is not None:
        window.select_feed(row[1])
        target = window.article_model.row_of(row[0])
        window.article_list.select_row(max(target, 0))
    else:
        window.article_list.select_row(0)


def _top_story(window: object) -> None:
    """Top Headlines with its first story open (the story pane)."""
    from desktop_reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
    window.stories.list.select_row(0)


def render(outdir: Path) -> list[Path]:
    from desktop_reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    old_style, old_palette = app.style().name(), app.palette()
    app.setStyle(QStyleFactory.create("Fusion"))
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        library = build_library(Path(tmp) / "library")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        for name, palette in (("light", app.style().standardPalette()),
                              ("dark", dark_palette())):
            app.setPalette(palette)
            for shot, choose in (("main", _top_story), ("article", _article_with_image)):
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
    app.setStyle(QStyleFactory.create(old_style))  # leave a running app as it was
    app.setPalette(old_palette)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m desktop_reader.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

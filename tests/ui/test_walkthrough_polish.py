"""What the new-user walk-through (docs/walkthrough.md) left, each in a real window: the
story page's text width at 1024×700, the feed inspector after an offline refresh, no
search bar before there is a library, one style for the panes' notes, and theme
switches that only swap palettes."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop_reader.core.models import FeedStatus
from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import database, feeds
from desktop_reader.ui.refresh_controller import OFFLINE_TEXT
from desktop_reader.ui.theme import apply_theme
from tests.httpserver import TestServer
from tests.ui.conftest import add_feed_with_articles

FEED = "/pipeline/harbourcourier-rss2.xml"


@pytest.fixture
def theme_restored() -> Iterator[None]:
    yield
    apply_theme("light")  # the application is shared by every test


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _open_top_story(qtbot, make_window, library: Library, size=(1024, 700)):  # type: ignore[no-untyped-def]
    load_demo(library)
    window = make_window()
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.stories.act_grouping.setChecked(True)
    window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
    window.stories.list.select_row(0)
    pane = window.stories.pane
    qtbot.waitUntil(lambda: pane.detail is not None and pane.star_button.isVisible())
    QApplication.processEvents()
    return window


# ---------------------------------------------------------------- 1. story text width


def test_story_text_is_at_least_420_px_wide_in_a_1024_by_700_window(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    window = _open_top_story(qtbot, make_window, library)
    view, star = window.stories.pane.story_view, window.stories.pane.star_button
    assert window.width() == 1024
    # Readable text: every summary paragraph at least 420 px (the Star's strip down the
    # page left about 300).
    assert view.summary_labels and min(w.width() for w in view.summary_labels) >= 420
    # The Star is on screen at the headline's right end, where nothing else is drawn.
    viewport = view.viewport()
    assert viewport.childAt(star.geometry().center()) is star
    headline = view.headline_label
    words_right = headline.mapTo(viewport, QPoint(headline.contentsRect().right(), 0)).x()
    assert star.geometry().left() > words_right
    star.click()
    assert window.reader.is_story_starred(window.stories.pane.story_id)


# ---------------------------------------------------------------- 2. inspector offline


def test_inspector_after_an_offline_refresh_says_it_was_not_reached_and_when_it_was(
    qtbot, make_window, library, http_server: TestServer
) -> None:  # type: ignore[no-untyped-def]
    good = http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"})
    working = add_feed_with_articles(library, "Harbour Courier", 0, url=good)[0]
    away = [
        add_feed_with_articles(
            library, f"Away {i}", 1, url=f"http://127.0.0.1:{_closed_port()}/{i}.xml"
        )[0]
        for i in range(4)
    ]
    conn = library.connect()
    try:  # every feed answered well two hours ago
        for feed_id in [working, *away]:
            feeds.record_fetch(conn, feed_id, status=FeedStatus.OK, message="Up to date")
        two_hours_ago = time.time() - 2 * 3600
        with database.transaction(conn):
            conn.execute(
                "UPDATE feeds SET last_checked = ?, last_reached = ?",
                (two_hours_ago, two_hours_ago),
            )
    finally:
        conn.close()
    window = make_window()
    window.show()
    messages: list[str] = []
    window.refresher.sig_finished.connect(messages.append)
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=15_000)
    assert OFFLINE_TEXT.lower() in messages[0].lower()  # four of five could not connect

    window.select_feed(away[0])
    dialog = window.feed_actions.show_properties()
    assert dialog is not None
    status = dialog.status.text()
    assert status.startswith(
        "Could not be reached at the last refresh: you seemed to be offline."
    ), status
    assert status.endswith("Before that: OK: Up to date")
    assert dialog.updated.text().startswith("Just now") and "offline" in dialog.updated.text()
    assert dialog.reached.text().startswith("2 h ago")
    dialog.close()

    # The one feed that answered reads as reached now, with no word of being offline.
    window.select_feed(working)
    dialog = window.feed_actions.show_properties()
    assert dialog is not None
    assert "offline" not in dialog.status.text() and dialog.status.text().startswith("OK")
    assert dialog.reached.text().startswith("Just now")
    assert "offline" not in dialog.updated.text()
    dialog.close()


# ---------------------------------------------------------------- 3. search bar


def test_no_search_bar_on_the_welcome_page_until_there_is_a_library(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    features = window.features
    assert window.stack.currentWidget() is window.welcome
    assert not features.search_bar.isVisible()
    assert not features.act_find.isEnabled()  # Ctrl+F has nothing to search either
    window.reader.load_demo()
    window.reload_feeds()
    qtbot.waitUntil(features.search_bar.isVisible)
    assert features.act_find.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    features.act_find.trigger()
    qtbot.waitUntil(features.search_bar.field.hasFocus)


# ---------------------------------------------------------------- 4. notes


def _ink(widget: QWidget) -> tuple[QColor, int, int]:
    """The note's text as drawn: its strongest colour and the rows it spans."""
    image: QImage = widget.grab().toImage()
    base = widget.palette().color(QPalette.ColorRole.Base)
    strongest, distance, rows = base, 0, []
    for y in range(0, min(image.height(), 240)):
        inked = False
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            d = abs(colour.lightness() - base.lightness())
            if d > 40:
                inked = True
            if d > distance:
                strongest, distance = colour, d
        if inked:
            rows.append(y)
    assert rows, "no note drawn"
    return strongest, rows[0], rows[-1] - rows[0]


def test_the_story_pane_and_article_pane_notes_look_the_same(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Quay Bulletin", 3)
    window = make_window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.stories.act_grouping.setChecked(False)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    window.article_view.show_message("3 articles")
    QApplication.processEvents()
    article = _ink(window.article_view.viewport())
    window.stories.act_grouping.setChecked(True)
    window.stories.pane.show_message("3 stories")
    QApplication.processEvents()
    story = _ink(window.stories.pane.story_view.viewport())
    # The same muted colour, the same size of type, the same place from the top.
    assert abs(story[0].lightness() - article[0].lightness()) <= 12, (story, article)
    assert abs(story[2] - article[2]) <= 3, (story, article)
    assert abs(story[1] - article[1]) <= 8, (story, article)
    label = window.stories.pane.story_view.widget()
    assert label.font().italic()


# ---------------------------------------------------------------- 5. theme switches


def test_theme_switches_keep_the_style_and_the_open_story(
    qtbot, make_window, library, theme_restored
) -> None:  # type: ignore[no-untyped-def]
    window = _open_top_story(qtbot, make_window, library)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style = app.style()
    pane = window.stories.pane
    story_id = pane.story_id
    for _ in range(3):
        for name, dark in (("light", False), ("dark", True)):
            apply_theme(name)
            QApplication.processEvents()
            assert app.style() is style  # palettes only: the style was never replaced
            page = pane.story_view.viewport().grab().toImage()
            corner = page.pixelColor(page.width() - 6, page.height() - 6).lightness()
            assert (corner < 80) if dark else (corner > 200), (name, corner)
            assert pane.story_id == story_id and pane.star_button.isVisible()
    apply_theme("light")
    QApplication.processEvents()
    assert pane.detail is not None and pane.story_view.summary_labels

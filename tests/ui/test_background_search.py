"""Search as you type runs off the GUI thread (real window, a large generated library).

The library has 10,000 articles whose text is full of distinct words starting with
"f", so a one-letter prefix search is slow (a few hundred ms), and three "Harbour"
articles about a ferry, the only matches for "fer".
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, database, feeds
from desktop_reader.core.storage.articles import NewEntry
from desktop_reader.ui.models.article_list import ArticleListModel
from desktop_reader.ui.models.reader_list import ListSource
from desktop_reader.ui.widgets.search_bar import DEBOUNCE_MS

pytestmark = pytest.mark.slow  # building the library takes a few seconds, once per module

BIG = 10_000
FERRY = frozenset({"Ferry timetable changes", "Ferry fares rise", "Ferry crew honoured"})


def _word_salad(i: int) -> str:
    # Distinct words all starting with "f" (hex digits never spell "fer"): the prefix
    # "f" expands to thousands of terms, which is what makes it slow.
    return " ".join(f"f{(i * 31 + k * 997) % 50_000:x}q" for k in range(60))


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library = Library.open(Path(tmp_path_factory.mktemp("big-search")))
    conn = library.connect()
    try:
        feed = feeds.add_feed(conn, "https://ledger.test/feed", title="Ledger")
        start = datetime.now(UTC) - timedelta(days=1)
        for first in range(0, BIG, 2000):
            entries = [
                NewEntry(
                    entry=ParsedEntry(
                        guid=f"ledger-{i}",
                        link=f"https://ledger.test/{i}",
                        title=f"Ledger entry {i}",
                        published=start - timedelta(minutes=i),
                    ),
                    content_html=f"<p>{i}</p>",
                    text=_word_salad(i),
                    page_state=PageState.DONE,
                )
                for i in range(first, first + 2000)
            ]
            with database.transaction(conn):
                articles.store_entries(conn, feed.id, entries, outlet="Ledger")
        harbour = feeds.add_feed(conn, "https://harbour.test/feed", title="Harbour")
        ferry = [
            NewEntry(
                entry=ParsedEntry(
                    guid=f"harbour-{i}",
                    link=f"https://harbour.test/{i}",
                    title=title,
                    published=start - timedelta(hours=i),
                ),
                content_html="<p>The boat runs at dawn.</p>",
                text="The boat runs at dawn.",
                page_state=PageState.DONE,
            )
            for i, title in enumerate(sorted(FERRY))
        ]
        with database.transaction(conn):
            articles.store_entries(conn, harbour.id, ferry, outlet="Harbour")
    finally:
        conn.close()
    return library


@pytest.fixture
def library(big_library: Library) -> Library:
    return big_library  # make_window opens its window on this library


def _titles(window) -> frozenset[str]:  # type: ignore[no-untyped-def]
    model = window.article_model
    return frozenset(model.index(r, ArticleListModel.TITLE).data() for r in range(model.rowCount()))


def _slow_query_seconds(library: Library) -> float:
    conn = library.connect()
    try:
        started = time.perf_counter()
        articles.search(conn, "f", limit=500)
        return time.perf_counter() - started
    finally:
        conn.close()


def test_typing_fast_shows_only_results_for_the_last_words(qtbot, make_window) -> None:
    window = make_window()
    bar, searcher = window.features.search_bar, window.features.searcher
    shown: list[tuple[str, frozenset[str]]] = []  # (words in the box, rows) at each redraw
    window.article_model.modelReset.connect(
        lambda: (
            shown.append((bar.text(), _titles(window)))
            if window.article_model.source is ListSource.SEARCH
            else None
        )
    )

    qtbot.keyClick(bar.field, "f")
    qtbot.wait(DEBOUNCE_MS + 30)  # the pause: the slow "f" search has started
    assert searcher.busy()  # ... and is still running when the next keys arrive
    qtbot.keyClick(bar.field, "e")
    qtbot.keyClick(bar.field, "r")
    qtbot.waitUntil(lambda: not searcher.busy() and _titles(window) == FERRY, timeout=10_000)
    qtbot.wait(100)  # anything still on its way would arrive now

    assert shown[-1] == ("fer", FERRY)
    # Whenever the box held "fe" or "fer", the list never showed rows for "f".
    assert all(rows == FERRY for words, rows in shown if words != "f")
    assert "3 results for “fer”" in window.article_view.toPlainText()


def test_a_slow_search_does_not_block_the_gui_thread(qtbot, make_window, library: Library) -> None:
    assert _slow_query_seconds(library) > 0.1, "the generated library makes 'f' slow"
    window = make_window()
    searcher = window.features.searcher
    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        window.features.search("f", False)
        # The call came back before the query ended: the list has not changed yet...
        assert window.article_model.source is ListSource.FEEDS
        assert searcher.busy()
        # ...and the GUI thread goes on handling events while the query runs.
        handled: list[bool] = []
        QTimer.singleShot(0, lambda: handled.append(searcher.busy()))
        qtbot.waitUntil(lambda: bool(handled), timeout=5000)
        assert handled == [True]
    assert window.article_model.source is ListSource.SEARCH
    assert window.article_model.rowCount() == 500


def test_clearing_restores_the_feed_list_at_once_and_drops_late_results(qtbot, make_window) -> None:
    window = make_window()
    bar, searcher = window.features.search_bar, window.features.searcher
    harbour = window.reader.feed_by_url("https://harbour.test/feed")
    assert harbour is not None
    window.select_feed(harbour.id)
    assert _titles(window) == FERRY

    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        qtbot.keyClicks(bar.field, "led")
    assert len(_titles(window)) == 500
    bar.field.clear()  # no pause, no event loop: the list is back already
    assert _titles(window) == FERRY
    assert window.article_model.source is ListSource.FEEDS

    qtbot.keyClick(bar.field, "f")
    qtbot.wait(DEBOUNCE_MS + 30)
    assert searcher.busy()  # the slow "f" search is running...
    bar.field.clear()  # ...and the box is cleared before it ends
    assert _titles(window) == FERRY
    qtbot.waitUntil(lambda: not searcher.busy(), timeout=10_000)
    qtbot.wait(50)
    assert _titles(window) == FERRY and window.article_model.source is ListSource.FEEDS


def test_odd_words_give_a_message_not_an_error(qtbot, make_window) -> None:
    # Quotes and FTS syntax in the words are taken literally.
    window = make_window()
    with qtbot.waitSignal(window.features.searcher.sig_found, timeout=10_000):
        window.features.search('"ferry AND (', False)
    assert window.article_model.rowCount() == 0
    assert "Nothing found" in window.article_view.toPlainText()

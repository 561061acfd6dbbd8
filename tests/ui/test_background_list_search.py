"""The searches the list runs by itself go off the GUI thread too (real window, large library).

After a refresh the list's search is run again, and a saved-search node runs its
search when selected: both in a task, the old rows staying until the new ones arrive.
The library (built once for this module) is the one of test_background_search: 10,000
articles full of words starting with "f" (so "f" is slow) and three "Harbour" ferry
articles, the only matches for "fer".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop_reader.core.changes import EVERYTHING
from desktop_reader.core.models import (
    FeedRefreshResult,
    FeedStatus,
    PageState,
    ParsedEntry,
    RefreshSummary,
)
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, database, feeds, saved_searches
from desktop_reader.core.storage.articles import NewEntry
from desktop_reader.ui.models.article_list import ArticleListModel
from desktop_reader.ui.models.reader_list import SEARCH_LIMIT, ListSource
from tests.ui.test_background_search import FERRY, big_library  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow  # building the library takes a few seconds, once per module


@pytest.fixture
def library(big_library: Library) -> Library:  # noqa: F811
    return big_library  # make_window opens its window on this library


def _titles(window) -> frozenset[str]:  # type: ignore[no-untyped-def]
    model = window.article_model
    return frozenset(model.index(r, ArticleListModel.TITLE).data() for r in range(model.rowCount()))


def _harbour(window) -> int:  # type: ignore[no-untyped-def]
    harbour = window.reader.feed_by_url("https://harbour.test/feed")
    assert harbour is not None
    return harbour.id


def _store_ferry_article(library: Library, title: str) -> RefreshSummary:
    """What a refresh does: store a new Harbour article (one more match for "fer"); the
    summary it reports."""
    conn = library.connect()
    try:
        harbour = feeds.feed_by_url(conn, "https://harbour.test/feed")
        assert harbour is not None
        entry = NewEntry(
            entry=ParsedEntry(
                guid=f"harbour-{title}",
                link="https://harbour.test/n",
                title=title,
                published=datetime.now(UTC),
            ),
            content_html="<p>Boats wait.</p>",
            text="Boats wait.",
            page_state=PageState.DONE,
        )
        with database.transaction(conn):
            new = articles.store_entries(conn, harbour.id, [entry], outlet="Harbour")
    finally:
        conn.close()
    return RefreshSummary(
        (FeedRefreshResult(harbour.id, FeedStatus.OK, new_articles=1),), new_article_ids=tuple(new)
    )


def _click(qtbot, window, index) -> None:  # type: ignore[no-untyped-def]
    tree = window.feed_tree
    assert index.isValid()
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    assert tree.currentIndex() == index


def _shown_window(qtbot, make_window):  # type: ignore[no-untyped-def]
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_refresh_reruns_the_shown_search_in_the_background_keeping_the_selection(
    qtbot, make_window, library: Library
) -> None:
    window = _shown_window(qtbot, make_window)
    searcher = window.features.searcher
    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        window.features.search("fer", False)
    assert _titles(window) == FERRY
    row = min(
        r
        for r in range(window.article_model.rowCount())
        if window.article_model.article_row(r).title == "Ferry fares rise"
    )
    window.article_list.select_row(row)
    reading = window.article_list.current_id()
    assert window.article_view.article is not None and window.article_view.article.id == reading

    summary = _store_ferry_article(library, "Ferry strike called off")
    events: list[tuple[str, frozenset[str]]] = []
    window.article_model.modelReset.connect(lambda: events.append(("reset", _titles(window))))
    searcher.sig_found.connect(
        lambda _w, _ids, rows: events.append(("found", frozenset(r.title for r in rows)))
    )
    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        window.refresher.sig_feeds_stored.emit(summary)
        # The refresh handling returned without querying: the old rows are still shown.
        assert events == []
        assert _titles(window) == FERRY and window.article_model.source is ListSource.SEARCH
        assert searcher.busy()
    fresh = FERRY | {"Ferry strike called off"}
    assert sorted(events) == [("found", fresh), ("reset", fresh)]
    assert _titles(window) == fresh
    # The article being read stays selected and in the reading pane.
    assert window.article_list.current_id() == reading
    assert window.article_view.article is not None and window.article_view.article.id == reading


def test_a_slow_search_rerun_after_a_refresh_leaves_the_gui_thread_free(qtbot, make_window) -> None:
    window = _shown_window(qtbot, make_window)
    searcher = window.features.searcher
    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        window.features.search("f", False)
    assert window.article_model.rowCount() == SEARCH_LIMIT
    resets: list[int] = []
    window.article_model.modelReset.connect(lambda: resets.append(1))

    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        window.changes.apply(EVERYTHING)  # what a refresh (feeds or pages stored) triggers
        assert resets == []  # the list was not re-read here
        handled: list[bool] = []
        QTimer.singleShot(0, lambda: handled.append(searcher.busy()))
        qtbot.waitUntil(lambda: bool(handled), timeout=5000)
        assert handled == [True]  # events are handled while the "f" query still runs
    assert resets == [1] and window.article_model.rowCount() == SEARCH_LIMIT


def test_a_saved_search_node_shows_its_results_and_a_later_node_wins(
    qtbot, make_window, library: Library
) -> None:
    conn = library.connect()
    try:
        saved = saved_searches.add_search(conn, "All the f words", "f")
    finally:
        conn.close()
    window = _shown_window(qtbot, make_window)
    searcher = window.features.searcher
    harbour_node = window.feed_model.feed_index(_harbour(window))
    saved_node = window.feed_model.find(f"search:{saved.id}")
    _click(qtbot, window, harbour_node)
    harbour_rows = _titles(window)
    assert harbour_rows >= FERRY

    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        _click(qtbot, window, saved_node)
        assert _titles(window) == harbour_rows  # old rows until the results arrive
        assert searcher.busy()
    assert window.article_model.source is ListSource.SEARCH
    assert window.article_model.rowCount() == SEARCH_LIMIT
    assert f"{SEARCH_LIMIT} articles" in window.article_view.toPlainText()

    # Leave the saved search for Harbour while its slow query is still running.
    _click(qtbot, window, harbour_node)
    late: list[int] = []
    searcher.sig_found.connect(lambda *_a: late.append(1))
    _click(qtbot, window, saved_node)
    assert searcher.busy()
    _click(qtbot, window, harbour_node)
    assert _titles(window) == harbour_rows
    qtbot.waitUntil(lambda: not searcher.busy(), timeout=10_000)
    qtbot.wait(100)  # anything still on its way would arrive now
    assert late == []
    assert _titles(window) == harbour_rows
    assert window.article_model.source is ListSource.FEEDS


def test_a_refresh_while_a_saved_search_is_on_its_way_runs_that_search(
    qtbot, make_window, library: Library
) -> None:
    conn = library.connect()
    try:
        saved = saved_searches.add_search(conn, "Ledger words", "ledger")
    finally:
        conn.close()
    window = _shown_window(qtbot, make_window)
    searcher = window.features.searcher
    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        window.features.search("fer", False)
    assert _titles(window) >= FERRY

    with qtbot.waitSignal(searcher.sig_found, timeout=10_000):
        _click(qtbot, window, window.feed_model.find(f"search:{saved.id}"))
        window.changes.apply(EVERYTHING)  # a refresh ends before the saved search's rows arrive
    qtbot.waitUntil(lambda: not searcher.busy(), timeout=10_000)
    qtbot.wait(50)
    shown = _titles(window)
    assert len(shown) == SEARCH_LIMIT and all(t.startswith("Ledger entry") for t in shown)
    assert f"{SEARCH_LIMIT} articles" in window.article_view.toPlainText()

"""Displaying the feedfarm's hostile `xss` feed in the real window fetches nothing.

The refresh stores the feed and its pages (sanitised); then the farm's counters are
reset and every article and story is shown — article view, story pane, citations.
The farm counts every request under /track/: it must stay at zero while displaying.
"""

from __future__ import annotations

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline import subscribe, update
from desktop_reader.core.storage import articles, stories
from tests.feedfarm import Farm


def test_showing_the_xss_feed_loads_nothing_remote(
    qtbot,
    small_farm: Farm,
    library,  # type: ignore[no-untyped-def]
    make_window,
) -> None:
    conn = library.connect()
    feed = subscribe.subscribe(conn, small_farm.url("/fault/xss"))
    with Fetcher(connect_timeout=2, read_timeout=3, total_timeout=6) as fetcher:
        update.update_library(library, fetcher)
    stored = articles.list_rows(conn, [feed.id], limit=100)
    assert stored, "the xss feed stored nothing"

    small_farm.reset_stats()
    window = make_window()
    window.show()
    window.stories.act_grouping.setChecked(False)
    window.select_feed(feed.id)
    for row in range(window.article_model.rowCount()):
        window.article_list.select_row(row)
        qtbot.wait(10)
        text = window.article_view.toHtml().lower()
        assert "<script" not in text and "javascript:" not in text
    for story_id in {stories.story_of_article(conn, r.id) for r in stored} - {None}:
        detail = window.stories.pane.show_story(story_id)
        assert detail is not None
        for number in range(1, min(len(detail.members), 9) + 1):
            window.stories.pane.story_view.open_citation_number(number)
            qtbot.wait(10)
            window.stories.pane.back()
    qtbot.wait(200)
    stats = small_farm.stats()
    assert stats["tracker"] == {}, stats["tracker"]
    assert stats["requests"] <= 1  # the stats reset itself

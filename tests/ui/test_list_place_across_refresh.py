"""A refresh that brings new articles re-reads the article list in place: the article the
reader has selected stays selected and the row at the top of the viewport stays there,
the new articles arrive above without the list being reset (a reset made Qt lay out
every row again, a long pause of the window during a big refresh)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop_reader.core.changes import Changes
from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, database
from desktop_reader.core.storage.articles import NewEntry
from tests.ui.conftest import add_feed_with_articles


def store_newer(library: Library, feed_id: int, count: int) -> list[int]:
    """`count` articles newer than any listed, stored in the feed as a refresh would."""
    later = datetime.now(UTC) + timedelta(hours=1)
    entries = [
        NewEntry(
            entry=ParsedEntry(
                guid=f"new-{i}",
                link=f"https://news.test/new/{i}",
                title=f"Breaking {i}",
                author="Ada Reporter",
                published=later - timedelta(minutes=i),
            ),
            content_html=f"<p>Breaking {i}.</p>",
            text=f"Breaking {i}.",
            page_state=PageState.DONE,
        )
        for i in range(count)
    ]
    conn = library.connect()
    try:
        with database.transaction(conn):
            return articles.store_entries(conn, feed_id, entries, outlet="Big Feed")
    finally:
        conn.close()


def test_new_articles_arrive_above_without_moving_the_reader(make_window, library) -> None:  # type: ignore[no-untyped-def]
    feed_id, ids = add_feed_with_articles(library, "Big Feed", 300)
    window = make_window()
    window.show()
    window.select_feed(feed_id)
    model, view = window.article_model, window.article_list
    view.setFocus()
    view.show_at_top(120)
    assert view.select_row(125)
    top, current = view.first_visible_id(), view.current_id()
    assert (top, current) == (ids[120], ids[125])
    resets: list[bool] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(True))

    new_ids = store_newer(library, feed_id, 5)  # what a refresh stores
    window.changes.apply(Changes.of(feeds=[feed_id], new_articles=new_ids))

    assert not resets
    assert model.row_of(new_ids[0]) == 0  # the new articles are listed, on top
    assert view.current_id() == ids[125]  # the reader's article is still the one selected
    assert view.first_visible_id() == ids[120]  # and what they looked at did not move
    assert window.article_view.article is not None
    assert window.article_view.article.id == ids[125]


def test_read_articles_leave_an_unread_list_in_place(make_window, library) -> None:  # type: ignore[no-untyped-def]
    feed_id, ids = add_feed_with_articles(library, "Wire", 50)
    window = make_window()
    window.show()
    window.article_model.only_unread = True
    window.select_feed(feed_id)
    model = window.article_model
    assert model.rowCount() == 50
    resets: list[bool] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(True))

    window.reader.mark_read(ids[:3])  # read elsewhere (another window, a sync)
    model.reload()

    assert not resets
    assert model.rowCount() == 47
    assert [model.article_row(r).id for r in range(47)] == ids[3:]

"""Saved searches: stored, scoped to a folder or feed, and run against the live library."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop_reader.core.errors import StorageError
from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.storage import database, feeds, saved_searches
from desktop_reader.core.storage.articles import NewEntry, store_entries


def _store(conn, feed_id: int, *titles: str) -> None:  # type: ignore[no-untyped-def]
    entries = [
        NewEntry(
            ParsedEntry(
                guid=f"{feed_id}-{t}",
                link=None,
                title=t,
                published=datetime(2026, 2, 1, tzinfo=UTC),
            ),
            content_html="",
            text=f"{t} and more words",
            page_state=PageState.SKIPPED,
        )
        for t in titles
    ]
    with database.transaction(conn):
        store_entries(conn, feed_id, entries, outlet="x")


def test_saved_search_scopes_follow_folders(conn) -> None:  # type: ignore[no-untyped-def]
    world = feeds.add_feed(conn, "https://w.test/feed", folder="News/World")
    local = feeds.add_feed(conn, "https://l.test/feed", folder="Local")
    _store(conn, world.id, "Glacier retreat measured")
    _store(conn, local.id, "Glacier walk for schools")

    everywhere = saved_searches.add_search(conn, "", "glacier")
    in_news = saved_searches.add_search(
        conn, "Glaciers (news)", "glac", saved_searches.folder_scope("News")
    )
    in_local = saved_searches.add_search(
        conn, "Local", "glacier", saved_searches.feed_scope(local.id)
    )

    assert everywhere.name == "glacier"  # the query names an unnamed search
    assert {r.title for r in saved_searches.run_search(conn, everywhere)} == {
        "Glacier retreat measured",
        "Glacier walk for schools",
    }
    assert [r.title for r in saved_searches.run_search(conn, in_news)] == [
        "Glacier retreat measured"
    ]
    assert [r.title for r in saved_searches.run_search(conn, in_local)] == [
        "Glacier walk for schools"
    ]
    # A feed added to the folder later is searched too.
    later = feeds.add_feed(conn, "https://e.test/feed", folder="News/Europe")
    _store(conn, later.id, "Glacier ski lifts close")
    assert len(saved_searches.run_search(conn, in_news)) == 2

    assert [s.name for s in saved_searches.list_searches(conn)] == [
        "glacier",
        "Glaciers (news)",
        "Local",
    ]
    saved_searches.update_search(conn, in_local.id, name="Walks", query="walk")
    assert saved_searches.get_search(conn, in_local.id) == saved_searches.SavedSearch(
        in_local.id, "Walks", "walk", ""
    )
    saved_searches.delete_search(conn, everywhere.id)
    assert len(saved_searches.list_searches(conn)) == 2


def test_empty_or_odd_searches_are_refused(conn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageError, match="some words"):
        saved_searches.add_search(conn, "name", "   ")
    with pytest.raises(StorageError, match="Unknown search scope"):
        saved_searches.add_search(conn, "name", "x", "planet:mars")
    assert saved_searches.search_rows(conn, "anything", ()) == []

"""Filter rules and the per-feed download choice, applied by a real refresh."""

from __future__ import annotations

import pytest

from desktop_reader.core.errors import StorageError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import PageState
from desktop_reader.core.pipeline import pages, refresh, subscribe
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, filters, media, settings
from desktop_reader.core.storage.filters import RuleAction, RuleField, RuleMatch
from tests.httpserver import TestServer

FEED = "/pipeline/marshgazette-killfile-targets.xml"


def _serve(server: TestServer) -> str:
    return server.route_fixture(FEED, {"Content-Type": "application/rss+xml"})


def _states(conn, feed_id: int) -> dict[str, tuple[bool, bool]]:  # type: ignore[no-untyped-def]
    return {r.title: (r.read, r.starred) for r in articles.list_rows(conn, [feed_id])}


def test_rules_hide_mark_read_and_star_at_refresh(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    conn = library.connect()
    feed = subscribe.subscribe(conn, _serve(http_server))
    other = subscribe.subscribe(conn, http_server.url("/elsewhere.xml"))
    # Global: hide sponsored posts (spacing and case differ in the feed).
    filters.add_rule(conn, pattern="sponsored: five mattresses", action=RuleAction.HIDE)
    # This feed only: horoscopes arrive read; anything on herons gets a star.
    filters.add_rule(
        conn,
        feed_id=feed.id,
        pattern=r"\bhoroscope\b",
        match=RuleMatch.REGEX,
        action=RuleAction.MARK_READ,
    )
    filters.add_rule(
        conn, feed_id=feed.id, pattern="heron", field=RuleField.TEXT, action=RuleAction.STAR
    )
    # Another feed's rule and a disabled rule change nothing here.
    filters.add_rule(conn, feed_id=other.id, pattern="Bridge", action=RuleAction.HIDE)
    filters.add_rule(conn, pattern="Reed", action=RuleAction.HIDE, enabled=False)

    summary = refresh.refresh_feeds(library, fetcher, [feed.id])

    assert summary.new_articles == 3
    assert _states(conn, feed.id) == {
        "Your horoscope for the week of 2 February": (True, False),
        "Reed beds flood after the spring tide": (False, True),
        "Bridge toll to rise in April": (False, True),
    }
    # A second refresh of the same bytes does not bring the hidden post back.
    refresh.refresh_feeds(library, fetcher, [feed.id])
    assert len(articles.list_rows(conn, [feed.id])) == 3
    conn.close()


def test_feed_without_full_articles_skips_pages_and_images(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    conn = library.connect()
    feed = subscribe.subscribe(conn, _serve(http_server))
    settings.write(conn, settings.FETCH_FULL, False, feed_id=feed.id)

    refresh.refresh_feeds(library, fetcher, [feed.id])
    completed = pages.download_articles(library, fetcher)

    assert completed == 0
    stored = articles.get_articles(conn, [r.id for r in articles.list_rows(conn, [feed.id])])
    assert {a.page_state for a in stored} == {PageState.SKIPPED}
    assert all(media.article_images(conn, a.id) == [] for a in stored)
    fetched = [r.path for r in http_server.requests]
    assert fetched == [FEED]  # no page, no image was requested
    conn.close()


def test_broken_regex_is_refused_with_a_clear_message(conn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageError, match="not a valid regular expression"):
        filters.add_rule(conn, pattern="(unclosed", match=RuleMatch.REGEX, action=RuleAction.HIDE)
    with pytest.raises(StorageError, match="something to look for"):
        filters.add_rule(conn, pattern="   ", action=RuleAction.STAR)
    assert filters.list_rules(conn) == []

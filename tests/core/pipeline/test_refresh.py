"""Subscribe → refresh → pages and images → read offline, against a real local server."""

from __future__ import annotations

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import FeedStatus, PageState
from desktop_reader.core.pipeline import pages, refresh, subscribe
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, feeds, media
from tests.httpserver import Response, TestServer

FEED = "/pipeline/harbourcourier-rss2.xml"


def _serve_feed(server: TestServer) -> str:
    """The fixture feed with its HOST placeholders pointing at this server."""
    return server.route_fixture(FEED, {"Content-Type": "application/rss+xml", "ETag": '"v1"'})


def test_site_url_discovers_its_feed(http_server: TestServer, fetcher: Fetcher) -> None:
    _serve_feed(http_server)
    found = subscribe.find_feeds(fetcher, http_server.url("/pipeline/harbourcourier-site.html"))
    assert [f.url for f in found] == [http_server.url(FEED)]
    assert found[0].title.startswith("The Harbour Courier")


def test_refresh_stores_entries_pages_and_images_for_offline_reading(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = _serve_feed(http_server)
    conn = library.connect()
    feed = subscribe.subscribe(conn, url, folder="Local")

    summary = refresh.refresh_feeds(library, fetcher)
    assert summary.new_articles == 3
    stored = feeds.get_feed(conn, feed.id)
    assert stored is not None and stored.status is FeedStatus.OK
    assert stored.title == "The Harbour Courier"

    completed = pages.download_articles(library, fetcher)
    assert completed == 2  # the third entry has no link
    rows = {r.title: r for r in articles.list_rows(conn, [feed.id])}
    ferry = articles.get_article(
        conn, rows["Ferry service resumes after storm damage is repaired"].id
    )
    assert ferry is not None and ferry.page_state is PageState.DONE
    assert "harbour master, Ida Berglund" in ferry.text
    assert "cookies" not in ferry.text and "Copyright" not in ferry.text
    assert "<script" not in ferry.content_html and "<iframe" not in ferry.content_html
    # Only local images remain in the stored HTML.
    assert "http://" not in ferry.content_html.split("<img", 1)[-1].split(">", 1)[0]

    images = media.article_images(conn, ferry.id)
    lead = images[0]
    assert lead.role == "lead" and lead.sha256
    assert lead.caption.startswith("The repaired ferry ramp")
    assert "Mara Lind" in lead.credit
    assert library.media.find(lead.sha256) is not None
    assert library.media.thumb_path(lead.sha256).exists()  # 640 px wide: thumbnail made
    assert http_server.hits("/track/pixel.gif") == []  # tracking pixel never fetched

    seawall = articles.get_article(conn, rows["Council approves new sea wall budget"].id)
    assert seawall is not None and seawall.page_state is PageState.FAILED
    assert "404" in seawall.page_error
    assert "7 to 2" in seawall.text  # the feed's text is kept

    undated = articles.get_article(conn, rows["Harbour festival dates announced"].id)
    assert undated is not None and undated.date_is_guess
    assert undated.page_state is PageState.SKIPPED


def test_second_refresh_is_conditional_and_stores_nothing_twice(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = _serve_feed(http_server)
    subscribe.subscribe(library.connect(), url)
    refresh.refresh_feeds(library, fetcher)

    def not_modified(request):  # type: ignore[no-untyped-def]
        assert request.headers.get("if-none-match") == '"v1"'
        return Response(304, b"", {"ETag": '"v1"'})

    http_server.route(FEED, not_modified)
    second = refresh.refresh_feeds(library, fetcher)
    assert second.new_articles == 0
    assert [r.not_modified for r in second.results] == [True]
    assert articles.count_articles(library.connect()) == 3


def test_failing_feed_keeps_its_articles_and_says_why(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = _serve_feed(http_server)
    conn = library.connect()
    feed = subscribe.subscribe(conn, url)
    refresh.refresh_feeds(library, fetcher)
    http_server.route(FEED, Response(503, b"busy", {"Retry-After": "120"}))
    result = refresh.refresh_feeds(library, fetcher)
    assert result.results[0].status is FeedStatus.ERROR
    stored = feeds.get_feed(conn, feed.id)
    assert stored is not None
    assert "retrying after 2 min" in stored.status_message
    assert stored.retry_after is not None
    assert articles.count_articles(conn, [feed.id]) == 3
    # Retry-After is honoured: the next refresh does not ask the server at all.
    before = len(http_server.hits(FEED))
    refresh.refresh_feeds(library, fetcher)
    assert len(http_server.hits(FEED)) == before


def test_gone_feed_is_marked_and_not_fetched_again(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = _serve_feed(http_server)
    conn = library.connect()
    feed = subscribe.subscribe(conn, url)
    refresh.refresh_feeds(library, fetcher)
    http_server.route(FEED, Response(410, b"gone"))
    refresh.refresh_feeds(library, fetcher)
    stored = feeds.get_feed(conn, feed.id)
    assert stored is not None and stored.status is FeedStatus.GONE
    assert articles.count_articles(conn, [feed.id]) == 3


def test_cancelled_refresh_leaves_a_consistent_library(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    conn = library.connect()
    for i in range(6):
        http_server.route(f"/slow/{i}.xml", Response(200, b"<rss/>", delay=2))
        subscribe.subscribe(conn, http_server.url(f"/slow/{i}.xml"))
    token = CancelToken()
    token.cancel()
    summary = refresh.refresh_feeds(library, fetcher, cancel=token)
    assert summary.cancelled
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_html_page_instead_of_feed_follows_its_alternate_link(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    feed_url = _serve_feed(http_server)
    conn = library.connect()
    feed = subscribe.subscribe(conn, http_server.url("/pipeline/harbourcourier-site.html"))
    summary = refresh.refresh_feeds(library, fetcher)
    assert summary.new_articles == 3
    stored = feeds.get_feed(conn, feed.id)
    assert stored is not None and stored.url == feed_url
    assert "Not a feed; found" in stored.status_message

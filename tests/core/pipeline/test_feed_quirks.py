"""Issue 13, class by class: feeds feedparser reads, through fetch -> parse -> store.

Each fixture in tests/data/feeds is served by the real test server with the headers a
real server would send, subscribed to and refreshed; the assertions are on what the
library stored and the status line the user sees.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import Article, Feed, FeedStatus
from desktop_reader.core.pipeline import opml_io, pages, refresh, subscribe
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, feeds
from tests.httpserver import DATA_DIR, Response, TestServer


def _serve(
    server: TestServer,
    name: str,
    *,
    path: str | None = None,
    content_type: str = "application/xml",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> str:
    """A fixture at `path` (default /q/<name>), `http://HOST` pointing at the server."""
    if body is None:
        body = (DATA_DIR / "feeds" / name).read_bytes()
        body = body.replace(b"http://HOST", server.base.encode())
    return server.route(
        path or f"/q/{name}", Response(200, body, {"Content-Type": content_type, **(headers or {})})
    )


def _refresh(library: Library, fetcher: Fetcher, url: str) -> tuple[Feed, list[Article]]:
    conn = library.connect()
    feed = feeds.feed_by_url(conn, url) or subscribe.subscribe(conn, url)
    refresh.refresh_feeds(library, fetcher, [feed.id])
    return _stored(library, feed.id)


def _stored(library: Library, feed_id: int) -> tuple[Feed, list[Article]]:
    conn = library.connect()
    stored = feeds.get_feed(conn, feed_id)
    assert stored is not None
    rows = articles.list_rows(conn, [feed_id], limit=10_000)
    found = articles.get_articles(conn, [r.id for r in rows])
    conn.close()
    return stored, found


def _by_title(found: list[Article]) -> dict[str, Article]:
    return {a.title: a for a in found}


# ----------------------------------------------------------------- 1. bodies dropped


def test_rss1_descriptions_xhtml_bodies_and_fullitems_are_stored(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    feed, found = _refresh(library, fetcher, _serve(http_server, "fernvalley-rss1-description.rdf"))
    assert feed.status is FeedStatus.OK
    mill = _by_title(found)["Old mill reopens as a bakery"]
    assert "granddaughter reopened the water mill" in mill.text
    assert "<b>reopened</b>" in mill.content_html  # its markup kept (sanitised)
    assert "rotten planks" in _by_title(found)["Footbridge closed for repairs"].text

    feed, found = _refresh(library, fetcher, _serve(http_server, "fernvalley-xhtml-body.xml"))
    assert feed.status is FeedStatus.OK
    assert (
        "cider presses and a brass band"
        in _by_title(found)["Orchard harvest festival announced"].text
    )
    assert "Thirty pupils sang" in _by_title(found)["School choir wins regional prize"].text


def test_media_descriptions_still_never_become_the_article_text(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    """The first half of class 1 must not undo why the XML pass existed."""
    _, found = _refresh(library, fetcher, _serve(http_server, "quaysidenews-media-rss-credits.xml"))
    assert found
    for article in found:
        images = [i.caption for i in _images(library, article.id) if i.caption]
        for caption in images:
            assert caption not in article.text, (article.title, caption)


def _images(library: Library, article_id: int) -> list:  # type: ignore[type-arg]
    from desktop_reader.core.storage import media

    conn = library.connect()
    try:
        return media.article_images(conn, article_id)
    finally:
        conn.close()


# ------------------------------------------------- 2. declared multi-byte encodings

DECLARED = {
    "sakuradaily-shift-jis-declared.xml": ("地元の祭りが始まる", "夏祭りが始まり"),
    "hanriver-euc-kr-declared.xml": ("한강 공원에 새 다리", "새 다리를 건넜습니다"),
    "jadegate-gb2312-declared.xml": ("城市公园开放", "参观了新公园"),
    "formosawire-big5-declared.xml": ("台北新捷運線通車", "搭乘了新路線"),
    "sakuradaily-utf16le-no-bom.xml": ("地元の祭りが始まる", "夏祭りが始まり"),
    "sakuradaily-utf32be-bom.xml": ("地元の祭りが始まる", "夏祭りが始まり"),
    "lanternpost-ebcdic.xml": ("Café on the quay reopens", "café"),
}


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_declared_multibyte_and_wide_encodings_are_read(
    name: str, http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    title, words = DECLARED[name]
    feed, found = _refresh(library, fetcher, _serve(http_server, name))
    assert (feed.status, feed.status_message) == (FeedStatus.OK, "2 new")
    assert title in [a.title for a in found]
    assert all(words in a.text for a in found)


# ------------------------------------- 3. undeclared or mislabelled legacy encodings

UNDECLARED = {
    "steppeherald-koi8r-undeclared.xml": ("Новости дня", "koi8-r", "does not name"),
    "steppeherald-cp1251-declared-utf8.xml": ("Новости дня", "cp1251", "says it is UTF-8"),
    "sakuradaily-euc-jp-undeclared.xml": ("地元の祭りが始まる", "euc_jp", "does not name"),
    "sakuradaily-shift-jis-undeclared.xml": ("地元の祭りが始まる", "cp932", "does not name"),
    "hanriver-euc-kr-undeclared.xml": ("한강 공원에 새 다리", "cp949", "does not name"),
    "jadegate-gb2312-undeclared.xml": ("城市公园开放", "gb18030", "does not name"),
}


@pytest.mark.parametrize("name", sorted(UNDECLARED))
def test_legacy_encodings_are_detected_and_named(
    name: str, http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    title, codec, said = UNDECLARED[name]
    feed, found = _refresh(library, fetcher, _serve(http_server, name))
    assert feed.status is FeedStatus.WARNING
    assert said in feed.status_message and f"read as {codec}" in feed.status_message
    assert "Windows-1252" not in feed.status_message
    assert title in [a.title for a in found] and len(found) == 2


def test_windows1252_in_a_utf8_feed_is_still_repaired(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    feed, found = _refresh(
        library, fetcher, _serve(http_server, "dailyledger-mixed-utf8-cp1252.xml", headers={})
    )
    assert "Windows-1252" in feed.status_message
    assert "Café owners fear a €2 rise in ‘naïve’ levy" in [a.title for a in found]


# ---------------------------------------------------------------------- 4. dates


def test_out_of_range_dates_cost_no_entry(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    feed, found = _refresh(library, fetcher, _serve(http_server, "quaysidenews-date-extremes.xml"))
    assert (feed.status, feed.status_message) == (FeedStatus.OK, "4 new")
    by_title = _by_title(found)
    assert by_title["A normal day"].published == datetime(2026, 2, 10, 12, tzinfo=UTC)
    for title in ("Dated at year one", "Dated at the end of time", "ISO at year one"):
        assert by_title[title].date_is_guess, title  # first-seen time, marked a guess


def test_zone_names_offsets_and_loose_rfc822_dates(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    _, found = _refresh(library, fetcher, _serve(http_server, "quaysidenews-date-zones.xml"))
    dates = {a.title.removeprefix("Zone "): a.published for a in found if not a.date_is_guess}
    noon = datetime(2026, 2, 10, 12, tzinfo=UTC)
    for zone in ("PT", "MT", "CT", "ET", "AT", "MET", "MEST", "minus-0101"):
        assert dates.get(zone) == noon, zone
    assert dates["no-time"] == datetime(2004, 1, 1, tzinfo=UTC)
    assert dates["comma-after-month"] == datetime(2012, 2, 13, 6, 28, tzinfo=UTC)


# ------------------------------------------------------------------ 5. plain titles


def test_plain_text_titles_keep_what_they_say(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    _, atom = _refresh(
        library,
        fetcher,
        _serve(http_server, "inkwellreview-plain-titles.atom", content_type="application/atom+xml"),
    )
    titles = {a.title for a in atom}
    assert "History of the <blink> tag" in titles  # type="text": "<" is a character
    assert "An emphatic headline" in titles  # type="html": the tags go
    _, json_feed = _refresh(
        library,
        fetcher,
        _serve(
            http_server, "inkwellreview-plain-titles.json", content_type="application/feed+json"
        ),
    )
    assert [a.title for a in json_feed] == ["Die Rückkehr von <i> und <b>"]
    _, base64 = _refresh(
        library,
        fetcher,
        _serve(
            http_server, "inkwellreview-atom03-base64.atom", content_type="application/atom+xml"
        ),
    )
    assert [a.title for a in base64] == ["Café prices rise <again>"]
    # class 10: an Atom 0.3 base64 summary is decoded, not stored as base64
    assert "Coffee shops in the old town" in base64[0].text


# ------------------------------------------------------ 6. GUID identity per feed


def test_two_feeds_numbering_their_entries_alike_keep_their_own(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    river_url = _serve(http_server, "riverbend-bare-guid.xml")
    hill_url = _serve(http_server, "hilltop-bare-guid.xml")
    _river, river_found = _refresh(library, fetcher, river_url)
    hill, hill_found = _refresh(library, fetcher, hill_url)
    assert hill.status_message == "2 new"
    assert sorted(a.title for a in hill_found) == [
        "Hilltop Echo: council meets",
        "Hilltop Echo: market day",
    ]
    assert sorted(a.title for a in river_found) == [
        "Riverbend Courier: council meets",
        "Riverbend Courier: market day",
    ]
    assert all(a.url.startswith("https://hilltop.example/") for a in hill_found if a.url)
    # A later refresh (new bytes, same entries) finds each feed's own entries.
    body = (DATA_DIR / "feeds" / "hilltop-bare-guid.xml").read_bytes() + b"\n"
    _serve(http_server, "", path=hill_url.removeprefix(http_server.base), body=body)
    hill, hill_found = _refresh(library, fetcher, hill_url)
    assert hill.status_message == "No new articles" and len(hill_found) == 2


def test_a_new_guid_with_a_link_used_before_is_stored(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    path = "/q/liveblog.xml"
    first = (
        b'<rss version="2.0"><channel><title>Live</title>'
        b"<item><title>Live: storm updates</title><link>https://live.example/storm</link>"
        b'<guid isPermaLink="false">storm-1</guid><description>Winds rise.</description>'
        b"</item></channel></rss>"
    )
    url = _serve(http_server, "", path=path, body=first)
    _refresh(library, fetcher, url)
    later = first.replace(
        b"<item>",
        b"<item><title>Live: storm updates</title>"
        b'<link>https://live.example/storm</link><guid isPermaLink="false">'
        b"storm-2</guid><description>Power cut in the east.</description>"
        b"</item><item>",
        1,
    )
    _serve(http_server, "", path=path, body=later)
    feed, found = _refresh(library, fetcher, url)
    assert feed.status_message == "1 new"
    assert sorted(a.text for a in found) == ["Power cut in the east.", "Winds rise."]


# -------------------------------------------------------------- 7. one size limit


def test_subscribe_accepts_a_feed_as_large_as_refresh_does(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    paragraph = "<p>" + "The harbour board met again to discuss the pier. " * 20 + "</p>"
    item = (
        "<item><title>Long report {n}</title><link>https://big.example/{n}</link>"
        "<description><![CDATA[" + paragraph * 1000 + "]]></description></item>"
    )
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Big Harbour</title>"
        + "".join(item.format(n=n) for n in range(11))
        + "</channel></rss>"
    ).encode()
    assert len(body) > 10 * 1000 * 1000
    url = _serve(http_server, "", path="/q/big.xml", body=body)
    found = subscribe.find_feeds(fetcher, url)
    assert [f.title for f in found] == ["Big Harbour"]
    feed, stored = _refresh(library, fetcher, url)
    assert feed.status is FeedStatus.OK and len(stored) == 11


# ------------------------------------------------------------------------ 8. OPML


def test_opml_import_keeps_what_it_can_read_and_says_what_it_skipped(library: Library) -> None:
    conn = library.connect()
    opml = DATA_DIR / "opml"
    broken = opml_io.import_opml(conn, (opml / "cloudatlas-raw-ampersand.opml").read_bytes())
    assert broken.added == 3 and broken.recovered
    schemes = opml_io.import_opml(conn, (opml / "cloudatlas-bad-schemes.opml").read_bytes())
    assert schemes.added == 2 and len(schemes.skipped) == 4
    assert "javascript: address" in schemes.message()
    urls = {f.url for f in feeds.list_feeds(conn)}
    assert urls == {
        "https://cloudatlas.example/feed?a=1&b=2",
        "https://tides.example/rss",
        "http://lighthouse.example/feed.xml",
        "https://good.example/feed",
        "https://other.example/rss",
    }
    assert "News & Views" in feeds.folders(conn)
    # Everything imported is exported again (nothing that would be dropped was stored).
    assert opml_io.export_opml(conn).count(b"<outline ") == 6  # 5 feeds + 1 folder
    conn.close()


# -------------------------------------------------------------------- 9. hostile


@pytest.mark.parametrize(
    "attack", ["dailyledger-entity-bomb-after-comment.xml", "dailyledger-xxe-utf16.xml"]
)
def test_entity_attacks_in_disguise_are_refused_and_lose_nothing(
    attack: str, http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    path = "/q/ledger.xml"
    good = (
        b'<rss version="2.0"><channel><title>Daily Ledger</title><item><title>Budget day'
        b"</title><link>https://dailyledger.example/a/budget</link></item></channel></rss>"
    )
    url = _serve(http_server, "", path=path, body=good)
    _refresh(library, fetcher, url)
    _serve(http_server, attack, path=path)
    feed, found = _refresh(library, fetcher, url)
    assert feed.status is FeedStatus.ERROR
    assert "entities that could attack the reader" in feed.status_message
    assert [a.title for a in found] == ["Budget day"]


def test_no_remote_image_is_stored_in_a_summary(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = _serve(http_server, "dailyledger-summary-images.xml")
    _, found = _refresh(library, fetcher, url)
    pages.download_articles(library, fetcher)  # the images are 404: both fail
    _, found = _stored(library, found[0].feed_id)
    (article,) = found
    assert "Boats in the harbour" in article.summary_html
    for html in (article.summary_html, article.content_html):
        assert "/missing/" not in html and http_server.base not in html.split("<img")[-1]


def test_one_refresh_asks_one_host_for_a_bounded_number_of_pages(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    page = (
        b"<html><body><article><h1>Notice</h1>" + b"<p>A council notice of some length, "
        b"repeated so that the extractor has a real article to find.</p>"
        * 20
        + b"</article></body></html>"
    )
    items = []
    for n in range(30):
        http_server.route(f"/notice/{n}", Response(200, page, {"Content-Type": "text/html"}))
        items.append(
            f"<item><title>Notice {n}</title><link>{http_server.base}/notice/{n}</link>"
            f"<description>Notice number {n}.</description></item>"
        )
    body = (
        '<rss version="2.0"><channel><title>Notices</title>' + "".join(items) + "</channel></rss>"
    ).encode()
    url = _serve(http_server, "", path="/q/notices.xml", body=body)
    _refresh(library, fetcher, url)

    def asked() -> int:
        return sum(1 for r in http_server.requests if r.path.startswith("/notice/"))

    assert pages.download_articles(library, fetcher, per_host=12) == 12
    assert asked() == 12
    assert pages.download_articles(library, fetcher, per_host=12) == 12
    assert pages.download_articles(library, fetcher, per_host=12) == 6
    assert asked() == 30  # every page once, spread over three runs


# ---------------------------------------------------------------------- 10. smaller


def test_content_location_is_the_base_for_relative_addresses(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = _serve(
        http_server,
        "lanternpost-relative-links.xml",
        headers={"Content-Location": "/lantern/feeds/main.xml"},
    )
    _, (article,) = _refresh(library, fetcher, url)
    assert article.url == f"{http_server.base}/lantern/feeds/stories/relative.html"


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("lanternpost-html-doctype.xml", 1),
        ("lanternpost-public-param-entity.xml", 1),
        ("lanternpost-idless-twins.xml", 3),
    ],
)
def test_smaller_quirks_are_read(
    name: str, count: int, http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = _serve(http_server, name)
    feed, found = _refresh(library, fetcher, url)
    assert feed.status is FeedStatus.OK, feed.status_message
    assert len(found) == count
    body = (DATA_DIR / "feeds" / name).read_bytes() + b"\n"  # new bytes: parsed again
    _serve(http_server, "", path=url.removeprefix(http_server.base), body=body)
    feed, found = _refresh(library, fetcher, url)
    assert feed.status_message == "No new articles" and len(found) == count


def test_xhtml_script_and_style_are_not_article_text(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    _, (article,) = _refresh(
        library,
        fetcher,
        _serve(http_server, "lanternpost-xhtml-script.atom", content_type="application/atom+xml"),
    )
    assert "The parade starts at the old pier" in article.text
    assert "tracking code" not in article.text and "color" not in article.text
    assert "tracking code" not in article.content_html + article.summary_html


def test_fixture_names_follow_outlet_quirk() -> None:
    for folder in ("feeds", "opml"):
        for path in Path(DATA_DIR / folder).iterdir():
            outlet, _, quirk = path.stem.partition("-")
            assert outlet.isalpha() and quirk, path.name


def test_text_nested_deeper_than_libxml2_reads_is_kept(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    nested = "&lt;div&gt;" * 1000 + "Ferry timetable changes on Monday." + "&lt;/div&gt;" * 1000
    body = (
        '<rss version="2.0"><channel><title>Deep</title><item><title>Timetable</title>'
        f"<description>{nested}</description></item></channel></rss>"
    ).encode()
    _, (article,) = _refresh(
        library, fetcher, _serve(http_server, "", path="/q/deep.xml", body=body)
    )
    assert article.text == "Ferry timetable changes on Monday."
    assert articles.search(library.connect(), "timetable")  # the full-text index has it

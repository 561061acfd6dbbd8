"""parse_feed: sniffing JSON / XML / HTML, on fixtures and against the real feedfarm."""

from __future__ import annotations

import json
import re
import tracemalloc
import urllib.request
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path
from xml.etree import ElementTree

import pytest

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import ParsedFeed
from desktop_reader.core.parse.detect import parse_feed
from tests.core.parse.fixtures import feed_bytes, site_bytes
from tests.feedfarm import Farm


def test_sniffs_each_kind_whatever_the_content_type() -> None:
    json_feed = parse_feed(
        feed_bytes("northgazette-jsonfeed11.json"),
        url="https://n.example/f",
        content_type="text/plain",
    )
    assert json_feed.format == "json11"
    atom = parse_feed(
        feed_bytes("valleypost-atom-relative-urls.atom"),
        url="https://v.example/f",
        content_type="text/html",
    )
    assert atom.format == "atom10"
    bom = parse_feed(feed_bytes("harbourtimes-bom.xml"), url="https://h.example/f")
    assert len(bom.entries) == 2


def test_html_page_points_at_its_feed() -> None:
    with pytest.raises(ParseError) as raised:
        parse_feed(
            site_bytes("valleypost-html-homepage.html"),
            url="https://valleypost.example/",
            content_type="text/html",
            charset="utf-8",
        )
    assert raised.value.alternate_url == "https://valleypost.example/feeds/all.rss"
    assert str(raised.value) == "Not a feed; found https://valleypost.example/feeds/all.rss instead"


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (
            site_bytes("quaysidenews-html-nofeed.html"),
            "text/html",
            "Not a feed: the address gives a web page without a feed link",
        ),
        (b"", "application/rss+xml", "The server sent an empty response"),
        (b"\r\n \n", "", "The server sent an empty response"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", "Not a feed: the server sent something else"),
    ],
)
def test_not_a_feed_messages(content: bytes, content_type: str, message: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_feed(content, url="https://q.example/", content_type=content_type)
    assert str(raised.value).startswith(message)
    assert raised.value.alternate_url is None


# --------------------------------------------------------------------------- feedfarm


def _get(url: str) -> tuple[bytes, str, str | None]:
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        header = Message()
        header["content-type"] = response.headers.get("Content-Type", "")
        return body, header.get_content_type(), header.get_param("charset")  # type: ignore[return-value]


def _parse_url(url: str) -> ParsedFeed:
    body, content_type, charset = _get(url)
    return parse_feed(body, url=url, content_type=content_type, charset=charset)


_FORMAT_BY_SUFFIX = {".xml": {"rss20"}, ".atom": {"atom10"}, ".rdf": {"rss10"}, ".json": {"json11"}}


def _distinct_items(body: bytes) -> tuple[int, int]:
    """(items, distinct (id, link) pairs) counted by the standard library, not by us."""
    if body.lstrip().startswith(b"{"):
        items = json.loads(body)["items"]
        return len(items), len({(i.get("id"), i.get("url")) for i in items})
    pairs = []
    for element in ElementTree.fromstring(body).iter():
        if element.tag.rsplit("}", 1)[-1] in ("item", "entry"):
            ident = link = None
            for child in element:
                name = child.tag.rsplit("}", 1)[-1]
                if name in ("guid", "id"):
                    ident = child.text
                elif name == "link":
                    link = child.text or child.get("href")
            pairs.append((ident, link))
    return len(pairs), len(set(pairs))


@pytest.mark.farm
@pytest.mark.slow
def test_every_farm_feed_parses_with_all_entries(farm: Farm) -> None:
    entries = farm.get_json("/_farm/config.json").get("entries", 50)
    urls = farm.get_bytes("/urls.txt").decode().split()
    seen_formats = set()
    for url in urls:
        body, content_type, charset = _get(url)
        feed = parse_feed(body, url=url, content_type=content_type, charset=charset)
        assert feed.format in _FORMAT_BY_SUFFIX[Path(url).suffix], url
        seen_formats.add(feed.format)
        # A wire story re-posted in one feed with the same id, link and text is one
        # article; re-posted with different text it is kept under a suffixed GUID.
        items, distinct = _distinct_items(body)
        assert items == entries and distinct <= len(feed.entries) <= items, url
        assert len({e.guid for e in feed.entries}) == len(feed.entries), url
        assert feed.warning is None, url
        assert all(e.title and e.link and e.link.startswith("http") for e in feed.entries), url
    assert seen_formats == {"rss20", "atom10", "rss10", "json11"}


def _readable(feed: ParsedFeed) -> None:
    for entry in feed.entries:
        for text in (entry.title, entry.summary_html, entry.content_html):
            assert "\ufffd" not in text and "â€" not in text and "Ã" not in text, text[:200]


@pytest.mark.farm
@pytest.mark.parametrize(
    "kind",
    ["bom", "wrong-encoding", "encoding-conflict", "rtl", "cjk", "mixed-scripts", "relative-urls"],
)
def test_farm_faults_that_must_read_cleanly(farm: Farm, kind: str) -> None:
    feed = _parse_url(farm.url(f"/fault/{kind}"))
    assert len(feed.entries) == 20
    _readable(feed)
    script = {
        "rtl": r"[\u0590-\u06ff]",
        "cjk": r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]",
        "mixed-scripts": r"[\u0400-\u04ff]",
        "wrong-encoding": "[€’é–]",
        "encoding-conflict": "[€’é–]",
    }.get(kind)
    if script:
        assert any(
            re.search(script, e.title + e.content_html + e.summary_html) for e in feed.entries
        ), kind
    for entry in feed.entries:
        assert entry.link and entry.link.startswith(farm.base) and "/../" not in entry.link
        for image in entry.images:
            assert image.url.startswith(farm.base + "/") and "/../" not in image.url


@pytest.mark.farm
@pytest.mark.parametrize(("kind", "minimum"), [("malformed", 20), ("truncated", 5)])
def test_farm_broken_xml_recovers_with_warning(farm: Farm, kind: str, minimum: int) -> None:
    feed = _parse_url(farm.url(f"/fault/{kind}"))
    assert len(feed.entries) >= minimum
    assert feed.warning == (
        f"The feed is not well-formed XML; {len(feed.entries)} articles recovered"
    )
    assert len({e.guid for e in feed.entries}) == len(feed.entries)


@pytest.mark.farm
def test_farm_guid_chaos_keeps_distinct_entries(farm: Farm) -> None:
    body, _, _ = _get(farm.url("/fault/guid-chaos"))
    items = re.findall(rb"<item>.*?</item>", body, re.S)
    feed = _parse_url(farm.url("/fault/guid-chaos"))
    assert len(feed.entries) == len(set(items))  # every distinct item survives
    assert len({e.guid for e in feed.entries}) == len(feed.entries) and all(
        e.guid for e in feed.entries
    )


@pytest.mark.farm
def test_farm_bad_dates_are_dropped_not_invented(farm: Farm) -> None:
    feed = _parse_url(farm.url("/fault/bad-dates"))
    assert len(feed.entries) == 20
    now = datetime.now(UTC)
    dated = [e.published for e in feed.entries if e.published is not None]
    assert all(datetime(1995, 1, 1, tzinfo=UTC) <= d <= now + timedelta(days=2) for d in dated)
    assert len(dated) < 20  # impossible, far-future and epoch-zero dates became None


@pytest.mark.farm
def test_farm_empty_and_html_not_feed(farm: Farm) -> None:
    with pytest.raises(ParseError, match="The server sent an empty response"):
        _parse_url(farm.url("/fault/empty"))
    with pytest.raises(ParseError) as raised:
        _parse_url(farm.url("/fault/html-not-feed"))
    assert raised.value.alternate_url and str(raised.value).startswith("Not a feed; found")
    assert len(_parse_url(raised.value.alternate_url).entries) == 20


@pytest.mark.farm
@pytest.mark.parametrize("kind", ["entity-bomb", "xxe"])
def test_farm_entity_attacks(farm: Farm, kind: str) -> None:
    hostname = Path("/etc/hostname")
    secret = hostname.read_text().strip() if hostname.is_file() else ""
    tracemalloc.start()
    try:
        with pytest.raises(ParseError) as raised:
            _parse_url(farm.url(f"/fault/{kind}"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000
    assert "entities" in str(raised.value)
    if secret:
        assert secret not in str(raised.value)

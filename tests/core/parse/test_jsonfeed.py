"""JSON Feed 1.0 / 1.1, parsed by us."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop_reader.core.errors import ParseError
from desktop_reader.core.parse.jsonfeed import parse_json_feed
from tests.core.parse.fixtures import feed_bytes


def test_jsonfeed11_fields() -> None:
    feed = parse_json_feed(
        feed_bytes("northgazette-jsonfeed11.json"), url="https://northgazette.example/feed.json"
    )
    assert (feed.format, feed.title, feed.language) == ("json11", "North Gazette", "en-CA")
    assert feed.site_url == "https://northgazette.example/"
    library, bridge, council = feed.entries
    assert library.title == "Library extends weekend hours"
    assert library.author == "Petra Lund, Oskar Bly"
    assert library.published == datetime(2026, 1, 14, 15, tzinfo=UTC)
    assert library.updated == datetime(2026, 1, 14, 17, 30, tzinfo=UTC)
    assert library.tags == ("Culture", "Libraries")
    assert library.summary_html == "<p>Sunday opening from February.</p>"
    assert [(i.url, i.role, i.caption) for i in library.images] == [
        ("https://northgazette.example/img/library.jpg", "lead", ""),
        (
            "https://northgazette.example/img/reading-room.jpg",
            "inline",
            "The reading room after the refit",
        ),
    ]
    # numeric id, relative url, text-only content, no title
    assert bridge.guid == "7780"
    assert bridge.link == "https://northgazette.example/2026/01/bridge-inspection"
    assert bridge.content_html == (
        "<p>Engineers inspected the old bridge on Tuesday.</p><p>A report is due in March.</p>"
    )
    assert bridge.title.startswith("Engineers inspected the old bridge")
    assert bridge.author == "Gazette Desk"  # the feed's authors stand in
    assert council.published is None
    assert council.images[0].url == "https://northgazette.example/charts/budget.png"
    assert council.images[0].alt == "Budget by department"


def test_jsonfeed10_author() -> None:
    feed = parse_json_feed(
        feed_bytes("northgazette-jsonfeed10.json"),
        url="https://northgazette.example/sport/feed.json",
    )
    assert feed.format == "json10"
    assert [e.author for e in feed.entries] == ["Kai Ferro", "Sport Desk"]
    assert feed.entries[0].content_html == "<p>A late goal saved the visitors.</p>"


def test_trailing_commas_and_cut_off_body_recover_complete_items() -> None:
    feed = parse_json_feed(
        feed_bytes("northgazette-jsonfeed-malformed.json"),
        url="https://northgazette.example/biz.json",
    )
    assert [e.guid for e in feed.entries] == ["b-1", "b-2"]
    assert feed.warning is not None and "not valid JSON" in feed.warning
    assert feed.warning.endswith("2 articles recovered")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The feed is empty"),
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id"',
            "The feed is not valid JSON",
        ),
        (b"[1, 2, 3]", "Not a feed: the JSON is not a JSON Feed"),
        (b'{"name": "settings", "debug": true}', "Not a feed: the JSON is not a JSON Feed"),
        (b"{nonsense", "The feed is not valid JSON"),
    ],
)
def test_bad_json_gives_clear_error(content: bytes, message: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_json_feed(content, url="https://x.example/feed.json")
    assert str(raised.value).startswith(message)


def test_wrong_field_types_do_not_crash() -> None:
    content = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": 5, "items": ['
        b'{"id": null, "url": 7, "title": ["x"], "tags": "news", "attachments": {},'
        b' "authors": "me", "date_published": 12}, "junk"]}'
    )
    feed = parse_json_feed(content, url="https://x.example/feed.json")
    assert len(feed.entries) == 1 and feed.entries[0].guid == "https://x.example/7"


@pytest.mark.parametrize("tail", [b"]" * 100_000 + b"}", b""])
def test_json_nested_too_deeply_is_a_parse_error(tail: bytes) -> None:
    content = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000 + tail
    with pytest.raises(ParseError, match="not valid JSON"):
        parse_json_feed(content, url="https://n.example/feed.json")


def test_lone_surrogates_in_json_become_replacement_characters() -> None:
    content = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1\\udc00", '
        b'"title": "Half \\ud800 pair \\ud83d\\ude00", "content_text": "x\\udfff y"}]}'
    )
    (entry,) = parse_json_feed(content, url="https://s.example/feed.json").entries
    assert entry.title == "Half \ufffd pair \U0001f600"
    assert entry.content_html == "<p>x\ufffd y</p>" and entry.guid == "1\ufffd"
    entry.content_html.encode("utf-8")  # storable

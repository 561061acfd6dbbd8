from __future__ import annotations

import pytest

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import OutlineFeed
from desktop_reader.core.parse.opml import read_opml, read_opml_contents, write_opml
from tests.core.parse.fixtures import feed_bytes, opml_bytes


def test_nested_outlines_become_folders() -> None:
    feeds = read_opml(opml_bytes("harbourtimes-nested.opml"))
    assert feeds == [
        OutlineFeed("https://loose.example/feed.xml", "Loose feed", "https://loose.example/", ""),
        OutlineFeed("https://harbourtimes.example/rss", "The Harbour Times", None, "News"),
        OutlineFeed("https://quaysidenews.example/feed", "", None, "News/Local"),
        OutlineFeed(
            "https://valleypost.example/feeds/all.atom",
            "Valley Post",
            "https://valleypost.example/",
            "News/Local",
        ),
    ]


def test_round_trip_keeps_folders_and_titles() -> None:
    feeds = [
        OutlineFeed("https://a.example/rss", "Tide & <Time>", "https://a.example/", ""),
        OutlineFeed("https://b.example/rss", "Bee", None, "News/World"),
        OutlineFeed("https://c.example/rss", "", None, "News"),
        OutlineFeed("https://d.example/rss", "Dee “quoted” ü", None, "News/World"),
    ]
    document = write_opml(feeds, "My subscriptions")
    assert b'version="2.0"' in document and b"<title>My subscriptions</title>" in document
    assert sorted(read_opml(document), key=lambda f: f.url) == feeds


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The OPML file is empty"),
        (b"<opml><head/></opml>", "The OPML file has no <body>"),
        (b"not xml at all", "The OPML file is not valid XML"),
    ],
)
def test_bad_opml(content: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        read_opml(content)


def test_a_feed_is_not_opml_and_entities_are_refused() -> None:
    with pytest.raises(ParseError, match="Not an OPML file"):
        read_opml(feed_bytes("oldmill-rdf.rdf"))
    bomb = b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aa">]><opml><body/></opml>'
    with pytest.raises(ParseError, match="entities"):
        read_opml(bomb)


def test_raw_ampersands_do_not_cost_the_whole_file() -> None:
    contents = read_opml_contents(opml_bytes("cloudatlas-raw-ampersand.opml"))
    assert contents.recovered
    assert contents.feeds == [
        OutlineFeed(
            "https://cloudatlas.example/feed?a=1&b=2",
            "Arts & Letters",
            "https://cloudatlas.example/",
            "News & Views",
        ),
        OutlineFeed("https://tides.example/rss", "Tides", None, "News & Views"),
        OutlineFeed("http://lighthouse.example/feed.xml", "Lighthouse", None, ""),  # feed://
    ]


def test_addresses_that_are_not_web_feeds_are_skipped_with_a_reason() -> None:
    contents = read_opml_contents(opml_bytes("cloudatlas-bad-schemes.opml"))
    assert [f.url for f in contents.feeds] == [
        "https://good.example/feed",
        "https://other.example/rss",
    ]
    reasons = {s.title: s.reason for s in contents.skipped}
    assert reasons == {
        "Script": "a javascript: address, not a web feed",
        "Local file": "a file: address, not a web feed",
        "FTP": "a ftp: address, not a web feed",
        "Relative": "a relative address, with no site to resolve it against",
    }


def test_a_cut_off_file_keeps_the_outlines_before_the_cut() -> None:
    whole = opml_bytes("harbourtimes-nested.opml")
    cut = whole[: whole.index(b'<outline text="Valley Post"')]
    contents = read_opml_contents(cut)
    assert contents.recovered
    assert [f.url for f in contents.feeds][:2] == [
        "https://loose.example/feed.xml",
        "https://harbourtimes.example/rss",
    ]


def test_entities_are_refused_before_any_recovery() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aa">]>'
        b'<opml><body><outline text="A & B" xmlUrl="https://a.example/&a;"/></body></opml>'
    )
    with pytest.raises(ParseError, match="entities"):
        read_opml_contents(bomb)


@pytest.mark.parametrize("codec", ["shift_jis", "utf-16", "euc_kr"])
def test_opml_in_any_encoding_is_read(codec: str) -> None:
    title = "東京ニュース" if codec != "euc_kr" else "서울 소식"
    document = (
        f'<?xml version="1.0" encoding="{codec.replace("_", "-")}"?><opml version="2.0">'
        f'<body><outline text="{title}" xmlUrl="https://tokyo.example/rss"/></body></opml>'
    )
    assert read_opml(document.encode(codec)) == [
        OutlineFeed("https://tokyo.example/rss", title, None, "")
    ]

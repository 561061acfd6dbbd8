"""What a `feed:` link or an opened feed file turns into, and the CLI's reading of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_reader.cli import _split_open_argument, build_parser
from desktop_reader.core.errors import ParseError
from desktop_reader.open_request import feed_request, is_open_argument

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Gazette</title>
<link rel="alternate" href="https://harbour.example/"/>
<link rel="self" href="https://harbour.example/atom.xml"/>
<id>urn:hg</id><updated>2025-03-01T08:00:00Z</updated>
<entry><title>Ferry timetable changes</title><id>urn:hg:1</id>
<updated>2025-03-01T08:00:00Z</updated><link href="https://harbour.example/1"/></entry>
</feed>"""

RSS_SELF = """<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Valley Post</title><link>https://valley.example/</link><description>d</description>
<atom:link rel="self" type="application/rss+xml" href="https://valley.example/rss"/>
<item><title>New bus line</title><link>https://valley.example/1</link></item></channel></rss>"""

RSS_NO_SELF = """<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title>
<link>https://valley.example/</link><description>d</description>
<item><title>New bus line</title><link>https://valley.example/1</link></item></channel></rss>"""

JSON_FEED = """{"version": "https://jsonfeed.org/version/1.1", "title": "Ridge Daily",
"home_page_url": "https://ridge.example/", "feed_url": "https://ridge.example/feed.json",
"items": [{"id": "1", "url": "https://ridge.example/1", "title": "Snow closes pass"}]}"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("argument", "url"),
    [
        ("feed:https://news.example/rss", "https://news.example/rss"),
        ("feed://news.example/rss", "https://news.example/rss"),
        ("https://news.example/atom.xml", "https://news.example/atom.xml"),
    ],
)
def test_feed_links_become_the_web_address(argument, url):
    request = feed_request(argument)
    assert request.url == url
    assert request.source == argument


@pytest.mark.parametrize(
    ("name", "text", "url", "title"),
    [
        ("harbour-gazette-atom.atom", ATOM, "https://harbour.example/atom.xml", "Harbour Gazette"),
        ("valley-post-selflink.rss", RSS_SELF, "https://valley.example/rss", "Valley Post"),
        ("ridge-daily-json.json", JSON_FEED, "https://ridge.example/feed.json", "Ridge Daily"),
    ],
)
def test_a_feed_file_is_subscribed_through_its_own_address(tmp_path, name, text, url, title):
    path = write(tmp_path, name, text)
    for argument in (str(path), path.as_uri()):
        request = feed_request(argument)
        assert (request.url, request.title) == (url, title)


def test_a_file_without_its_own_address_is_refused_naming_the_site(tmp_path):
    path = write(tmp_path, "valley-post-noself.rss", RSS_NO_SELF)
    with pytest.raises(ParseError, match="does not say where the feed lives online") as info:
        feed_request(str(path))
    assert "https://valley.example/" in str(info.value)


def test_a_file_that_is_not_a_feed_or_missing_is_a_clear_error(tmp_path):
    page = write(tmp_path, "notes.rss", "<html><body>Shopping list</body></html>")
    with pytest.raises(ParseError, match="Not a feed"):
        feed_request(str(page))
    with pytest.raises(ParseError, match="could not be read"):
        feed_request(str(tmp_path / "gone.rss"))


def test_cli_sends_feed_arguments_to_the_gui_but_leaves_commands_alone(tmp_path):
    parser = build_parser()
    path = write(tmp_path, "harbour-gazette-atom.atom", ATOM)
    assert _split_open_argument(parser, ["feed:https://a.example/rss"]) == (
        [],
        "feed:https://a.example/rss",
    )
    assert _split_open_argument(parser, ["--data-dir", "lib", str(path)]) == (
        ["--data-dir", "lib"],
        str(path.resolve()),
    )
    # A command's own URL or file argument stays with the command.
    assert _split_open_argument(parser, ["subscribe", "https://a.example/"]) == (
        ["subscribe", "https://a.example/"],
        "",
    )
    assert _split_open_argument(parser, ["--data-dir", str(path)]) == (
        ["--data-dir", str(path)],
        "",
    )
    assert not is_open_argument("refresh")

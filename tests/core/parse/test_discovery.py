from __future__ import annotations

from desktop_reader.core.parse.discovery import candidate_feed_paths, find_feed_links
from tests.core.parse.fixtures import site_bytes


def test_alternate_links_in_page_order_absolute_and_unique() -> None:
    found = find_feed_links(
        site_bytes("valleypost-html-homepage.html"), "https://valleypost.example/home/"
    )
    assert [(f.url, f.title, f.format) for f in found] == [
        ("https://valleypost.example/feeds/all.rss", "Valley Post & friends (RSS)", "rss"),
        ("https://valleypost.example/feeds/all.atom", "Valley Post (Atom)", "atom"),
        ("https://valleypost.example/home/feed.json", "JSON", "json"),
        ("https://valleypost.example/feeds/comments.rss", "", "rss"),
    ]


def test_base_href_and_no_links() -> None:
    page = (
        '<head><base href="https://cdn.example/x/"><link rel="alternate" '
        'type="application/atom+xml" href="a.atom"></head>'
    )
    assert [f.url for f in find_feed_links(page, "https://site.example/")] == [
        "https://cdn.example/x/a.atom"
    ]
    assert find_feed_links(site_bytes("quaysidenews-html-nofeed.html"), "https://q.example/") == []


def test_candidate_paths() -> None:
    urls = candidate_feed_paths("https://blog.example/")
    assert urls[:3] == [
        "https://blog.example/feed",
        "https://blog.example/rss",
        "https://blog.example/rss.xml",
    ]
    assert "https://blog.example/feed.json" in urls and len(urls) == len(set(urls))
    nested = candidate_feed_paths("https://example.org/news/")
    assert nested[0] == "https://example.org/news/feed" and "https://example.org/feed" in nested

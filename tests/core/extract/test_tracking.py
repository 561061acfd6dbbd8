"""Which image addresses are never requested because they only count readers."""

from __future__ import annotations

import pytest

from desktop_reader.core.extract import sanitize_html
from desktop_reader.core.extract.tracking import is_tracking_url
from desktop_reader.core.models import ImageRef, ParsedEntry
from desktop_reader.core.pipeline.entries import prepare_entries


@pytest.mark.parametrize(
    "url",
    [
        "https://www.google-analytics.com/collect?v=1&tid=UA-1",
        "https://stats.g.doubleclick.net/r/collect?v=1",
        "https://pixel.wp.com/g.gif?blog=1",
        "https://sb.scorecardresearch.com/p?c1=2",
        "http://feeds.feedburner.com/~r/HarbourTimes/~4/abc123",
        "https://news.example/track/open.gif?id=9",
        "https://news.example/tracking/v2/img?u=1",
        "https://mail.example/o/pixel.gif",
        "https://cdn.example/1x1.png",
        "https://stats.example/beacon.gif",
        "https://metrics.example/collect",
    ],
)
def test_known_tracking_addresses(url: str) -> None:
    assert is_tracking_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.harbourtimes.example/2026/01/ferry-1200.jpg",
        "https://images.example/photos/track-and-field-final.jpg",
        "https://news.example/pixelated-mural.png",
        "https://news.example/img/beaconsfield-station.jpg",
        "https://feeds.feedburner.com/HarbourTimes",  # the feed itself, not a counter
        "not a url at all",
    ],
)
def test_real_pictures_are_not_trackers(url: str) -> None:
    assert not is_tracking_url(url)


def test_sanitised_html_drops_tracking_images_but_keeps_real_ones() -> None:
    html = (
        '<p>Text</p><img src="https://news.example/track/lead-4.gif" alt="x">'
        '<figure><img src="/img/ferry.jpg" alt="Ferry"><figcaption>Ferry</figcaption></figure>'
    )
    cleaned = sanitize_html(html, "https://news.example/a/story.html")
    assert "/track/" not in cleaned
    assert 'src="https://news.example/img/ferry.jpg"' in cleaned


def test_a_feed_declared_tracking_image_is_never_listed_for_download() -> None:
    entry = ParsedEntry(
        guid="g1",
        link="https://news.example/a/story.html",
        title="Story",
        content_html='<p>Body</p><img src="https://news.example/img/inline.jpg" alt="Inline">',
        images=(
            ImageRef(
                url="https://news.example/track/lead-2.gif", role="lead", caption="Declared lead"
            ),
        ),
    )
    prepared = prepare_entries([entry])[0]
    assert [(i.url, i.role) for i in prepared.entry.images] == [
        ("https://news.example/img/inline.jpg", "lead")
    ]

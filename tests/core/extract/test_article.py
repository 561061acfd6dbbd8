"""extract_article / extract_text on pages we wrote (tests/data/pages) and the feedfarm."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_reader.core.errors import ExtractionError
from desktop_reader.core.extract import extract_article, extract_text

PAGES = Path(__file__).resolve().parents[2] / "data" / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_lazy_images_resolve_and_boilerplate_stays_out() -> None:
    article = extract_article(
        page("harbourpost-lazy-images.html"), "https://harbourpost.example/news/story.html"
    )
    assert article.title == "Ferry timetable cut leaves island commuters stranded"
    assert article.byline == "Maren Holt"
    assert article.site_name == "The Harbour Post"
    assert article.language == "en-GB"
    assert article.published == datetime(2026, 1, 12, 7, 30, tzinfo=UTC)
    assert article.canonical_url == "https://harbourpost.example/news/ferry-timetable-cut"
    # data-src on the hero figure: the lead, with caption and credit apart
    lead = article.lead_image
    assert lead is not None and lead.role == "lead"
    assert lead.url == "https://harbourpost.example/media/ferry-dock-1200.jpg"
    assert lead.caption == "Passengers wait at Skerry Point on Monday morning."
    assert lead.credit == "Photo: Ola Brenna"
    urls = [image.url for image in article.images]
    assert urls == [
        "https://harbourpost.example/media/quay-map.png",  # data-original
        "https://harbourpost.example/media/council-meeting.jpg",  # data-lazy-src
        "https://harbourpost.example/media/empty-deck.jpg",  # <noscript>
    ]
    deck = article.images[2]
    assert deck.caption == "The early crossing often ran full in summer."
    assert deck.credit == "Image: Harbour Post archive"
    assert article.images[0].credit == "Harbour Authority"
    assert all(not u.startswith("data:") and "spacer" not in u and "blank" not in u for u in urls)
    text = article.text
    assert text.startswith("Commuters on Skerry Island were left waiting")
    assert "“Nobody asked us what it would mean.”" in text
    assert "\n\nThe 06:10 crossing" in text  # paragraphs separated by a blank line
    for noise in (
        "cookies",
        "Puzzles",
        "Ridiculous decision",
        "Storm warning",
        "Share on social",
        "All rights reserved",
        "Passengers wait at Skerry",
        "Photo: Ola Brenna",
        "By Maren Holt",
    ):
        assert noise not in text
    # tracking pixel, ad and logo are not images of the article
    assert "track/pixel" not in article.html and "holiday-cruise" not in article.html
    assert "harbour-logo" not in article.html


def test_picture_and_srcset_pick_a_large_supported_candidate() -> None:
    article = extract_article(
        page("fjordtimes-picture-srcset.html"), "https://fjordtimes.example/a/bridge.html"
    )
    assert article.title == "New bridge opens across the narrow sound"
    assert article.lead_image is not None
    # avif source skipped; the 3000w candidate is more than a reader needs
    assert article.lead_image.url == "https://fjordtimes.example/img/bridge-1536.jpg"
    first, second = article.images
    assert first.url == "https://fjordtimes.example/img/deck-large.jpg"  # 2x of 1x/2x/3x
    assert (first.caption, first.credit) == (
        "Walkers crowd the deck before the official opening",
        "© Fjord Times",
    )
    assert second.url == "https://cdn.fjordtimes.example/c_fill,w_1200/ribbon.jpg"
    assert second.credit == "Fjord Press Agency"
    assert "srcset" not in article.html


def test_og_image_is_the_lead_and_credits_attach_to_their_own_images() -> None:
    article = extract_article(
        page("valleyherald-figure-credit.html"), "https://valleyherald.example/farming/late-frost"
    )
    assert article.byline == "Tobias Renn"  # JSON-LD author
    assert article.published == datetime(2026, 4, 3, 6, 15, tzinfo=UTC)
    assert article.description == "A late frost destroyed blossom across the valley."
    lead = article.lead_image
    assert lead is not None
    assert lead.url == "https://img.valleyherald.example/2026/frost-orchard-1600.jpg"
    assert (lead.alt, lead.width, lead.height) == ("Frost on apple blossom", 1600, 900)
    by_url = {image.url.rsplit("/", 1)[-1]: image for image in article.images}
    assert list(by_url) == ["burning-candles.jpg", "damaged-blossom.jpg", "minister.jpg"]
    assert by_url["burning-candles.jpg"].credit == "Photo: Anna Keel/Valley Herald"
    assert by_url["burning-candles.jpg"].caption.startswith("Growers lit candles")
    assert by_url["damaged-blossom.jpg"].credit == "Photo: Jonas Pike"
    assert (
        by_url["damaged-blossom.jpg"].caption
        == "Damaged blossom turns brown within days of a frost."
    )
    assert by_url["minister.jpg"].credit == "Reuters"
    for noise in (
        "Read more",
        "Sign up",
        "Advertisement",
        "Tractor",
        "Related",
        "Share",
        "Growers lit candles",
        "Contact us",
    ):
        assert noise not in article.text
    assert "tractor-sale" not in article.html and "beacon" not in article.html
    assert "hail.jpg" not in article.html


def test_windows_1252_bytes_labelled_utf8_read_correctly() -> None:
    article = extract_article(
        page("lakeside-windows1252-mislabelled.html"), "https://lakeside.example/cafe"
    )
    assert article.title == "Le café du port rouvre ses portes"
    assert (
        "« C’est un grand soulagement », a déclaré la propriétaire, Hélène Marchal" in article.text
    )
    assert "40 000 €" in article.text and "\ufffd" not in article.text


def test_header_charset_is_used_for_undeclared_pages() -> None:
    html = (
        "<html><body><article><p>"
        + "Grüße aus Köln, sagte sie. " * 20
        + "</p></article></body></html>"
    )
    text = extract_text(html.encode("iso-8859-15"), "https://x.example/")
    assert "Grüße aus Köln" in text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3", "not a web page"),
        # a single-page-app shell: nothing to read without running its script
        (b"<html><body><div id='root'></div><script>start()</script></body></html>", "No readable"),
    ],
)
def test_unreadable_pages_raise_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        extract_article(data, "https://x.example/page")
    assert extract_text(data) == ""  # extract_text never raises


def test_hostile_page_extracts_without_executable_content() -> None:
    article = extract_article(
        page("mallory-hostile-xss.html"), "https://mallory.example/news/story.html"
    )
    html = article.html.lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<svg",
        "<style",
        "style=",
        "<base",
        "refresh",
        " srcset=",
        "url(",
    ):
        assert bad not in html, bad
    assert "evil.example/base" not in html  # the planted <base> was ignored
    assert "https://mallory.example/reports/roads-audit.pdf" in article.html
    assert "a third of last year's pothole repairs had failed" in article.text
    assert "A" * 20000 in article.text


@pytest.mark.farm
def test_feedfarm_article_page(farm) -> None:  # type: ignore[no-untyped-def]
    url = farm.url("/articles/001/0.html")
    article = extract_article(farm.get_bytes("/articles/001/0.html"), url)
    assert article.title.startswith("Live: East Calderbury")
    assert article.byline and article.published is not None and article.site_name
    assert article.lead_image is not None and article.lead_image.credit.startswith("Photo:")
    assert article.lead_image.url == farm.url("/img/001/0-0.jpg")
    assert all(image.url.startswith(farm.base + "/img/001/") for image in article.images)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) >= 5
    for noise in (
        "cookie",
        "Most read",
        "Advertisement",
        "Comments (",
        "Sign up",
        "Related stories",
        "All rights reserved",
        "Photo:",
    ):
        assert noise not in article.text


@pytest.mark.farm
@pytest.mark.parametrize(
    "kind", ["paywall", "wrong-charset", "no-article-markup", "huge-page", "not-html", "empty"]
)
def test_feedfarm_article_faults(farm, kind: str) -> None:  # type: ignore[no-untyped-def]
    import urllib.error

    try:
        data = farm.get_bytes(f"/fault/article/{kind}")
    except urllib.error.HTTPError as exc:  # pragma: no cover - the farm serves 200s here
        pytest.fail(f"farm answered {exc.code}")
    url = farm.url(f"/fault/article/{kind}")
    if kind in ("not-html", "empty"):
        with pytest.raises(ExtractionError):
            extract_article(data, url)
        return
    article = extract_article(data, url)
    assert len(article.text) > 200
    assert "\ufffd" not in article.text and "â€" not in article.text
    if kind == "paywall":
        assert "Subscribe to continue reading" not in article.text
    if kind == "huge-page":
        assert len(article.text) < 50_000  # the article, not the 5 MB of boilerplate

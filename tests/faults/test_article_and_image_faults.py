"""Every article-page fault (`/fault/article/<kind>`) and image fault (`/img/fault/…`)
through `download_articles`: the article keeps its feed text with a plain reason, the
image row says what was wrong, nothing crashes and no image bomb fills memory."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from desktop_reader.core.models import Article, FeedStatus, PageState, StoredImage
from desktop_reader.core.pipeline import pages, refresh, subscribe
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, feeds, media
from tests.faults.support import FARM_ARGS, PeakRss, fast_fetcher, threads_settle
from tests.feedfarm import FARM_SCRIPT, Farm
from tests.httpserver import Response, TestServer

pytestmark = pytest.mark.skipif(not FARM_SCRIPT.is_file(), reason="needs ../shared/feedfarm")

# Our own long feed text for the paywall case (far longer than two paragraphs).
PAYWALL_TEXT = " ".join(
    f"Paragraph {n} of the harbour board's full report, as the feed carries it, with the "
    f"figures for berth {n}, the tide tables and what the pilots said about the channel."
    for n in range(1, 25)
)

PAGE_OUTCOMES = {  # kind -> (page state after one run, page_error pattern)
    "http-404": (PageState.FAILED, r"^Not found \(404\)$"),
    "http-410": (PageState.FAILED, r"^Gone \(410\) — the page was removed$"),
    "http-500": (PageState.RETRYING, r"^Server error \(500\)$"),
    "http-503": (PageState.RETRYING, r"^Server busy \(503\)$"),
    "reset": (PageState.RETRYING, r"^Connection reset by the server$"),
    "stall": (PageState.RETRYING, r"^Timed out after [34] s$"),
    "not-html": (PageState.FAILED, r"^Not a web page \(application/pdf\)$"),
    "empty": (PageState.FAILED, r"^The page is empty\.$"),
    "paywall": (PageState.FAILED, r"^The page had less text than the feed$"),
    "slow": (PageState.DONE, r"^$"),
    "redirect": (PageState.DONE, r"^$"),
    "wrong-charset": (PageState.DONE, r"^$"),
    "no-article-markup": (PageState.DONE, r"^$"),
    "huge-page": (PageState.DONE, r"^$"),
}
IMAGE_OUTCOMES = {  # kind -> (extension, error pattern; "" = downloaded)
    "not-image": ("jpg", r"^Not an image$"),
    "http-404": ("jpg", r"^Not found \(404\)$"),
    "truncated": ("png", r"^Damaged image \(.+\)$"),
    "empty": ("png", r"^Empty image$"),
    "bomb": ("png", r"^Image too large to show \(decompression bomb\)$|^Image too large"),
    "slow": ("jpg", ""),
    "wrong-type": ("jpg", ""),  # a PNG sent as image/jpeg: kept, as the PNG it is
}


def _item(guid: str, title: str, description: str, link: str | None) -> str:
    link_xml = f"<link>{escape(link)}</link>" if link else ""
    return (
        f"<item><title>{escape(title)}</title>{link_xml}"
        f'<guid isPermaLink="false">{guid}</guid>'
        f"<description>{escape(description)}</description></item>"
    )


def _feed(items: list[str]) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Fault Harbour Gazette</title><link>http://gazette.invalid/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


class Run:
    def __init__(self, library: Library, feed_id: int) -> None:
        self.library = library
        self.feed_id = feed_id

    def by_guid(self) -> dict[str, Article]:
        conn = self.library.connect()
        try:
            rows = articles.list_rows(conn, [self.feed_id], limit=1000)
            return {a.guid: a for a in articles.get_articles(conn, [r.id for r in rows])}
        finally:
            conn.close()

    def images(self, article_id: int) -> list[StoredImage]:
        conn = self.library.connect()
        try:
            return media.article_images(conn, article_id)
        finally:
            conn.close()


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Farm, Run, float, int]]:
    """One feed of ours whose entries point at every article and image fault of the farm,
    refreshed and completed with `download_articles` once."""
    farm = Farm(*FARM_ARGS)
    server = TestServer()
    items = []
    for kind in PAGE_OUTCOMES:
        text = PAYWALL_TEXT if kind == "paywall" else f"The feed's short text about {kind}."
        items.append(
            _item(f"page-{kind}", f"Page fault {kind}", text, farm.url(f"/fault/article/{kind}"))
        )
    for kind, (ext, _) in IMAGE_OUTCOMES.items():
        img = (
            f'<p>Picture story {kind}.</p><img src="{farm.url(f"/img/fault/{kind}.{ext}")}"'
            f' alt="{kind}" width="640" height="360">'
        )
        items.append(_item(f"image-{kind}", f"Image fault {kind}", img, None))
    url = server.route(
        "/gazette.xml", Response(200, _feed(items), {"Content-Type": "application/rss+xml"})
    )
    library = Library.open(tmp_path_factory.mktemp("pages") / "library")
    conn = library.connect()
    feed_id = subscribe.subscribe(conn, url).id
    conn.close()
    baseline = threading.active_count()
    with fast_fetcher() as fetcher:
        summary = refresh.refresh_feeds(library, fetcher)
        assert summary.new_articles == len(items)
        with PeakRss() as memory:
            pages.download_articles(library, fetcher)
    threads = threads_settle(baseline)
    assert threads <= baseline
    yield farm, Run(library, feed_id), memory.growth_mb, threads
    server.close()
    farm.stop()


def test_every_farm_article_and_image_fault_kind_has_a_case(staged) -> None:  # type: ignore[no-untyped-def]
    farm = staged[0]
    catalogue = farm.get_json("/_farm/faults.json")
    assert set(catalogue["article_faults"]) == set(PAGE_OUTCOMES)
    assert set(catalogue["image_faults"]) == set(IMAGE_OUTCOMES)


@pytest.mark.parametrize("kind", sorted(PAGE_OUTCOMES))
def test_article_fault_keeps_feed_text_and_says_why(staged, kind: str) -> None:  # type: ignore[no-untyped-def]
    run: Run = staged[1]
    article = run.by_guid()[f"page-{kind}"]
    state, pattern = PAGE_OUTCOMES[kind]
    assert article.page_state is state, article.page_error
    assert re.search(pattern, article.page_error), article.page_error
    if state in (PageState.FAILED, PageState.RETRYING):  # the feed's text is what is shown
        expected = PAYWALL_TEXT if kind == "paywall" else f"The feed's short text about {kind}."
        assert article.text.strip() == expected
    else:
        assert len(article.text) > 1000  # the whole article, extracted
        assert "\ufffd" not in article.text and "â€" not in article.text
        assert "<script" not in article.content_html


def test_wrong_charset_page_is_readable(staged) -> None:  # type: ignore[no-untyped-def]
    article = staged[1].by_guid()["page-wrong-charset"]
    clean = staged[1].by_guid()["page-redirect"]  # the same story, served correctly
    assert article.text == clean.text


def test_huge_page_is_read_under_the_page_cap(staged) -> None:  # type: ignore[no-untyped-def]
    article = staged[1].by_guid()["page-huge-page"]
    assert article.page_state is PageState.DONE
    assert len(article.text) < 200_000  # the story, not the 5 MB of padding


@pytest.mark.parametrize("kind", sorted(IMAGE_OUTCOMES))
def test_image_fault_gives_a_plain_error_on_the_image(staged, kind: str) -> None:  # type: ignore[no-untyped-def]
    run: Run = staged[1]
    article = run.by_guid()[f"image-{kind}"]
    assert article.page_state is PageState.SKIPPED  # no page: the feed text is the article
    assert f"Picture story {kind}." in article.text
    (image,) = run.images(article.id)
    _, pattern = IMAGE_OUTCOMES[kind]
    if pattern:
        assert image.sha256 is None and re.search(pattern, image.error), image.error
        assert "<img" not in article.content_html  # a broken image is dropped, not shown
    else:
        assert image.sha256 and not image.error
        assert run.library.media.find(image.sha256) is not None
        assert f'src="media:{image.sha256}"' in article.content_html
        if kind == "wrong-type":
            assert run.library.media.find(image.sha256).suffix == ".png"  # type: ignore[union-attr]


def test_decompression_bomb_never_fills_memory_and_no_thread_is_left(staged) -> None:  # type: ignore[no-untyped-def]
    _, _, growth_mb, _threads = staged
    # Decoding the 12000×12000 bomb would take ~430 MB; the header check refuses it.
    assert growth_mb < 150, f"{growth_mb:.0f} MB"


def test_bad_images_feed_completes_with_bounded_memory(tmp_path: Path) -> None:
    farm = Farm(*FARM_ARGS)
    try:
        library = Library.open(tmp_path / "library")
        conn = library.connect()
        feed = subscribe.subscribe(conn, farm.url("/fault/bad-images"))
        baseline = threading.active_count()
        with fast_fetcher() as fetcher:
            refresh.refresh_feeds(library, fetcher)
            with PeakRss() as memory:
                pages.download_articles(library, fetcher)
        assert threads_settle(baseline) <= baseline
        assert memory.growth_mb < 200, f"{memory.growth_mb:.0f} MB"
        stored = feeds.get_feed(conn, feed.id)
        assert stored is not None and stored.status is FeedStatus.OK
        rows = conn.execute(
            "SELECT source_url, sha256, error FROM article_images i JOIN "
            "feed_articles fa ON fa.article_id = i.article_id "
            "WHERE fa.feed_id = ?",
            (feed.id,),
        ).fetchall()
        faulty = [r for r in rows if "/img/fault/" in r[0]]
        assert len(faulty) >= 15
        for source, sha256, error in faulty:
            assert sha256 or error, source  # settled either way, never left pending
            kind = source.rsplit("/", 1)[1].split(".")[0]
            if kind in ("bomb", "not-image", "empty", "http-404", "truncated"):
                assert error and not sha256, (source, error)
                assert "Traceback" not in error and len(error) < 120
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    finally:
        farm.stop()

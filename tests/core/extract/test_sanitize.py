"""sanitize_html and rewrite_images: nothing executable or remote survives."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_reader.core.extract import rewrite_images, sanitize_html

PAGES = Path(__file__).resolve().parents[2] / "data" / "pages"
BASE = "https://site.example/news/a.html"
EXECUTABLE = (
    "<script",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
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
    "<meta",
    "srcset=",
    "url(",
    "<math",
)


def assert_inert(html: str) -> None:
    lowered = html.lower()
    for bad in EXECUTABLE:
        assert bad not in lowered, f"{bad!r} survived in {html[:300]!r}"


def test_hostile_page_is_inert_but_keeps_its_text() -> None:
    hostile = (PAGES / "mallory-hostile-xss.html").read_text("utf-8")
    clean = sanitize_html(hostile, BASE)
    assert_inert(clean)
    assert "evil.example/base" not in clean
    assert "a third of last year's pothole repairs had failed" in clean
    assert '<a href="https://site.example/reports/roads-audit.pdf"' in clean


def test_structure_is_kept_and_links_made_absolute() -> None:
    html = (
        '<h1>Top</h1><h2 class="x" id="y">Sub</h2><p>One <em>two</em> <strong>three'
        '</strong> <a href="../other.html" target="_blank">link</a> '
        '<a href="mailto:desk@site.example">mail</a> <a href="ftp://x/y">ftp</a></p>'
        "<ul><li>a</li></ul><blockquote>q</blockquote><pre><code>x = 1</code></pre>"
        '<table><tr><th>h</th><td colspan="2">d</td></tr></table>H<sub>2</sub>O<hr>'
    )
    clean = sanitize_html(html, BASE)
    for kept in (
        "<h2>Top</h2>",
        "<h2>Sub</h2>",
        "<em>two</em>",
        "<strong>three</strong>",
        '<a href="https://site.example/other.html"',
        '<a href="mailto:desk@site.example"',
        "<li>a</li>",
        "<blockquote>q</blockquote>",
        "<pre><code>x = 1</code></pre>",
        '<td colspan="2">d</td>',
        "<sub>2</sub>",
        "<hr>",
    ):
        assert kept in clean, kept
    assert "ftp://" not in clean and "target=" not in clean and "class=" not in clean


def test_images_keep_only_safe_attributes_and_absolute_http_sources() -> None:
    html = (
        '<img src="/a.jpg" alt="A" title="T" width="640" height="360" class="c" '
        'srcset="/b.jpg 2x" loading="lazy" onerror="x()">'
        '<figure><img src="data:image/png;base64,AAAA"><figcaption>gone</figcaption></figure>'
        '<img src="javascript:alert(1)"><img src="file:///etc/passwd">'
    )
    clean = sanitize_html(html, BASE)
    assert clean == (
        '<img src="https://site.example/a.jpg" alt="A" title="T" width="640" height="360">'
    )
    # with no base URL a relative image cannot be loaded: it goes
    assert "<img" not in sanitize_html('<p>x<img src="/a.jpg"></p>', None)


@pytest.mark.parametrize(
    "hostile",
    [
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<!-- <!-- nested --> <script>alert(1)</script> -->",
        '<a href="jav&#x09;ascript:alert(1)">x</a><a href=" JaVaScRiPt:alert(1)">y</a>',
        "<p><b><i><u>unclosed" * 300,
        "<div>" * 3000 + "deep",
        "W" * 20000,
        '<img src="https://x.example/a.jpg" onerror="alert(1)"//>',
        '<p style="background:url(javascript:alert(1))">css</p>',
        "\x00\x01<p>\ud7ff control</p>",
    ],
)
def test_hostile_fragments_neither_crash_nor_escape(hostile: str) -> None:
    clean = sanitize_html(hostile, BASE)
    assert_inert(clean)
    assert "alert(" not in clean or "<" not in clean.split("alert(")[0][-40:]


def test_rewrite_images_points_at_local_copies_and_drops_the_rest() -> None:
    html = sanitize_html(
        '<p>Intro</p><figure><img src="/kept.jpg" alt="K" width="10"><figcaption>Kept '
        '<small>Photo: A</small></figcaption></figure><p>Mid <img src="/gone.jpg"></p>'
        '<figure><img src="/gone2.jpg"><figcaption>Caption of a dropped image</figcaption>'
        '</figure><p><a href="https://site.example/more">more</a></p>',
        BASE,
    )
    local = {"https://site.example/kept.jpg": "media:" + "ab" * 32}
    rewritten = rewrite_images(html, local.get)
    assert '<img src="media:' + "ab" * 32 + '" alt="K" width="10">' in rewritten
    assert "gone" not in rewritten and "Caption of a dropped image" not in rewritten
    assert "Photo: A" in rewritten and "Mid" in rewritten
    assert '<a href="https://site.example/more"' in rewritten  # links stay, nothing loads
    assert "site.example/kept.jpg" not in rewritten


def test_rewrite_images_refuses_executable_local_urls() -> None:
    html = '<p><img src="https://site.example/a.jpg"></p>'
    assert "<img" not in rewrite_images(html, lambda url: "javascript:alert(1)")
    assert "<img" not in rewrite_images(html, lambda url: "data:image/png;base64,AA")
    assert rewrite_images("", lambda url: "media:x") == ""


def test_threads_sanitising_at_once_each_resolve_against_their_own_base() -> None:
    # The nh3 cleaner is shared; the base URL its filter resolves against is per call.
    from concurrent.futures import ThreadPoolExecutor

    fragment = '<p><a href="story.html">more</a> <img src="pic.jpg" alt="x"></p>' * 20

    def clean(site: int) -> tuple[int, str]:
        return site, sanitize_html(fragment, f"https://site{site}.example/news/")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(clean, [n % 8 for n in range(400)]))
    for site, html in results:
        assert html.count(f'href="https://site{site}.example/news/story.html"') == 20
        assert html.count(f'src="https://site{site}.example/news/pic.jpg"') == 20
        assert "site" + str((site + 1) % 8) + ".example" not in html

"""Lazy-image resolution: the real image always wins over a placeholder."""

from __future__ import annotations

import lxml.html

from desktop_reader.core.extract.lazy_images import (
    best_srcset_candidate,
    is_placeholder,
    resolve_lazy_images,
)


def resolved(markup: str) -> list[str]:
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    resolve_lazy_images(root, "https://site.example/a/page.html")
    return [img.get("src") for img in root.iter("img")]


def test_srcset_choice() -> None:
    assert best_srcset_candidate("s.jpg 320w, m.jpg 800w, l.jpg 1400w, xl.jpg 2800w") == "l.jpg"
    assert best_srcset_candidate("a.jpg 1x, b.jpg 2x, c.jpg 3x") == "b.jpg"
    assert best_srcset_candidate("huge.jpg 4000w, bigger.jpg 5000w") == "huge.jpg"
    assert (
        best_srcset_candidate(
            "https://c.example/w_300,h_200/a.jpg 300w, https://c.example/w_900,h_600/a.jpg 900w"
        )
        == "https://c.example/w_900,h_600/a.jpg"
    )
    assert best_srcset_candidate("data:image/gif;base64,R0lG 1x") is None
    assert best_srcset_candidate("") is None


def test_placeholders_never_win() -> None:
    assert resolved('<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">') == [
        "https://site.example/real.jpg"
    ]
    assert resolved('<img src="/img/1x1.gif" data-lazy-src="real.jpg">') == [
        "https://site.example/a/real.jpg"
    ]
    assert resolved('<img src="/p/blank.gif" data-srcset="/s.jpg 400w, /l.jpg 1200w">') == [
        "https://site.example/l.jpg"
    ]
    assert resolved(
        '<span><img src="/spacer.gif"></span><noscript><img src="/n.jpg"></noscript>'
    ) == ["https://site.example/n.jpg"]
    assert resolved('<img src="data:image/png;base64,AAAA">') == []  # nothing real: gone
    assert is_placeholder("/lazy-placeholder.png") and not is_placeholder("/empty-deck.jpg")


def test_picture_sources() -> None:
    assert resolved(
        '<picture><source type="image/avif" srcset="/a.avif 900w">'
        '<source srcset="/a-600.webp 600w, /a-1200.webp 1200w" type="image/webp">'
        '<img src="/a-fallback.jpg"></picture>'
    ) == ["https://site.example/a-1200.webp"]

"""readable.py's stand-in for readability's whitespace normaliser must give what it gave:
the text readability scores, and so the body it picks, may not change."""

from __future__ import annotations

import itertools

import pytest

from desktop_reader.core.extract.readable import _clean, readability_clean, readable_article

PIECES = ["a", "word", " ", "  ", "\t", "\n", "\r\n", " \n ", "\u00a0", "\u2003", "\t \t"]


def test_clean_equals_readabilitys_on_every_mix_of_whitespace() -> None:
    for parts in itertools.product(PIECES, repeat=4):
        text = "".join(parts)
        assert _clean(text) == readability_clean(text), repr(text)


@pytest.mark.parametrize("run", [254, 255, 256, 600])
def test_clean_equals_readabilitys_on_long_whitespace_runs(run: int) -> None:
    for space in (" ", "\n", " \t\n"):
        text = "before" + space * run + "after " + "x" * 300
        assert _clean(text) == readability_clean(text)


def test_relative_links_stay_for_the_sanitiser_to_resolve() -> None:
    paragraph = "<p>" + "The harbour reopened on Monday after a long winter. " * 8 + "</p>"
    page = f"<html><body><article>{paragraph * 3}<a href='/more'>More</a></article></body></html>"
    html = readable_article(page).html
    assert "The harbour reopened" in html
    assert 'href="/more"' in html

"""Search results mark the words searched for: in the list's titles (painted) and in
the article opened from them; nothing is marked once the search ends."""

from __future__ import annotations

from PySide6.QtGui import QImage

from desktop_reader.ui.search_terms import MARK_BACKGROUND, SearchTerms
from tests.ui.conftest import add_feed_with_articles


def _marked_pixels(window) -> int:  # type: ignore[no-untyped-def]
    image = (
        window.article_list.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    )
    wanted = MARK_BACKGROUND.rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == wanted
    )


def test_terms_match_as_the_index_does() -> None:
    terms = SearchTerms.from_query("café harb")
    text = "Cafe owners near the Harbour and harbours; a cafeteria"
    assert [text[s:e] for s, e in terms.spans(text)] == ["Cafe", "Harbour", "harbours"]
    assert not SearchTerms.from_query("  ")


def test_search_words_are_marked_in_the_list_and_the_article(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(
        library,
        "Quay Bulletin",
        3,
        body="<p>The ferry left the harbour late. Harbourmasters met.</p>",
    )
    add_feed_with_articles(library, "Hill Herald", 2)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.show()
    qtbot.waitExposed(window)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    assert _marked_pixels(window) == 0  # not a search: nothing marked

    with qtbot.waitSignal(window.features.searcher.sig_found, timeout=3000):
        window.features.search_bar.field.setText("quay bull")
    assert window.article_model.rowCount() == 3
    assert _marked_pixels(window) > 50  # "Quay Bulletin" painted on a mark in each title

    window.article_list.select_row(0)
    qtbot.waitUntil(lambda: window.search_highlight.marked_words() != [], timeout=2000)
    marked = window.search_highlight.marked_words()
    assert "Quay" in marked and "Bulletin" in marked  # in the article's title line
    assert "ferry" not in marked and "harbour" not in marked

    with qtbot.waitSignal(window.features.searcher.sig_found, timeout=3000, raising=False):
        window.features.search_bar.field.setText("")
    qtbot.waitUntil(lambda: window.article_model.rowCount() == 5, timeout=3000)
    qtbot.waitUntil(lambda: window.search_highlight.marked_words() == [], timeout=2000)
    assert _marked_pixels(window) == 0

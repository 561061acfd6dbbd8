"""What the new-user walk-through (docs/walkthrough.md) found and fixed, each in a real
window: the dark theme reaching every pane, menus reachable by Alt, Return that
subscribes, search actions that apply, and panes that fit a 1024×700 window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolButton

from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.ui import library_actions
from desktop_reader.ui.dialogs.shortcuts_dialog import collect_shortcuts
from desktop_reader.ui.theme import apply_theme
from desktop_reader.ui.widgets.cited_article import CitedArticleView
from tests.httpserver import Response
from tests.ui.conftest import add_feed_with_articles, attach_image

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Bulletin</title>
<link>{base}/</link><description>Port news</description>
<item><title>Ferry timetable changes</title><link>{base}/a/1</link><guid>qb-1</guid>
<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description>New times.</description></item>
</channel></rss>"""


@pytest.fixture
def theme_restored() -> Iterator[None]:
    yield
    apply_theme("light")  # the application is shared by every test


def _pane_lightness(pane: QAbstractScrollArea) -> int:
    image = pane.viewport().grab().toImage()
    return image.pixelColor(image.width() - 4, image.height() - 4).lightness()


def test_dark_theme_reaches_the_feed_tree_lists_and_star(
    qtbot, make_window, library, theme_restored
) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Quay Bulletin", 3)
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    panes = [window.feed_tree, window.article_list, window.stories.list]
    star = window.findChild(QToolButton, "storyStar")
    assert all(_pane_lightness(p) > 200 for p in panes if p.isVisible())
    # Live switches, both ways: the panes' focus frames are style sheets, which Qt
    # would leave in the old colours (a white feed list in the dark theme).
    apply_theme("dark")
    assert all(p.palette().color(QPalette.ColorRole.Base).lightness() < 60 for p in panes)
    assert all(_pane_lightness(p) < 60 for p in panes if p.isVisible())
    assert star.palette().color(QPalette.ColorRole.ButtonText).lightness() > 180
    apply_theme("light")
    assert all(_pane_lightness(p) > 200 for p in panes if p.isVisible())
    assert star.palette().color(QPalette.ColorRole.ButtonText).lightness() < 80


def test_every_menu_has_its_own_alt_key(make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Quay Bulletin", 1)
    window = make_window()
    keys = []
    for action in window.menuBar().actions():
        text = action.text()
        assert "&" in text, text
        keys.append(text[text.index("&") + 1].lower())
    assert len(keys) == len(set(keys)), keys  # Alt+E opened Edit and Feed in turn


def test_search_actions_are_enabled_only_where_they_apply(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Quay Bulletin", 2)
    window = make_window()
    features = window.features
    assert not features.act_save_search.isEnabled()  # no words typed
    assert not features.act_remove_search.isEnabled()  # no saved search selected
    features.search_bar.field.setText("ferry")
    assert features.act_save_search.isEnabled()
    saved = features.save_search("ferry", False, name="Ferries")
    assert saved is not None
    assert features.act_remove_search.isEnabled()  # the new search is selected
    features.act_remove_search.trigger()
    assert window.feed_model.find(f"search:{saved}").isValid() is False
    assert not features.act_remove_search.isEnabled()
    features.search_bar.field.clear()
    assert not features.act_save_search.isEnabled()


def test_return_twice_in_the_address_finds_then_subscribes(qtbot, make_window, http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route(
        "/qb/feed.rss",
        Response(
            200, RSS.format(base=http_server.base).encode(), {"Content-Type": "application/rss+xml"}
        ),
    )
    window = make_window()
    dialog = library_actions.subscribe_dialog(window)
    qtbot.addWidget(dialog)
    dialog.address.setText(url)
    with qtbot.waitSignal(dialog.sig_lookup_done, timeout=10_000):
        qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    assert dialog.results.count() == 1
    with qtbot.waitSignals(
        [dialog.sig_subscribed, window.refresher.sig_pages_stored], timeout=15_000
    ):
        qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    assert [f.title for f in window.reader.feeds()] == ["Quay Bulletin"]
    # The feed was read once, by the lookup: Return did not look it up again.
    assert len(http_server.hits("/qb/feed.rss")) == 1
    window.runner.shutdown(3000)


def test_a_refresh_with_nothing_new_says_so_in_words(
    qtbot, make_window, library, http_server
) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route(
        "/qb/feed.rss",
        Response(
            200, RSS.format(base=http_server.base).encode(), {"Content-Type": "application/rss+xml"}
        ),
    )
    add_feed_with_articles(library, "Quay Bulletin", 0, url=url)
    window = make_window()
    for _ in range(2):
        with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=15_000):
            assert window.refresher.refresh()
    qtbot.waitUntil(lambda: "new article" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage().startswith("No new articles")
    window.runner.shutdown(3000)


def test_the_cited_article_says_whose_it_is_in_readable_text(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    view = CitedArticleView(library.media)
    qtbot.addWidget(view)
    assert view.where.isEnabled()  # a disabled label is drawn in the faint disabled grey


def test_the_keyboard_list_names_the_citation_keys(make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Quay Bulletin", 1)
    window = make_window()
    listed = {(e.group, e.name): e.keys for e in collect_shortcuts(window)}
    assert listed[("Other", "Open citation [n] (in a story)")] == "1 … 9"


def test_titles_keep_most_of_a_narrow_article_list(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Quay Bulletin", 5)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    view = window.article_list
    header = view.header()
    qtbot.waitUntil(lambda: view.viewport().width() < 400)
    title, outlet = header.sectionSize(0), header.sectionSize(1)
    # At 1024 px the title had a third of the list ("Novak say…"); now the larger part.
    assert title > view.viewport().width() // 2 and outlet < title
    # A width the user drags stays theirs when the window changes size.
    header.resizeSection(1, 140)
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: view.viewport().width() > 400)
    assert header.sectionSize(1) == 140


def test_a_long_article_with_a_wide_picture_needs_no_sideways_scroll(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    body = "".join(
        f"<p>Paragraph {i} of a long report on the harbour works.</p>" for i in range(80)
    )
    _feed, ids = add_feed_with_articles(library, "Quay Bulletin", 1, body=body)
    attach_image(library, ids[0], caption="The harbour", credit="Photo: Quay", width=1200)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.show()
    qtbot.waitExposed(window)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    view = window.article_view
    window.splitter.setSizes([240, 480, 330])  # a narrow reading pane, as at 1024 px
    window.article_list.select_row(0)
    qtbot.waitUntil(lambda: view.article is not None)
    qtbot.wait(50)
    assert view.verticalScrollBar().isVisible()
    assert not view.horizontalScrollBar().isVisible()


def test_the_story_page_shows_the_focus_after_back(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    load_demo(library)
    window = make_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    pane = window.stories.pane
    window.stories.list.select_row(0)
    page = pane.story_view
    ring = page.palette().color(QPalette.ColorRole.Highlight)

    def edge() -> QColor:
        image = page.grab().toImage()
        return image.pixelColor(0, image.height() // 2)

    assert edge() != ring  # the list has the focus: the page's frame is the quiet one
    page.open_citation_number(page.citation_links()[0].number)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page
    # Back put the focus on the story page: its frame says so, as the other panes' do.
    assert edge() == ring
    window.stories.list.setFocus()
    assert edge() != ring

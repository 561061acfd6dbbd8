"""What the reading pane says over a list, the Show Unread Only toggle, and unread counts
that stay visible beside long feed names — in a real window, refreshed from a real server."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem

from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.ui.empty_states import retry_url
from desktop_reader.ui.widgets.feed_tree_delegate import UnreadCountDelegate, fitted_text
from tests.httpserver import Response
from tests.ui.conftest import add_feed_with_articles

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Bulletin</title>
<link>{base}/qb/</link><description>Port news</description>
<item><title>Ferry timetable changes</title><link>{base}/qb/1</link><guid>qb-1</guid>
<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description>New times.</description></item>
<item><title>Harbour dredging starts</title><link>{base}/qb/2</link><guid>qb-2</guid>
<pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate><description>Boats rerouted.</description></item>
</channel></rss>"""


def _note(window) -> str:  # type: ignore[no-untyped-def]
    return window.article_view.toPlainText().strip()


def _refresh(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=20_000):
        assert window.refresher.refresh()


def test_a_failed_feed_shows_its_error_and_retry_then_its_articles(
    qtbot, make_window, library, http_server
) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/qb/feed.rss", Response(500, b"down for maintenance"))
    feed_id, _ = add_feed_with_articles(library, "Quay Bulletin", 0, url=url)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.show()
    window.select_feed(feed_id)
    assert _note(window) == "No articles here yet: they arrive with the first refresh."

    _refresh(qtbot, window)
    note = _note(window)
    assert "Quay Bulletin could not be updated" in note and "500" in note
    assert "Retry" in note
    assert retry_url(feed_id).toString() in window.article_view.toHtml()

    # The site is back; Retry (the link in the note) refreshes this feed alone.
    http_server.route(
        "/qb/feed.rss",
        Response(
            200, RSS.format(base=http_server.base).encode(), {"Content-Type": "application/rss+xml"}
        ),
    )
    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=20_000):
        window.article_view.anchorClicked.emit(retry_url(feed_id))  # what a click sends
    assert window.article_model.rowCount() == 2
    assert _note(window) == "2 articles"  # never "No articles here yet" over listed rows


def test_counts_say_one_article_not_one_articles(make_window, library) -> None:  # type: ignore[no-untyped-def]
    feed_id, _ = add_feed_with_articles(library, "Lone Gazette", 1)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.select_feed(feed_id)
    assert _note(window) == "1 article"


def test_starred_has_its_own_empty_text_after_top_headlines(make_window, library) -> None:  # type: ignore[no-untyped-def]
    load_demo(library)
    window = make_window()
    assert window.stories.active  # the window opens on Top Headlines
    window.feed_tree.setCurrentIndex(window.feed_model.find("starred"))
    assert not window.stories.active
    assert window.stories.list_stack.currentWidget() is window.article_list
    assert _note(window).startswith("Star articles (S) to keep them here")
    assert "Top Headlines" not in _note(window)
    # Starred ▸ Stories with one story: "1 story".
    story_id = window.reader.top_headlines(limit=1)[0].id
    window.stories.pane.set_story_starred(story_id, True)
    window.feed_tree.setCurrentIndex(window.feed_model.find("starred:stories"))
    assert window.stories.active
    notes = [
        label.text()
        for label in window.stories.pane.story_view.findChildren(QLabel)
        if label.isVisibleTo(window)
    ]
    assert "1 story" in notes


def test_show_unread_only_hides_read_articles_and_is_remembered(
    make_window, library, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    feed_id, ids = add_feed_with_articles(library, "Harbour Post", 5)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.select_feed(feed_id)
    for article_id in ids[:3]:
        window.set_read(article_id, True)
    action = window.unread_filter.action
    assert action in window.menus.menu("view").actions() and action.isCheckable()
    action.trigger()
    assert window.article_model.rowCount() == 2
    assert {window.article_model.article_row(r).id for r in range(2)} == set(ids[3:])
    assert _note(window) == "2 unread articles"
    assert settings.value("view/unread_only", type=bool) is True
    window.shutdown()

    again = make_window()  # a new session: still on
    again.stories.act_grouping.setChecked(False)
    assert again.unread_filter.on
    again.select_feed(feed_id)
    assert again.article_model.rowCount() == 2
    for article_id in ids[3:]:
        again.set_read(article_id, True)
    again.feed_tree.setCurrentIndex(again.feed_model.find("all"))  # away, and back
    again.select_feed(feed_id)
    assert again.article_model.rowCount() == 0
    assert _note(again).startswith("No unread articles here.")
    again.unread_filter.action.trigger()  # off: everything again
    assert again.article_model.rowCount() == 5


def test_unread_counts_stay_whole_beside_long_feed_names_at_1024x700(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    names = [
        "Meridian Wire — World and International Affairs Desk",
        "The Harbour Courier Evening Edition: Regional Politics",
        "Quay Bulletin",
    ]
    for n, name in enumerate(names):
        add_feed_with_articles(library, name, 12 + n, folder="News")
    window = make_window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    tree = window.feed_tree
    delegate = tree.itemDelegate()
    assert isinstance(delegate, UnreadCountDelegate)
    painted = []
    for feed_id in range(1, 4):
        index = window.feed_model.feed_index(feed_id)
        option = QStyleOptionViewItem()
        tree.initViewItemOption(option)
        option.rect = tree.visualRect(index)
        delegate.initStyleOption(option, index)  # what paint() draws
        unread = 12 + feed_id - 1
        assert option.text.endswith(f" ({unread})"), option.text
        assert option.fontMetrics.horizontalAdvance(option.text) <= delegate.text_width(option) + 1
        painted.append(option.text)
    assert painted[0].startswith("Meridian") and "…" in painted[0]  # the name gives way
    assert painted[2] == "Quay Bulletin (14)"  # a short name is left whole
    metrics = QFontMetrics(tree.font())
    assert fitted_text(metrics, "A very long feed name indeed", 7, 60).endswith(" (7)")
    tree.grab()  # paints every row through the delegate

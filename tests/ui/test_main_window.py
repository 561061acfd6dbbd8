"""The main window on a real library: panes, menus, reading, keys, refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_reader.core.storage import articles
from desktop_reader.ui import library_actions
from tests.httpserver import Response
from tests.ui.conftest import add_feed_with_articles, attach_image

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Courier</title>
<link>{base}/</link><description>x</description>
<item><title>Bridge reopens after repairs</title><link>{base}/a/1</link><guid>lc-1</guid>
<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
<description>The bridge is open.</description></item>
<item><title>Market day moves to Friday</title><link>{base}/a/2</link><guid>lc-2</guid>
<pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate><description>Friday it is.</description></item>
</channel></rss>"""


def test_window_opens_with_three_panes_and_menus(make_window, library):
    add_feed_with_articles(library, "World Wire", 3, folder="World")
    window = make_window()
    window.show()
    assert window.stack.currentWidget() is window.splitter
    assert window.splitter.count() == 3
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "Feed", "View", "Article", "Help"]
    assert window.act_refresh.shortcut().toString() == "F5"
    assert window.act_subscribe.shortcut().toString() == "Ctrl+N"
    assert [s.toString() for s in window.act_open.shortcuts()] == ["O", "Ctrl+Return"]
    shot = window.grab()
    assert not shot.isNull() and shot.width() >= 1000
    image = shot.toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)
    }
    assert len(colours) > 20  # text, icons, selection: a drawn window, not a blank one


def test_empty_library_shows_welcome(make_window):
    window = make_window()
    assert window.stack.currentWidget() is window.welcome


def test_selecting_marks_read_and_tree_count_drops(qtbot, make_window, library):
    feed_id, ids = add_feed_with_articles(library, "World Wire", 3, folder="World")
    attach_image(library, ids[0], caption="Crowds at the quay", credit="Photo: Desk")
    window = make_window()
    window.select_feed(feed_id)
    assert window.feed_model.feed_index(feed_id).data() == "World Wire (3)"
    with qtbot.waitSignal(window.sig_article_shown):
        window.article_list.select_row(0)
    assert "World Wire story 0" in window.article_view.toPlainText()
    assert "Crowds at the quay" in window.article_view.toPlainText()
    assert window.reader.article(ids[0]).read
    assert window.feed_model.feed_index(feed_id).data() == "World Wire (2)"
    assert window.feed_model.find("folder:World").data() == "World (2)"


def test_keyboard_next_previous_next_unread_toggle(qtbot, make_window, library):
    feed_id, ids = add_feed_with_articles(library, "World Wire", 5)
    conn = library.connect()
    articles.set_read(conn, ids[1:3])  # rows 1 and 2 already read
    conn.close()
    window = make_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts need it
    window.select_feed(feed_id)
    window.article_list.setFocus()
    window.article_list.select_row(0)
    current = window.article_list.current_id
    qtbot.keyClick(window.article_list, Qt.Key.Key_J)
    assert current() == ids[1]
    qtbot.keyClick(window.article_list, Qt.Key.Key_K)
    assert current() == ids[0]
    qtbot.keyClick(window.article_list, Qt.Key.Key_N)
    assert current() == ids[3]  # skipped the two read ones
    assert window.reader.article(ids[3]).read
    qtbot.keyClick(window.article_list, Qt.Key.Key_M)
    assert not window.reader.article(ids[3]).read
    qtbot.keyClick(window.article_list, Qt.Key.Key_S)
    assert window.reader.article(ids[3]).starred


def test_next_article_loads_more_rows_at_the_end_of_a_page(make_window, library):
    feed_id, ids = add_feed_with_articles(library, "Big Feed", 450)
    window = make_window()
    window.select_feed(feed_id)
    assert window.article_model.rowCount() == 200
    window.article_list.select_row(199)
    assert window.next_article()
    assert window.article_list.current_id() == ids[200]


def test_rename_move_unsubscribe(make_window, library):
    feed_id, _ = add_feed_with_articles(library, "World Wire", 2)
    window = make_window()
    window.select_feed(feed_id)
    library_actions.rename_feed(window, "Wire Service")
    library_actions.move_feed(window, "Agencies")
    assert window.feed_model.find("folder:Agencies").data() == "Agencies (2)"
    assert window.feed_model.feed_index(feed_id).data() == "Wire Service (2)"
    window.select_feed(feed_id)
    library_actions.unsubscribe(window, confirm=False)
    assert window.reader.feed(feed_id) is None
    assert window.stack.currentWidget() is window.welcome


def test_export_then_import_opml_round_trips(qtbot, make_window, library, tmp_path):
    add_feed_with_articles(library, "World Wire", 1, folder="World")
    window = make_window()
    path = tmp_path / "subs.opml"
    assert library_actions.export_opml(window, str(path))
    text = path.read_text()
    assert "World Wire" in text and "World" in text
    window.refresher.refresh = lambda *a, **k: False  # no network refresh in this test
    window.reader.unsubscribe(window.reader.feeds()[0].id)
    window.reload_feeds()
    library_actions.import_opml(window, str(path))
    qtbot.waitUntil(lambda: window.feed_model.has_feeds(), timeout=5000)
    assert window.feed_model.find("folder:World").isValid()


def test_subscribe_by_site_url_then_refresh_lists_articles(qtbot, make_window, http_server):
    http_server.route(
        "/ui/feed.rss",
        Response(
            200, RSS.format(base=http_server.base).encode(), {"Content-Type": "application/rss+xml"}
        ),
    )
    http_server.route(
        "/ui/",
        Response(
            200,
            (
                b'<html><head><link rel="alternate" type="application/rss+xml" title="Courier" '
                b'href="/ui/feed.rss"></head><body>Hi</body></html>'
            ),
            {"Content-Type": "text/html"},
        ),
    )
    window = make_window()
    dialog = library_actions.subscribe_dialog(window)
    qtbot.addWidget(dialog)
    dialog.address.setText(http_server.url("/ui/"))
    with qtbot.waitSignal(dialog.sig_lookup_done, timeout=10_000):
        dialog.look_up()
    assert dialog.results.count() == 1
    assert "Courier" in dialog.results.item(0).text()
    dialog.folder.setCurrentText("Local")
    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=15_000):
        dialog.subscribe_selected()
    assert window.stack.currentWidget() is window.splitter
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    titles = {
        window.article_model.index(r, 0).data() for r in range(window.article_model.rowCount())
    }
    assert titles == {"Bridge reopens after repairs", "Market day moves to Friday"}
    assert window.feed_model.find("folder:Local").data() == "Local (2)"
    # The page's link named the feed, so the lookup never read it: subscribing did, once.
    assert len(http_server.hits("/ui/feed.rss")) == 1
    window.runner.shutdown(3000)


def test_subscribing_stores_the_feed_its_lookup_read_without_fetching_it_again(
    qtbot, make_window, http_server
):
    feed_url = http_server.route(
        "/once/feed.rss",
        Response(
            200,
            RSS.format(base=http_server.base).encode(),
            {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
        ),
    )
    window = make_window()
    dialog = library_actions.subscribe_dialog(window)
    qtbot.addWidget(dialog)
    dialog.address.setText(feed_url)
    with qtbot.waitSignal(dialog.sig_lookup_done, timeout=10_000):
        dialog.look_up()
    assert "Lakeside Courier" in dialog.results.item(0).text()
    with qtbot.waitSignal(window.refresher.sig_pages_stored, timeout=15_000):
        dialog.subscribe_selected()
    # Preview and subscription together asked the server for the feed once.
    assert len(http_server.hits("/once/feed.rss")) == 1
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    titles = {
        window.article_model.index(r, 0).data() for r in range(window.article_model.rowCount())
    }
    assert titles == {"Bridge reopens after repairs", "Market day moves to Friday"}
    feed = window.reader.feeds()[0]
    assert (feed.title, feed.etag, feed.status.value) == ("Lakeside Courier", '"v1"', "ok")
    # The next refresh asks with the stored validator, as after any fetch.
    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=15_000):
        window.refresher.refresh([feed.id])
    hits = http_server.hits("/once/feed.rss")
    assert len(hits) == 2 and hits[1].headers.get("if-none-match") == '"v1"'
    window.runner.shutdown(3000)


def test_subscribe_dialog_shows_plain_error(qtbot, make_window, http_server):
    http_server.route(
        "/ui/none",
        Response(200, b"<html><body>No feeds</body></html>", {"Content-Type": "text/html"}),
    )
    window = make_window()
    dialog = library_actions.subscribe_dialog(window)
    qtbot.addWidget(dialog)
    dialog.address.setText(http_server.url("/ui/none"))
    with qtbot.waitSignal(dialog.sig_lookup_done, timeout=10_000):
        dialog.look_up()
    assert "No feed found" in dialog.message.text()
    assert not dialog.subscribe_button.isEnabled()


def test_opml_import_says_what_it_skipped_and_why(qtbot, make_window, tmp_path):
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    window.refresher.refresh = lambda *a, **k: False  # no network refresh in this test
    opml = Path(__file__).resolve().parents[1] / "data" / "opml" / "cloudatlas-bad-schemes.opml"
    library_actions.import_opml(window, str(opml))
    qtbot.waitUntil(lambda: window.feed_model.has_feeds(), timeout=5000)
    assert "Skipped 4" in window.statusBar().currentMessage()
    box = window.findChild(QMessageBox, "opml-import-report")
    assert box is not None and box.isVisible()
    assert "a javascript: address, not a web feed" in box.text()
    assert {f.url for f in window.reader.feeds()} == {
        "https://good.example/feed",
        "https://other.example/rss",
    }
    box.close()

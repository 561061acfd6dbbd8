"""Nothing is opened or marked read unless the reader chose it: opening the demo library
and cancelling a refresh leave every article as it was.

The cause was Qt's item views making their first row current when they gain the focus
with none (the welcome page or the Cancel button hiding hands the focus on), and our
lists open the current row; the demo also selected its first article itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_reader.ui.main_window import MainWindow
from tests.httpserver import Response
from tests.ui.conftest import add_feed_with_articles

ITEM = (
    "<item><title>{name} news {n}</title><link>{base}/{name}/{n}</link>"
    "<guid>{name}-{n}</guid><pubDate>Tue, 04 Mar 2025 0{n}:00:00 GMT</pubDate>"
    "<description>Story {n}.</description></item>"
)


def _rss(base: str, name: str, count: int) -> bytes:
    items = "".join(ITEM.format(name=name, base=base, n=n) for n in range(count))
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
        f"<link>{base}/{name}</link>{items}</channel></rss>"
    ).encode()


def _nothing_read(window: MainWindow) -> None:
    reader = window.reader
    total = reader.count_articles()
    assert total > 0
    assert reader.count_articles(unread_only=True) == total
    assert window.article_view.article is None
    assert window.stories.pane.detail is None
    assert window.article_list.current_id() is None


def test_cancelling_a_refresh_opens_and_marks_nothing(
    qtbot, make_window, library, http_server
) -> None:  # type: ignore[no-untyped-def]
    rss = {"Content-Type": "application/rss+xml"}
    fast = http_server.route("/fast.rss", Response(200, _rss(http_server.base, "fast", 3), rss))
    slow = http_server.route(
        "/slow.rss", Response(200, _rss(http_server.base, "slow", 3), rss, delay=3)
    )
    fast_id, _ = add_feed_with_articles(library, "Fast", 0, url=fast)
    add_feed_with_articles(library, "Slow", 0, url=slow)
    add_feed_with_articles(library, "Harbour Log", 4)
    window = make_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.feed_tree.setFocus()
    assert not window.stories.active  # All Articles lists articles; none is chosen
    with qtbot.waitSignal(
        window.refresher.sig_feed_stored,
        timeout=10_000,
        check_params_cb=lambda feed_id: feed_id == fast_id,
    ):
        window.refresher.refresh()
    # The reader clicks Cancel: the button takes the focus, then hides, handing it on.
    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=10_000):
        qtbot.mouseClick(window.refresh_status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    assert window.article_model.rowCount() == 7  # the fast feed's three arrived
    _nothing_read(window)
    # The list chooses once asked: J opens the first article.
    window.article_list.setFocus()
    qtbot.keyClick(window.article_list, Qt.Key.Key_J)
    assert window.article_view.article is not None
    assert window.reader.count_articles(unread_only=True) == 6


def test_opening_the_demo_library_opens_and_marks_nothing(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    button = window.welcome.demo_button
    assert button.isVisible()
    button.setFocus()
    with qtbot.waitSignal(window.changes.sig_applied, timeout=60_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "demo library" in window.statusBar().currentMessage())
    qtbot.wait(100)
    assert window.stack.currentWidget() is window.splitter
    assert window.stories.active and window.stories.model.rowCount() > 0  # Top Headlines
    assert window.stories.list.current_id() is None
    assert all(
        window.stories.model.story_row(r).unread for r in range(window.stories.model.rowCount())
    )
    _nothing_read(window)
    # Tab into the story list: focus alone still opens nothing.
    window.stories.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(50)
    assert window.stories.list.current_id() is None
    _nothing_read(window)
    # Down chooses: the first story opens.
    qtbot.keyClick(window.stories.list, Qt.Key.Key_Down)
    first = window.stories.model.story_row(0).id
    assert window.stories.list.current_id() == first
    assert window.stories.pane.story_id == first

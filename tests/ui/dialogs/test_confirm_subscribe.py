"""Opening a feed link or file in the running window: asked first, then subscribed and fetched.

The handover test uses two real processes: this one owns the window and the
single-instance guard, a real `desktop-reader feed:…` launch is the second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_reader.single_instance import SingleInstance
from desktop_reader.ui.dialogs.confirm_subscribe import SUBSCRIBE, ask_to_subscribe, follow_instance
from tests.httpserver import Response

RSS = """<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Quayside Bulletin</title><link>{base}/</link><description>x</description>
<atom:link rel="self" href="{base}/qb/feed.rss"/>
<item><title>Lighthouse repainted</title><link>{base}/qb/1</link><guid>qb-1</guid>
<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description>White again.</description></item>
<item><title>Harbour dredging starts</title><link>{base}/qb/2</link><guid>qb-2</guid>
<pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate><description>Boats rerouted.</description></item>
</channel></rss>"""


def serve_feed(http_server) -> str:  # type: ignore[no-untyped-def]
    http_server.route(
        "/qb/feed.rss",
        Response(
            200, RSS.format(base=http_server.base).encode(), {"Content-Type": "application/rss+xml"}
        ),
    )
    return http_server.url("/qb/feed.rss")


def open_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "confirm-subscribe" and w.isVisible()
    ]


def button(box: QMessageBox, text: str):  # type: ignore[no-untyped-def]
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def test_second_launch_hands_its_feed_link_to_the_running_window(
    qtbot, make_window, data_dir, http_server, tmp_path
):
    url = serve_feed(http_server)
    window = make_window()
    window.show()
    guard = SingleInstance(data_dir)
    assert guard.claim()
    follow_instance(window, guard)
    received: list[str] = []
    guard.sig_received.connect(received.append)

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    log = tmp_path / "second.log"
    with log.open("wb") as output:
        second = subprocess.Popen(
            [sys.executable, "-m", "desktop_reader", "--data-dir", str(data_dir), f"feed:{url}"],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        finally:
            if second.poll() is None:
                second.kill()
                second.wait()
    assert second.returncode == 0, log.read_text()
    assert time.monotonic() - started < 25
    assert received == [f"feed:{url}"]

    [box] = open_boxes()
    assert url in box.text()
    assert window.reader.feeds() == []  # nothing before the user says yes
    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=15_000):
        button(box, SUBSCRIBE).click()
    [feed] = window.reader.feeds()
    assert feed.url == url
    titles = {
        window.article_model.index(r, 0).data() for r in range(window.article_model.rowCount())
    }
    assert titles == {"Lighthouse repainted", "Harbour dredging starts"}
    guard.close()
    window.runner.shutdown(3000)


def test_opening_a_saved_feed_file_asks_with_its_title_and_cancel_adds_nothing(
    qtbot, make_window, http_server, tmp_path
):
    url = serve_feed(http_server)
    saved = tmp_path / "quayside-bulletin-selflink.rss"
    saved.write_text(RSS.format(base=http_server.base), encoding="utf-8")
    window = make_window()
    box = ask_to_subscribe(window, str(saved))
    assert "Quayside Bulletin" in box.text() and url in box.text()
    button(box, "Cancel").click()
    qtbot.waitUntil(lambda: not open_boxes())
    assert window.reader.feeds() == []

    box = ask_to_subscribe(window, saved.as_uri())
    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=15_000):
        button(box, SUBSCRIBE).click()
    assert [f.title for f in window.reader.feeds()] == ["Quayside Bulletin"]

    again = ask_to_subscribe(window, f"feed:{url}")  # already followed: said so, not re-added
    assert again.windowTitle().startswith("Already Subscribed")
    assert len(window.reader.feeds()) == 1
    window.runner.shutdown(3000)


def test_a_file_that_cannot_be_subscribed_explains_why(qtbot, make_window, tmp_path: Path):
    saved = tmp_path / "quayside-bulletin-noself.rss"
    saved.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Quayside</title>"
        "<link>https://quayside.example/</link><description>x</description>"
        "</channel></rss>",
        encoding="utf-8",
    )
    window = make_window()
    box = ask_to_subscribe(window, str(saved))
    assert box.icon() == QMessageBox.Icon.Warning
    assert "https://quayside.example/" in box.text()
    assert SUBSCRIBE not in [b.text() for b in box.buttons()]
    assert window.reader.feeds() == []

"""Refreshing from the window: each feed's row updates as soon as its own result is stored.

A real window and the real test HTTP server: one feed answers at once, one fails at
once, one takes two seconds. The quick ones show their new count or error while the
slow one still shows as updating.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_reader.core.models import FeedStatus
from desktop_reader.core.storage import feeds
from tests.httpserver import Response

SLOW_SECONDS = 2.0


def _rss(title: str, base: str, count: int) -> bytes:
    items = "".join(
        f"<item><title>{title} item {i}</title><link>{base}/{title.lower()}/{i}</link>"
        f"<guid>{title.lower()}-{i}</guid><pubDate>Mon, 03 Mar 2025 0{i}:00:00 GMT</pubDate>"
        f"<description>Item {i} of {title}.</description></item>"
        for i in range(count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{base}/</link><description>x</description>{items}</channel></rss>"
    ).encode()


def test_each_feed_stops_updating_when_its_own_result_is_stored(
    qtbot, make_window, library, http_server
) -> None:
    rss = {"Content-Type": "application/rss+xml"}
    http_server.route("/quick.rss", Response(200, _rss("Quickpost", http_server.base, 2), rss))
    http_server.route(
        "/slow.rss", Response(200, _rss("Slowtimes", http_server.base, 3), rss, delay=SLOW_SECONDS)
    )
    http_server.route("/broken.rss", Response(500, b"down for maintenance"))
    conn = library.connect()
    quick = feeds.add_feed(conn, http_server.url("/quick.rss"), title="Quickpost").id
    slow = feeds.add_feed(conn, http_server.url("/slow.rss"), title="Slowtimes").id
    broken = feeds.add_feed(
        conn, http_server.url("/broken.rss"), title="Brokenwire", folder="Local"
    ).id
    # A feed that answered 410 earlier is not fetched again, so it never shows as updating.
    gone = feeds.add_feed(conn, http_server.url("/gone.rss"), title="Closedpaper").id
    feeds.record_fetch(conn, gone, status=FeedStatus.GONE, message="Gone (410)")
    conn.close()
    window = make_window()
    model = window.feed_model

    def row(feed_id: int) -> tuple[str, str]:
        index = model.feed_index(feed_id)
        return (index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.ToolTipRole))

    assert window.refresher.refresh()
    # Every feed to be refreshed shows as updating from the start.
    assert all(model.is_updating(i) for i in (quick, slow, broken))
    assert all(row(i)[1].endswith("updating…") for i in (quick, slow, broken))
    assert not model.is_updating(gone) and "updating" not in row(gone)[1]

    qtbot.waitUntil(
        lambda: not model.is_updating(quick) and not model.is_updating(broken),
        timeout=SLOW_SECONDS * 1000,
    )
    # The quick feeds show their outcome while the slow one is still being fetched.
    assert row(quick) == ("Quickpost (2)", f"Quickpost\n{http_server.url('/quick.rss')}")
    assert "500" in row(broken)[1] and "updating" not in row(broken)[1]
    assert model.find("all").data() == "All Articles (2)"
    assert model.is_updating(slow) and row(slow) == ("Slowtimes", "Slowtimes: updating…")
    assert window.refresher.busy

    with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=15_000):
        pass
    assert not any(model.is_updating(i) for i in (quick, slow, broken))
    assert row(slow)[0] == "Slowtimes (3)" and row(quick)[0] == "Quickpost (2)"
    assert model.find("all").data() == "All Articles (5)"
    window.runner.shutdown(3000)


def test_after_a_refresh_only_the_first_top_headlines_are_described_ahead(
    qtbot, make_window, library, small_farm
) -> None:  # type: ignore[no-untyped-def]
    # A refresh groups stories and describes none (issue 12); then, in a task, the first
    # DESCRIBE_AHEAD Top Headlines are described so they open complete. The others wait
    # until someone opens them.
    from desktop_reader.core.pipeline import opml_io
    from desktop_reader.core.pipeline.stories import DESCRIBE_AHEAD

    conn = library.connect()
    opml_io.import_opml(conn, small_farm.get_bytes("/opml"))
    window = make_window()
    at_completion: list[tuple[int, int]] = []  # (stories, described) as the refresh ends
    window.refresher.sig_completed.connect(
        lambda _changes: at_completion.append(
            tuple(conn.execute("SELECT COUNT(*), COUNT(*) - SUM(dirty) FROM stories").fetchone())
        )
    )
    with qtbot.waitSignal(window.refresher.sig_pages_stored, timeout=90_000):
        assert window.refresher.refresh()
    assert len(at_completion) == 1 and at_completion[0][0] > 0
    assert at_completion[0][1] == 0  # the refresh itself described none
    assert window.runner.active("describe ahead")
    qtbot.waitUntil(lambda: not window.runner.active("describe ahead"), timeout=60_000)
    top = [row.id for row in window.reader.top_headlines(limit=DESCRIBE_AHEAD)]
    assert top and all(window.reader.story(i).described for i in top)
    described = {i for (i,) in conn.execute("SELECT id FROM stories WHERE dirty = 0")}
    assert described == set(top)  # and any others when they are opened
    conn.close()

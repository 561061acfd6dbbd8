"""Accounts in the window, against a real FreshRSS: File ▸ Add Account… (signing in off
the GUI thread, with progress and Stop), the account as its own top-level node with its
folders and feeds, Mark All Read as one server request, Remove Account… with
confirmation."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import sync_queue
from desktop_reader.core.sync.client import WRONG_PASSWORD
from desktop_reader.ui.models.feed_tree import ACCOUNT_ID_ROLE, KIND_ROLE, NodeKind
from tests.feedfarm import Farm
from tests.freshrss import API_PASSWORD, USER, FreshRSS
from tests.syncproxy import Proxy
from tests.ui.conftest import add_feed_with_articles

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def _sign_in(
    window,
    qtbot,
    server: FreshRSS | Proxy,
    password: str,
    *,  # type: ignore[no-untyped-def]
    dialog=None,
    wait: bool = True,
):
    dialog = dialog or window.accounts.add_account()
    dialog.url.setText(server.base if isinstance(server, FreshRSS) else server.url)
    dialog.user.setText(USER)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    if wait:
        qtbot.waitUntil(lambda: not dialog.signing_in, timeout=30_000)
    return dialog


def test_add_account_shows_it_with_folders_then_remove_it(
    qtbot,
    make_window,
    library: Library,
    freshrss: FreshRSS,  # type: ignore[no-untyped-def]
    sync_farm: Farm,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    freshrss.unsubscribe_all()
    freshrss.subscribe(sync_farm.url("/feeds/001.xml"), folder="World")
    freshrss.subscribe(sync_farm.url("/feeds/002.xml"), folder="Tech")
    local_id, _ = add_feed_with_articles(library, "Local Paper", 3)
    window = make_window()
    window.show()

    dialog = _sign_in(window, qtbot, freshrss, "wrong-password")
    assert dialog.isVisible() and dialog.error.text() == WRONG_PASSWORD
    _sign_in(window, qtbot, freshrss, API_PASSWORD, dialog=dialog)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not window.runner.active("sync"), timeout=60_000)

    model = window.feed_model
    account = model.find("account:1")
    assert account.isValid() and not account.parent().isValid()  # top level
    assert account.data(KIND_ROLE) == NodeKind.ACCOUNT
    folders = {
        model.index(r, 0, account).data().rsplit(" (", 1)[0] for r in range(model.rowCount(account))
    }
    assert folders == {"Tech", "World"}
    world = next(
        model.index(r, 0, account)
        for r in range(model.rowCount(account))
        if model.index(r, 0, account).data().startswith("World")
    )
    assert model.rowCount(world) == 1 and "(8)" in model.index(0, 0, world).data()
    assert model.feed_index(local_id).parent() == model.find("")  # local feed stays local
    window.stories.act_grouping.setChecked(False)  # articles, not stories, in the list
    window.feed_tree.setCurrentIndex(model.index(0, 0, world))
    assert window.feed_tree.currentIndex().data(ACCOUNT_ID_ROLE) == 1
    assert window.article_model.rowCount() == 8

    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    assert not window.accounts.remove_account()
    assert model.find("account:1").isValid()
    assert window.accounts.remove_account()
    assert not model.find("account:1").isValid()
    assert [f.id for f in window.reader.feeds()] == [local_id]
    assert window.article_model.rowCount() == 3  # All Articles: the local feed's


def test_signing_in_leaves_the_window_live_shows_progress_and_can_be_stopped(
    qtbot, make_window, freshrss: FreshRSS
) -> None:  # type: ignore[no-untyped-def]
    """The server holds the sign-in: the window keeps running, the dialog says it is
    signing in, Stop ends the wait and nothing is added, even once the server answers."""
    freshrss.unsubscribe_all()
    proxy = Proxy(freshrss.base)
    gate = threading.Event()
    proxy.on_request = lambda path: gate.wait(30) if "ClientLogin" in path else None
    try:
        window = make_window()
        window.show()
        ticks: list[float] = []
        timer = QTimer(window)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start(20)
        started = time.monotonic()
        dialog = _sign_in(window, qtbot, proxy, API_PASSWORD, wait=False)
        assert time.monotonic() - started < 1.0  # the click returned: the server waits
        assert dialog.signing_in and dialog.progress.isVisible()
        assert "Signing in" in dialog.error.text()
        assert not dialog.sign_in_button.isEnabled() and not dialog.password.isEnabled()
        qtbot.wait(300)
        assert len([t for t in ticks if t > started]) >= 5  # the event loop kept running
        assert dialog.cancel_button.text() == "Stop"
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and not dialog.signing_in
        assert "stopped" in dialog.error.text() and dialog.password.isEnabled()
        gate.set()  # the server lets the stopped sign-in through now
        qtbot.waitUntil(lambda: not window.runner.active("sign-in"), timeout=30_000)
        qtbot.wait(100)
        assert window.reader.accounts() == []  # stopped: nothing kept
        assert dialog.isVisible() and not window.runner.active("sync")

        _sign_in(window, qtbot, proxy, API_PASSWORD, dialog=dialog)  # again, unhindered
        assert not dialog.isVisible()
        assert [a.user for a in window.reader.accounts()] == [USER]
        qtbot.waitUntil(lambda: not window.runner.active("sync"), timeout=60_000)
    finally:
        gate.set()
        proxy.close()


def test_mark_all_read_on_an_account_feed_is_one_request_and_undo_reaches_the_server(
    qtbot,
    make_window,
    library: Library,
    freshrss: FreshRSS,  # type: ignore[no-untyped-def]
    sync_farm: Farm,
) -> None:
    freshrss.unsubscribe_all()
    freshrss.subscribe(sync_farm.url("/feeds/003.xml"), folder="World")
    window = make_window()
    window.show()
    dialog = _sign_in(window, qtbot, freshrss, API_PASSWORD)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not window.runner.active("sync"), timeout=60_000)
    stream = freshrss.subscriptions()[0]["id"]
    items = freshrss.ids(stream)
    assert len(items) == 8 and items <= freshrss.unread()
    window.stories.act_grouping.setChecked(False)
    (feed_id,) = window.reader.account_of_feeds()
    window.feed_tree.setCurrentIndex(window.feed_model.feed_index(feed_id))
    assert window.article_model.rowCount() == 8

    conn = library.connect()
    try:
        # Marked and undone before a sync: the server hears of both, in that order.
        window.act_mark_all.trigger()
        queued = sync_queue.queued_changes(conn, 1)
        assert [(c.op, c.stream_id) for c in queued] == [("mark_all", stream)]  # not 8
        window.undo.act_undo.trigger()
        _sync(qtbot, window)
        assert items <= freshrss.unread()
        assert window.reader.count_articles(unread_only=True) == 8
        assert sync_queue.queue_length(conn, 1) == 0

        window.act_mark_all.trigger()
        assert len(sync_queue.queued_changes(conn, 1)) == 1
        _sync(qtbot, window)
        assert not items & freshrss.unread()  # all read on the server
        assert window.reader.count_articles(unread_only=True) == 0
        assert sync_queue.queue_length(conn, 1) == 0
    finally:
        conn.close()


def _sync(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.accounts.sync()
    qtbot.waitUntil(lambda: not window.runner.active("sync"), timeout=60_000)

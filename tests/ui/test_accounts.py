"""Accounts in the window, against a real FreshRSS: File ▸ Add Account…, the account as its
own top-level node with its folders and feeds, Remove Account… with confirmation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.sync.client import WRONG_PASSWORD
from desktop_reader.ui.models.feed_tree import ACCOUNT_ID_ROLE, KIND_ROLE, NodeKind
from tests.feedfarm import Farm
from tests.freshrss import API_PASSWORD, USER, FreshRSS
from tests.ui.conftest import add_feed_with_articles

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def _sign_in(window, qtbot, server: FreshRSS, password: str):  # type: ignore[no-untyped-def]
    dialog = window.accounts.add_account()
    dialog.url.setText(server.base)
    dialog.user.setText(USER)
    dialog.password.setText(password)
    dialog._sign_in()
    return dialog


def test_add_account_shows_it_with_folders_then_remove_it(
        qtbot, make_window, library: Library, freshrss: FreshRSS,  # type: ignore[no-untyped-def]
        sync_farm: Farm, monkeypatch: pytest.MonkeyPatch) -> None:
    freshrss.unsubscribe_all()
    freshrss.subscribe(sync_farm.url("/feeds/001.xml"), folder="World")
    freshrss.subscribe(sync_farm.url("/feeds/002.xml"), folder="Tech")
    local_id, _ = add_feed_with_articles(library, "Local Paper", 3)
    window = make_window()
    window.show()

    dialog = _sign_in(window, qtbot, freshrss, "wrong-password")
    assert dialog.isVisible() and dialog.error.text() == WRONG_PASSWORD
    dialog.password.setText(API_PASSWORD)
    dialog._sign_in()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not window.runner.active("sync"), timeout=60_000)

    model = window.feed_model
    account = model.find("account:1")
    assert account.isValid() and not account.parent().isValid()  # top level
    assert account.data(KIND_ROLE) == NodeKind.ACCOUNT
    folders = {model.index(r, 0, account).data().rsplit(" (", 1)[0]
               for r in range(model.rowCount(account))}
    assert folders == {"Tech", "World"}
    world = next(model.index(r, 0, account) for r in range(model.rowCount(account))
                 if model.index(r, 0, account).data().startswith("World"))
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

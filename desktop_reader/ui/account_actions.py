"""Sync accounts in the window: File ▸ Add Account…, Remove Account…, View ▸ Sync Accounts.

The work is the Reader's (core/sync behind it); this wires it to menus, a confirmation
and a background task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop_reader.core.changes import Changes
from desktop_reader.core.values import Account, SyncSummary
from desktop_reader.ui.dialogs.account_dialog import AccountDialog
from desktop_reader.ui.models.feed_tree import ACCOUNT_ID_ROLE
from desktop_reader.ui.tasks import TaskContext, user_message

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow


class AccountActions:
    def __init__(self, window: ReaderWindow, file_menu: QMenu, view_menu: QMenu) -> None:
        self.window = window
        self.act_add = QAction("Add &Account…", window)
        self.act_add.triggered.connect(lambda _c=False: self.add_account())
        self.act_remove = QAction("Remove Acco&unt…", window)
        self.act_remove.triggered.connect(lambda _c=False: self.remove_account())
        self.act_sync = QAction("S&ync Accounts", window)
        self.act_sync.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.act_sync.triggered.connect(lambda _c=False: self.sync())
        # After Subscribe… and the OPML actions, before the demo library.
        anchor = next((a for a in file_menu.actions() if a.isSeparator()), None)
        if anchor is None:
            file_menu.addActions([self.act_add, self.act_remove])
        else:
            file_menu.insertActions(anchor, [self.act_add, self.act_remove])
        view_menu.addAction(self.act_sync)
        window.addAction(self.act_sync)
        window.feed_tree.selectionModel().currentChanged.connect(lambda *_: self._update_enabled())
        self._update_enabled()

    def selected_account(self) -> int | None:
        value = self.window.feed_tree.currentIndex().data(ACCOUNT_ID_ROLE)
        return int(value) if value is not None else None

    def _update_enabled(self) -> None:
        self.act_remove.setEnabled(self.selected_account() is not None)
        self.act_sync.setEnabled(bool(self.window.reader.accounts()))

    def add_account(self) -> AccountDialog:
        def login(ctx: TaskContext, url: str, user: str, password: str) -> object:
            return ctx.reader.add_account(url, user, password, cancel=ctx.cancel)

        dialog = AccountDialog(self.window.runner, login, self.window)
        dialog.accepted.connect(lambda: self._added(dialog))
        dialog.open()
        return dialog

    def _added(self, dialog: AccountDialog) -> None:
        added = dialog.result_value  # what Reader.add_account returned
        if not isinstance(added, tuple):
            return
        account, changes = added
        self.window.changes.apply(changes)
        if isinstance(account, Account):
            self.window.feed_tree.setCurrentIndex(
                self.window.feed_model.find(f"account:{account.id}")
            )
        self._update_enabled()
        self.sync()

    def remove_account(self, *, confirm: bool = True) -> bool:
        account_id = self.selected_account()
        account = self.window.reader.account(account_id) if account_id else None
        if account is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self.window,
                "Remove Account",
                f"Remove “{account.name}” from this computer?\n\nIts feeds and their stored "
                "articles are removed here (articles local feeds also list are kept). "
                "Nothing changes on the server.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.window.changes.apply(self.window.reader.remove_account(account.id))
        self.window.feed_tree.setCurrentIndex(self.window.feed_model.find("all"))
        self._update_enabled()
        return True

    def sync(self) -> bool:
        if self.window.runner.active("sync"):
            return False

        fetcher = self.window.refresher.fetcher

        def work(ctx: TaskContext) -> tuple[list[SyncSummary], Changes]:
            return ctx.reader.sync_accounts(fetcher, progress=ctx.progress, cancel=ctx.cancel)

        self.window.statusBar().showMessage("Syncing accounts…")
        self.window.runner.start("sync", work, on_finished=self._synced, on_failed=self._failed)
        return True

    def _synced(self, result: tuple[list[SyncSummary], Changes]) -> None:
        if self.window.closed:
            return
        summaries, changes = result
        self.window.changes.apply(changes)
        names = {a.id: a.name for a in self.window.reader.accounts()}
        text = "; ".join(f"{names.get(s.account_id, '?')}: {s.message}" for s in summaries)
        self.window.statusBar().showMessage(text or "No accounts to sync", 15_000)

    def _failed(self, error: BaseException) -> None:
        if not self.window.closed:
            self.window.reload_feeds()
            self.window.statusBar().showMessage(user_message(error), 15_000)


def install(window: ReaderWindow, file_menu: QMenu, view_menu: QMenu) -> AccountActions:
    return AccountActions(window, file_menu, view_menu)

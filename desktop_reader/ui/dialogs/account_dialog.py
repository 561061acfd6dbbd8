"""File ▸ Add Account…: a Google Reader API server (FreshRSS, …) or a known service.

Signing in waits for the server, so it runs in a task: the window stays live, the dialog
shows that it is working and Cancel stops waiting (an account the server let in after
the cancel is not kept)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.ui.tasks import Task, TaskContext, TaskRunner, user_message

#: What signing in runs in its task: (context, server address, user, password) -> result.
Login = Callable[[TaskContext, str, str, str], object]

#: (label, fixed server address or "" for one the user types, hint under the fields)
SERVICES = (
    (
        "FreshRSS / Google Reader API",
        "",
        "Your server's address. FreshRSS: use the API password set in your profile.",
    ),
    ("Miniflux", "", "Your Miniflux address; enable the Google Reader API in its settings."),
    ("The Old Reader", "https://theoldreader.com", ""),
    ("BazQux Reader", "https://bazqux.com", ""),
)


class AccountDialog(QDialog):
    """Asks for a service, address, user and password; Sign In runs `login` in a task.
    Its result lands in `result_value` and the dialog is accepted; a failure is shown in
    the dialog, which stays open to correct it."""

    def __init__(self, runner: TaskRunner, login: Login, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Account")
        self._runner, self._login = runner, login
        self._task: Task[Any] | None = None  # the sign-in under way, if any
        self.service = QComboBox()
        self.service.setAccessibleName("Service")
        self.service.addItems([label for label, _, _ in SERVICES])
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://rss.example.org")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight); font-weight: bold")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the server says nothing of how long it takes
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Signing in")
        self.progress.hide()
        form = QFormLayout()
        form.addRow("Service:", self.service)
        form.addRow("Server:", self.url)
        form.addRow("User name:", self.user)
        form.addRow("Password:", self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText("Sign In")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(
            QLabel(
                "The password is used to sign in and is not kept; the "
                "server's token is kept in the system keyring."
            )
        )
        layout.addWidget(self.buttons)
        self.service.currentIndexChanged.connect(self._service_changed)
        self._service_changed(0)
        self.result_value: object = None

    def _service_changed(self, index: int) -> None:
        _, fixed, hint = SERVICES[index]
        self.url.setText(fixed)
        self.url.setEnabled(not fixed)
        self.hint.setText(hint)

    @property
    def signing_in(self) -> bool:
        return self._task is not None

    def _sign_in(self) -> None:
        if self._task is not None:
            return
        url, user, password = (
            self.url.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )
        if not url or not user or not password:
            self.error.setText("The server, user name and password are all needed.")
            return
        self.error.setText(f"Signing in to {url}…")
        self._set_busy(True)
        login = self._login
        task = self._runner.start(
            "sign-in",
            lambda ctx: login(ctx, url, user, password),
            on_finished=lambda result: self._signed_in(task, result),
            on_failed=lambda exc: self._failed(task, exc),
        )
        self._task = task

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for field in (self.service, self.user, self.password):
            field.setEnabled(not busy)
        self.url.setEnabled(not busy and not SERVICES[self.service.currentIndex()][1])
        self.sign_in_button.setEnabled(not busy)
        self.cancel_button.setText("Stop" if busy else "Cancel")

    def _signed_in(self, task: Task[Any], result: object) -> None:
        if task is not self._task:
            return  # cancelled meanwhile: its account was not kept (the task checks)
        self._task = None
        self._set_busy(False)
        self.result_value = result
        self.password.clear()
        self.accept()

    def _failed(self, task: Task[Any], error: BaseException) -> None:
        if task is not self._task:
            return
        self._task = None
        self._set_busy(False)
        self.error.setText(user_message(error))
        self.password.setFocus()

    def reject(self) -> None:
        """Cancel (Stop) while signing in stops waiting and keeps the dialog to try
        again; otherwise it closes the dialog."""
        if self._task is not None:
            task, self._task = self._task, None
            task.cancel()
            self._set_busy(False)
            self.error.setText("Sign-in stopped; nothing was added.")
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._task is not None:  # the title bar's close: stop waiting and close
            self._task.cancel()
            self._task = None
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self._task is not None:  # closed by other means while signing in
            self._task.cancel()
            self._task = None
        super().done(result)

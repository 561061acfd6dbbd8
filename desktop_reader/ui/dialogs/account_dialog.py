"""File ▸ Add Account…: a Google Reader API server (FreshRSS, …) or a known service."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

#: (label, fixed server address or "" for one the user types, hint under the fields)
SERVICES = (
    ("FreshRSS / Google Reader API", "",
     "Your server's address. FreshRSS: use the API password set in your profile."),
    ("Miniflux", "", "Your Miniflux address; enable the Google Reader API in its settings."),
    ("The Old Reader", "https://theoldreader.com", ""),
    ("BazQux Reader", "https://bazqux.com", ""),
)


class AccountDialog(QDialog):
    """Asks for a service, address, user and password; `login` is called on OK and either
    returns (the dialog closes) or raises, and the message shows in the dialog."""

    def __init__(self, login: Callable[[str, str, str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Account")
        self._login = login
        self.service = QComboBox()
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
        form = QFormLayout()
        form.addRow("Service:", self.service)
        form.addRow("Server:", self.url)
        form.addRow("User name:", self.user)
        form.addRow("Password:", self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign In")
        self.buttons.accepted.connect(self._sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(QLabel("The password is used to sign in and is not kept; the "
                                "server's token is kept in the system keyring."))
        layout.addWidget(self.buttons)
        self.service.currentIndexChanged.connect(self._service_changed)
        self._service_changed(0)
        self.result_value: object = None

    def _service_changed(self, index: int) -> None:
        _, fixed, hint = SERVICES[index]
        self.url.setText(fixed)
        self.url.setEnabled(not fixed)
        self.hint.setText(hint)

    def _sign_in(self) -> None:
        url, user = self.url.text().strip(), self.user.text().strip()
        if not url or not user or not self.password.text():
            self.error.setText("The server, user name and password are all needed.")
            return
        self.error.setText("Signing in…")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_value = self._login(url, user, self.password.text())
        except Exception as exc:  # noqa: BLE001 - every failure is shown, the dialog stays
            self.error.setText(str(exc) or type(exc).__name__)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        self.accept()

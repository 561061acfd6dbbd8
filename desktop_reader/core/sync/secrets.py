"""Where an account's login token lives: never in the database, settings or logs.

The password is used once, to log in (ClientLogin), and forgotten; what is kept is the
token the server gave. It goes to the system keyring through `keyring` (Secret Service,
KWallet, macOS Keychain, Windows Credential Locker). Where no keyring is available (CI,
a bare machine) it goes to `tokens/ACCOUNT` in the data directory, a file readable and
writable only by the user (0600, in a 0700 folder).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import keyring
import keyring.errors

SERVICE = "Desktop Reader sync"


def _keyring_usable() -> bool:
    backend = keyring.get_keyring()
    # keyring's "fail" and "null" backends have no priority: nothing would be stored.
    return float(getattr(backend, "priority", 0) or 0) > 0


def _token_file(root: Path, key: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-._@" else "_" for c in key)
    return root / "tokens" / safe


def save_token(root: Path, key: str, token: str) -> str:
    """Store the token; returns where it went: "keyring" or "file"."""
    if _keyring_usable():
        try:
            keyring.set_password(SERVICE, key, token)
            return "keyring"
        except keyring.errors.KeyringError:
            pass  # a locked or broken keyring: the private file instead
    path = _token_file(root, key)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token)
    os.chmod(path, 0o600)
    return "file"


def load_token(root: Path, key: str) -> str | None:
    if _keyring_usable():
        try:
            token = keyring.get_password(SERVICE, key)
            if token:
                return token
        except keyring.errors.KeyringError:
            pass
    path = _token_file(root, key)
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def delete_token(root: Path, key: str) -> None:
    if _keyring_usable():
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(SERVICE, key)
    _token_file(root, key).unlink(missing_ok=True)

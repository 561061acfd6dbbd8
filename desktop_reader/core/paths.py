"""Where the library lives. The only module that imports appdirs."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

from desktop_reader import APP_ID

#: Overrides the data directory (tests, portable installs).
DATA_DIR_ENV = "DESKTOP_READER_DATA"


def data_dir() -> Path:
    """The user's data directory, created on first use."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(appdirs.user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / "library.sqlite3"


def media_dir(root: Path | None = None) -> Path:
    path = (root or data_dir()) / "media"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """Bundled resources: the wheel's copy if installed, else the source tree's `resources/`."""
    packaged = Path(__file__).resolve().parent.parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "resources"

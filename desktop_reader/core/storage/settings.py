"""Typed settings over the `settings` table, with per-feed overrides.

Values are stored as text. A per-feed value lives under `feed/<id>/<key>` and wins
over the global one, which wins over the declared default. A value that does not
parse (a hand-edited database) reads as the default rather than failing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Generic, TypeVar

from desktop_reader.core.errors import StorageError

T = TypeVar("T", int, bool, str)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Setting(Generic[T]):
    """A declared setting: its key, its default (which fixes its type), per-feed or not."""

    key: str
    default: T
    per_feed: bool = False
    minimum: int | None = None  # for ints: smallest value accepted
    choices: tuple[str, ...] = ()  # for strings: the values accepted, if limited


REFRESH_MINUTES = Setting("refresh.minutes", 30, per_feed=True, minimum=0)  # 0: manual only
# Download each article's page and its images for offline reading.
FETCH_FULL = Setting("fetch.full", True, per_feed=True)
KEEP_DAYS = Setting("retention.days", 0, per_feed=True, minimum=0)  # 0: no age limit
KEEP_ARTICLES = Setting("retention.articles", 0, per_feed=True, minimum=0)  # 0: no count limit
# Seconds one feed's fetch may take in all (connect, redirects, body): a hanging host
# must not hold a refresh.
FEED_DEADLINE = Setting("refresh.feed_deadline", 30, minimum=1)
THEME = Setting("ui.theme", "system", choices=("system", "light", "dark"))
NOTIFY_OUTLETS = Setting("notify.outlets", 3, minimum=0)  # 0: no notifications
# What opening a story marks read: the story alone (its articles as each is shown), or
# the story and every article in it.
STORY_OPEN_MARKS = Setting("reading.story_open_marks", "story", choices=("story", "articles"))


def _feed_key(key: str, feed_id: int) -> str:
    return f"feed/{feed_id}/{key}"


def _raw(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _lookup(conn: sqlite3.Connection, key: str, feed_id: int | None) -> list[str]:
    """Stored values from the most to the least specific."""
    found = []
    if feed_id is not None:
        value = _raw(conn, _feed_key(key, feed_id))
        if value is not None:
            found.append(value)
    value = _raw(conn, key)
    if value is not None:
        found.append(value)
    return found


def _parse_int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _parse_bool(text: str) -> bool | None:
    lowered = text.strip().lower()
    return True if lowered in _TRUE else False if lowered in _FALSE else None


def get_int(conn: sqlite3.Connection, key: str, default: int, *, feed_id: int | None = None) -> int:
    for text in _lookup(conn, key, feed_id):
        value = _parse_int(text)
        if value is not None:
            return value
    return default


def get_bool(
    conn: sqlite3.Connection, key: str, default: bool, *, feed_id: int | None = None
) -> bool:
    for text in _lookup(conn, key, feed_id):
        value = _parse_bool(text)
        if value is not None:
            return value
    return default


def get_str(conn: sqlite3.Connection, key: str, default: str, *, feed_id: int | None = None) -> str:
    found = _lookup(conn, key, feed_id)
    return found[0] if found else default


def read(conn: sqlite3.Connection, setting: Setting[T], feed_id: int | None = None) -> T:
    """A declared setting's value (the feed's own if it has one)."""
    feed = feed_id if setting.per_feed else None
    default = setting.default
    if isinstance(default, bool):
        return get_bool(conn, setting.key, default, feed_id=feed)
    if isinstance(default, int):
        value = get_int(conn, setting.key, default, feed_id=feed)
        if setting.minimum is not None and value < setting.minimum:
            return default
        return value
    text = get_str(conn, setting.key, default, feed_id=feed)
    return text if not setting.choices or text in setting.choices else default


def write(
    conn: sqlite3.Connection, setting: Setting[T], value: T, feed_id: int | None = None
) -> None:
    """Store a declared setting, checking its type and range; StorageError if wrong."""
    if feed_id is not None and not setting.per_feed:
        raise StorageError(f"“{setting.key}” cannot be set per feed.")
    if type(value) is not type(setting.default):
        raise StorageError(
            f"“{setting.key}” needs a {type(setting.default).__name__} value, not {value!r}."
        )
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (setting.minimum is not None and value < setting.minimum)
    ):
        raise StorageError(f"“{setting.key}” cannot be less than {setting.minimum}.")
    if isinstance(value, str) and setting.choices and value not in setting.choices:
        raise StorageError(f"“{setting.key}” must be one of {', '.join(setting.choices)}.")
    set_value(conn, setting.key, value, feed_id=feed_id)


def set_value(
    conn: sqlite3.Connection, key: str, value: int | bool | str, *, feed_id: int | None = None
) -> None:
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    full = key if feed_id is None else _feed_key(key, feed_id)
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (full, text),
    )


def clear(conn: sqlite3.Connection, key: str, *, feed_id: int | None = None) -> None:
    """Forget a value: a feed then follows the global one, the global one its default."""
    full = key if feed_id is None else _feed_key(key, feed_id)
    conn.execute("DELETE FROM settings WHERE key = ?", (full,))


def has_override(conn: sqlite3.Connection, key: str, feed_id: int) -> bool:
    return _raw(conn, _feed_key(key, feed_id)) is not None


def feed_overrides(conn: sqlite3.Connection, key: str) -> dict[int, str]:
    """Every feed's own value of a key, as stored text, by feed id."""
    found: dict[int, str] = {}
    for full, value in conn.execute("SELECT key, value FROM settings WHERE key LIKE 'feed/%'"):
        _, feed_id, rest = full.split("/", 2)
        if rest == key and feed_id.isdigit():
            found[int(feed_id)] = value
    return found

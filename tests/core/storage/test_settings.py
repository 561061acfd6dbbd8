"""Typed settings: defaults, per-feed overrides, validation, bad stored values."""

from __future__ import annotations

import pytest

from desktop_reader.core.errors import StorageError
from desktop_reader.core.storage import feeds, settings


def test_defaults_then_global_then_feed_override(conn) -> None:  # type: ignore[no-untyped-def]
    a = feeds.add_feed(conn, "https://a.test/feed")
    b = feeds.add_feed(conn, "https://b.test/feed")
    assert settings.read(conn, settings.REFRESH_MINUTES, a.id) == 30
    settings.write(conn, settings.REFRESH_MINUTES, 60)
    settings.write(conn, settings.REFRESH_MINUTES, 5, feed_id=a.id)
    assert settings.read(conn, settings.REFRESH_MINUTES, a.id) == 5
    assert settings.read(conn, settings.REFRESH_MINUTES, b.id) == 60
    assert settings.read(conn, settings.REFRESH_MINUTES) == 60
    assert settings.feed_overrides(conn, settings.REFRESH_MINUTES.key) == {a.id: "5"}
    settings.clear(conn, settings.REFRESH_MINUTES.key, feed_id=a.id)
    assert settings.read(conn, settings.REFRESH_MINUTES, a.id) == 60
    assert not settings.has_override(conn, settings.REFRESH_MINUTES.key, a.id)


def test_typed_getters_round_trip(conn) -> None:  # type: ignore[no-untyped-def]
    settings.set_value(conn, "x.flag", False)
    settings.set_value(conn, "x.count", 12)
    settings.set_value(conn, "x.name", "dark")
    assert settings.get_bool(conn, "x.flag", True) is False
    assert settings.get_int(conn, "x.count", 0) == 12
    assert settings.get_str(conn, "x.name", "") == "dark"
    assert settings.get_int(conn, "x.missing", 7) == 7


def test_write_refuses_wrong_types_and_values(conn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageError, match="int"):
        settings.write(conn, settings.KEEP_DAYS, "ten")  # type: ignore[arg-type]
    with pytest.raises(StorageError, match="less than 0"):
        settings.write(conn, settings.KEEP_DAYS, -1)
    with pytest.raises(StorageError, match="one of system, light, dark"):
        settings.write(conn, settings.THEME, "purple")
    with pytest.raises(StorageError, match="per feed"):
        settings.write(conn, settings.THEME, "dark", feed_id=1)
    assert settings.read(conn, settings.KEEP_DAYS) == 0


def test_hand_edited_garbage_reads_as_the_default(conn) -> None:  # type: ignore[no-untyped-def]
    conn.execute("INSERT INTO settings VALUES ('refresh.minutes', 'soon')")
    conn.execute("INSERT INTO settings VALUES ('ui.theme', 'neon')")
    conn.execute("INSERT INTO settings VALUES ('fetch.full', 'maybe')")
    assert settings.read(conn, settings.REFRESH_MINUTES) == 30
    assert settings.read(conn, settings.THEME) == "system"
    assert settings.read(conn, settings.FETCH_FULL) is True

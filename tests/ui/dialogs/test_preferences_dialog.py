"""Preferences: values round-trip through the library's settings; theme and sizes shown."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import settings
from desktop_reader.ui.dialogs.preferences_dialog import (
    CALCULATING,
    GLOBAL,
    PreferencesDialog,
    size_text,
)
from desktop_reader.ui.theme import apply_theme, is_dark
from tests.ui.conftest import add_feed_with_articles, attach_image, png_bytes


def test_round_trip_global_and_per_feed(qtbot, library: Library) -> None:
    a, ids = add_feed_with_articles(library, "Tide Watch", 2)
    b, _ = add_feed_with_articles(library, "Hill Herald", 1)
    attach_image(library, ids[0], caption="Pier", credit="Photo: Test")
    conn = library.connect()
    reader = Reader(library)
    dialog = PreferencesDialog(reader, feed_id=a)
    qtbot.addWidget(dialog)
    assert dialog.refresh_minutes.value() == 30 and dialog.feed.currentData() == a
    qtbot.waitUntil(lambda: dialog.database_size.text().endswith("KB"), timeout=3000)
    assert dialog.cache_size.text().endswith("in 1 files")

    dialog.refresh_minutes.setValue(45)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.notify_outlets.setValue(4)
    dialog.keep_days.setValue(60)
    dialog.feed_refresh.setValue(10)  # Tide Watch: every 10 minutes, no full articles
    dialog.feed_fetch.setCurrentIndex(dialog.feed_fetch.findData(0))
    dialog.feed.setCurrentIndex(dialog.feed.findData(b))  # switch feeds: edits are kept
    dialog.feed_articles.setValue(50)
    dialog.accept()

    assert settings.read(conn, settings.REFRESH_MINUTES) == 45
    assert settings.read(conn, settings.REFRESH_MINUTES, a) == 10
    assert settings.read(conn, settings.REFRESH_MINUTES, b) == 45
    assert settings.read(conn, settings.FETCH_FULL, a) is False
    assert settings.read(conn, settings.FETCH_FULL, b) is True
    assert settings.read(conn, settings.KEEP_ARTICLES, b) == 50
    assert settings.read(conn, settings.KEEP_DAYS, b) == 60
    assert (settings.read(conn, settings.THEME), settings.read(conn, settings.NOTIFY_OUTLETS)) == (
        "dark",
        4,
    )

    again = PreferencesDialog(reader, feed_id=a)
    qtbot.addWidget(again)
    assert (
        again.refresh_minutes.value(),
        again.theme.currentData(),
        again.notify_outlets.value(),
        again.keep_days.value(),
    ) == (45, "dark", 4, 60)
    assert (
        again.feed_refresh.value(),
        again.feed_fetch.currentData(),
        again.feed_days.value(),
    ) == (10, 0, GLOBAL)
    # Back to "Global" clears the feed's own value.
    again.feed_refresh.setValue(GLOBAL)
    again.accept()
    assert not settings.has_override(conn, settings.REFRESH_MINUTES.key, a)
    conn.close()


def test_dark_theme_applies_a_dark_palette(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    try:
        apply_theme("dark")
        assert is_dark(app.palette())
        apply_theme("light")
        assert not is_dark(app.palette())
    finally:
        apply_theme("system")


def test_sizes_read_plainly() -> None:
    assert [size_text(n) for n in (512, 2048, 5 * 1024**2, 3 * 1024**3)] == [
        "512 bytes",
        "2.0 KB",
        "5.0 MB",
        "3.0 GB",
    ]


def test_sizes_are_measured_in_a_task_and_say_calculating_meanwhile(
    qtbot, library: Library, make_window
) -> None:
    add_feed_with_articles(library, "Tide Watch", 3)
    for color in ("#102030", "#405060", "#708090"):  # three different images in the cache
        library.media.write(png_bytes(color=color), "image/png")
    window = make_window()
    dialog = window.features.open_preferences()
    # The dialog is up before the cache walk ends: the labels say so.
    assert (dialog.database_size.text(), dialog.cache_size.text()) == (CALCULATING, CALCULATING)
    qtbot.waitUntil(lambda: dialog.cache_size.text() != CALCULATING, timeout=3000)
    assert dialog.cache_size.text().endswith("in 3 files")
    assert dialog.database_size.text().endswith("KB")

    dialog.update_sizes()  # e.g. after Clean Up Now: measured again, in the background
    assert dialog.cache_size.text() == CALCULATING
    qtbot.waitUntil(lambda: dialog.cache_size.text().endswith("in 3 files"), timeout=3000)
    dialog.reject()

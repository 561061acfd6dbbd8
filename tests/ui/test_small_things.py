"""Issue 14's small things, in a real window: no browser, About, Clean Up's question,
dialog titles, the Filters pattern field, feeds told apart in Preferences ▸ Feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_reader import __version__
from desktop_reader.core.reader import SettingChange
from desktop_reader.core.values import KEEP_DAYS
from desktop_reader.ui.dialog_titles import width_for_title
from desktop_reader.ui.open_link import NO_BROWSER_TITLE
from tests.ui.conftest import add_feed_with_articles


def _box(name: str) -> QMessageBox:
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()
    ]
    assert len(boxes) == 1, name
    return boxes[0]


def _button(box: QMessageBox, text: str):  # type: ignore[no-untyped-def]
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def test_open_original_without_a_browser_says_so_and_offers_copy_link(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    feed_id, _ids = add_feed_with_articles(library, "Tide Watch", 2)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.show()
    window.select_feed(feed_id)
    window.article_list.select_row(0)
    url = window.article_view.article.url
    # Offscreen Qt has no way to start a browser: exactly the bare-desktop case.
    window.act_open.trigger()
    box = _box("no-browser")
    assert box.windowTitle() == NO_BROWSER_TITLE
    assert url in box.informativeText()
    QApplication.clipboard().clear()
    _button(box, "Copy Link").click()
    assert QApplication.clipboard().text() == url


def test_about_names_the_version_licence_and_data_folder(make_window, library) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.about.action in window.menus.menu("help").actions()
    box = window.about.show()
    text = box.text()
    assert __version__ in text and "GPL-3.0-or-later" in text
    assert str(library.root) in text
    _button(box, "Copy Path").click()
    assert QApplication.clipboard().text() == str(library.root)


def test_clean_up_asks_first_saying_what_goes(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    old = datetime.now(UTC) - timedelta(days=90)
    _feed, ids = add_feed_with_articles(library, "Tide Watch", 4, start=old)
    window = make_window()
    window.reader.change_settings([SettingChange(KEEP_DAYS, 30)])
    window.reader.mark_read(ids, True)
    window.features.act_clean_up.trigger()
    box = _box("confirm-cleanup")
    assert "Read articles older than 30 days will be removed" in box.informativeText()
    assert "starred" in box.informativeText()
    box.reject()  # Cancel: nothing removed
    qtbot.wait(50)
    assert not window.features.cleanup_running
    assert window.reader.count_articles() == 4

    window.features.act_clean_up.trigger()
    box = _box("confirm-cleanup")
    _button(box, "Clean Up").click()
    qtbot.waitUntil(lambda: not window.features.cleanup_running, timeout=10_000)
    assert window.reader.count_articles() == 0
    assert "Removed 4 old articles" in window.statusBar().currentMessage()


def test_a_small_dialog_is_widened_to_show_its_whole_title(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    before = QApplication.applicationDisplayName()
    QApplication.setApplicationDisplayName("Desktop Reader")  # as app.py sets it
    window = make_window()
    window.show()
    box = QMessageBox(QMessageBox.Icon.Question, "Save Search", "Name?", parent=window)
    box.open()
    box.activateWindow()
    needed = width_for_title(box)
    qtbot.waitUntil(lambda: box.width() >= needed, timeout=10000)
    box.close()
    QApplication.setApplicationDisplayName(before)


def test_the_filters_pattern_field_has_room_beside_a_long_feed_name(make_window, library) -> None:  # type: ignore[no-untyped-def]
    feed_id, _ = add_feed_with_articles(
        library, "The Harbour Courier Evening Edition: Regional Politics and Shipping", 1
    )
    window = make_window()
    window.select_feed(feed_id)
    dialog = window.features.open_filters()
    dialog.show()
    assert dialog.pattern.width() >= 320
    assert dialog.feed.width() < dialog.width() // 2


def test_preferences_tells_feeds_of_the_same_name_apart(make_window, library) -> None:  # type: ignore[no-untyped-def]
    for folder, path in (
        ("News", "world"),
        ("Business", "business"),
        ("Sport", "sport"),
        ("News", "europe"),
    ):
        add_feed_with_articles(
            library, "Meridian Wire", 1, folder=folder, url=f"https://meridianwire.test/{path}.xml"
        )
    add_feed_with_articles(library, "Quay Bulletin", 1)
    window = make_window()
    dialog = window.features.open_preferences()
    labels = [dialog.feed.itemText(i) for i in range(dialog.feed.count())]
    assert len(set(labels)) == len(labels) == 5
    assert "Meridian Wire — Business" in labels and "Meridian Wire — Sport" in labels
    assert "Meridian Wire — News (meridianwire.test/world.xml)" in labels
    assert "Meridian Wire — News (meridianwire.test/europe.xml)" in labels
    assert "Quay Bulletin" in labels  # a name alone says enough

"""The welcome page offers every way in, including a starter list grouped by section."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_reader.core.models import OutlineFeed
from desktop_reader.ui.widgets.welcome_view import WelcomeView

STARTER = [
    OutlineFeed("https://a.test/world.rss", "Alpha World", folder="World"),
    OutlineFeed("https://b.test/world.rss", "Beta World", folder="World"),
    OutlineFeed("https://c.test/tech.rss", "Gamma Tech", folder="Technology"),
]


def test_sections_and_subscribe_to_selected(qtbot):
    view = WelcomeView(starter=STARTER)
    qtbot.addWidget(view)
    tree = view.starter_tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "World",
        "Technology",
    ]
    assert not view.starter_button.isEnabled()
    tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)  # the whole section
    with qtbot.waitSignal(view.sig_subscribe_starter) as blocker:
        qtbot.mouseClick(view.starter_button, Qt.MouseButton.LeftButton)
    assert [f.title for f in blocker.args[0]] == ["Alpha World", "Beta World"]


def test_buttons_emit_their_signals(qtbot):
    view = WelcomeView(starter=[])
    qtbot.addWidget(view)
    for button, signal in (
        (view.subscribe_button, view.sig_subscribe),
        (view.import_button, view.sig_import_opml),
        (view.demo_button, view.sig_open_demo),
    ):
        with qtbot.waitSignal(signal):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

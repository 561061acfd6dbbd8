"""The Filters dialog stores rules, refuses broken ones with a message, toggles and removes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import filters
from desktop_reader.core.storage.filters import RuleAction, RuleMatch
from desktop_reader.ui.dialogs.filters_dialog import FiltersDialog
from tests.ui.conftest import add_feed_with_articles


def test_add_refuse_toggle_remove(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    feed_id, _ = add_feed_with_articles(library, "Tide Watch", 1)
    conn = library.connect()
    reader = Reader(library)
    dialog = FiltersDialog(reader, feed_id=feed_id)
    qtbot.addWidget(dialog)

    dialog.match.setCurrentIndex(dialog.match.findData(RuleMatch.REGEX))
    dialog.pattern.setText("(broken")
    assert not dialog.add_from_form()
    assert "not a valid regular expression" in dialog.error.text()
    assert filters.list_rules(conn) == []

    dialog.pattern.setText(r"^Sponsored\b")
    dialog.action.setCurrentIndex(dialog.action.findData(RuleAction.HIDE))
    assert dialog.add_from_form() and dialog.error.text() == ""
    [rule] = filters.list_rules(conn)
    assert (rule.feed_id, rule.pattern, rule.action) == (feed_id, r"^Sponsored\b", RuleAction.HIDE)
    assert dialog.table.item(0, 1).text() == "Tide Watch"

    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert filters.list_rules(conn)[0].enabled is False
    assert filters.rules_for_feed(conn, feed_id) == []

    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert filters.list_rules(conn) == [] and dialog.table.rowCount() == 0
    conn.close()

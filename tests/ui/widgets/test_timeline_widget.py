"""The timeline widget: oldest first, background events set apart, readable aloud."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from desktop_reader.core.stories.summary import SentenceSource
from desktop_reader.core.stories.timeline import TimelineEvent
from desktop_reader.ui.style_story import TypeScale, story_colors
from desktop_reader.ui.widgets.citation_popup import Citation
from desktop_reader.ui.widgets.timeline_widget import TimelineWidget


def _event(
    day: date,
    label: str,
    text: str,
    *,
    background: bool = False,
    precision: str = "day",
    cites: tuple[int, ...] = (1,),
) -> TimelineEvent:
    return TimelineEvent(
        day, day, precision, label, text, cites, (SentenceSource("7", 0, len(text)),), background
    )


EVENTS = [  # deliberately not in date order
    _event(date(2026, 1, 30), "Jan 30, 2026", "The ferry union called a strike.", cites=(1, 2)),
    _event(
        date(2022, 3, 1),
        "Mar 2022",
        "An earlier strike lasted nine days.",
        background=True,
        precision="month",
    ),
    _event(date(2026, 1, 29), "Jan 29, 2026", "Talks broke down late at night."),
    _event(
        date(2019, 1, 1), "2019", "The last pay deal was signed.", background=True, precision="year"
    ),
]


def _citations(event: TimelineEvent) -> tuple[Citation, ...]:
    return tuple(
        Citation(n, 7 + n, f"Outlet {n}", f"Title {n}", 0, len(event.text)) for n in event.citations
    )


def _widget(qtbot):  # type: ignore[no-untyped-def]
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_events(
        EVENTS,
        _citations,
        colors=story_colors(widget.palette()),
        scale=TypeScale(QApplication.font()),
    )
    widget.resize(600, 600)
    widget.show()
    return widget


def test_events_are_shown_oldest_first_with_their_dates(qtbot):
    widget = _widget(qtbot)
    assert [e.label for e in widget.events()] == [
        "2019",
        "Mar 2022",
        "Jan 29, 2026",
        "Jan 30, 2026",
    ]
    assert [r.date_label.text() for r in widget.rows] == [
        "2019",
        "Mar 2022",
        "Jan 29, 2026",
        "Jan 30, 2026",
    ]
    tops = [r.geometry().top() for r in widget.rows]
    assert tops == sorted(tops)


def test_background_events_are_set_apart(qtbot):
    widget = _widget(qtbot)
    assert widget.dividers == ["Background", "The story"]
    background = [r for r in widget.rows if r.timeline_event.background]
    story = [r for r in widget.rows if not r.timeline_event.background]
    assert {r.rail._node for r in background} == {"hollow"}
    assert {r.rail._node for r in story} == {"filled"}
    role = background[0].text_label.foregroundRole()
    muted = background[0].text_label.palette().color(role)
    normal = story[0].text_label.palette().color(role)
    assert muted != normal


def test_each_event_is_readable_by_a_screen_reader(qtbot):
    widget = _widget(qtbot)
    assert widget.accessibleName() == "Timeline"
    first = widget.rows[0]
    assert first.accessibleName() == "2019: The last pay deal was signed."
    assert "Background event" in first.accessibleDescription()
    assert "citation 1: Outlet 1, Title 1" in first.accessibleDescription()


def test_citation_links_in_events_emit_their_source(qtbot):
    widget = _widget(qtbot)
    last = widget.rows[-1]
    assert [c.number for c in last.text_label.citations] == [1, 2]
    with qtbot.waitSignal(widget.sig_citation) as blocker:
        last.text_label.activate(1)
    assert blocker.args[0].number == 2 and blocker.args[0].article_id == 9


def test_long_date_labels_wrap_instead_of_losing_their_start(qtbot):
    from PySide6.QtGui import QFontMetrics

    widget = TimelineWidget()
    qtbot.addWidget(widget)
    ranged = TimelineEvent(
        date(2026, 11, 30),
        date(2026, 12, 2),
        "days",
        "Nov 30–Dec 2, 2026",
        "The summit ran for three days.",
        (1,),
        (SentenceSource("7", 0, 30),),
    )
    widget.set_events(
        [ranged, EVENTS[0]],
        _citations,
        colors=story_colors(widget.palette()),
        scale=TypeScale(QApplication.font()),
    )
    widget.resize(600, 400)
    widget.show()
    label = next(r.date_label for r in widget.rows if r.timeline_event is ranged)
    fm = QFontMetrics(label.font())
    assert label.text() == "Nov 30–Dec 2, 2026"
    if fm.horizontalAdvance(label.text()) > label.width():
        assert label.wordWrap()
        assert label.heightForWidth(label.width()) > fm.height()  # on two lines, whole
    assert all(fm.horizontalAdvance(w) <= label.width() for w in label.text().split())

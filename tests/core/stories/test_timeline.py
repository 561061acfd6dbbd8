"""Dated, cited timelines built from the stories in tests/data/stories/."""

import json
from datetime import date
from pathlib import Path

from desktop_reader.cli import main
from desktop_reader.commands.summarize import read_news_items
from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.timeline import Timeline, build_timeline

STORIES = Path(__file__).resolve().parents[2] / "data" / "stories"
STRIKE = STORIES / "summary-calder-transit-strike.jsonl"


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_strike_timeline_end_to_end() -> None:
    items = read_news_items(STRIKE)
    events = build_timeline(items).events
    assert [(e.date, e.end) for e in events] == sorted((e.date, e.end) for e in events)
    by_id = {item.id: item for item in items}
    for e in events:
        src = e.sources[0]
        assert _norm(by_id[src.article_id].text[src.start:src.end]) == e.text
        assert e.citations == tuple(sorted({
            n for n, item in enumerate(items, 1) if item.id in {s.article_id for s in e.sources}}))

    # Background: the 2022 strike (told by two outlets) and last May's stoppage, first.
    assert (events[0].label, events[0].precision, events[0].citations, events[0].background) == (
        "Mar 2022", "month", (1, 3), True)
    assert (events[1].label, events[1].background) == ("May 2025", True)
    assert not any(e.background for e in events[2:])

    # The walkout, reported by three outlets on different days, is one event on Monday.
    walkout = [e for e in events if "walked off the job" in e.text or "began on Monday" in e.text]
    assert len(walkout) == 1
    assert walkout[0].date == date(2026, 3, 2) and walkout[0].label == "Mar 2, 2026"
    assert {1, 2} <= set(walkout[0].citations)

    labels = {e.label: e for e in events}
    assert "late Sunday" in labels["Mar 1, 2026"].text  # talks broke down the day before
    assert any("will resume Thursday" in e.text for e in events if e.date == date(2026, 3, 5))
    assert any("return to work on Saturday" in e.text for e in events
               if e.date == date(2026, 3, 7))


def test_article_without_cues_is_dated_by_its_publication() -> None:
    items = read_news_items(STORIES / "summary-grenhill-flood.jsonl")
    events = build_timeline(items).events
    rescue = [e for e in events if "Rescue teams" in e.text or "Emergency crews" in e.text]
    assert len(rescue) == 1 and rescue[0].date == date(2025, 11, 20)
    overnight = [e for e in events if e.precision == "days"]
    assert overnight and overnight[0].label == "Nov 19–20, 2025"
    assert not any("1968" in e.label or "2019" in e.label for e in events)  # "since", "previous"


def test_undated_articles_keep_only_absolute_dates() -> None:
    item = NewsItem("u1", "Dam", "Engineers inspected the dam on Monday after heavy rain.\n\n"
                                 "The dam first failed in March 2022, flooding two villages.")
    events = build_timeline([item]).events
    assert [(e.label, e.background) for e in events] == [("Mar 2022", False)]


def test_round_trip_and_empty_input() -> None:
    timeline = build_timeline(read_news_items(STRIKE))
    assert Timeline.from_dict(json.loads(json.dumps(timeline.to_dict()))) == timeline
    assert build_timeline([]).events == ()
    assert build_timeline([NewsItem("e", "", "")]).events == ()


def test_cli_timeline_json(capsys) -> None:
    assert main(["timeline", str(STRIKE), "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert events[0]["date"] == "2022-03-01" and events[0]["background"] is True
    fields = {"date", "end", "precision", "label", "text", "citations", "background"}
    assert fields <= set(events[0])
    assert main(["timeline", str(STRIKE)]) == 0
    assert "Mar 2, 2026 – Bus and tram drivers" in capsys.readouterr().out

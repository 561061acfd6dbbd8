"""Relative dates read against each article's own publication time and zone.

The table (tests/data/stories/relative-dates.json) is invented; each case names the
date range a reader would take from the sentence, and whether it is a plan (a future
clause or a later period) rather than an event. docs/notes/summaries-and-timelines.md
lists it.
"""

import json
from datetime import datetime
from pathlib import Path

import pytest

from desktop_reader.commands.summarize import read_news_items
from desktop_reader.core.stories.temporal import resolve

CASES = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "stories" / "relative-dates.json").read_text(
        encoding="utf-8"
    )
)


def test_the_table_covers_what_news_writes() -> None:
    assert len(CASES) >= 40
    names = " ".join(c["case"] for c in CASES)
    for needed in (
        "before a Friday",
        "ahead",
        "overnight",
        "late weekday",
        "last May",
        "next year",
        "earlier this month",
        "range",
        "mid-January",
        "time zone",
    ):
        assert needed in names, needed


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_relative_date(case: dict) -> None:
    found = resolve(case["text"], datetime.fromisoformat(case["published"]))
    assert found is not None, case["text"]
    assert (found.start.isoformat(), found.end.isoformat(), found.precision, found.planned) == (
        case["start"],
        case["end"],
        case["precision"],
        case["planned"],
    ), case["text"]


def test_story_lines_keep_their_own_time_zone(tmp_path: Path) -> None:
    story = tmp_path / "story.jsonl"
    story.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "The bank failed yesterday.",
                "published": "2026-11-27T23:30:00-05:00",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    item = read_news_items(story)[0]
    assert item.published is not None and item.published.utcoffset() is not None
    found = resolve(item.text, item.published)
    assert found is not None and found.start.isoformat() == "2026-11-26"

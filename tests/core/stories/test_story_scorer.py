"""The fitted scorer on invented full reports: what it joins, what it keeps apart, and
the evidence each membership records ("why are these together")."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from desktop_reader.commands.cluster import cluster_items
from desktop_reader.core.storage import database
from desktop_reader.core.stories import scorer


def _report(
    item_id: str, hour: int | None, title: str, text: str, source: str
) -> dict[str, object]:
    when = datetime(2026, 4, 7, hour, tzinfo=UTC) if hour is not None else None
    return {
        "id": item_id,
        "title": title,
        "text": text,
        "source": source,
        "published": when,
        "url": None,
    }


FERRY_A = (
    "A passenger ferry ran aground on rocks off Kesterholm island early on Tuesday, and "
    "coastguard crews lifted 212 passengers and crew to safety in a rescue that lasted "
    "more than six hours. The Brannick Line vessel Maren Star was sailing from Port "
    "Ardley to Kesterholm when it struck the reef in heavy fog shortly after four in the "
    "morning, the coastguard said. Lifeboats from three stations and two helicopters "
    "took part. Eleven people were treated in hospital for cold and minor injuries; none "
    "was seriously hurt. The hull was breached below the waterline and the ship took on "
    "a list, but pumps kept it afloat until the last passengers were taken off. The "
    "Marine Accident Board has opened an investigation into why the ferry left the "
    "marked channel, and Brannick Line suspended its Kesterholm sailings until further "
    "notice. Islanders gathered at the harbour to help passengers who had been brought "
    "ashore wrapped in foil blankets."
)
FERRY_B = (
    "Rescuers took 212 people off the stranded ferry Maren Star after it hit a reef near "
    "Kesterholm in thick fog before dawn, in an operation the coastguard called one of "
    "the largest on that coast in a decade. Passengers described a loud bang and the "
    "deck tilting as water came in below. Helicopters winched the injured first, then "
    "lifeboats ferried the rest to the island harbour, where residents handed out tea "
    "and dry clothes. Eleven were taken to hospital with hypothermia and cuts. Brannick "
    "Line, which operates the route from Port Ardley, said it was cooperating with the "
    "Marine Accident Board and had cancelled all Kesterholm crossings. Investigators "
    "will examine the ship's course data: the reef lies outside the marked channel, and "
    "the fog had been forecast since the previous evening."
)
HARBOUR_BUDGET = (
    "Kesterholm's island council approved a budget on Tuesday that doubles spending on "
    "the primary school and the health centre, paid for by a new tourist levy on summer "
    "visitors. Councillors voted nine to two after a long debate over the levy, which "
    "will add a small charge to each overnight stay between May and September. The "
    "council leader said the money would keep the school's two teachers and bring a "
    "nurse to the island five days a week instead of two. Opponents warned that the "
    "charge would push visitors to the mainland resorts. The budget also sets aside "
    "funds to repave the road from the village to the lighthouse and to repair the "
    "community hall roof, damaged in the winter storms. The levy takes effect next "
    "spring once the regional government signs off on it."
)

REPORTS = [
    _report(
        "ferry-a", 9, "Ferry runs aground off Kesterholm; 212 rescued", FERRY_A, "Coastline Post"
    ),
    _report(
        "budget",
        10,
        "Kesterholm council doubles school spending with tourist levy",
        HARBOUR_BUDGET,
        "Island Gazette",
    ),
    _report(
        "ferry-b", 11, "212 taken off stranded ferry Maren Star in fog", FERRY_B, "Daily Quayside"
    ),
]


def _reasons(path: Path) -> dict[str, dict[str, object]]:
    conn = database.connect(path)
    try:
        return {
            title: json.loads(raw)
            for title, raw in conn.execute(
                "SELECT a.title, s.reasons_json FROM story_articles s "
                "JOIN articles a ON a.id = s.article_id"
            )
        }
    finally:
        conn.close()


def test_two_outlets_reports_of_one_event_join_and_say_why(tmp_path: Path) -> None:
    stories = cluster_items(REPORTS, tmp_path / "library.sqlite")
    assert stories[0] == stories[2], "the two ferry reports are one story"
    joined = _reasons(tmp_path / "library.sqlite")["212 taken off stranded ferry Maren Star in fog"]
    assert joined["rule"] == "fitted" and joined["accepted"] is True
    assert float(joined["score"]) >= scorer.JOIN_PROBABILITY  # type: ignore[arg-type]
    # The evidence a reader is shown: the names and words the reports share, and every
    # input the model weighed.
    assert {"maren star", "kesterholm"} <= set(joined["shared_entities"])  # type: ignore[arg-type]
    assert joined["shared_terms"]
    assert set(joined["features"]) == set(scorer.FEATURES)  # type: ignore[arg-type]


def test_one_shared_place_is_not_the_same_event(tmp_path: Path) -> None:
    stories = cluster_items(REPORTS, tmp_path / "library.sqlite")
    assert stories[1] not in (stories[0], stories[2]), "the council budget is its own story"


def test_an_undated_report_still_finds_its_story(tmp_path: Path) -> None:
    undated = [REPORTS[0], REPORTS[1], {**REPORTS[2], "published": None}]
    stories = cluster_items(undated, tmp_path / "library.sqlite")
    assert stories[0] == stories[2]
    reasons = _reasons(tmp_path / "library.sqlite")
    assert (
        reasons["212 taken off stranded ferry Maren Star in fog"]["features"][  # type: ignore[index]
            "undated"
        ]
        == 1.0
    )


# The same kind of event, same line, same island, another occurrence: its own figure.
FERRY_SIBLING = (
    "A second Brannick Line ferry ran aground off Kesterholm island, and coastguard "
    "crews lifted 187 passengers and crew to safety after the Tern Star struck a sandbank "
    "in a storm. Lifeboats from two stations took part and four people were treated in "
    "hospital for minor injuries. The Marine Accident Board said it would look at "
    "whether the ferry had left the marked channel, and Brannick Line suspended its "
    "Kesterholm sailings while the hull was inspected. Islanders gathered at the harbour "
    "with blankets for the passengers brought ashore by the lifeboats."
)


def test_a_report_with_another_figure_records_the_conflict(tmp_path: Path) -> None:
    """A follow-up repeating the story's figure (212 rescued) carries no conflict; a
    report whose own headline figure the story never stated (187 rescued) does, and the
    membership says so."""
    sibling = _report(
        "ferry-c",
        15,
        "187 rescued as second ferry grounds off Kesterholm",
        FERRY_SIBLING,
        "Island Gazette",
    )
    cluster_items([REPORTS[0], REPORTS[2], sibling], tmp_path / "library.sqlite")
    reasons = _reasons(tmp_path / "library.sqlite")
    follow_up = reasons["212 taken off stranded ferry Maren Star in fog"]["features"]
    assert follow_up["figure_conflict"] == 0.0  # type: ignore[index]
    other = reasons["187 rescued as second ferry grounds off Kesterholm"]
    assert other["features"]["figure_conflict"] == 1.0  # type: ignore[index]


def test_figure_conflict_needs_figures_on_both_sides() -> None:
    story = {"ferry": 0.6, "kesterholm": 0.6, "212": 0.5}
    assert scorer.figure_conflict({"ferry": 0.7, "187": 0.7}, story, frozenset(story)) == 1.0
    assert scorer.figure_conflict({"ferry": 0.7, "212": 0.7}, story, frozenset(story)) == 0.0
    assert scorer.figure_conflict({"ferry": 1.0}, story, frozenset(story)) == 0.0
    no_figures = {"ferry": 0.7, "kesterholm": 0.7}
    assert (
        scorer.figure_conflict({"ferry": 0.7, "187": 0.7}, no_figures, frozenset(no_figures)) == 0.0
    )

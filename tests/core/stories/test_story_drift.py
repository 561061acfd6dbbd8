"""Stories that drift apart are split, and sibling events stay apart (invented articles).

The drift case: a dam's cracks are reported, the valley below is evacuated, and the
reporting moves on to the shelters, volunteers and soup kitchens. Each article joins
through the one before it, until the newest members share almost nothing with the
dam's first reports: the second pass splits them off as a story of their own, still
incrementally (it looks at the story's newest members only) and the same in small
refreshes as in one pass.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_reader.commands.cluster import cluster_items, store_items
from desktop_reader.core.pipeline.stories import rebuild_stories, update_stories
from desktop_reader.core.storage import database

START = datetime(2026, 4, 6, 8, tzinfo=UTC)


def _item(item_id: str, hours: int | None, title: str, text: str, source: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "title": title,
        "text": text,
        "source": source,
        "url": None,
        "published": None if hours is None else START + timedelta(hours=hours),
    }


DRIFT = [
    _item(
        "dam-1",
        0,
        "Cracks found in the wall of the Kesterfield dam",
        "Inspectors found long cracks in the concrete wall of the Kesterfield dam on Monday. "
        "Engineers lowered the reservoir and began measuring the cracks with laser gauges "
        "while divers checked the spillway for seepage.",
        "Valley Courier",
    ),
    _item(
        "dam-2",
        5,
        "Engineers measure the cracks in the Kesterfield dam wall",
        "Engineers spent the day measuring cracks in the concrete wall of the Kesterfield "
        "dam with laser gauges, and lowered the reservoir further after divers reported "
        "seepage near the spillway.",
        "Morning Ledger",
    ),
    _item(
        "dam-3",
        26,
        "Kesterfield dam cracks widen; valley villages evacuated",
        "The cracks in the concrete wall of the Kesterfield dam widened overnight, the "
        "engineers measuring them with laser gauges said, and seepage near the spillway "
        "grew. Police evacuated the villages below the reservoir; families left by bus "
        "for school halls in the market town.",
        "Valley Courier",
    ),
    _item(
        "shelter-1",
        50,
        "Evacuated valley families wait in school halls",
        "Families evacuated from the villages below the cracked Kesterfield dam spent a "
        "second night on camp beds in school halls in the market town, where volunteers "
        "served soup and handed out blankets. Engineers said the cracks had stopped widening.",
        "Morning Ledger",
    ),
    _item(
        "shelter-2",
        74,
        "Volunteers bring blankets and hot meals to the school halls",
        "Volunteers arrived with blankets, camp beds and hot soup for the evacuated families "
        "sleeping in the school halls of the market town, and asked for more donations "
        "of warm clothing.",
        "Valley Courier",
    ),
    _item(
        "shelter-3",
        98,
        "School halls sheltering families run short of blankets",
        "The school halls sheltering evacuated families ran short of blankets, camp beds and "
        "warm clothing; volunteers serving soup appealed for donations.",
        "Morning Ledger",
    ),
    _item(
        "shelter-4",
        122,
        "Volunteers open a second soup kitchen for sheltering families",
        "Volunteers opened a second soup kitchen beside the school halls, serving hot "
        "meals to families and collecting donated blankets and warm clothing for the "
        "children.",
        "Evening Star",
    ),
    _item(
        "shelter-5",
        146,
        "Donated clothing piles up at the school halls",
        "Donated warm clothing and blankets piled up at the school halls as volunteers "
        "sorted boxes for the sheltering families and the soup kitchens served a "
        "thousand hot meals.",
        "Valley Courier",
    ),
    _item(
        "shelter-6",
        170,
        "Soup kitchen volunteers ask for more helpers at weekends",
        "The soup kitchens beside the school halls asked for more volunteers at weekends, "
        "when hot meals and donated clothing are handed out to the sheltering families "
        "and their children.",
        "Evening Star",
    ),
    _item(
        "shelter-7",
        194,
        "Children sheltering in school halls get donated toys",
        "Volunteers sorting donations at the school halls handed donated toys and warm "
        "clothing to the sheltering children while the soup kitchens served hot meals.",
        "Morning Ledger",
    ),
    _item(
        "shelter-8",
        218,
        "Weekend volunteers serve hot meals at the soup kitchens",
        "Weekend volunteers served hot meals at both soup kitchens and sorted donated "
        "clothing and toys for the families and children sheltering in the school halls.",
        "Valley Courier",
    ),
    _item(
        "shelter-9",
        242,
        "Soup kitchens thank volunteers for donated meals",
        "The soup kitchens thanked the weekend volunteers and donors for hot meals, toys "
        "and warm clothing handed to the sheltering families and children.",
        "Evening Star",
    ),
]


SIBLINGS = [
    _item(
        "okafor-1",
        None,
        "Varga stops Okafor in the seventh to keep his heavyweight belts",
        "Anatol Varga kept his heavyweight titles on Saturday night in Dornbach, stopping "
        "Desmond Okafor in the seventh round. Okafor, a late substitute, was down twice "
        "before the referee waved the fight off in front of 14,000 fans. Varga, 34, has now "
        "won 51 of his 53 professional fights.",
        "Ring Weekly",
    ),
    _item(
        "okafor-2",
        None,
        "Okafor no match for Varga in Dornbach title defence",
        "Desmond Okafor lasted into the seventh round but never troubled Anatol Varga, who "
        "defended his heavyweight belts in Dornbach. Varga's jab cut Okafor early and two "
        "knockdowns in the seventh ended it. A crowd of 14,000 watched the champion's 51st win.",
        "Sports Desk",
    ),
    _item(
        "okafor-3",
        None,
        "Champion Varga too strong for substitute Okafor",
        "The substitute challenger Desmond Okafor was stopped in round seven by Anatol Varga "
        "in Dornbach on Saturday. Varga, who keeps his heavyweight titles, said he wanted a "
        "unification fight next.",
        "Evening Sport",
    ),
    _item(
        "lindqvist-1",
        None,
        "Varga outpoints Lindqvist over twelve rounds in Malmberg",
        "Anatol Varga defended his heavyweight titles with a unanimous points win over Lars "
        "Lindqvist in Malmberg. The judges scored it 118-110, 117-111 and 119-109 after twelve "
        "rounds in which the Swede never stopped coming forward. It was Varga's 58th win.",
        "Ring Weekly",
    ),
    _item(
        "lindqvist-2",
        None,
        "Lindqvist goes the distance but Varga keeps his belts",
        "Lars Lindqvist took Anatol Varga the full twelve rounds in Malmberg but lost a "
        "unanimous decision, 118-110, 117-111 and 119-109. Varga, now 38, kept his heavyweight "
        "belts for a 58th professional win.",
        "Sports Desk",
    ),
    _item(
        "lindqvist-3",
        None,
        "Varga beats Lindqvist on points to stay heavyweight champion",
        "Anatol Varga stays heavyweight champion after beating Lars Lindqvist on the judges' "
        "cards in Malmberg. The 38-year-old was pushed for twelve rounds by the Swede, whose "
        "home crowd booed the 119-109 card.",
        "Evening Sport",
    ),
]


def _stories(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        title: story
        for title, story in conn.execute(
            "SELECT a.title, s.story_id FROM story_articles s "
            "JOIN articles a ON a.id = s.article_id"
        )
    }


def _partition(story_of: dict[str, int]) -> set[frozenset[str]]:
    return {frozenset(t for t, s in story_of.items() if s == sid) for sid in set(story_of.values())}


def _groups(items: list[dict[str, Any]], stories: list[int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for item, story in zip(items, stories, strict=True):
        groups.setdefault(story, set()).add(str(item["id"]))
    return {frozenset(g) for g in groups.values()}


DAM = frozenset({"dam-1", "dam-2", "dam-3"})
SHELTERS = frozenset(i["id"] for i in DRIFT) - DAM


def test_a_story_whose_newest_members_drifted_apart_is_split(tmp_path: Path) -> None:
    stories = cluster_items(DRIFT, tmp_path / "library.sqlite")
    assert _groups(DRIFT, stories) == {DAM, SHELTERS}
    conn = database.connect(tmp_path / "library.sqlite")
    try:
        counts = dict(conn.execute("SELECT id, article_count FROM stories"))
        reasons = {
            title: json.loads(raw)
            for title, raw in conn.execute(
                "SELECT a.title, s.reasons_json FROM story_articles s "
                "JOIN articles a ON a.id = s.article_id"
            )
        }
    finally:
        conn.close()
    # Each story counts its own members; the moved memberships say where they came from.
    assert sorted(counts.values()) == [len(DAM), len(SHELTERS)]
    moved = [r["split"] for r in reasons.values() if "split" in r]
    assert len(moved) == len(SHELTERS)
    dam_story = stories[[i["id"] for i in DRIFT].index("dam-1")]
    assert all(m["from"] == dam_story and m["into"] != dam_story for m in moved)


def test_a_story_still_sharing_its_event_is_not_split(tmp_path: Path) -> None:
    """Cracks, then evacuation, then the first nights in shelters: one story that moved
    on a step, its parts still about one event."""
    items = DRIFT[:8]
    stories = cluster_items(items, tmp_path / "library.sqlite")
    assert len(set(stories)) == 1


def test_splits_are_the_same_in_small_refreshes_and_a_rebuild(conn: sqlite3.Connection) -> None:
    store_items(conn, DRIFT)
    ordered = [
        r[0] for r in conn.execute("SELECT id FROM articles ORDER BY date_is_guess, published, id")
    ]
    changed: set[int] = set()
    for start in range(0, len(ordered), 3):
        changed |= set(update_stories(conn, ordered[start : start + 3], summaries=False))
    incremental = _stories(conn)
    # The refresh that split the story reports the new one too, so its list shows it.
    assert set(incremental.values()) <= changed
    rebuild_stories(conn, summaries=False)
    again = _stories(conn)
    assert _partition(incremental) == _partition(again) and len(_partition(again)) == 2


def test_two_title_defences_of_one_champion_are_two_stories(tmp_path: Path) -> None:
    """Same boxer, same belts, same kind of night, undated: the opponents, the towns and
    the figures tell the two events apart, while each fight's reports stay together."""
    stories = cluster_items(SIBLINGS, tmp_path / "library.sqlite")
    okafor = frozenset(i["id"] for i in SIBLINGS if str(i["id"]).startswith("okafor"))
    lindqvist = frozenset(i["id"] for i in SIBLINGS) - okafor
    assert _groups(SIBLINGS, stories) == {okafor, lindqvist}

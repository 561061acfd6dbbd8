"""Time in grouping, on invented reports: unknown dates, long stories, late bridges."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_reader.commands.cluster import cluster_items, store_items
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.storage import database
from desktop_reader.core.storage.story_index import StoryIndexStore
from desktop_reader.core.stories import cluster as cl
from desktop_reader.core.stories import index

START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def _item(
    item_id: str, title: str, text: str, source: str, published: datetime | None
) -> dict[str, object]:
    return {
        "id": item_id,
        "title": title,
        "text": text,
        "source": source,
        "published": published,
        "url": None,
    }


DAM = (
    "The Kestrel Dam above Orvale gave way before dawn, sending a wall of water "
    "through the lower town. Rescue crews from the Orvale fire service pulled "
    "residents from flooded homes along the Tamsin river while engineers inspected "
    "the breach in the dam wall. The regional water board said the reservoir had "
    "been at record level after weeks of rain. "
)
SUMMIT = (
    "Trade ministers from eleven countries met in Lisbrook to discuss tariffs on "
    "steel and aluminium, with the host government pressing for a common quota "
    "system. Delegates said talks on farm subsidies would continue next month. "
)


def test_an_undated_report_can_join_a_story_older_than_any_window(tmp_path: Path) -> None:
    """An unknown date is unknown, not "now": the library's newest article is two months
    after the dam broke, yet an undated report of the breach joins the dam's story."""
    items = [
        _item("dam-1", "Kestrel Dam bursts above Orvale", DAM, "Valley Times", START),
        _item(
            "dam-2",
            "Orvale flooded as Kestrel Dam wall breaks",
            DAM + "Dozens of families spent the night in the school hall.",
            "Northern Wire",
            START + timedelta(hours=5),
        ),
        _item(
            "summit-1",
            "Lisbrook trade talks open on steel quotas",
            SUMMIT,
            "Globe Desk",
            START + timedelta(days=60),
        ),
        _item(
            "dam-undated",
            "Engineers inspect breach at Kestrel Dam",
            "Engineers inspected the breach in the wall of the Kestrel Dam above Orvale "
            "after the reservoir water flooded the lower town along the Tamsin river. "
            "Orvale fire service crews rescued residents from flooded homes. ",
            "Hill Courier",
            None,
        ),
    ]
    stories = cluster_items(items, tmp_path / "library.sqlite")
    assert stories[3] == stories[0] == stories[1]
    assert stories[2] != stories[0]


TRIAL = (
    "The trial of former port director Edda Ramsland continued at the Harwick crown "
    "court, where prosecutors say she took bribes from shipping agents in exchange for "
    "berth contracts at Harwick port. Ramsland denies the charges. "
)
DAYS = [
    "The jury heard from a shipping agent who described cash payments.",
    "A forensic accountant traced the payments to an account in Ramsland's name.",
    "Defence lawyers questioned the agent's memory of the meetings.",
    "Ramsland told the court the money was a loan from a cousin.",
    "Closing speeches began with prosecutors calling the berth contracts rigged.",
    "The jury found Ramsland guilty of four counts of bribery.",
]


def test_a_story_that_runs_for_weeks_with_gaps_of_days_stays_one(tmp_path: Path) -> None:
    """A court case reported every twelve days for two months: each report follows the
    story's own rhythm, so the quiet spells do not end it."""
    items = [
        _item(
            f"trial-{n}",
            f"Ramsland bribery trial: day {n * 12 + 1}",
            TRIAL + line,
            ["Harwick Post", "Coast Wire"][n % 2],
            START + timedelta(days=12 * n),
        )
        for n, line in enumerate(DAYS)
    ]
    stories = cluster_items(items, tmp_path / "library.sqlite")
    assert len(set(stories)) == 1


HEAT = "It is the fifth day of the heatwave, the worst for decades. "
HEAT_A = (
    HEAT + "Emergency wards in Calder filled with heatstroke patients as temperatures "
    "reached 44C, the highest ever recorded in the province, and the health ministry opened "
    "cooling centres in schools and libraries across Calder. "
)
HEAT_B = (
    HEAT + "Wildfires driven by the record heat burned through pine forest north of Calder, "
    "forcing the evacuation of three villages as firefighters battled the flames "
    "through the night in the province. "
)
HEAT_BOTH = (
    "The record heat in Calder province, with temperatures at 44C, filled emergency "
    "wards with heatstroke patients while wildfires burned forest north of Calder "
    "and forced villages to evacuate. The health ministry opened cooling centres "
    "and firefighters battled the flames through the night. Doctors in Calder "
    "expect more heatstroke patients in the emergency wards, and firefighters "
    "north of Calder expect more villages to evacuate as wildfires burn the pine "
    "forest in the record heat. "
)


def _placements(conn: sqlite3.Connection) -> dict[str, tuple[int, dict[str, object]]]:
    rows = conn.execute(
        "SELECT a.guid, sa.story_id, sa.reasons_json FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id"
    ).fetchall()
    return {r[0].rsplit("/", 1)[1]: (r[1], json.loads(r[2])) for r in rows}


def test_a_later_report_of_both_angles_merges_two_early_stories(tmp_path: Path) -> None:
    """Hospitals and wildfires in one heatwave first look like two stories; a full report
    covering both shows they are one (a brief may not bridge: it shares words with many
    stories by chance). The merged members say why they moved."""
    conn = database.connect(tmp_path / "library.sqlite")
    try:
        first = store_items(
            conn,
            [
                _item(
                    "wards",
                    "Calder hospitals fill with heatstroke patients",
                    HEAT_A,
                    "Valley Times",
                    START,
                ),
                _item(
                    "fires",
                    "Wildfires force evacuations north of Calder",
                    HEAT_B,
                    "Northern Wire",
                    START + timedelta(hours=1),
                ),
            ],
        )
        update_stories(conn, first, summaries=False)
        before = _placements(conn)
        assert before["wards"][0] != before["fires"][0]  # two stories at first

        both = store_items(
            conn,
            [
                _item(
                    "both",
                    "Record heat in Calder: wards full, wildfires force evacuations",
                    HEAT_BOTH,
                    "Globe Desk",
                    START + timedelta(hours=3),
                )
            ],
        )
        changed = update_stories(conn, both, summaries=False)
        after = _placements(conn)
        assert after["wards"][0] == after["fires"][0] == after["both"][0]
        moved = [r for _, r in after.values() if "merged" in r]
        assert len(moved) == 1 and moved[0]["merged"]["bridge_article"] == both[0]
        (count,) = conn.execute("SELECT COUNT(*) FROM stories").fetchone()
        assert count == 1
        (members,) = conn.execute("SELECT article_count FROM stories").fetchone()
        assert members == 3
        assert after["both"][0] in changed
        gone = ({before["wards"][0], before["fires"][0]} - {after["both"][0]}).pop()
        assert gone in changed  # the merged-away story is reported, so lists drop it
    finally:
        conn.close()


def test_reports_in_other_languages_and_scripts_are_grouped_apart(tmp_path: Path) -> None:
    german = (
        "Der Kestrel-Damm oberhalb von Orvale ist in der Nacht gebrochen. Das Wasser "
        "überflutete die Unterstadt, die Feuerwehr rettete Bewohner aus ihren Häusern."
    )
    items = [
        _item("en", "Kestrel Dam bursts above Orvale", DAM, "Valley Times", START),
        _item("de-1", "Kestrel-Damm bei Orvale gebrochen", german, "Tagesblatt", START),
        _item(
            "de-2",
            "Dammbruch in Orvale: Unterstadt überflutet",
            german,
            "Rundschau",
            START + timedelta(hours=2),
        ),
        _item(
            "ja",
            "オルベールのダムが決壊",
            "ケストレルダムが夜明け前に決壊し、町が浸水した。",
            "Asahi Desk",
            START,
        ),
        _item(
            "ar",
            "انهيار سد كيستريل",
            "انهار السد قبل الفجر وغمرت المياه البلدة.",
            "Gulf Desk",
            START,
        ),
        _item("empty", "", "", "Nowhere", None),
    ]
    stories = cluster_items(items, tmp_path / "library.sqlite")
    by_id = dict(zip([str(i["id"]) for i in items], stories, strict=True))
    assert by_id["de-1"] == by_id["de-2"]
    assert len({by_id["en"], by_id["de-1"], by_id["ja"], by_id["ar"]}) == 4


HEIST = (
    "Four armed men drove a car through the window of the Varenne jewellery house on "
    "the Rue Solen in central Lisbrook and escaped with rings and watches worth two "
    "million euros, police said. Nobody was hurt. The robbers set the car on fire and "
    "fled in a second vehicle; detectives are studying footage from street cameras. "
    "The Varenne house has been robbed before, and jewellers on the street have asked "
    "for more police patrols. "
)


def test_undated_reports_dated_by_their_datelines_years_apart_are_two_stories(
    tmp_path: Path,
) -> None:
    """Two raids of one kind on one shop, reported in the same words years apart: pages
    without a feed date that open with their date are placed at that date, so the raids
    do not meet; two pages dated the same day are still one story."""
    items = [
        _item("raid-2029", "Jewellery raid on Rue Solen", f"March 3, 2029\n{HEIST}", "A", None),
        _item(
            "raid-2029-b",
            "Robbers ram Varenne jewellery house",
            f"Posted: Mar 3, 2029\n{HEIST}Shop staff were treated for shock.",
            "B",
            None,
        ),
        _item("raid-2033", "Jewellery raid on Rue Solen", f"October 14, 2033\n{HEIST}", "C", None),
    ]
    stories = cluster_items(items, tmp_path / "library.sqlite")
    assert stories[0] == stories[1]
    assert stories[2] != stories[0]
    undated = [{**i, "text": str(i["text"]).split("\n", 1)[1]} for i in items]
    stories = cluster_items(undated, tmp_path / "undated.sqlite")
    assert stories[0] == stories[1] == stories[2]  # without the datelines: nothing to tell


def test_a_full_report_weakly_like_a_story_is_still_weighed_a_brief_is_not(
    tmp_path: Path,
) -> None:
    """A weeks-long story's later reports share few of its heaviest words: the index
    lower bound of a true match can sit at 0.02. A full report is still scored against
    such a story (the fitted model judges it); a brief, judged by the rules, is not."""
    conn = database.connect(tmp_path / "library.sqlite")
    store = StoryIndexStore(conn)
    story = store.new_story("en", 0.0)
    index.index_story(store, story, {"famine": 0.9, "harvest": 0.4359}, 100.0)
    freq = index.DocumentFrequencies(store)
    vector = {"harvest": 0.05, "convoy": 0.9987}  # index dot 0.0218

    def found(words: int) -> list[int]:
        hits = index.candidates(store, vector, freq, None, *cl.retrieval_for(words))
        return [story_id for story_id, _ in hits]

    assert found(400) == [story]
    assert found(40) == []
    conn.close()

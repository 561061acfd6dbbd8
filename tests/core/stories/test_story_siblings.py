"""Two instances of one kind of event (same champion, same titles, another challenger in
another city) whose older reports carry no date: the story they grow into is parted by
the names each instance keeps to itself. One event's reports that agree on their names
stay one story however their figures move."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from desktop_reader.commands.cluster import cluster_items, store_items
from desktop_reader.core.pipeline.stories import rebuild_stories, update_stories
from desktop_reader.core.storage import database

SENTENCES = (
    "Heavyweight champion Ilya Varga retained his world titles on Saturday night, stopping "
    "{rival} in the sixth round before a sold-out crowd in {city}.",
    "Varga, unbeaten in five years, dropped {rival} with a right hand late in the fifth "
    "and finished the challenger with a flurry of punches early in the sixth.",
    "Referee {referee} waved the fight off after {rival} rose on unsteady legs, and the "
    "champion's corner climbed into the ring to celebrate.",
    "{rival} had promised to take the belts home, but he landed few clean punches and "
    "spent most of the bout backing away from the champion's jab.",
    "The crowd in {city} chanted Varga's name as he was handed the belts, and his "
    "promoter said a unification bout could follow next year.",
    "Varga said afterwards that {rival} was a brave opponent who had come to fight, and "
    "thanked the fans of {city} for their support.",
)


def _report(n: int, rival: str, city: str, referee: str, dated: bool) -> dict[str, object]:
    order = [(n + k) % len(SENTENCES) for k in range(len(SENTENCES))]
    text = " ".join(SENTENCES[k].format(rival=rival, city=city, referee=referee) for k in order)
    surname = rival.split()[-1]
    return {
        "id": f"{surname}-{n}",
        "title": f"Varga stops {surname} in six to keep heavyweight titles ({n})",
        "text": text,
        "source": f"Outlet {n}",
        "published": datetime(2026, 4, 4, 21 + n % 3, tzinfo=UTC) if dated else None,
        "url": None,
    }


def _split_reasons(path: Path) -> list[dict[str, object]]:
    conn = database.connect(path)
    try:
        rows = conn.execute("SELECT reasons_json FROM story_articles").fetchall()
    finally:
        conn.close()
    return [json.loads(r[0])["split"] for r in rows if "split" in json.loads(r[0])]


def test_two_title_fights_reported_undated_years_apart_are_two_stories(tmp_path: Path) -> None:
    """This week's fight is reported with dates; the champion's defence against another
    challenger in another city years ago arrives undated, so time cannot tell them apart
    and the words are the same: the names each fight keeps to itself do."""
    this_week = [_report(n, "Marcus Osei", "Lisbon", "Tomas Reyes", True) for n in range(4)]
    years_ago = [_report(n, "Dario Brandt", "Tallinn", "Henrik Lund", False) for n in range(4)]
    stories = cluster_items(this_week + years_ago, tmp_path / "library.sqlite")
    assert len(set(stories[:4])) == 1, "this week's reports are one story"
    assert len(set(stories[4:])) == 1, "the older fight's reports are one story"
    assert stories[0] != stories[4], "two fights, two stories"
    # The split says why: the names each part keeps to itself.
    (split,) = _split_reasons(tmp_path / "library.sqlite")[:1]
    details = split["details"]  # type: ignore[index]
    assert {"dario brandt", "tallinn"} & set(details["names"])  # type: ignore[index]
    assert {"marcus osei", "lisbon"} & set(details["other_names"])  # type: ignore[index]


def test_the_fights_part_the_same_in_small_refreshes_and_a_rebuild(tmp_path: Path) -> None:
    this_week = [_report(n, "Marcus Osei", "Lisbon", "Tomas Reyes", True) for n in range(4)]
    years_ago = [_report(n, "Dario Brandt", "Tallinn", "Henrik Lund", False) for n in range(4)]
    conn = database.connect(tmp_path / "library.sqlite")
    try:
        store_items(conn, this_week + years_ago)
        ordered = [
            r[0]
            for r in conn.execute("SELECT id FROM articles ORDER BY date_is_guess, published, id")
        ]
        for start in range(0, len(ordered), 3):
            update_stories(conn, ordered[start : start + 3], summaries=False)
        query = (
            "SELECT a.title, s.story_id FROM story_articles s "
            "JOIN articles a ON a.id = s.article_id"
        )
        incremental = dict(conn.execute(query).fetchall())
        rebuild_stories(conn, summaries=False)
        again = dict(conn.execute(query).fetchall())
    finally:
        conn.close()

    def partition(story_of: dict[str, int]) -> set[frozenset[str]]:
        return {frozenset(t for t, s in story_of.items() if s == v) for v in story_of.values()}

    assert partition(incremental) == partition(again)
    assert len(partition(again)) == 2


RECALL = (
    " The champion last defended the belts two years ago, when he stopped Dario Brandt in "
    "Tallinn. Tonight's promoter Nadia Quarles said the Estadio Norte had never sold out "
    "faster, and Varga's trainer Bruno Salas called it his finest night."
)


def test_an_older_fight_recalled_by_the_newer_reports_is_still_its_own_story(
    tmp_path: Path,
) -> None:
    """This week's reports recall the older fight (its challenger and city) as
    background, so the older fight's undated reports have no name of their own; this
    week's have many (challenger, city, referee, venue, promoter, trainer) that the older
    reports could not name: still two fights."""
    this_week = [_report(n, "Marcus Osei", "Lisbon", "Tomas Reyes", True) for n in range(4)]
    this_week = [{**r, "text": str(r["text"]) + RECALL} for r in this_week]
    years_ago = [_report(n, "Dario Brandt", "Tallinn", "Henrik Lund", False) for n in range(4)]
    years_ago = [
        {**r, "text": str(r["text"]).replace("Referee Henrik Lund", "The referee")}
        for r in years_ago
    ]
    stories = cluster_items(this_week + years_ago, tmp_path / "library.sqlite")
    assert len(set(stories[:4])) == 1
    assert len(set(stories[4:])) == 1
    assert stories[0] != stories[4]


def test_one_fight_reported_with_and_without_dates_stays_one_story(tmp_path: Path) -> None:
    """Undated reports of the same fight name the same challenger, city and referee as
    the dated ones: nothing to part them by."""
    dated = [_report(n, "Marcus Osei", "Lisbon", "Tomas Reyes", True) for n in range(4)]
    undated = [_report(n, "Marcus Osei", "Lisbon", "Tomas Reyes", False) for n in range(4, 8)]
    stories = cluster_items(dated + undated, tmp_path / "library.sqlite")
    assert len(set(stories)) == 1
    assert _split_reasons(tmp_path / "library.sqlite") == []


FLOOD = (
    "Floodwater from the River Marrow swept through Oldbridge overnight, and the death "
    "toll rose to {toll} on {day}, Mayor Agnes Thorne said.",
    "Rescue crews in boats searched the lower town of Oldbridge for people trapped on "
    "roofs as the River Marrow stayed above its banks.",
    "Mayor Agnes Thorne said {toll} people were confirmed dead and dozens were still "
    "missing, and asked residents to stay off the flooded roads.",
    "{witness}, who lives by the old bridge, said the water rose to the first floor in "
    "less than an hour and carried cars down the street.",
    "The regional government sent soldiers and pumps to Oldbridge and opened shelters in "
    "two schools on higher ground for families who lost their homes.",
    "Forecasters said more rain was expected over the Marrow valley, and engineers were "
    "checking the flood wall that gave way upstream of the town.",
)
WITNESSES = (
    "Peter Lanning",
    "Rosa Kettle",
    "Jonas Weir",
    "Clara Bexley",
    "Emil Sorrow",
    "Hana Oake",
    "Ivo Crane",
    "Lena Pratt",
)


def _flood(n: int, toll: int, dated: bool) -> dict[str, object]:
    order = [(n + k) % len(FLOOD) for k in range(len(FLOOD))]
    day = "Tuesday" if n < 4 else "Wednesday"
    text = " ".join(FLOOD[k].format(toll=toll, day=day, witness=WITNESSES[n]) for k in order)
    return {
        "id": f"flood-{n}",
        "title": f"Oldbridge flood: death toll rises to {toll}",
        "text": text,
        "source": f"Outlet {n}",
        "published": datetime(2026, 4, 7, 6 + n, tzinfo=UTC) if dated else None,
        "url": None,
    }


def test_a_flood_whose_undated_reports_give_a_rising_toll_stays_one_story(
    tmp_path: Path,
) -> None:
    """Later reports, undated, give a higher toll and quote other residents, one each:
    they still name the same town, river and mayor, so nothing parts them."""
    reports = [_flood(n, toll, n < 4) for n, toll in enumerate((3, 3, 5, 5, 7, 9, 12, 12))]
    stories = cluster_items(reports, tmp_path / "library.sqlite")
    assert len(set(stories)) == 1
    assert _split_reasons(tmp_path / "library.sqlite") == []


SHOOTING = (
    "Deputy Aaron Milsom was shot dead on Tuesday night during a stop in Greyford, and "
    "gang member Victor Delacroix was later charged with his murder.",
    "Colleagues remembered Deputy Aaron Milsom as a patient officer who coached youth "
    "football in Greyford for ten years.",
    "Victor Delacroix, 24, is accused of firing four shots at Milsom from a parked car "
    "before fleeing on foot, investigators said.",
    "Sheriff Dana Whitcombe said Victor Delacroix was found hiding in a garage two days "
    "later and taken into custody without a fight.",
    "Milsom leaves a wife and two daughters; Greyford lowered its flags, and a memorial "
    "service for the deputy is planned for next week.",
)
# Said once, in passing, by one half of the reports each: background any report of the
# shooting may or may not give, not the names of another event.
IN_PASSING = (
    " Ruth Calder, who lives on Joliet Avenue where the car was found, said she heard the shots.",
    " A SWAT team from Harbor County searched the block, and Mercy General Hospital "
    "confirmed the death.",
)


def _shooting(n: int) -> dict[str, object]:
    order = [(n + k) % len(SHOOTING) for k in range(len(SHOOTING))]
    text = " ".join(SHOOTING[k] for k in order) + IN_PASSING[n % 2]
    return {
        "id": f"shooting-{n}",
        "title": f"Greyford deputy shot dead; gang member charged ({n})",
        "text": text,
        "source": f"Outlet {n}",
        "published": None,
        "url": None,
    }


def test_one_shooting_whose_reports_name_different_background_stays_one_story(
    tmp_path: Path,
) -> None:
    """Undated reports of one shooting: each half mentions, once, background the other
    half does not (a neighbour and her street / the SWAT team and a hospital). The names
    they report on -- the deputy, the accused, the town -- come back in every report:
    one story, not two parted by what was said in passing."""
    stories = cluster_items([_shooting(n) for n in range(8)], tmp_path / "library.sqlite")
    assert len(set(stories)) == 1
    assert _split_reasons(tmp_path / "library.sqlite") == []

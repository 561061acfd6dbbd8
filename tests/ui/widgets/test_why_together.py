""" "Why are these together" tells when a member came in by a merge or a split.

Stories are built by the app's own grouping from invented reports (the heatwave whose
two early stories a later full report merges, the dam story that drifts into shelter
news and is split), then opened in the story pane of a real offscreen window.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from desktop_reader.commands.cluster import store_items
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import stories
from desktop_reader.ui.widgets.story_pane import StoryPane
from tests.core.stories.test_story_drift import DRIFT
from tests.core.stories.test_story_time import HEAT_A, HEAT_B, HEAT_BOTH, START, _item


def _open(qtbot, library: Library, story_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    pane = StoryPane(Reader(library), library.media)
    qtbot.addWidget(pane)
    pane.resize(1000, 800)
    pane.show()
    detail = pane.show_story(story_id)
    assert detail is not None
    why = pane.story_view.why
    why.toggle.click()
    assert why.body.isVisible()
    return why.lines


def test_members_moved_by_a_merge_name_the_article_that_bridged_it(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "library")
    conn = library.connect()
    try:
        ids = store_items(
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
                _item(
                    "both",
                    "Record heat in Calder: wards full, wildfires force evacuations",
                    HEAT_BOTH,
                    "Globe Desk",
                    START + timedelta(hours=3),
                ),
            ],
        )
        update_stories(conn, ids, summaries=False)
        story_id = stories.story_of_article(conn, ids[2])
        assert story_id is not None and stories.story_of_article(conn, ids[0]) == story_id
    finally:
        conn.close()
    lines = _open(qtbot, library, story_id)
    assert len(lines) == 3
    bridge = next(line for line in lines if line.startswith("[3] Globe Desk"))
    moved = [line for line in lines if "merged into this one" in line]
    # One early story was merged into the other: its member says so and names [3].
    assert len(moved) == 1 and moved[0] != bridge
    assert "when [3] reported on both" in moved[0]
    # Each early story had a first report; only the one the other merged into started it.
    assert moved[0].split(": ", 1)[1].startswith("Started a separate story, merged")
    assert sum("Started the story." in line for line in lines) == 1
    assert "merged" not in bridge and "Moved here" not in " ".join(lines)


def test_members_split_off_a_drifted_story_say_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    library = Library.open(tmp_path / "library")
    conn = library.connect()
    try:
        ids = store_items(conn, DRIFT)
        update_stories(conn, ids, summaries=False)
        shelters = stories.story_of_article(conn, ids[-1])
        dam = stories.story_of_article(conn, ids[0])
        assert shelters is not None and dam is not None and shelters != dam
    finally:
        conn.close()
    lines = _open(qtbot, library, shelters)
    moved = [line for line in lines if "Moved here when its story drifted apart" in line]
    assert moved  # the members split off (here every one: nothing joined after)
    assert all("little in common with the older ones" in line for line in moved)
    assert not any("drifted apart" in line for line in _open(qtbot, library, dam))


def test_a_report_joined_by_the_fitted_scorer_says_how_likely_it_belongs(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    from tests.core.stories.test_story_scorer import FERRY_A, FERRY_B

    library = Library.open(tmp_path / "library")
    conn = library.connect()
    try:
        ids = store_items(
            conn,
            [
                _item(
                    "a",
                    "Ferry runs aground off Kesterholm; 212 rescued",
                    FERRY_A,
                    "Coastline Post",
                    START,
                ),
                _item(
                    "b",
                    "212 taken off stranded ferry Maren Star in fog",
                    FERRY_B,
                    "Daily Quayside",
                    START + timedelta(hours=2),
                ),
            ],
        )
        update_stories(conn, ids, summaries=False)
        story_id = stories.story_of_article(conn, ids[1])
        assert story_id is not None and stories.story_of_article(conn, ids[0]) == story_id
    finally:
        conn.close()
    joined = next(
        line for line in _open(qtbot, library, story_id) if line.startswith("[2] Daily Quayside")
    )
    # A probability is not a similarity: the line says what the number means.
    assert "likely the same story" in joined and "similarity" not in joined

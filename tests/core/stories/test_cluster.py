"""Clustering rules that the labelled sets only cover in bulk, each on invented briefs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from desktop_reader.commands.cluster import cluster_items
from desktop_reader.core.storage import database
from desktop_reader.core.stories import cluster, index
from desktop_reader.core.stories import vectors as vx


def _brief(item_id: str, hour: int, title: str, text: str, source: str) -> dict[str, object]:
    return {
        "id": item_id,
        "title": title,
        "text": text,
        "source": source,
        "published": datetime(2026, 3, 2, hour, tzinfo=UTC),
        "url": None,
    }


# One authority, two unrelated decisions on one morning: the briefs share the
# authority's name (rare, so heavy) and little else.
BRIEFS = [
    _brief(
        "fares-1",
        8,
        "Varnholt Rail Authority freezes season ticket fares",
        "The Varnholt Rail Authority froze season ticket fares for commuters until "
        "next spring, saying households could not absorb another rise.",
        "Coastline Post",
    ),
    _brief(
        "fares-2",
        9,
        "Varnholt Rail Authority holds season ticket fares for a year",
        "Commuters will pay the same for season tickets until next spring after the "
        "Varnholt Rail Authority froze fares, citing household budgets.",
        "Daily Quayside",
    ),
    _brief(
        "tunnel-1",
        10,
        "Varnholt Rail Authority shuts Lomond tunnel after flooding",
        "Engineers closed the Lomond tunnel overnight when floodwater reached the "
        "tracks, the Varnholt Rail Authority said, with replacement buses running.",
        "Northgate Herald",
    ),
    _brief(
        "tunnel-2",
        11,
        "Floodwater closes Lomond tunnel; buses replace trains",
        "Replacement buses ran all morning after floodwater reached the tracks in the "
        "Lomond tunnel, which the Varnholt Rail Authority closed overnight.",
        "Coastline Post",
    ),
]


def _story(vector: dict[str, float], names: frozenset[str]) -> index.StoryState:
    unit = vx.cap(vector, 60)
    when = datetime(2026, 3, 2, 8, tzinfo=UTC).timestamp()
    return index.StoryState(
        1, "en", when, when, dict(unit), [index.Member(7, unit, when, names)], 1
    )


# A feed brief on the authority's fare freeze, as a one-member story: its heaviest terms
# are the authority's name, which is rare in a large library.
AUTHORITY = {"@varnholt rail authority": 3.0, "varnholt": 2.5, "rail": 1.5, "authority": 1.2}
FARES = _story(
    {**AUTHORITY, "fare": 1.0, "season": 0.9, "ticket": 0.9, "freeze": 0.8},
    frozenset({"varnholt rail authority"}),
)
NAMES = frozenset({"varnholt rail authority"})


def test_one_shared_organisation_is_not_enough_to_join() -> None:
    """Same authority, another decision (a tunnel closed by floods): the names alone
    score far above the threshold, but nothing of what happened is shared."""
    tunnel = vx.cap({**AUTHORITY, "tunnel": 1.0, "flood": 0.9, "closed": 0.8, "bus": 0.8}, 60)
    score, reasons = cluster.score_story(
        tunnel, FARES.last, FARES, frozenset(), NAMES, threshold=cluster.SHORT_TEXT_THRESHOLD
    )
    assert score >= cluster.SHORT_TEXT_THRESHOLD  # the name overlap alone clears it ...
    assert reasons["content"] == 0.0
    assert reasons["accepted"] is False  # ... yet the brief starts its own story


def test_the_same_decision_from_another_outlet_still_joins() -> None:
    fares = vx.cap({**AUTHORITY, "fare": 1.0, "season": 0.8, "commuter": 0.9, "hold": 0.7}, 60)
    _score, reasons = cluster.score_story(
        fares, FARES.last, FARES, frozenset(), NAMES, threshold=cluster.SHORT_TEXT_THRESHOLD
    )
    assert reasons["content"] >= cluster.CONTENT_FLOOR
    assert reasons["accepted"] is True


def test_the_name_free_similarity_is_recorded_as_a_reason(tmp_path: Path) -> None:
    cluster_items(BRIEFS, tmp_path / "library.sqlite")
    conn = database.connect(tmp_path / "library.sqlite")
    try:
        reasons = {
            title: json.loads(raw)
            for title, raw in conn.execute(
                "SELECT a.title, s.reasons_json FROM story_articles s "
                "JOIN articles a ON a.id = s.article_id"
            )
        }
    finally:
        conn.close()
    joined = reasons["Varnholt Rail Authority holds season ticket fares for a year"]
    assert joined["rule"] == "similar" and joined["accepted"] is True
    # Only one name (the authority) is shared, so the fares words had to carry the join.
    assert joined["shared_entities"] == ["varnholt rail authority"]
    assert joined["content"] >= 0.12

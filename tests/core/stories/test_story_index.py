"""The story index keeps a batch's rewritten stories in memory until the batch is
written: candidate retrieval must rank them exactly as it does once they are stored."""

from __future__ import annotations

import random
from pathlib import Path

from desktop_reader.core.storage import database
from desktop_reader.core.storage.story_index import StoryIndexStore

WORDS = [f"w{n}" for n in range(60)]


def _weights(rng: random.Random) -> dict[str, float]:
    terms = rng.sample(WORDS, 12)
    return {t: rng.choice([0.05, 0.1, 0.1, 0.2]) * rng.random() + 0.01 for t in terms}


def _queries(rng: random.Random) -> list[list[tuple[str, float]]]:
    return [[(t, rng.random() * 0.4) for t in rng.sample(WORDS, 20)] for _ in range(200)]


def test_stories_changed_in_a_batch_rank_exactly_as_once_written(tmp_path: Path) -> None:
    rng = random.Random(7)
    conn = database.connect(tmp_path / "library.sqlite")
    store = StoryIndexStore(conn)
    with database.transaction(conn):
        ids = [store.new_story("en", 0.0) for _ in range(80)]
        for n, story_id in enumerate(ids):
            store.index_story(story_id, _weights(rng).items(), float(n))
        store.write_index()
    queries = _queries(rng)
    with database.transaction(conn):
        # Half the stories change (new terms, weights and dates) and are not written yet.
        for story_id in ids[::2]:
            store.index_story(story_id, _weights(rng).items(), 100.0 + story_id)
        pending = [store.candidates(q, 40.0, 0.01, 6) for q in queries]
        store.write_index()
        written = [store.candidates(q, 40.0, 0.01, 6) for q in queries]
    assert pending == written  # same stories, same order, the same dots to the bit
    assert any(hit[0] in ids[::2] for found in written for hit in found)
    # Another connection reads what was committed, and ranks it the same.
    other = StoryIndexStore(database.connect(tmp_path / "library.sqlite"))
    assert [other.candidates(q, 40.0, 0.01, 6) for q in queries] == written
    conn.close()
    other.conn.close()


def test_a_story_rewritten_in_the_batch_is_found_by_its_new_terms_only(tmp_path: Path) -> None:
    conn = database.connect(tmp_path / "library.sqlite")
    store = StoryIndexStore(conn)
    with database.transaction(conn):
        story = store.new_story("en", 0.0)
        store.index_story(story, [("harbour", 0.9), ("ferry", 0.43)], 10.0)
        store.write_index()
    with database.transaction(conn):
        store.index_story(story, [("election", 0.8), ("ballot", 0.6)], 20.0)
        assert store.candidates([("harbour", 1.0)], None, 0.01, 4) == []
        assert [s for s, _ in store.candidates([("ballot", 1.0)], None, 0.01, 4)] == [story]
        assert store.candidates([("ballot", 1.0)], 25.0, 0.01, 4) == []  # silent since
        store.write_index()
    rows = conn.execute("SELECT term FROM story_terms WHERE story_id = ? ORDER BY term", (story,))
    assert [r[0] for r in rows] == ["ballot", "election"]
    conn.close()


def test_a_story_merged_away_in_the_batch_is_no_candidate(tmp_path: Path) -> None:
    conn = database.connect(tmp_path / "library.sqlite")
    store = StoryIndexStore(conn)
    with database.transaction(conn):
        keep, gone = store.new_story("en", 0.0), store.new_story("en", 0.0)
        store.index_story(keep, [("storm", 0.9), ("coast", 0.43)], 10.0)
        store.write_index()
    with database.transaction(conn):
        store.index_story(gone, [("storm", 0.7), ("flood", 0.7)], 11.0)
        store.merge_stories(keep, gone, "{}", 10.0, 11.0)
        assert [s for s, _ in store.candidates([("flood", 1.0)], None, 0.01, 4)] == []
        store.write_index()
    stored = conn.execute("SELECT story_id FROM story_terms").fetchall()
    assert {r[0] for r in stored} == {keep}
    conn.close()

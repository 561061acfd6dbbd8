"""Stored term vectors: the blob format, and migration 011 from the JSON columns."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop_reader.commands.cluster import store_items
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.storage import database, vector_codec
from tests.core.stories.corpus import handwritten


def test_a_vector_reads_back_bit_for_bit_in_its_order() -> None:
    vector = {"zürich": 0.1 + 0.2, "@anna marsh": 1 / 3, "2026": 1e-300, "dam": 0.5}
    back = vector_codec.decode(vector_codec.encode(vector))
    assert list(back.items()) == list(vector.items())
    assert vector_codec.decode(vector_codec.encode({})) == {}


def test_a_damaged_blob_or_term_is_refused_clearly() -> None:
    blob = vector_codec.encode({"flood": 0.5, "dam": 0.25})
    with pytest.raises(vector_codec.VectorFormatError, match="cut short"):
        vector_codec.decode(blob[:-4])
    with pytest.raises(vector_codec.VectorFormatError, match="not a stored vector"):
        vector_codec.decode(b"{" + blob[1:])
    with pytest.raises(ValueError, match="NUL"):
        vector_codec.encode({"a\x00b": 1.0})


def _outcome(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Each article's story (by its first member), score and reasons, and each story's
    headline and counts: what a reader sees of the grouping."""
    first = dict(conn.execute("SELECT story_id, MIN(article_id) FROM story_articles GROUP BY 1"))
    rows = [
        (a, first[s], score, reasons)
        for a, s, score, reasons in conn.execute(
            "SELECT article_id, story_id, score, reasons_json FROM story_articles"
        )
    ]
    stories = [
        (first[i], headline, count, outlets)
        for i, headline, count, outlets in conn.execute(
            "SELECT id, headline, article_count, outlet_count FROM stories"
        )
    ]
    return sorted(rows) + sorted(stories)  # type: ignore[arg-type]


def _back_to_json_columns(path: Path) -> None:
    """Store the vectors as JSON again, as a library before migration 011 held them."""
    old = sqlite3.connect(path, isolation_level=None)
    old.create_function(
        "vector_text", 1, lambda b: json.dumps(vector_codec.decode(b), ensure_ascii=False)
    )
    for table, blob, text in (
        ("story_articles", "vector", "vector_json"),
        ("stories", "centroid", "centroid_json"),
    ):
        old.execute(f"ALTER TABLE {table} ADD COLUMN {text} TEXT NOT NULL DEFAULT '{{}}'")
        old.execute(f"UPDATE {table} SET {text} = vector_text({blob})")
        old.execute(f"ALTER TABLE {table} DROP COLUMN {blob}")
    old.execute("DROP TABLE article_features")  # migration 012, after the blobs
    old.execute("PRAGMA user_version = 10")
    old.close()


def test_a_library_grouped_before_the_blobs_groups_on_exactly_as_before(
    tmp_path: Path,
) -> None:
    """Half the articles grouped, the library taken back to JSON vectors and migrated,
    then the other half: the same stories, scores and reasons as one library that
    never changed format."""
    items = handwritten()
    half = len(items) // 2

    straight = database.connect(tmp_path / "straight.sqlite3")
    ids = store_items(straight, items)
    update_stories(straight, ids[:half], summaries=False)
    update_stories(straight, ids[half:], summaries=False)

    path = tmp_path / "migrated.sqlite3"
    conn = database.connect(path)
    ids = store_items(conn, items)
    update_stories(conn, ids[:half], summaries=False)
    before = [r[0] for r in conn.execute("SELECT vector FROM story_articles ORDER BY 1")]
    conn.close()
    _back_to_json_columns(path)

    conn = database.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == database.schema_version()
    columns = {r[1] for r in conn.execute("PRAGMA table_info(story_articles)")}
    assert "vector" in columns and "vector_json" not in columns
    assert [r[0] for r in conn.execute("SELECT vector FROM story_articles ORDER BY 1")] == before
    update_stories(conn, ids[half:], summaries=False)
    assert _outcome(conn) == _outcome(straight)


def test_a_vector_no_json_reader_can_read_does_not_stop_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    conn = database.connect(path)
    ids = store_items(conn, handwritten()[:6])
    update_stories(conn, ids, summaries=False)
    conn.close()
    _back_to_json_columns(path)
    damaged = sqlite3.connect(path, isolation_level=None)
    damaged.execute(
        "UPDATE story_articles SET vector_json = '{not json' WHERE article_id = ?", (ids[0],)
    )
    damaged.execute(
        "UPDATE story_articles SET vector_json = '[1, 2]' WHERE article_id = ?", (ids[1],)
    )
    damaged.close()

    conn = database.connect(path)  # vectors are derived: a rebuild computes them again
    vectors = {
        a: vector_codec.decode(v)
        for a, v in conn.execute("SELECT article_id, vector FROM story_articles")
    }
    assert vectors[ids[0]] == {} and vectors[ids[1]] == {}
    assert all(vectors[i] for i in ids[2:])

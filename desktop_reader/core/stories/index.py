"""The story index in SQLite: document frequencies, centroid terms, fingerprints.

Candidate stories for a new article come from `story_terms` (term -> stories whose
centroid holds it), restricted to stories active in a time window around the
article's date, so the work per article does not grow with the library.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from desktop_reader.core.stories.entities import entity_key
from desktop_reader.core.stories.vectors import cap

QUERY_TERMS = 20  # an article looks up its heaviest terms only
QUERY_NAMES = 8  # and its heaviest names
INDEX_TERMS = 60  # and a story is indexed under its heaviest centroid terms only
COMMON_TERM_SHARE = 0.005  # terms in more than 0.5% of articles are not looked up:
COMMON_TERM_MIN_DF = 200  # their posting lists grow with the library (never below 200)


class DocumentFrequencies:
    """Document frequencies with a write-back cache for one batch of articles."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        row = conn.execute("SELECT value FROM story_meta WHERE key = 'documents'").fetchone()
        self._total = int(row[0]) if row else 0
        self._cache: dict[str, int] = {}
        self._dirty: set[str] = set()

    @property
    def total(self) -> int:
        return self._total

    def df(self, term: str) -> int:
        found = self._cache.get(term)
        if found is None:
            row = self.conn.execute("SELECT df FROM story_df WHERE term = ?", (term,)).fetchone()
            found = self._cache[term] = int(row[0]) if row else 0
        return found

    def preload(self, terms: Iterable[str]) -> None:
        missing = [t for t in set(terms) if t not in self._cache]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for term in chunk:
                self._cache[term] = 0
            rows = self.conn.execute(
                f"SELECT term, df FROM story_df WHERE term IN ({','.join('?' * len(chunk))})",
                chunk)
            self._cache.update((t, int(d)) for t, d in rows)

    def add_document(self, terms: Iterable[str]) -> None:
        for term in terms:
            self._cache[term] = self.df(term) + 1
            self._dirty.add(term)
        self._total += 1

    def flush(self) -> None:
        self.conn.executemany(
            "INSERT INTO story_df(term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = excluded.df",
            [(t, self._cache[t]) for t in sorted(self._dirty)])
        self.conn.execute("INSERT INTO story_meta(key, value) VALUES ('documents', ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                          (self._total,))
        self._dirty.clear()


@dataclass
class Member:
    """One recent member of a story, as scoring sees it."""

    article_id: int
    vector: dict[str, float]  # unit TF-IDF vector
    published: float | None
    names: frozenset[str]  # entity keys found in it


@dataclass
class StoryState:
    """What scoring needs of one candidate story."""

    id: int
    language: str
    first: float | None
    last: float | None
    centroid: dict[str, float]  # decayed raw weights
    members: list[Member]  # newest first
    size: int
    _unit: tuple[int, dict[str, float]] | None = field(default=None, repr=False)

    def unit(self, terms: int) -> dict[str, float]:
        """The centroid capped to `terms` and of unit length (computed once per change)."""
        if self._unit is None or self._unit[0] != terms:
            self._unit = (terms, cap(self.centroid, terms))
        return self._unit[1]

    def changed(self) -> None:
        self._unit = None

    @property
    def names(self) -> frozenset[str]:
        """Entity keys named by the loaded (recent) members."""
        return frozenset().union(*(m.names for m in self.members))


def candidates(
    conn: sqlite3.Connection, vector: Mapping[str, float], freq: DocumentFrequencies,
    since: float | None, limit: int, floor: float,
) -> list[tuple[int, float]]:
    """Stories active since `since` whose centroid is at least `floor` similar to `vector`.

    The index holds each story's unit-length capped centroid, so summing
    article weight x index weight over shared terms is the centroid cosine itself
    over the terms looked up: a lower bound of the true cosine, since only the
    heaviest terms on each side take part. One query per article; a story under
    the floor is never loaded.
    """
    heaviest = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))
    terms = [(t, w) for t, w in heaviest
             if freq.df(t) <= max(COMMON_TERM_MIN_DF, COMMON_TERM_SHARE * freq.total)]
    # Names are looked up even when rarer words outweigh them: two reports of one event
    # share its places and people more surely than any other word.
    names = [tw for tw in terms if tw[0][0] == "@"][:QUERY_NAMES]
    terms = terms[:QUERY_TERMS] + [tw for tw in names if tw not in terms[:QUERY_TERMS]]
    if not terms:
        return []
    values = ",".join("(?,?)" for _ in terms)
    args: list[object] = [x for pair in terms for x in pair]
    rows = conn.execute(
        f"WITH q(term, w) AS (VALUES {values}) "
        "SELECT st.story_id, SUM(st.weight * q.w) AS dot FROM q "
        "JOIN story_terms st ON st.term = q.term AND st.last_published >= ? "
        "GROUP BY st.story_id HAVING dot >= ? ORDER BY dot DESC, st.story_id LIMIT ?",
        [*args, since if since is not None else -1e18, floor, limit])
    return [(int(r[0]), float(r[1])) for r in rows]


def load_story(conn: sqlite3.Connection, story_id: int, members: int) -> StoryState:
    row = conn.execute("SELECT language, first_published, last_published, centroid_json, "
                       "article_count FROM stories WHERE id = ?", (story_id,)).fetchone()
    recent = conn.execute(
        "SELECT article_id, vector_json, published, entities_json FROM story_articles "
        "WHERE story_id = ? ORDER BY position DESC LIMIT ?", (story_id, members)).fetchall()
    return StoryState(story_id, row[0], row[1], row[2], json.loads(row[3]),
                      [Member(r[0], json.loads(r[1]), r[2], entity_keys(json.loads(r[3])))
                       for r in recent], row[4])


def entity_keys(entities: Iterable[list[object]]) -> frozenset[str]:
    """Keys of stored entities ([name, kind, count, ticker] lists)."""
    return frozenset(entity_key(str(e[0])) for e in entities)


def index_story(conn: sqlite3.Connection, story_id: int, unit_centroid: Mapping[str, float],
                last: float) -> None:
    """Replace the story's rows in the inverted index."""
    conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
    heaviest = sorted(unit_centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_TERMS]
    conn.executemany(
        "INSERT INTO story_terms(term, story_id, weight, last_published) VALUES (?,?,?,?)",
        [(t, story_id, w, last) for t, w in heaviest])


def story_for_fingerprints(conn: sqlite3.Connection, prints: Iterable[str]) -> int | None:
    for fingerprint in prints:
        row = conn.execute("SELECT story_id FROM story_fingerprints WHERE fingerprint = ?",
                           (fingerprint,)).fetchone()
        if row:
            return int(row[0])
    return None


def add_fingerprints(conn: sqlite3.Connection, story_id: int, prints: Iterable[str]) -> None:
    conn.executemany("INSERT OR IGNORE INTO story_fingerprints VALUES (?, ?)",
                     [(p, story_id) for p in prints])


def library_end(conn: sqlite3.Connection) -> float | None:
    """The newest date in the index: where undated articles are assumed to belong."""
    row = conn.execute("SELECT MAX(last_published) FROM stories").fetchone()
    return row[0] if row and row[0] is not None else None

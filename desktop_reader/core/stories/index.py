"""The story index in SQLite: document frequencies, centroid terms, fingerprints.

Candidate stories for a new article come from `story_terms` (term -> stories whose
centroid holds it), restricted to stories active in a time window around the
article's date, so the work per article does not grow with the library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from desktop_reader.core.storage.story_index import StoryIndexStore
from desktop_reader.core.stories.entities import entity_key
from desktop_reader.core.stories.vectors import cap, heaviest, without_entities

QUERY_TERMS = 20  # an article looks up its heaviest terms only
QUERY_NAMES = 8  # and its heaviest names
INDEX_TERMS = 60  # and a story is indexed under its heaviest centroid terms only
COMMON_TERM_SHARE = 0.005  # terms in more than 0.5% of articles are not looked up:
COMMON_TERM_MIN_DF = 200  # their posting lists grow with the library (never below 200)


class DocumentFrequencies:
    """Document frequencies with a write-back cache for one batch of articles."""

    def __init__(self, store: StoryIndexStore) -> None:
        self.store = store
        self._total = store.documents()
        self._cache: dict[str, int] = {}
        self._dirty: set[str] = set()

    @property
    def total(self) -> int:
        return self._total

    def df(self, term: str) -> int:
        found = self._cache.get(term)
        if found is None:
            found = self._cache[term] = self.store.df(term)
        return found

    def preload(self, terms: Iterable[str]) -> None:
        missing = [t for t in set(terms) if t not in self._cache]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            for term in chunk:
                self._cache[term] = 0
            self._cache.update(self.store.dfs(chunk))

    def add_document(self, terms: Iterable[str]) -> None:
        for term in terms:
            self._cache[term] = self.df(term) + 1
            self._dirty.add(term)
        self._total += 1

    def flush(self) -> None:
        self.store.write_frequencies(
            [(t, self._cache[t]) for t in sorted(self._dirty)], self._total
        )
        self._dirty.clear()


@dataclass
class Member:
    """One recent member of a story, as scoring sees it."""

    article_id: int
    vector: dict[str, float]  # unit TF-IDF vector (never changed once stored)
    published: float | None
    names: frozenset[str]  # entity keys found in it
    # The names it mentions more than once: what it reports on, not what it recalls in
    # passing (a background name is named once; the event's own people come back).
    repeated: frozenset[str] = frozenset()

    @cached_property
    def name_free(self) -> dict[str, float]:
        """The vector without entity terms, for name-free similarity (kept: a recent
        member is compared with every article scored against its story)."""
        return without_entities(self.vector)


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
    # What is computed from the members, kept until they change (`changed()`).
    _names: frozenset[str] | None = field(default=None, repr=False)
    _terms: frozenset[str] | None = field(default=None, repr=False)

    def unit(self, terms: int) -> dict[str, float]:
        """The centroid capped to `terms` and of unit length (computed once per change)."""
        if self._unit is None or self._unit[0] != terms:
            self._unit = (terms, cap(self.centroid, terms))
        return self._unit[1]

    def changed(self) -> None:
        """Call after changing the centroid or the members."""
        self._unit = self._names = self._terms = None

    @property
    def names(self) -> frozenset[str]:
        """Entity keys named by the loaded (recent) members."""
        if self._names is None:
            self._names = frozenset().union(*(m.names for m in self.members))
        return self._names

    @property
    def member_terms(self) -> frozenset[str]:
        """Every term of the loaded (recent) members' vectors."""
        if self._terms is None:
            self._terms = frozenset().union(*(m.vector.keys() for m in self.members))
        return self._terms


def candidates(
    store: StoryIndexStore,
    vector: Mapping[str, float],
    freq: DocumentFrequencies,
    since: float | None,
    limit: int,
    floor: float,
) -> list[tuple[int, float]]:
    """Stories active since `since` whose centroid is at least `floor` similar to `vector`.

    The index holds each story's unit-length capped centroid, so summing
    article weight x index weight over shared terms is the centroid cosine itself
    over the terms looked up: a lower bound of the true cosine, since only the
    heaviest terms on each side take part. One query per article; a story under
    the floor is never loaded.
    """
    terms = [
        (t, w)
        for t, w in heaviest(vector.items())
        if freq.df(t) <= max(COMMON_TERM_MIN_DF, COMMON_TERM_SHARE * freq.total)
    ]
    # Names are looked up even when rarer words outweigh them: two reports of one event
    # share its places and people more surely than any other word.
    names = [tw for tw in terms if tw[0][0] == "@"][:QUERY_NAMES]
    terms = terms[:QUERY_TERMS] + [tw for tw in names if tw not in terms[:QUERY_TERMS]]
    if not terms:
        return []
    return store.candidates(terms, since, floor, limit)


def load_story(store: StoryIndexStore, story_id: int, members: int) -> StoryState:
    row, recent = store.story(story_id, members)
    return StoryState(
        story_id,
        row[0],
        row[1],
        row[2],
        row[3],
        [member(r[0], r[1], r[2], json.loads(r[3])) for r in recent],
        row[4],
    )


def member(
    article_id: int,
    vector: dict[str, float],
    published: float | None,
    entities: list[list[object]],
) -> Member:
    """A member from its stored entities ([name, kind, count, ticker] lists)."""
    repeated = frozenset(entity_key(str(e[0])) for e in entities if _count(e) >= 2)
    return Member(article_id, vector, published, entity_keys(entities), repeated)


def _count(entity: list[object]) -> int:
    count = entity[2] if len(entity) > 2 else 1
    return count if isinstance(count, int) else 1


def entity_keys(entities: Iterable[list[object]]) -> frozenset[str]:
    """Keys of stored entities ([name, kind, count, ticker] lists)."""
    return frozenset(entity_key(str(e[0])) for e in entities)


def index_story(
    store: StoryIndexStore, story_id: int, unit_centroid: Mapping[str, float], last: float
) -> None:
    """Replace the story's rows in the inverted index by its heaviest terms."""
    store.index_story(story_id, heaviest(unit_centroid.items())[:INDEX_TERMS], last)

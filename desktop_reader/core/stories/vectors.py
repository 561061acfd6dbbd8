"""Article vectors: TF-IDF over the title and lead (weighted up), the body and entities.

Why these parts: news puts the event in the headline and first paragraphs, so they
weigh most; the rest of the body (up to BODY_WORDS) still counts once, because real
outlets write one event with different headlines and vocabulary and the shared
details (places, figures, names) are often further down. Entities (people,
organisations, places) and distinctive numbers are what separate two events of one
kind, so they enter as their own terms ("@anna marsh") with extra weight.
IDF comes from document frequencies maintained as articles arrive (see index.py),
so the weight of a term is what the library knew when the article came in — the
same whether it arrived in a refresh or during a rebuild in the same order.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Protocol

from desktop_reader.core.stories import entities as ner
from desktop_reader.core.stories import text as tx

TITLE_WEIGHT = 2.0  # a title word counts like two body words: headlines name the event
LEAD_WEIGHT = 1.5  # the lead (who/what/where/when) counts one and a half times
# A name's own term ("@anna marsh"), on top of its words in the text. In a brief the
# names are most of what is said, so they count double; a full report repeats its
# names and says what happened at length, and a heavy name term there makes two events
# with one actor (one champion, two title fights) look alike: it counts once.
SHORT_ENTITY_WEIGHT = 2.0  # texts of SHORT_TEXT words or fewer ...
ENTITY_WEIGHT = 1.0  # ... and of LONG_TEXT or more; linear in between
SHORT_TEXT, LONG_TEXT = 60, 200  # words
LEAD_WORDS = 80  # about the first two or three paragraphs of real news prose
BODY_WORDS = 1000  # the body after the lead, up to here, counts once; the tail is background
MAX_TERMS = 120  # per article vector: the tail adds noise and index rows, not signal
HEADLINE_WORDS = 16  # longer titles are lead sentences, not headlines

Vector = dict[str, float]
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


class Frequencies(Protocol):
    """Document frequencies: how many articles so far contained each term."""

    @property
    def total(self) -> int: ...

    def df(self, term: str) -> int: ...


@dataclass(frozen=True)
class Features:
    """What the clusterer knows of one article."""

    language: str
    terms: tuple[str, ...]  # distinct terms, for document frequencies
    tf: Mapping[str, float]  # weighted term counts before IDF
    entities: tuple[ner.Entity, ...] = ()
    fingerprints: tuple[str, ...] = ()
    title: str = ""
    numbers: frozenset[str] = field(default_factory=frozenset)
    # Names in the title ("@key": who and where the article is about) and years before
    # the one the text is about: a headline's own facts, which its story should know.
    actors: frozenset[str] = field(default_factory=frozenset)
    # Keys of every name found (people, organisations, places, names of unknown kind).
    names: frozenset[str] = field(default_factory=frozenset)
    words: int = 0  # words of text read (at most BODY_WORDS)


def features(title: str, text: str, year: int | None = None) -> Features:
    """What the clusterer needs of one article; `year` is its publication year."""
    title = tx.clean_title(title)
    words = (text or "")[:20000].split()
    lead, body = " ".join(words[:LEAD_WORDS]), " ".join(words[LEAD_WORDS:BODY_WORDS])
    language = tx.detect_language(f"{title}. {lead}")
    tf: dict[str, float] = {}
    for part, weight in ((title, TITLE_WEIGHT), (lead, LEAD_WEIGHT), (body, 1.0)):
        for token in tx.tokens(part, language):
            tf[token] = tf.get(token, 0.0) + weight
    # The name heuristics are English ones (German capitalises every noun).
    found = tuple(ner.extract(f"{title}.\n{lead} {body}")) if language == "en" else ()
    weight = by_length(min(len(words), BODY_WORDS), SHORT_ENTITY_WEIGHT, ENTITY_WEIGHT)
    for entity in found[:20]:
        key = "@" + entity.key
        tf[key] = tf.get(key, 0.0) + weight * (1 + math.log(entity.count))
    numbers = frozenset(t for t in tf if t[0].isdigit())
    # A "title" of sentence length is the first sentence of a feed without headlines: it
    # names background as freely as any lead, so its names are not the headline's facts.
    headline = title if len(title.split()) <= HEADLINE_WORDS else ""
    actors = frozenset("@" + e.key for e in found[:20] if headline and e.name in headline) | (
        _past_years(headline, text, year)
    )
    return Features(
        language=language,
        terms=tuple(sorted(tf)),
        tf=tf,
        entities=found,
        fingerprints=tuple(tx.fingerprints(title, text)),
        title=title,
        numbers=numbers,
        actors=actors,
        names=frozenset(e.key for e in found[:20]),
        words=min(len(words), BODY_WORDS),
    )


def by_length(words: int, short: float, long: float) -> float:
    """`short` for texts of SHORT_TEXT words or fewer, `long` from LONG_TEXT, linear
    in between."""
    share = min(max((words - SHORT_TEXT) / (LONG_TEXT - SHORT_TEXT), 0.0), 1.0)
    return short + (long - short) * share


def _past_years(title: str, text: str, year: int | None) -> frozenset[str]:
    """Years the headline names that are earlier than the article's own (its publication
    year, or the latest year it mentions): "Man jailed over 2021 bank raid" reports an
    old event, not this week's robbery."""
    years = [int(y) for y in _YEAR.findall(f"{title} {text[:3000]}")] + ([year] if year else [])
    if not years:
        return frozenset()
    latest = max(years)
    return frozenset(y for y in _YEAR.findall(title) if int(y) < latest)


def idf(df: int, total: int) -> float:
    """Smoothed IDF; never below 1 so a common term still counts a little."""
    return math.log((total + 1) / (df + 1)) + 1.0


def weigh(feat: Features, freq: Frequencies) -> Vector:
    """The article's unit-length TF-IDF vector, capped to its MAX_TERMS heaviest terms."""
    total = freq.total
    raw = {
        t: (1.0 + math.log(w)) * idf(freq.df(t), total) if w >= 1 else w * idf(freq.df(t), total)
        for t, w in feat.tf.items()
    }
    return cap(raw, MAX_TERMS)


def heaviest(pairs: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """(term, weight) pairs heaviest first, ties by term (for determinism). Weights tie
    in nearly every vector (terms of one count and one document frequency), so a
    two-pass sort on C keys is no faster than this one."""
    return sorted(pairs, key=_heavy_first)


def _heavy_first(pair: tuple[str, float]) -> tuple[float, str]:
    return -pair[1], pair[0]


def cap(vector: Mapping[str, float], limit: int) -> Vector:
    """Keep the `limit` heaviest terms (ties by term, for determinism) and renormalise."""
    items = heaviest(vector.items())[:limit]
    norm = math.sqrt(sum(w * w for _, w in items)) or 1.0
    return {t: w / norm for t, w in items}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors (iterating the shorter)."""
    if len(a) > len(b):
        a, b = b, a
    # sum(w * b.get(t, 0.0) for t, w in a.items()), the same products added in the
    # same order, without a Python-level loop (scoring's most frequent call)
    return float(sum(map(operator.mul, a.values(), map(b.get, a.keys(), repeat(0.0)))))


def shared_terms(a: Mapping[str, float], b: Mapping[str, float], n: int = 8) -> list[str]:
    """The terms contributing most to the similarity of a and b (for explanations)."""
    common = heaviest([(t, a[t] * b[t]) for t in a.keys() & b.keys()])
    return [t for t, _ in common[:n]]


@lru_cache(maxsize=65536)
def name_tokens(key: str) -> frozenset[str]:
    """The vector terms a name is made of ("ostland opera" -> ostland, opera)."""
    return frozenset(tx.tokens(key))


def content_cosine(a: Mapping[str, float], b: Mapping[str, float], names: Iterable[str]) -> float:
    """Cosine of a and b over what is left once names are taken out (entity terms and
    the words of the given name keys): how far two texts agree on what happened, not
    on who or where."""
    return name_free_cosine(without_entities(a), without_entities(b), names)


def without_entities(vector: Mapping[str, float]) -> Vector:
    """The vector without its entity terms ("@..."), in its order."""
    return {t: w for t, w in vector.items() if t[0] != "@"}


def name_free_cosine(a: Vector, b: Vector, names: Iterable[str]) -> float:
    """`content_cosine` of two vectors already `without_entities`: scoring keeps those
    of a story's members and of the article, and compares them many times."""
    drop = frozenset().union(*map(name_tokens, names))
    a2 = _without(a, drop)
    b2 = _without(b, drop)
    if len(a2) > len(b2):
        a2, b2 = b2, a2
    # The sums of the old comprehensions, the same products in the same order.
    dot = sum(map(operator.mul, a2.values(), map(b2.get, a2.keys(), repeat(0.0))))
    if dot <= 0.0:
        return 0.0
    na, nb = a2.values(), b2.values()
    return float(dot / math.sqrt(sum(map(operator.mul, na, na)) * sum(map(operator.mul, nb, nb))))


def _without(vector: Vector, drop: frozenset[str]) -> Vector:
    """`vector` less the terms in `drop`, order kept (deleting keeps a dict's order)."""
    gone = drop.intersection(vector)
    if not gone:
        return vector
    kept = dict(vector)
    for term in gone:
        del kept[term]
    return kept

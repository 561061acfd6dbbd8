"""How alike two sentences are, for summaries and timelines.

Sentences become sets/vectors of content terms: lower-cased words without stopwords,
with a light suffix stripping so "arrested"/"arrests"/"arrest" meet, and numbers kept
as they are (a shared "450" is strong evidence of the same fact). Two measures:

- `overlap`: cosine of the binary term sets (Otsuka-Ochiai). Used to decide that two
  sentences report the same fact; it does not depend on the other sentences around.
- `TfIdf`: weighted vectors over one story's sentences, for centrality (similarity to
  the story's centroid) and for grouping sentences into subtopics.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own same she should so some such than that the their theirs them then there these
they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours said says say saying told according added
mr mrs ms dr new one two its it's also says would could may might must shall us per via
monday tuesday wednesday thursday friday saturday sunday today yesterday week year years
""".split()
)

# Numbers keep their decimals ("1.8", "400,000"); hyphenated words count as their parts.
_YEAR = re.compile(r"(?:19|20)\d\d")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z][a-z’']*")


def stem(word: str) -> str:
    """A light English suffix stripper: enough to match inflections, not derivations."""
    word = word.replace("’", "'").removesuffix("'s")
    if word.endswith("ss") or len(word) < 4:
        return word
    if word.endswith("ies") and len(word) >= 5:
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|x|z)es$", word):
        return word[:-2]
    for suffix, min_len in (("ing", 6), ("ed", 5)):
        if word.endswith(suffix) and len(word) >= min_len:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "trapped" -> "trap"
            return word
    return word[:-1] if word.endswith("s") else word


def terms(text: str) -> list[str]:
    """The content terms of `text`, in order, with repeats."""
    out = []
    for token in _TOKEN.findall(text.lower()):
        token = token.replace("’", "'").strip("'").removesuffix("'s").replace(",", "")
        if not token or token in STOPWORDS or (len(token) < 3 and not token.isdigit()):
            continue
        out.append(stem(token))
    return out


SAME_FACT = 0.5  # term-set cosine at which two sentences report the same fact
SAME_DAY_FACT = 0.25  # ...when both also name the same date (a strong anchor)
SAME_NUMBER_FACT = 0.35  # ...when both give exactly the same figures (not years)
DIFFERENT_DAY_FACT = 0.7  # ...unless they name different dates (a wire copy re-dated)


def same_fact(
    a: Sequence[str],
    b: Sequence[str],
    a_dates: Iterable[tuple[Any, Any]] = (),
    b_dates: Iterable[tuple[Any, Any]] = (),
) -> bool:
    """Whether two sentences report the same fact: many shared terms, or some shared
    terms and overlapping dates (each an inclusive (start, end) range of the days the
    sentence names)."""
    shared = len(set(a) & set(b))
    sim = overlap(a, b)
    da, db = list(a_dates), list(b_dates)
    same_day = any(x[0] <= y[1] and y[0] <= x[1] for x in da for y in db)
    if da and db and not same_day:
        return sim >= DIFFERENT_DAY_FACT  # different days are different events...
    if sim >= SAME_FACT and shared >= 3:
        return True
    numbers_a, numbers_b = _figures(a), _figures(b)
    if numbers_a and numbers_a == numbers_b and sim >= SAME_NUMBER_FACT and shared >= 4:
        return True  # "about 40 people" twice, with the same surroundings
    return sim >= SAME_DAY_FACT and shared >= 2 and same_day


def _figures(terms_: Iterable[str]) -> set[str]:
    return {t for t in terms_ if t[0].isdigit() and not _YEAR.fullmatch(t)}


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Cosine of two term sets (0..1)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / math.sqrt(len(sa) * len(sb))


class TfIdf:
    """TF-IDF vectors over a fixed set of documents (the candidate sentences of a story)."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        df: Counter[str] = Counter()
        for doc in documents:
            df.update(set(doc))
        n = max(len(documents), 1)
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}

    def vector(self, doc: Sequence[str]) -> dict[str, float]:
        """A unit-length weighted vector (empty for an empty document)."""
        counts = Counter(doc)
        vec = {t: (1 + math.log(c)) * self.idf.get(t, 1.0) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def centroid(
    vectors: Sequence[dict[str, float]], weights: Sequence[float] | None = None
) -> dict[str, float]:
    """The normalised weighted mean of unit vectors."""
    total: dict[str, float] = {}
    for i, vec in enumerate(vectors):
        w = 1.0 if weights is None else weights[i]
        for t, v in vec.items():
            total[t] = total.get(t, 0.0) + w * v
    norm = math.sqrt(sum(v * v for v in total.values()))
    return {t: v / norm for t, v in total.items()} if norm else {}

"""The fitted join scorer for full reports: pair features and a logistic model.

An article of more than SHORT_TEXT words is scored against each candidate story by a
logistic model over per-field similarities (whole text, headline words, names, figures,
text with names taken out), name agreement, a figure of its own the story never
stated, time (the gap beyond the story's own rhythm, undated sides) and the story's
size; it joins the best story whose probability
reaches JOIN_PROBABILITY, else starts a new story. The weights are constants fitted
offline by benchmarks/story_scorer_fit.py on the news-dev development half (pairs from
oracle placements, then from the first model's own runs; the probability chosen by
clustering F1, cross-validated by topic; figures in docs/notes/story-clustering.md):
nothing is trained at run time. Briefs (SHORT_TEXT words or fewer) keep the rules of
cluster.rule_score, tuned on feed summaries, which share words by chance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

FEATURES = (
    "centroid",  # cosine to the story's decayed centroid
    "best_member",  # best cosine to a recent member (no time discount)
    "mean_member",  # mean cosine to the recent members
    "title_centroid",  # the article's headline words against the centroid
    "names",  # cosine over name terms only ("@...")
    "figures",  # cosine over numbers only; 0 when either side states none
    "figures_both",  # 1 when both sides state figures
    "content",  # best name-free cosine to a recent member
    "shared_names",  # distinct shared names, at most 5, over 5
    "disjoint",  # both sides name people/places and share none
    "novel",  # headline names (or past years) new to the story, at most 2, over 2
    "gap",  # log(1 + days beyond the story's rhythm)
    "undated",  # the article or the story has no date
    "size",  # log(1 + members)
    "length",  # 0 at SHORT_TEXT words, 1 at LONG_TEXT or more
    "figure_conflict",  # both state figures; the article's heaviest one is new to the story
)


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]  # one per FEATURES entry
    bias: float

    def probability(self, values: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


# Fitted by `benchmarks/story_scorer_fit.py` (2026-12-05; the sweep is in the notes).
MODEL = Model(
    weights=(
        3.739,
        2.6816,
        1.6977,
        3.0808,
        -1.147,
        1.616,
        -0.0996,
        1.6432,
        1.0156,
        -1.5729,
        0.1045,
        -0.8774,
        -2.6948,
        -1.0792,
        0.5914,
        -0.2601,
    ),
    bias=0.6241,
)
JOIN_PROBABILITY = 0.3
# A runner-up this likely, whose centroid is cluster.MERGE_CENTROID alike, is merged
# (0.8 / 0.9 / 0.97 / off swept on the topic halves with the first model: 0.8 best on
# both, merging off -0.003 held-out).
MERGE_PROBABILITY = 0.8


def figure_conflict(
    vector: Mapping[str, float], centroid: Mapping[str, float], known: frozenset[str]
) -> float:
    """1 when both sides state figures and the article's heaviest figure (a headline or
    lead figure weighs most: a death toll, a score, a magnitude, a year) is one the
    story never stated: a sibling occurrence of the same kind of event, more often
    than a follow-up."""
    figures = {t: w for t, w in vector.items() if t[0].isdigit()}
    if not figures or not any(t[0].isdigit() for t in centroid):
        return 0.0
    heaviest = max(figures, key=lambda t: (figures[t], t))
    return 0.0 if heaviest in known else 1.0


def subvector(
    vector: Mapping[str, float],
    keep: Iterable[str] | None = None,
    *,
    names: bool = False,
    figures: bool = False,
) -> dict[str, float]:
    """The unit-length part of `vector` over the given terms, or over its name terms
    ("@...") or its figures (terms starting with a digit)."""
    if keep is not None:
        part = {t: vector[t] for t in keep if t in vector}
    elif names:
        part = {t: w for t, w in vector.items() if t[0] == "@"}
    elif figures:
        part = {t: w for t, w in vector.items() if t[0].isdigit()}
    else:
        part = {}
    norm = math.sqrt(sum(w * w for w in part.values()))
    return {t: w / norm for t, w in part.items()} if norm else {}

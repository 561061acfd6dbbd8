"""Fit the story join scorer (core/stories/scorer.py) on the news-dev development half.

    .venv/bin/python benchmarks/story_scorer_fit.py [--cv] [--probabilities 0.3,0.4,0.5]

Training pairs come from oracle placements: every article (of more than SHORT_TEXT words)
is scored against the candidate stories the index retrieves, exactly as the engine would,
then placed in its true story, so the stories it meets are the true ones as they grew.
A pair is positive when the candidate is the article's true story. A logistic model
(L2, Newton steps, numpy) is fitted on those pairs; the join probability is then chosen by
clustering with the engine itself (BCubed F1, mean of the three sets).

With --cv the topics of each set are split in two halves by a hash (ECB+ sibling events
kept together): fit and choose on one half, measure on the other, both ways. Without it,
the model is fitted on the whole half and its weights are printed for scorer.py. Only
the news-dev sets are used: the farm and the demo are checks, never fitted on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_reader.commands.cluster import (
    cluster_items,
    cluster_library,
    read_items,
    store_items,
)
from desktop_reader.core.storage import database
from desktop_reader.core.stories import cluster as cl
from desktop_reader.core.stories import index, scorer
from desktop_reader.core.stories import text as tx
from desktop_reader.core.stories import vectors as vx
from tests.core.stories.scoring import bcubed

NEWS_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "news-dev"
SETS = ("ecbplus", "duc2004", "wikinews")
L2 = 1.0
ENGINE_PROBABILITY = 0.3  # the first model's join probability when logging its pairs
# Pairs are logged with the candidates a full report met when the weights were fitted
# (index dot >= 0.03); the engine now also scores weaker matches (cl.REPORT_RETRIEVAL_FLOOR),
# and refitting on those pairs lowered the held-out figures (notes, fourth round).
FIT_FLOOR = 0.03


def load(name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    lines = (NEWS_DEV / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    items, _ = read_items(lines)
    return items, [json.loads(line) for line in lines]


def half(row: dict[str, Any]) -> int:
    key = row.get("topic") or row["story"]
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % 2


class OracleClusterer(cl.Clusterer):
    """Scores candidates as the engine does, logs the pairs, places by the gold."""

    gold: ClassVar[dict[int, str]] = {}
    pairs: ClassVar[list[tuple[list[float], int]]] = []

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.story_of: dict[str, int] = {}

    def _best(
        self, article_id: int, feat: vx.Features, vector: vx.Vector, published: float | None
    ) -> cl.Placement:
        truth = self.gold[article_id]
        true_story = self.story_of.get(truth)
        if feat.words > cl.SHORT_TEXT:
            since = published - cl.WINDOW_DAYS * cl.DAY if published is not None else None
            titles = frozenset(tx.tokens(feat.title, feat.language))
            for story_id, _ in index.candidates(
                self.store, vector, self.freq, since, *cl.retrieval_for(feat.words)
            ):
                story = self._story(story_id)
                if story.language != feat.language:
                    continue
                values, _ = cl.pair_features(
                    vector, published, story, feat.actors, feat.names, feat.words, titles
                )
                self.pairs.append((values, int(story_id == true_story)))
        if true_story is None or true_story not in self._known():
            true_story = self._new_story(feat.language)
            self.story_of[truth] = true_story
            return cl.Placement(article_id, true_story, True, 0.0, {"rule": "new"})
        return cl.Placement(
            article_id, true_story, False, 1.0, {"rule": "oracle", "threshold": 1.0}
        )

    def _known(self) -> set[int]:
        return set(self.story_of.values())

    def _split_drifted(self, story: index.StoryState, article_id: int) -> int | None:
        return None


class LoggingClusterer(cl.Clusterer):
    """The engine as it runs, logging each candidate pair: positive when the article's
    true story is the one most of the candidate's recent members belong to. These are
    the impure, half-grown stories the model meets at run time, which oracle placements
    never show it."""

    gold: ClassVar[dict[int, str]] = {}
    pairs: ClassVar[list[tuple[list[float], int]]] = []

    def _best(
        self, article_id: int, feat: vx.Features, vector: vx.Vector, published: float | None
    ) -> cl.Placement:
        if feat.words > cl.SHORT_TEXT:
            since = published - cl.WINDOW_DAYS * cl.DAY if published is not None else None
            titles = frozenset(tx.tokens(feat.title, feat.language))
            for story_id, _ in index.candidates(
                self.store, vector, self.freq, since, *cl.retrieval_for(feat.words)
            ):
                story = self._story(story_id)
                if story.language != feat.language or not story.members:
                    continue
                values, _ = cl.pair_features(
                    vector, published, story, feat.actors, feat.names, feat.words, titles
                )
                votes = Counter(self.gold[m.article_id] for m in story.members)
                truth = votes.most_common(1)[0][0]
                self.pairs.append((values, int(truth == self.gold[article_id])))
        return super()._best(article_id, feat, vector, published)


def logged_pairs(
    cls: type[OracleClusterer] | type[LoggingClusterer],
    items: list[dict[str, Any]],
    rows: list[dict[str, Any]],
) -> list[tuple[list[float], int]]:
    original = cl.Clusterer
    cls.pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        conn = database.connect(Path(tmp) / "o.sqlite")
        try:
            ids = store_items(conn, items)
            cls.gold = {a: r["story"] for a, r in zip(ids, rows, strict=True)}
            _patch_clusterer(cls)
            cluster_library(conn, ids)
        finally:
            _patch_clusterer(original)
            conn.close()
    return cls.pairs


def oracle_pairs(
    items: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> list[tuple[list[float], int]]:
    return logged_pairs(OracleClusterer, items, rows)


def _patch_clusterer(cls: type[cl.Clusterer]) -> None:
    from desktop_reader.core.pipeline import stories as pipeline_stories

    pipeline_stories.Clusterer = cls  # type: ignore[misc]


def fit(
    pairs: list[tuple[list[float], int, int]], l2: float = L2, drop: frozenset[str] = frozenset()
) -> scorer.Model:
    """Weighted so that each set counts as much as another (ECB+ has most pairs).
    Features in `drop` are left out (their weight is 0)."""
    kept = [k for k, n in enumerate(scorer.FEATURES) if n not in drop]
    x = np.array([[p[0][k] for k in kept] for p in pairs], dtype=float)
    y = np.array([p[1] for p in pairs], dtype=float)
    group = np.array([p[2] for p in pairs])
    counts = np.bincount(group)
    sw = len(pairs) / (len(counts) * counts[group])
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    reg = np.eye(x1.shape[1]) * l2
    reg[-1, -1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x1 @ w, -40, 40)))
        grad = x1.T @ (sw * (p - y)) + reg @ w
        hess = (x1.T * (sw * p * (1 - p))) @ x1 + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = [0.0] * len(scorer.FEATURES)
    for k, v in zip(kept, w[:-1], strict=True):
        weights[k] = round(float(v), 4)
    return scorer.Model(tuple(weights), round(float(w[-1]), 4))


def score_sets(
    data: dict[str, Any], part: int | None, model: scorer.Model, probability: float
) -> dict[str, float]:
    scorer.MODEL, scorer.JOIN_PROBABILITY = model, probability
    out = {}
    for name, (items, rows) in data.items():
        keep = [k for k, r in enumerate(rows) if part is None or half(r) == part]
        with tempfile.TemporaryDirectory() as tmp:
            stories = cluster_items([items[k] for k in keep], Path(tmp) / "c.sqlite")
        out[name] = bcubed(
            {str(k): s for k, s in zip(keep, stories, strict=True)},
            {str(k): rows[k]["story"] for k in keep},
        )[2]
    return out


def pairs_of(
    data: dict[str, Any], part: int | None, engine: scorer.Model | None = None
) -> list[tuple[list[float], int, int]]:
    """Oracle pairs of each set (or, given a model, the engine's own pairs with it)."""
    if engine is not None:
        scorer.MODEL, scorer.JOIN_PROBABILITY = engine, ENGINE_PROBABILITY
    pairs = []
    run_floor, cl.REPORT_RETRIEVAL_FLOOR = cl.REPORT_RETRIEVAL_FLOOR, FIT_FLOOR
    for number, (items, rows) in enumerate(data.values()):
        keep = [k for k, r in enumerate(rows) if part is None or half(r) == part]
        cls = OracleClusterer if engine is None else LoggingClusterer
        pairs += [
            (v, y, number)
            for v, y in logged_pairs(cls, [items[k] for k in keep], [rows[k] for k in keep])
        ]
    cl.REPORT_RETRIEVAL_FLOOR = run_floor
    return pairs


def _figures(seen: dict[str, float]) -> str:
    return (
        " ".join(f"{k} {v:.3f}" for k, v in seen.items())
        + f" mean {np.mean(list(seen.values())):.3f}"
    )


def _rules_only(
    vector: vx.Vector,
    published: float | None,
    story: index.StoryState,
    actors: frozenset[str] = frozenset(),
    names: frozenset[str] = frozenset(),
    *,
    threshold: float = cl.THRESHOLD,
    **_: object,
) -> tuple[float, dict[str, object]]:
    return cl.rule_score(vector, published, story, actors, names, threshold=threshold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--probabilities", default="0.3,0.4,0.5,0.6,0.7")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument(
        "--drop", default="", help="features to leave out, comma-separated (for the sweep)"
    )
    parser.add_argument("--rounds", type=int, choices=(1, 2), default=2)
    parser.add_argument(
        "--rules",
        action="store_true",
        help="score the rules alone on each half (the engine before)",
    )
    parser.add_argument(
        "--fit-floor", type=float, default=FIT_FLOOR, help="retrieval floor of the logged pairs"
    )
    parser.add_argument(
        "--report-floor",
        type=float,
        default=cl.REPORT_RETRIEVAL_FLOOR,
        help="the engine's retrieval floor for full reports when scoring",
    )
    args = parser.parse_args()
    globals()["FIT_FLOOR"] = args.fit_floor
    cl.REPORT_RETRIEVAL_FLOOR = args.report_floor
    grid = [float(v) for v in args.probabilities.split(",")]
    drop = frozenset(n for n in args.drop.split(",") if n)
    if drop - set(scorer.FEATURES):
        parser.error(f"unknown features: {sorted(drop - set(scorer.FEATURES))}")
    data = {name: load(name) for name in SETS}
    if args.rules:
        fitted = cl.score_story
        cl.score_story = _rules_only  # type: ignore[assignment]
        for part in (0, 1):
            seen = score_sets(data, part, scorer.MODEL, scorer.JOIN_PROBABILITY)
            print(f"rules half {part}: {_figures(seen)}")
        cl.score_story = fitted
        return 0
    parts: list[int | None] = [0, 1] if args.cv else [None]
    for part in parts:
        pairs = pairs_of(data, part)
        model = fit(pairs, args.l2, drop)
        if args.rounds == 2:  # refit on the oracle pairs and the first model's own
            model = fit(pairs + pairs_of(data, part, model), args.l2, drop)
        print(f"fit on half {part}: bias {model.bias}")
        for n, w in zip(scorer.FEATURES, model.weights, strict=True):
            print(f"  {n:16}{w:9.4f}")
        for probability in grid:
            seen = score_sets(data, part, model, probability)
            line = f"  p>={probability:.2f} fit-half {_figures(seen)}"
            if part is not None:
                line += f" | held-out {_figures(score_sets(data, 1 - part, model, probability))}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

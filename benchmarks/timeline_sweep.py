"""The timeline's day ranking and count against their alternatives, cross-validated by topic.

    .venv/bin/python benchmarks/timeline_eval.py --sweep

The 13 Timeline17 dev timelines come from five topics (several journalists' timelines
share one), so every choice here is measured leave-one-topic-out: chosen (or fitted) on
four topics, scored on the fifth, never on a topic it saw. Printed:
- the in-sample grid: the weight of a later recall, of a publication, the articles
  per shown day of the automatic count (`timeline.auto_day_count`; 0 = no cap) and the
  fewest later articles a recall share is read over (`DayFeatures.recalled`; 0 = raw
  counts, the rule before 2026-12-05), each
  point's macro date F1 (the scorer's measure, `timeline_eval.macro_f1`), and the
  nested cross-validated figure of choosing the point on the other topics;
- a DATEWISE-style ranker (Ghalandari & Ifrim 2020: a classifier over date features),
  a logistic regression on the same day features, fitted leave-one-topic-out, at the
  gold number of dates and at our count, beside our weights at the same counts;
- the ceiling of our ranking: the best count for each timeline taken from its gold.
Day features are read once (the slow part: sentence splitting and date resolution).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product

from benchmarks import timeline_eval as ev
from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.timeline import (
    ARTICLES_PER_DAY,
    LATER_WEIGHT,
    MIN_RECALLERS,
    PUBLISHED_WEIGHT,
    STORY_START_MARGIN_DAYS,
    DayFeatures,
    auto_day_count,
    day_features,
    rank_days,
)

LATER_WEIGHTS = (0, 1, 2, 3, 4)
PUBLISHED_WEIGHTS = (0, 1, 2)
ARTICLES_PER_SHOWN_DAY = (0, 3, 4, 5, 7)
RECALLERS = (0, 5, 10, 20)  # 0 = later recalls counted raw, not as a share of those who could
L2 = 1.0  # ridge on the logistic weights: five topics are little data
NEWTON_STEPS = 30


@dataclass
class Story:
    name: str
    topic: str
    items: list[NewsItem]
    features: dict[date, DayFeatures]
    gold: list[set[date]]


Scores = list[tuple[str, float]]  # (topic, date F1) per gold timeline


def f1(pred: set[date], gold: set[date]) -> float:
    hit = len(pred & gold)
    if not hit:
        return 0.0
    p, r = hit / len(pred), hit / len(gold)
    return 2 * p * r / (p + r)


def mean(scores: Scores) -> float:
    return sum(s for _, s in scores) / len(scores) if scores else 0.0


def load() -> list[Story]:
    topics = ev.collection_topics()
    gold: dict[str, list[set[date]]] = {}
    for name, days in ev.gold_timelines():
        gold.setdefault(name, []).append({date.fromisoformat(d) for d in days})
    return [
        Story(name, topics[name], items, day_features(items), gold[name])
        for name, items in ev.load_collections().items()
        if name in gold
    ]


def score_ranking(
    stories: Sequence[Story],
    rank: Callable[[Story], list[date]],
    count: Callable[[Story, list[date], set[date]], int],
) -> Scores:
    out = []
    for s in stories:
        ranked = rank(s)
        for g in s.gold:
            out.append((s.topic, f1(set(ranked[: count(s, ranked, g)]), g)))
    return out


def nested_choice(table: dict[str, Scores]) -> tuple[Scores, list[tuple[str, str]]]:
    """For each topic, the row best on the other topics, scored on that topic."""
    topics = sorted({t for rows in table.values() for t, _ in rows})
    held: Scores = []
    chosen = []
    for topic in topics:
        best = max(table, key=lambda k: mean([r for r in table[k] if r[0] != topic]))
        held += [r for r in table[best] if r[0] == topic]
        chosen.append((topic, best))
    return held, chosen


def _in_span(s: Story, d: date) -> bool:
    dates = [i.published.date() for i in s.items if i.published is not None]
    return bool(dates) and min(dates) - timedelta(days=STORY_START_MARGIN_DAYS) <= d <= max(dates)


def _vectors(s: Story) -> tuple[list[date], list[list[float]]]:
    """Per story: log counts over the story's largest, and whether the day is in its span."""
    days = sorted(s.features)
    columns = [
        [f.named for f in s.features.values()],
        [f.named_later for f in s.features.values()],
        [f.published for f in s.features.values()],
    ]
    tops = [math.log1p(max(c, default=0)) or 1.0 for c in columns]
    rows = []
    for d in days:
        f = s.features[d]
        rows.append(
            [
                math.log1p(f.named) / tops[0],
                math.log1p(f.named_later) / tops[1],
                math.log1p(f.published) / tops[2],
                1.0 if _in_span(s, d) else 0.0,
                1.0,
            ]
        )
    return days, rows


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a small, well-conditioned system)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            k = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= k * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) / m[r][r]
    return x


def fit_logistic(rows: list[list[float]], labels: list[float]) -> list[float]:
    """Ridge logistic regression by Newton's method (labels may be fractions)."""
    n = len(rows[0])
    w = [0.0] * n
    for _ in range(NEWTON_STEPS):
        grad = [L2 * w[j] if j < n - 1 else 0.0 for j in range(n)]
        hess = [[(L2 if i == j and j < n - 1 else 0.0) for j in range(n)] for i in range(n)]
        for x, y in zip(rows, labels, strict=True):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x, strict=True))))
            for i in range(n):
                grad[i] += (p - y) * x[i]
                for j in range(n):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(b) for b in step) < 1e-6:
            break
    return w


def logistic_rankings(
    stories: Sequence[Story],
) -> tuple[dict[str, list[date]], dict[str, list[float]]]:
    """Each story ranked by a model fitted on the stories of the other topics."""
    data = {s.name: _vectors(s) for s in stories}
    ranked: dict[str, list[date]] = {}
    weights: dict[str, list[float]] = {}
    for topic in sorted({s.topic for s in stories}):
        rows: list[list[float]] = []
        labels: list[float] = []
        for s in stories:
            if s.topic != topic:
                days, x = data[s.name]
                rows += x
                labels += [sum(d in g for g in s.gold) / len(s.gold) for d in days]
        w = fit_logistic(rows, labels)
        weights[topic] = w
        for s in stories:
            if s.topic == topic:
                days, x = data[s.name]
                score = {
                    d: sum(a * b for a, b in zip(w, v, strict=True))
                    for d, v in zip(days, x, strict=True)
                }
                ranked[s.name] = sorted(days, key=lambda d: (-score[d], d))
    return ranked, weights


def report() -> None:
    print("Timeline day ranking and count, cross-validated by topic (Timeline17 dev)")
    if not ev.available():
        print("  skipped: ../shared/corpora/news-dev is absent")
        return
    started = time.perf_counter()
    stories = load()
    print(
        f"  {len(stories)} collections, {sum(len(s.gold) for s in stories)} timelines, "
        f"{len({s.topic for s in stories})} topics; features in "
        f"{time.perf_counter() - started:.0f} s"
    )

    def ours(lw: float, pw: float, mr: int = MIN_RECALLERS) -> Callable[[Story], list[date]]:
        return lambda s: rank_days(
            s.features, s.items, later_weight=lw, published_weight=pw, min_recallers=mr
        )

    def auto(
        lw: float, pw: float, apd: float, mr: int = MIN_RECALLERS
    ) -> Callable[[Story, list[date], set[date]], int]:
        return lambda s, ranked, g: auto_day_count(
            s.features,
            ranked,
            s.items,
            articles_per_day=apd,
            later_weight=lw,
            published_weight=pw,
            min_recallers=mr,
        )

    def gold_k(s: Story, ranked: list[date], g: set[date]) -> int:
        return len(g)

    table: dict[str, Scores] = {}
    for lw, pw, apd, mr in product(
        LATER_WEIGHTS, PUBLISHED_WEIGHTS, ARTICLES_PER_SHOWN_DAY, RECALLERS
    ):
        table[f"later {lw} published {pw} articles/day {apd} recallers {mr}"] = score_ranking(
            stories, ours(lw, pw, mr), auto(lw, pw, apd, mr)
        )
    shipped = (
        f"later {LATER_WEIGHT} published {PUBLISHED_WEIGHT} articles/day {ARTICLES_PER_DAY} "
        f"recallers {MIN_RECALLERS}"
    )
    print("  in-sample macro date F1, best 8 of the grid:")
    for key in sorted(table, key=lambda k: -mean(table[k]))[:8]:
        print(f"    {key:52s} {mean(table[key]):.3f}")
    print(f"    {'shipped: ' + shipped:52s} {mean(table[shipped]):.3f}")
    raw = shipped.replace(f"recallers {MIN_RECALLERS}", "recallers 0")
    print(f"    {'the same, recalls counted raw: ' + raw:52s} {mean(table[raw]):.3f}")
    spread = sorted(mean(v) for v in table.values())
    print(
        f"  the grid's {len(spread)} points: median {spread[len(spread) // 2]:.3f}, "
        f"range {spread[0]:.3f}-{spread[-1]:.3f}"
    )
    held, chosen = nested_choice(table)
    print(f"  nested leave-one-topic-out (point chosen on the other topics): {mean(held):.3f}")
    for topic, key in chosen:
        print(f"    held out {topic}: chose {key}")

    ranked, weights = logistic_rankings(stories)
    default = ours(LATER_WEIGHT, PUBLISHED_WEIGHT)
    shipped_count = auto(LATER_WEIGHT, PUBLISHED_WEIGHT, ARTICLES_PER_DAY)
    print(
        "  DATEWISE-style logistic ranker (named, named later, published, in span; "
        "fitted leave-one-topic-out) vs our weights:"
    )
    for label, count in (("gold number of dates", gold_k), ("automatic count", shipped_count)):
        model = score_ranking(stories, lambda s: ranked[s.name], count)
        print(
            f"    at the {label}: logistic {mean(model):.3f}, ours "
            f"{mean(score_ranking(stories, default, count)):.3f}"
        )
    for topic, w in weights.items():
        print(f"    weights without {topic}: " + " ".join(f"{x:+.2f}" for x in w))

    best = []
    for s in stories:
        days = default(s)
        for g in s.gold:
            best.append((s.topic, max(f1(set(days[:k]), g) for k in range(1, len(days) + 1))))
    print(
        f"  ceiling of our ranking, the best count of each timeline from its gold: {mean(best):.3f}"
    )

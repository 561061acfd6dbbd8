"""Timeline date selection on the Timeline17 dev timelines, beside the published systems.

    .venv/bin/python benchmarks/timeline_eval.py [--collections A,B] [--events N|auto]
    .venv/bin/python benchmarks/timeline_eval.py --sweep

Builds the timeline of each dev collection (all its articles, oldest first) with
`build_timeline`, keeps the distinct days of its day-precision events, and scores them
with the shared scorer (`../shared/tools/score/timeline_dates.py`: date-selection
P/R/F1 per journalists' timeline, macro-averaged, plus its floor "the k busiest
publication days") and how well the other journalists' timelines of the same topic
would score (the agreement between people). `Finan_washingtonpost` has no articles in
the corpus and is skipped, as the scorer does. The published figures are for the whole of Timeline17
with the number of dates and the time span taken from each gold timeline; ours sets
both itself.

`--sweep` measures the day ranking and the count against their alternatives
(`timeline_sweep.py`): the weights and count rule swept, each chosen by leave-one-topic-out
cross-validation, and a DATEWISE-style logistic regression on the same day features.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_reader.core.models import NewsItem
from desktop_reader.core.parse.dates import iso_datetime
from desktop_reader.core.stories.timeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "news-dev"
SCORER = SHARED / "tools" / "score" / "timeline_dates.py"
ARTICLES = CORPUS / "timeline17.jsonl"
GOLD = CORPUS / "timeline17-timelines.jsonl"

# Ghalandari & Ifrim (ACL 2020), Table 4, date F1 on all of Timeline17 (gold k and span).
PUBLISHED = (
    ("DATEWISE (Ghalandari & Ifrim 2020)", 0.544),
    ("TLSConstraints (Martschat & Markert 2018)", 0.544),
)
BEFORE = 0.15  # this engine on 2026-12-04, 12 events a story (issue 16)


def available() -> bool:
    return ARTICLES.is_file() and GOLD.is_file()


def collection_topics() -> dict[str, str]:
    """The topic each collection belongs to (several journalists' timelines share one)."""
    out: dict[str, str] = {}
    with ARTICLES.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out.setdefault(row["collection"], row.get("topic") or row["collection"])
    return out


def load_collections(names: set[str] | None = None) -> dict[str, list[NewsItem]]:
    """Articles of each collection as NewsItems, oldest first (Sources order)."""
    out: dict[str, list[NewsItem]] = defaultdict(list)
    with ARTICLES.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if names is not None and row["collection"] not in names:
                continue
            out[row["collection"]].append(
                NewsItem(
                    id=row["id"],
                    title=row.get("title") or "",
                    text=row.get("text") or "",
                    published=iso_datetime(row.get("published"), keep_offset=True),
                )
            )
    for items in out.values():
        items.sort(key=lambda i: (i.published is None, i.published or 0, i.id))
    return dict(out)


def gold_timelines(names: set[str] | None = None) -> list[tuple[str, set[str]]]:
    rows = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [
        (r["collection"], {e["date"][:10] for e in r["entries"]})
        for r in rows
        if names is None or r["collection"] in names
    ]


def predict(
    collections: dict[str, list[NewsItem]], max_events: int | None = None
) -> dict[str, list[str]]:
    """The distinct day dates of each collection's timeline."""
    return {
        name: sorted(
            {
                e.date.isoformat()
                for e in build_timeline(items, max_events=max_events).events
                if e.precision == "day"
            }
        )
        for name, items in collections.items()
    }


def macro_f1(pred: dict[str, list[str]], gold: list[tuple[str, set[str]]]) -> float:
    """The scorer's macro F1 over the gold timelines whose collection was predicted."""
    scores = []
    for name, days in gold:
        if name not in pred:
            continue
        hit = len(set(pred[name]) & days)
        p = hit / len(pred[name]) if pred[name] else 0.0
        r = hit / len(days) if days else 0.0
        scores.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def journalists_agreement(
    pred: dict[str, list[str]], names: set[str] | None = None
) -> tuple[float, float, float, int]:
    """How well one journalist's timeline predicts another's on the same topic (the mean
    and the best sibling, macro date F1), and ours on the same timelines: the agreement
    a date selection can be expected to reach."""
    topics = collection_topics()
    gold = [(c, set(d)) for c, d in gold_timelines(names) if c in pred]
    mean_f1, best_f1, ours = [], [], []
    for i, (name, days) in enumerate(gold):
        siblings = [
            set(other)
            for j, (c, other) in enumerate(gold)
            if j != i and topics[c] == topics[name] and other != days
        ]
        if not siblings:
            continue
        scores = [macro_f1({name: sorted(s)}, [(name, days)]) for s in siblings]
        mean_f1.append(sum(scores) / len(scores))
        best_f1.append(max(scores))
        ours.append(macro_f1({name: pred[name]}, [(name, days)]))
    n = len(ours)
    if not n:
        return 0.0, 0.0, 0.0, 0
    return sum(mean_f1) / n, sum(best_f1) / n, sum(ours) / n, n


def report(max_events: int | None = None, names: set[str] | None = None) -> None:
    """Print our date F1 on the dev timelines beside the published figures and the floor."""
    print("Timeline date selection (Timeline17 dev timelines)")
    if not available():
        print(f"  skipped: {CORPUS.relative_to(ROOT.parent)} is absent")
        return
    started = time.perf_counter()
    collections = load_collections(names)
    pred = predict(collections, max_events)
    elapsed = time.perf_counter() - started
    n_articles = sum(len(v) for v in collections.values())
    with tempfile.TemporaryDirectory() as tmp:
        path, gold = Path(tmp) / "pred.jsonl", GOLD
        path.write_text(
            "".join(json.dumps({"collection": c, "dates": d}) + "\n" for c, d in pred.items()),
            encoding="utf-8",
        )
        if names is not None:  # score only the chosen timelines
            gold = Path(tmp) / "gold.jsonl"
            gold.write_text(
                "".join(
                    line + "\n"
                    for line in GOLD.read_text(encoding="utf-8").splitlines()
                    if json.loads(line)["collection"] in names
                ),
                encoding="utf-8",
            )
        scored = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(path), "--articles", str(ARTICLES)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    for line in scored.splitlines():
        print("  " + line)
    print(
        f"  ours: {macro_f1(pred, gold_timelines(names)):.3f} macro date F1, "
        f"{'auto' if max_events is None else max_events} events a story, "
        f"{n_articles} articles in {elapsed:.1f} s"
    )
    print(f"  before issue 16: {BEFORE:.2f}")
    mean_j, best_j, ours_j, n = journalists_agreement(pred, names)
    if n:
        print(
            f"  another journalist's timeline of the same topic as the prediction, {n} "
            f"timelines: {mean_j:.3f} on average, {best_j:.3f} the closest one; ours on the "
            f"same timelines {ours_j:.3f}"
        )
    for name, f1 in PUBLISHED:
        print(f"  published, all of Timeline17, gold k and span: {name} {f1:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--collections", help="comma-separated collection names (default: all)")
    ap.add_argument("--events", default="auto", help="N events a story, or auto (default)")
    ap.add_argument(
        "--sweep",
        action="store_true",
        help="sweep the ranking weights and count rule with cross-validation by topic",
    )
    a = ap.parse_args()
    if a.sweep:
        from benchmarks import timeline_sweep

        timeline_sweep.report()
        return
    names = set(a.collections.split(",")) if a.collections else None
    report(None if a.events == "auto" else int(a.events), names)


if __name__ == "__main__":
    main()

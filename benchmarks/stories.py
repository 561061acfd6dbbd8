"""Story clustering benchmark: quality on real news and the feedfarm truth, speed, memory.

    .venv/bin/python benchmarks/stories.py [--dev-only] [--feeds 200]
                                           [--big-feeds 1000 --big-entries 100]
                                           [--save-big PATH]

First the real news labelled by others (../shared/corpora/news-dev, development half):
BCubed and pairwise P/R/F1 of the engine beside a TF-IDF single pass with the threshold
and window the corpus README gives for each set, and articles per second. Then the
summaries' ROUGE-1/2 on the DUC 2004 dev sets beside the 13 published systems
(benchmarks/summary_eval.py) and the timelines' date F1 on the Timeline17 dev timelines
beside the published figures (benchmarks/timeline_eval.py).

Prints BCubed and pairwise P/R/F1 of the engine next to a plain TF-IDF single-pass
baseline (cosine to centroid, fixed threshold 0.3, no index, no entities, no time) on
every labelled set we have: the hand-written confusables, the demo library (full-length
articles) and the feedfarm truth (feed summaries as article text). Then the time and
peak memory (tracemalloc) to cluster 10k articles from scratch, the `desktop-reader
cluster` command on 1,000 articles (a subprocess, wall time), and the time to add
1,000 articles to a 100k library.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import summary_eval, timeline_eval
from desktop_reader.commands.cluster import cluster_items, read_items, store_items
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.storage import database
from desktop_reader.core.stories import text as tx
from tests.core.stories.corpus import demo, handwritten
from tests.core.stories.farm_news import farm_items
from tests.core.stories.scoring import bcubed, pairwise
from tests.feedfarm import Farm


def baseline(
    items: list[dict[str, Any]], threshold: float = 0.3, window_days: float | None = None
) -> list[int]:
    """Single pass: TF-IDF (title + text, sublinear tf, stop words out, IDF over the whole
    input) cosine to each centroid; with `window_days`, only clusters whose newest dated
    member is that close are candidates."""
    docs = [Counter(tx.tokens(f"{i['title']} {i['text']}")) for i in items]
    df: Counter[str] = Counter(t for d in docs for t in d)
    n = len(docs)
    centroids: list[dict[str, float]] = []
    out = []
    order = sorted(
        range(n), key=lambda k: (items[k]["published"] is None, items[k]["published"] or 0, k)
    )
    assigned = [0] * n
    newest: list[float | None] = []
    for k in order:
        when = items[k]["published"].timestamp() if items[k]["published"] else None
        vec = {t: (1 + math.log(c)) * math.log((n + 1) / (df[t] + 1)) for t, c in docs[k].items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vec = {t: w / norm for t, w in vec.items()}
        best, best_sim = -1, threshold
        for s, cen in enumerate(centroids):
            if (
                window_days is not None
                and when is not None
                and newest[s] is not None
                and abs(when - newest[s]) > window_days * 86400
            ):
                continue
            cnorm = math.sqrt(sum(w * w for w in cen.values())) or 1.0
            sim = sum(w * cen.get(t, 0.0) for t, w in vec.items()) / cnorm
            if sim >= best_sim:
                best, best_sim = s, sim
        if best < 0:
            centroids.append(dict(vec))
            newest.append(when)
            best = len(centroids) - 1
        else:
            if when is not None:
                newest[best] = max(when, newest[best] or when)
            for t, w in vec.items():
                centroids[best][t] = centroids[best].get(t, 0.0) + w
        assigned[k] = best
    out = assigned
    return out


def as_items(news: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": n.id,
            "title": n.title,
            "text": n.text,
            "published": n.published,
            "source": n.source,
            "url": n.url,
        }
        for n in news
    ]


def run_cli(items: list[dict[str, Any]], folder: Path) -> float:
    """Wall time of `desktop-reader cluster` on these items, as a user would run it."""
    source = folder / "cli-in.jsonl"
    source.write_text(
        "".join(
            json.dumps({**i, "published": i["published"].isoformat() if i["published"] else None})
            + "\n"
            for i in items
        ),
        encoding="utf-8",
    )
    began = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_reader.cli",
            "cluster",
            str(source),
            "-o",
            str(folder / "cli-out.jsonl"),
        ],
        check=True,
        cwd=Path(__file__).parents[1],
    )
    return time.perf_counter() - began


def measure(fn: Any, traced: bool = True) -> tuple[Any, float, float]:
    """(result, seconds, peak MiB). tracemalloc slows Python code two to three times, so
    speed runs pass traced=False and report the process's peak resident size instead."""
    if traced:
        tracemalloc.start()
    began = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - began
    if traced:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result, elapsed, peak


NEWS_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "news-dev"
# The baseline's settings on each development set, as the corpus README states them.
DEV_SETS = {"ecbplus": (0.25, None), "duc2004": (0.20, None), "wikinews": (0.20, 3.0)}


def dev_sets() -> None:
    """Real news labelled by others: ours beside the TF-IDF baseline on each dev set."""
    if not NEWS_DEV.is_dir():
        print(f"\n(news-dev corpora absent at {NEWS_DEV}: real-news figures skipped)")
        return
    for name, (threshold, window) in DEV_SETS.items():
        lines = (NEWS_DEV / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        items, _ = read_items(lines)
        truth = {str(k): json.loads(line)["story"] for k, line in enumerate(lines)}
        with tempfile.TemporaryDirectory() as tmp:
            ours, t_ours, _ = measure(
                lambda items=items: cluster_items(items, Path(tmp) / "d.sqlite"), False
            )
        base = baseline(items, threshold, window)
        print(
            f"\nnews-dev {name}: {len(items)} articles, {len(set(truth.values()))} stories "
            f"(baseline threshold {threshold}, window {window or 'none'})"
        )
        print(f"{'':24}{'engine':>12}{'tf-idf baseline':>18}")
        for metric, fn in (("BCubed", bcubed), ("pairwise", pairwise)):
            a = fn({str(k): s for k, s in enumerate(ours)}, truth)
            b = fn({str(k): s for k, s in enumerate(base)}, truth)
            for label, x, y in zip(("P", "R", "F1"), a, b, strict=True):
                print(f"{metric + ' ' + label:24}{x:12.3f}{y:18.3f}")
        print(f"{'stories':24}{len(set(ours)):12}{len(set(base)):18}")
        print(f"{'articles per second':24}{len(items) / t_ours:12.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200, help="farm feeds for quality")
    parser.add_argument("--big-feeds", type=int, default=1000)
    parser.add_argument("--big-entries", type=int, default=100)
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument(
        "--save-big",
        type=Path,
        metavar="PATH",
        help="keep the big library (before the 1,000 are added) at PATH, for "
        "`benchmarks/scale.py --refresh-into PATH`",
    )
    parser.add_argument(
        "--dev-only", action="store_true", help="only the real-news dev sets (no farm)"
    )
    parser.add_argument(
        "--no-describe",
        action="store_true",
        help="skip the summary (ROUGE) and timeline (date F1) figures",
    )
    args = parser.parse_args()
    dev_sets()
    if not args.no_describe:
        print()
        summary_eval.report()
        print()
        timeline_eval.report()
    if args.dev_only:
        return 0

    farm = Farm("--feeds", str(args.feeds), "--entries", "50", ttl=1800)
    try:
        news, farm_truth = farm_items(farm)
    finally:
        farm.stop()
    sets = {
        "hand-written": handwritten(),
        "demo library": demo(),
        "feedfarm": [{**i, "story": farm_truth[i["id"]]} for i in as_items(news)],
    }
    for title, items in sets.items():
        truth = {i["id"]: i["story"] for i in items}
        with tempfile.TemporaryDirectory() as tmp:
            ours, t_ours, m_ours = measure(
                lambda items=items: cluster_items(items, Path(tmp) / "q.sqlite")
            )
        base, t_base, m_base = measure(lambda items=items: baseline(items))
        print(f"\n{title}: {len(items)} articles, {len(set(truth.values()))} stories")
        print(f"{'':24}{'engine':>12}{'tf-idf baseline':>18}")
        for name, fn in (("BCubed", bcubed), ("pairwise", pairwise)):
            a = fn({i["id"]: s for i, s in zip(items, ours, strict=True)}, truth)
            b = fn({i["id"]: s for i, s in zip(items, base, strict=True)}, truth)
            for label, x, y in zip(("P", "R", "F1"), a, b, strict=True):
                print(f"{name + ' ' + label:24}{x:12.3f}{y:18.3f}")
        print(f"{'time (s)':24}{t_ours:12.2f}{t_base:18.2f}")
        print(f"{'peak memory (MiB)':24}{m_ours:12.1f}{m_base:18.1f}")
    items = sets["feedfarm"]
    if args.quality_only:
        return 0

    farm = Farm("--feeds", str(args.big_feeds), "--entries", str(args.big_entries), ttl=3600)
    try:
        big, _ = farm_items(farm)
    finally:
        farm.stop()
    big_items = as_items(big)
    big_items.sort(key=lambda i: (i["published"] is None, i["published"] or 0))
    with tempfile.TemporaryDirectory() as tmp:
        first = big_items[:10_000]
        _, t10k, m10k = measure(lambda: cluster_items(first, Path(tmp) / "a.sqlite"), False)
        t_cli = run_cli(big_items[:1000], Path(tmp))
        conn = database.connect(Path(tmp) / "b.sqlite")
        base_items, extra = big_items[:-1000], big_items[-1000:]
        began = time.perf_counter()
        ids = store_items(conn, base_items)
        for start in range(0, len(ids), 2000):
            update_stories(conn, ids[start : start + 2000], summaries=False)
        t_build = time.perf_counter() - began
        if args.save_big:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole library in one file
            shutil.copy(Path(tmp) / "b.sqlite", args.save_big)
        new_ids = store_items(conn, extra)
        cpu = time.process_time()  # beside wall: the machine is often shared and loaded
        _, t_add, m_add = measure(lambda: update_stories(conn, new_ids, summaries=False), False)
        cpu_add = time.process_time() - cpu
        stories = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        conn.close()
    print(
        f"\nCluster 10,000 from scratch (store + cluster): {t10k:.1f} s, "
        f"process peak RSS {m10k:.0f} MiB"
    )
    print(f"desktop-reader cluster on 1,000 articles (subprocess, wall): {t_cli:.1f} s")
    print(f"Build a {len(base_items):,}-article library: {t_build:.0f} s ({stories:,} stories)")
    print(
        f"Add 1,000 to it (update_stories only): {t_add:.2f} s wall, {cpu_add:.2f} s CPU, "
        "process peak RSS "
        f"{m_add:.0f} MiB "
        f"(target <= 2 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

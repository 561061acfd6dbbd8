"""Summary quality on real news: ROUGE on the 25 DUC 2004 dev sets, beside published systems.

    .venv/bin/python benchmarks/summary_eval.py [--out OURS.jsonl] [--show N] [--halves]

Builds our 100-word summary of each set the way the app does (`summarize(items,
max_words=100)`: whole sentences, headings not counted), writes the plain sentences
(no citations, no headings) and scores them with the official ROUGE-1.5.5 and the DUC
2004 flags through `../shared/tools/rouge/rouge155.py --peers`, which scores the 13
published systems of the dev file in the same run. Needs perl and XML::DOM
(Debian: apt-get install perl libxml-dom-perl). Every sentence is checked to be verbatim
in the article it cites first. `--halves` also scores the two halves of the sets split by
the parity of the MD5 of their id (A: even, 16 sets; B: odd, 9 sets): a change is kept
only when it holds on both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_reader.core.models import NewsItem  # noqa: E402
from desktop_reader.core.parse.dates import iso_datetime  # noqa: E402
from desktop_reader.core.stories.summary import Summary, summarize  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora" / "news-dev"
SETS = CORPORA / "duc2004-summaries.jsonl"
ARTICLES = CORPORA / "duc2004.jsonl"
ROUGE = ROOT.parent / "shared" / "tools" / "rouge" / "rouge155.py"
WORDS = 100
# Shown beside ours (all 13 are scored; these are the ones papers compare against).
PUBLISHED = ("RegSum", "ICSISumm", "DPP", "Submodular", "OCCAMS_V", "CLASSY04", "LexRank", "Lead")


def missing() -> str | None:
    """Why the evaluation cannot run here (None when it can)."""
    if not SETS.exists() or not ARTICLES.exists() or not ROUGE.exists():
        return f"the dev corpora or the ROUGE tool are absent ({CORPORA.parent.parent})"
    perl = subprocess.run(["perl", "-MXML::DOM", "-e", "1"], capture_output=True)
    if perl.returncode:
        return "perl with XML::DOM is not installed (apt-get install perl libxml-dom-perl)"
    return None


def dev_sets() -> list[tuple[str, list[NewsItem]]]:
    """(set id, its articles in publication order) for every dev set."""
    articles = {}
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        articles[raw["id"]] = NewsItem(
            id=raw["id"],
            title=raw.get("title") or "",
            text=raw.get("text") or "",
            published=iso_datetime(raw.get("published")),
            source=raw.get("source") or "",
            url=raw.get("url"),
        )
    out = []
    for line in SETS.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        items = [articles[i] for i in raw["doc_ids"] if i in articles]
        out.append((raw["cluster_id"], items))
    return out


def summaries() -> dict[str, tuple[list[NewsItem], Summary]]:
    return {cid: (items, summarize(items, max_words=WORDS)) for cid, items in dev_sets()}


def check_verbatim(items: list[NewsItem], summary: Summary) -> list[str]:
    """Sentences not found verbatim where their first source says they are."""
    by_id = {i.id: i for i in items}
    bad = []
    for sentence in summary.sentences:
        src = sentence.sources[0]
        item = by_id[src.article_id]
        body = item.title if src.field == "title" else item.text
        if " ".join(body[src.start : src.end].split()) != sentence.text:
            bad.append(sentence.text)
    return bad


def score(
    built: dict[str, tuple[list[NewsItem], Summary]], out: Path
) -> dict[str, tuple[float, float]]:
    """{system: (R-1, R-2)} from rouge155.py, ours under "ours"."""
    with out.open("w", encoding="utf-8") as f:
        for cid, (_, summary) in built.items():
            plain = [s.text for s in summary.sentences]
            f.write(json.dumps({"cluster_id": cid, "sentences": plain}) + "\n")
    cache = Path(tempfile.gettempdir()) / "desktop-reader-rouge155"
    cache.mkdir(exist_ok=True)
    run = subprocess.run(
        [sys.executable, str(ROUGE), str(SETS), str(out), "--peers"],
        capture_output=True,
        text=True,
        env={"ROUGE_CACHE": str(cache), "PATH": "/usr/bin:/bin"},
    )
    if run.returncode:
        raise RuntimeError(f"rouge155.py failed: {run.stdout[-1500:]} {run.stderr[-1500:]}")
    figures = {}
    for line in run.stdout.splitlines():
        m = re.match(r"(\S+)\s+R-1\s+([0-9.]+)\s+R-2\s+([0-9.]+)", line)
        if m:
            figures[m[1]] = (float(m[2]), float(m[3]))
    return figures


def half(cluster_id: str) -> str:
    """ "A" or "B": the half of the dev sets a set belongs to (fixed by its id)."""
    return "AB"[int(hashlib.md5(cluster_id.encode()).hexdigest(), 16) % 2]


def report(out: Path | None = None, show: int = 0, halves: bool = False) -> None:
    """Print our R-1/R-2 on the 25 dev sets beside the published systems."""
    reason = missing()
    if reason:
        print(f"summary ROUGE: skipped, {reason}")
        return
    built = summaries()
    bad = sum(len(check_verbatim(items, s)) for items, s in built.values())
    words = [sum(len(s.text.split()) for s in summary.sentences) for _, summary in built.values()]
    with tempfile.TemporaryDirectory() as tmp:
        figures = score(built, out or Path(tmp) / "ours.jsonl")
    print(
        f"Summaries, DUC 2004 dev ({len(built)} sets, {WORDS} words of sentences, "
        f"mean {sum(words) / len(words):.1f} words; {bad} not verbatim), official ROUGE-1.5.5:"
    )
    r1, r2 = figures.get("ours", (0.0, 0.0))
    print(f"  {'ours':12s} R-1 {r1:6.2f}  R-2 {r2:6.2f}")
    for name in PUBLISHED:
        if name in figures:
            print(f"  {name:12s} R-1 {figures[name][0]:6.2f}  R-2 {figures[name][1]:6.2f}")
    if halves:
        for name in "AB":
            part = {cid: b for cid, b in built.items() if half(cid) == name}
            with tempfile.TemporaryDirectory() as tmp:
                r1, r2 = score(part, Path(tmp) / "ours.jsonl").get("ours", (0.0, 0.0))
            print(f"  half {name} ({len(part)} sets) R-1 {r1:6.2f}  R-2 {r2:6.2f}")
    for cid, (_, summary) in list(built.items())[:show]:
        print(f"\n{cid}\n{summary.to_text(WORDS)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="keep our summaries (rouge155.py input) here")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N summaries")
    parser.add_argument("--halves", action="store_true", help="also score the two hash halves")
    args = parser.parse_args(argv)
    report(args.out, args.show, args.halves)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Entity chips typed right, measured on hand labels (ids, names and types only).

What becomes a chip is a person, organisation or place among an article's first
CHIPS entities; each is checked against the label of that name in that article.
"""

import json
from pathlib import Path

import pytest

from desktop_reader.core.stories.entities import OTHER, extract

ROOT = Path(__file__).resolve().parents[3]
LABELS = ROOT / "tests" / "data" / "entities"
DEV = ROOT.parent / "shared" / "corpora" / "news-dev"
CHIPS = 10
PRECISION_FLOOR = 0.9


def _score(texts: dict[str, str], labels: list[dict]) -> tuple[float, float, list]:
    right = labelled = shown = 0
    wrong = []
    for row in labels:
        chips = [e for e in extract(texts[row["id"]]) if e.kind != OTHER][:CHIPS]
        for e in chips:
            shown += 1
            truth = row["entities"].get(e.name)
            if truth is None:
                continue
            labelled += 1
            right += truth == e.kind
            if truth != e.kind:
                wrong.append((row["id"], e.name, e.kind, truth))
    return right / max(labelled, 1), labelled / max(shown, 1), wrong


def test_demo_library_chips() -> None:
    articles = json.loads((ROOT / "resources" / "demo" / "articles.json").read_text("utf-8"))
    texts = {a["id"]: f"{a['title']}.\n{a['text']}" for a in articles}
    labels = json.loads((LABELS / "demo-labels.json").read_text("utf-8"))["articles"]
    precision, coverage, wrong = _score(texts, labels)
    assert precision >= 0.97 and coverage >= 0.9, wrong
    every = {name for row in labels for name in row["entities"]}
    for junk in (
        "Saturday's National Cup",
        "Match-winner Jonas Eklund",
        "AI",
        "Harbour's Anika Stroud",
    ):
        assert junk not in every


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpora/news-dev is absent")
def test_dev_sample_chips() -> None:
    labels = json.loads((LABELS / "dev-sample.json").read_text("utf-8"))["articles"]
    assert len(labels) == 30
    wanted = {row["id"] for row in labels}
    texts = {}
    for name in ("wikinews", "duc2004", "ecbplus"):
        for line in (DEV / f"{name}.jsonl").read_text("utf-8").splitlines():
            a = json.loads(line)
            if a["id"] in wanted:
                texts[a["id"]] = f"{a.get('title') or ''}.\n{a['text']}"
    precision, coverage, wrong = _score(texts, labels)
    assert precision >= PRECISION_FLOOR and coverage >= 0.9, (precision, coverage, wrong)

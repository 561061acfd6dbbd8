"""Labelled story corpora: the hand-written set and the demo library.

`handwritten()` reads tests/data/stories/handwritten.jsonl (45 short articles written to
hold the confusable pairs); `demo()` turns the demo library (resources/demo/articles.json,
36 articles written like real news, full length) into the same item shape, labelled from
tests/data/stories/demo-labels.json. Both give dicts as the cluster command reads them,
plus their true "story".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_reader.core.models import NewsItem
from desktop_reader.core.parse.dates import iso_datetime
from desktop_reader.core.pipeline.demo import read_demo

DATA = Path(__file__).resolve().parents[2] / "data"
HANDWRITTEN = DATA / "stories" / "handwritten.jsonl"
DEMO_LABELS = DATA / "stories" / "demo-labels.json"
BASELINES = DATA / "baselines" / "stories.json"


def handwritten() -> list[dict[str, Any]]:
    """Items as the cluster command reads them, plus their true "story" label."""
    items = []
    for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        raw["published"] = iso_datetime(raw["published"])
        items.append(raw)
    return items


def demo_news() -> tuple[list[NewsItem], dict[str, str]]:
    """The demo articles as NewsItems (dates as written) and the true story of each id."""
    labels: dict[str, str] = json.loads(DEMO_LABELS.read_text(encoding="utf-8"))["labels"]
    news = [
        NewsItem(
            id=a.id, title=a.title, text=a.text, published=a.published, source=a.outlet, url=a.url
        )
        for a in read_demo()
    ]
    missing = {n.id for n in news} ^ set(labels)
    assert not missing, f"demo articles and labels disagree: {sorted(missing)}"
    return news, labels


def demo() -> list[dict[str, Any]]:
    """The demo library in the cluster command's item shape, with a "story" label."""
    news, labels = demo_news()
    return [
        {
            "id": n.id,
            "title": n.title,
            "text": n.text,
            "published": n.published,
            "source": n.source,
            "url": n.url,
            "story": labels[n.id],
        }
        for n in news
    ]


def baselines() -> dict[str, dict[str, float]]:
    return json.loads(BASELINES.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

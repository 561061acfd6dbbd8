"""The hand-written story corpus (tests/data/stories/handwritten.jsonl) and its labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_reader.commands.cluster import parse_date

HANDWRITTEN = Path(__file__).resolve().parents[2] / "data" / "stories" / "handwritten.jsonl"
BASELINES = Path(__file__).resolve().parents[2] / "data" / "baselines" / "stories.json"


def handwritten() -> list[dict[str, Any]]:
    """Items as the cluster command reads them, plus their true "story" label."""
    items = []
    for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        raw["published"] = parse_date(raw["published"])
        items.append(raw)
    return items


def baselines() -> dict[str, dict[str, float]]:
    return json.loads(BASELINES.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

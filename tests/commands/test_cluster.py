"""`desktop-reader cluster`: the story CLI on JSON lines, bad input included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.core.stories.corpus import HANDWRITTEN


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_reader.cli", "cluster", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cluster_writes_one_story_per_input_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _run(str(HANDWRITTEN), "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    truth = [json.loads(x) for x in HANDWRITTEN.read_text().splitlines()]
    assert [x["id"] for x in lines] == [x["id"] for x in truth]
    story = {x["id"]: x["story"] for x in lines}
    assert story["h26-1"] == story["h26-2"] and story["h26-1"] != story["h19-1"]


def test_bad_lines_missing_fields_and_dates_do_not_stop_it(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "a",
                        "title": "Flood hits town",
                        "text": "Water rose.",
                        "published": "yesterday",
                        "source": None,
                        "url": None,
                    }
                ),
                "{not json",
                json.dumps({"id": "b"}),
                json.dumps(
                    {
                        "id": "c",
                        "title": "X" * 5000,
                        "text": "word " * 300_000,
                        "published": "2026-01-01T00:00:00",
                    }
                ),
                json.dumps(
                    {
                        "id": "d",
                        "title": "Same URL",
                        "url": "https://x.example/1",
                        "published": "2026-01-02T00:00:00Z",
                    }
                ),
                json.dumps({"id": "e", "title": "Same URL again", "url": "https://x.example/1"}),
                json.dumps([1, 2]),
            ]
        )
        + "\n"
    )
    result = _run(str(src))
    assert result.returncode == 0, result.stderr
    assert "line 2" in result.stderr and "line 7" in result.stderr
    story = {x["id"]: x["story"] for x in map(json.loads, result.stdout.splitlines())}
    assert set(story) == {"a", "b", "c", "d", "e"}
    assert story["d"] == story["e"]


def test_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nope.jsonl"))
    assert result.returncode == 1 and "Cannot read" in result.stderr

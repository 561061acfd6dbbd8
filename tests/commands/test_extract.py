"""`desktop-reader extract PAGE.html`: text on stdout, clear errors, exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_reader.cli", "extract", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_prints_the_article_text() -> None:
    result = run(
        str(PAGES / "harbourpost-lazy-images.html"),
        "--url",
        "https://harbourpost.example/news/story.html",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Commuters on Skerry Island")
    assert "cookies" not in result.stdout and result.stderr == ""


def test_missing_file_and_unreadable_page(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nope.html"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr
    pdf = tmp_path / "paper.html"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    unreadable = run(str(pdf))
    assert unreadable.returncode == 1 and "not a web page" in unreadable.stderr
    assert unreadable.stdout == ""

"""Quality gate: extract_text over Mozilla's readability test pages (real saved pages).

Ground truth is the plain text of each page's expected.html (what Readability.js
extracts). We score a bag-of-tokens precision/recall/F1 per page and average them,
plus how often our title matches expected-metadata.json. Floors live in
tests/data/baselines/extraction.json, pinned just under the measured figures so a
regression fails. Run alone with: .venv/bin/pytest -q -m eval tests/core/extract/test_quality.py -s
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from desktop_reader.core.extract import extract_text, html_to_text
from desktop_reader.core.extract.decode import decode_html
from desktop_reader.core.extract.metadata import page_metadata

pytestmark = pytest.mark.eval

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpora" / "readability-test-pages"
BASELINE = REPO / "tests" / "data" / "baselines" / "extraction.json"
PAGE_URL = "http://fakehost/test/page.html"  # the URL Mozilla's tests resolve against

# CJK scripts have no spaces: each character counts as a token there.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    return _TOKEN.findall(_CJK.sub(r" \1 ", text))


def prf(found: str, expected: str) -> tuple[float, float, float]:
    got, want = Counter(tokens(found)), Counter(tokens(expected))
    common = sum((got & want).values())
    if not want:
        return (1.0, 1.0, 1.0) if not got else (0.0, 1.0, 0.0)
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


_SITE_SUFFIX = re.compile(r"^\s*(?:\||-|–|—|::|·|»|_|\[|\()")


def same_title(ours: str, expected: str) -> bool:
    """Equal words, or the expected title is ours plus a site suffix ("X - Wikipedia"),
    which we strip on purpose and Readability.js keeps."""
    if tokens(ours) == tokens(expected):
        return True
    ours, expected = ours.strip(), expected.strip()
    return (
        bool(ours) and expected.startswith(ours) and bool(_SITE_SUFFIX.match(expected[len(ours) :]))
    )


def pages() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "source.html").is_file())


def measure() -> dict[str, float]:
    """Run the extractor over the corpus; return the averaged figures."""
    scores, titles, titled, seconds = [], 0, 0, time.perf_counter()
    folders = pages()
    for folder in folders:
        source = (folder / "source.html").read_bytes()
        expected = html_to_text((folder / "expected.html").read_text("utf-8"))
        scores.append(prf(extract_text(source, PAGE_URL), expected))
        expected_title = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        # the title extract_article reports, without extracting the body a second time
        title = page_metadata(lxml.html.document_fromstring(decode_html(source)), PAGE_URL).title
        if expected_title.get("title"):  # a few pages have none to compare with
            titled += 1
            titles += same_title(title, expected_title["title"])
    count = len(folders)
    return {
        "pages": count,
        "precision": sum(s[0] for s in scores) / count,
        "recall": sum(s[1] for s in scores) / count,
        "f1": sum(s[2] for s in scores) / count,
        "title_match": titles / max(titled, 1),
        "seconds": time.perf_counter() - seconds,
    }


@pytest.mark.slow
def test_extraction_quality_stays_above_the_pinned_floors() -> None:
    if not CORPUS.is_dir():
        pytest.skip(
            f"the readability test pages are absent (looked in {CORPUS.name} "
            "under ../shared/corpora)"
        )
    floors = json.loads(BASELINE.read_text("utf-8"))
    figures = measure()
    print("\nextraction quality:", json.dumps({k: round(v, 4) for k, v in figures.items()}))
    assert figures["pages"] >= floors["min_pages"]
    for name in ("precision", "recall", "f1", "title_match"):
        assert figures[name] >= floors[name], (
            f"{name} fell to {figures[name]:.4f}, below the floor {floors[name]}"
        )

"""Our parser against plain feedparser, over every feed fixture we have.

Where feedparser reads a feed, we must agree with it on the number of entries, their
titles, links, dates and whether they have body text. A difference fails unless it is
listed in EXPECTED with the reason we differ on purpose.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
import pytest

from desktop_reader.core.errors import ParseError
from desktop_reader.core.parse.detect import parse_feed
from desktop_reader.core.parse.entries import plain_text

DATA = Path(__file__).resolve().parents[2] / "data"
BASE = "https://feeds.example/path/feed"
FIXTURES = sorted(
    p
    for folder in ("feeds", "fetch", "pipeline")
    for p in (DATA / folder).iterdir()
    if p.suffix in (".xml", ".rdf", ".atom", ".rss")
)

_ATTACK = (
    "feedparser strips the entity declarations and reads on; we refuse the whole "
    "document so no parser of ours ever meets the attack (docs/faults.md)"
)
_MOJIBAKE = (
    "feedparser reads the undeclared legacy bytes as windows-1252 (mojibake); we "
    "detect the encoding and store readable text"
)
#: (fixture, field) -> why we differ from feedparser on purpose.
EXPECTED: dict[tuple[str, str], str] = {
    ("dailyledger-entity-bomb.xml", "count"): _ATTACK,
    ("dailyledger-entity-bomb-after-comment.xml", "count"): _ATTACK,
    ("dailyledger-xxe.xml", "count"): _ATTACK,
    ("dailyledger-xxe-utf16.xml", "count"): _ATTACK,
    (
        "dailyledger-mixed-utf8-cp1252.xml",
        "title",
    ): "feedparser decodes the whole file as one legacy code page; we keep its UTF-8 and "
    "read only the stray bytes as windows-1252",
    ("hanriver-euc-kr-undeclared.xml", "title"): _MOJIBAKE,
    ("jadegate-gb2312-undeclared.xml", "title"): _MOJIBAKE,
    ("sakuradaily-euc-jp-undeclared.xml", "title"): _MOJIBAKE,
    ("sakuradaily-shift-jis-undeclared.xml", "title"): _MOJIBAKE,
    ("steppeherald-koi8r-undeclared.xml", "title"): _MOJIBAKE,
    (
        "quaysidenews-bad-dates.xml",
        "date",
    ): "feedparser rolls Feb 30 over into March; an impossible date is no date to us "
    "(first-seen time, marked a guess)",
    (
        "quaysidenews-date-extremes.xml",
        "date",
    ): "feedparser reads year 0001 as 0100; dates before 1995 or after next week are "
    "placeholders to us (first-seen time, marked a guess)",
    (
        "quaysidenews-guid-chaos.xml",
        "count",
    ): "an exact repeat of an entry with the same id is one article (later fields then "
    "compare shifted by one)",
    ("quaysidenews-guid-chaos.xml", "title"): "shifted by the repeat dropped (count)",
    ("quaysidenews-guid-chaos.xml", "link"): "shifted by the repeat dropped (count)",
    ("quaysidenews-guid-chaos.xml", "date"): "shifted by the repeat dropped (count)",
}


def _fp_title(entry: dict) -> str:
    detail = entry.get("title_detail") or {}
    value = entry.get("title", "")
    if detail.get("type") == "text/plain":
        return " ".join(value.split())
    return plain_text(value)


def _fp_date(entry: dict) -> datetime | None:
    value = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return datetime(*value[:6], tzinfo=UTC) if value else None
    except ValueError:  # feedparser gives year 0 for some dates it cannot read
        return None


def _fp_body(entry: dict) -> str:
    for content in entry.get("content") or []:
        if plain_text(content.get("value")):
            return plain_text(content.get("value"))
    return plain_text(entry.get("summary"))


def _differences(path: Path) -> dict[str, str]:
    content = path.read_bytes().replace(b"http://HOST", b"https://host.example")
    reference = feedparser.parse(
        content,
        response_headers={"content-location": BASE},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    try:
        ours = parse_feed(content, url=BASE).entries
    except ParseError as error:
        if reference.entries:
            return {"count": f"we read nothing ({error}), feedparser {len(reference.entries)}"}
        return {}
    found: dict[str, str] = {}
    if len(ours) != len(reference.entries):
        found["count"] = f"{len(ours)} entries, feedparser {len(reference.entries)}"
    for index, (mine, theirs) in enumerate(zip(ours, reference.entries, strict=False)):
        title = _fp_title(theirs)
        if title and mine.title != title:
            found.setdefault("title", f"#{index}: {mine.title!r} != {title!r}")
        link = urljoin(BASE, theirs.get("link") or "") if theirs.get("link") else None
        if link and link.startswith("http") and mine.link != link:
            found.setdefault("link", f"#{index}: {mine.link!r} != {link!r}")
        date = _fp_date(theirs)
        if date is not None and mine.published != date:
            found.setdefault("date", f"#{index}: {mine.published} != {date}")
        if _fp_body(theirs) and not plain_text(mine.content_html or mine.summary_html):
            found.setdefault("body", f"#{index}: empty, feedparser {_fp_body(theirs)[:60]!r}")
    return found


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_we_agree_with_feedparser_or_say_why(path: Path) -> None:
    found = _differences(path)
    unexplained = {
        field: what for field, what in found.items() if (path.name, field) not in EXPECTED
    }
    assert not unexplained, unexplained
    stale = [field for name, field in EXPECTED if name == path.name and field not in found]
    assert not stale, f"listed differences that no longer happen: {stale}"

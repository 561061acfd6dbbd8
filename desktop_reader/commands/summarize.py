"""`summarize` and `timeline`: a story's cited summary and dated timeline from a terminal.

Input: the articles of one story, one JSON object per line, in Sources order (line n is
citation [n]): {"id", "title", "text", "published" (ISO 8601 or null), "source", "url"}.
Missing fields, null dates and empty text are tolerated; a line that is not a JSON
object is an error naming the line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import NewsItem
from desktop_reader.core.parse.dates import iso_datetime


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "summarize",
        help="cited extractive summary of one story",
        description="Print the cited summary of the articles in IN.jsonl "
        "(one story; line n is source [n]).",
    )
    p.add_argument("input", metavar="IN.jsonl")
    p.add_argument("--words", type=int, metavar="N", help="cap the plain text at N words")
    p.add_argument(
        "--json",
        action="store_true",
        help="JSON with sections, sentences, citations, article ids and offsets",
    )
    p.set_defaults(handler=run_summarize)

    t = subparsers.add_parser(
        "timeline",
        help="dated, cited timeline of one story",
        description="Print the timeline of the articles in IN.jsonl.",
    )
    t.add_argument("input", metavar="IN.jsonl")
    t.add_argument("--json", action="store_true", help="JSON events with ISO dates")
    t.add_argument(
        "--events",
        default="auto",
        metavar="N|auto",
        type=_event_count,
        help="at most N events, or auto (default): as many as the story's "
        "milestones, at least 12 when there are that many dated days",
    )
    t.set_defaults(handler=run_timeline)


def _event_count(value: str) -> int | None:
    if value.strip().lower() == "auto":
        return None
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or auto, not {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def read_news_items(path: str | Path) -> list[NewsItem]:
    """The articles of a story JSONL file; raises ParseError with the line number."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise ParseError(f"cannot read {path}: {exc.strerror or exc}") from exc
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError(f"{path}, line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise ParseError(f"{path}, line {number}: expected a JSON object")
        items.append(
            NewsItem(
                id=str(obj.get("id") if obj.get("id") is not None else number),
                title=str(obj.get("title") or ""),
                text=str(obj.get("text") or ""),
                published=iso_datetime(obj.get("published"), keep_offset=True),
                source=str(obj.get("source") or ""),
                url=obj.get("url") if isinstance(obj.get("url"), str) else None,
            )
        )
    return items


def run_summarize(args: argparse.Namespace) -> int:
    from desktop_reader.core.stories.summary import summarize

    if args.words is not None and args.words < 1:
        print("desktop-reader: --words must be at least 1", file=sys.stderr)
        return 2
    items = read_news_items(args.input)
    summary = summarize(items, max_words=args.words)
    if args.json:
        json.dump(summary.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif summary.sections:
        print(summary.to_text(args.words))
    else:
        print("desktop-reader: no article text to summarize", file=sys.stderr)
        return 1
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    from desktop_reader.core.stories.timeline import build_timeline

    timeline = build_timeline(read_news_items(args.input), max_events=args.events)
    if args.json:
        json.dump(timeline.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not timeline.events:
        print("desktop-reader: no dated events found", file=sys.stderr)
        return 1
    for event in timeline.events:
        marker = " (background)" if event.background else ""
        cites = "".join(f"[{n}]" for n in event.citations)
        print(f"{event.label}{marker} – {event.text} {cites}")
    return 0

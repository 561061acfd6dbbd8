"""`desktop-reader cluster IN.jsonl -o OUT.jsonl`: group articles into stories.

Runs the app's own path: the items are stored as articles of a temporary library
(one pseudo-feed per source) and clustered by `update_stories` in published order,
undated last, in refresh-sized batches. Output: one `{"id", "story"}` line per input
item, in input order.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from desktop_reader.core.errors import ReaderError
from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.parse.dates import iso_datetime
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.storage import articles, database, feeds, story_build
from desktop_reader.core.storage.database import transaction

MAX_TEXT = 200_000  # characters kept per article: enough for any real story
BATCH = 200


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "cluster",
        help="group articles (JSON lines) into stories",
        description="Read {id,title,text,published,source,url} lines; write {id,story} lines.",
    )
    parser.add_argument("input", help="JSON lines file, or - for standard input")
    parser.add_argument("-o", "--output", help="output file (default: standard output)")
    parser.set_defaults(handler=run)


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def read_items(lines: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Items with normalised fields, and warnings about lines that were not items."""
    items, warnings = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            warnings.append(f"line {number}: not JSON ({exc.msg}); skipped")
            continue
        if not isinstance(raw, dict):
            warnings.append(f"line {number}: not a JSON object; skipped")
            continue
        item_id = raw.get("id")
        items.append(
            {
                "id": item_id if item_id is not None else f"line-{number}",
                "title": _text(raw.get("title"), 2000),
                "text": _text(raw.get("text"), MAX_TEXT),
                "published": iso_datetime(raw.get("published")),
                "source": _text(raw.get("source"), 200).strip() or "(unknown source)",
                "url": raw.get("url") if isinstance(raw.get("url"), str) and raw["url"] else None,
            }
        )
    return items, warnings


def store_items(conn: sqlite3.Connection, items: list[dict[str, Any]]) -> list[int]:
    """Store items as articles (one pseudo-feed per source); each item's article id.

    Items sharing a GUID or URL become one article, as in the app."""
    article_ids: list[int] = []
    with transaction(conn):
        feed_ids: dict[str, int] = {}
        for item in items:
            source = item["source"]
            if source not in feed_ids:
                feed_ids[source] = feeds.add_feed(
                    conn, f"cluster:source/{quote(source)}", title=source
                ).id
            guid = f"cluster:item/{item['id']}"
            entry = ParsedEntry(
                guid=guid, link=item["url"], title=item["title"], published=item["published"]
            )
            articles.store_entries(
                conn,
                feed_ids[source],
                [articles.NewEntry(entry, "", item["text"], page_state=PageState.SKIPPED)],
                outlet=source,
            )
            found = story_build.article_id_for(conn, guid, item["url"])
            assert found is not None  # just stored under this guid or url
            article_ids.append(found)
    return article_ids


def cluster_library(conn: sqlite3.Connection, article_ids: list[int]) -> dict[int, int]:
    """Cluster articles as refreshes would: published order, undated last, in batches."""
    ordered = story_build.articles_in_published_order(conn)
    wanted = set(article_ids)
    ordered = [a for a in ordered if a in wanted]
    update_stories(conn, ordered, summaries=False)  # it commits in refresh-sized batches
    return story_build.story_of_articles(conn)


def cluster_items(items: list[dict[str, Any]], db_path: Path) -> list[int]:
    """Store the items in a new library at `db_path` and return each item's story id."""
    conn = database.connect(db_path)
    try:
        article_ids = store_items(conn, items)
        story_of = cluster_library(conn, article_ids)
        return [int(story_of[a]) for a in article_ids]
    finally:
        conn.close()


def run(args: argparse.Namespace) -> int:
    try:
        if args.input == "-":
            items, warnings = read_items(sys.stdin)
        else:
            with open(args.input, encoding="utf-8", errors="replace") as handle:
                items, warnings = read_items(handle)
    except OSError as exc:
        raise ReaderError(f"Cannot read {args.input}: {exc.strerror or exc}") from exc
    for warning in warnings:
        print(f"desktop-reader cluster: {warning}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="desktop-reader-cluster-") as tmp:
        stories = cluster_items(items, Path(tmp) / "library.sqlite")
    lines = "".join(
        json.dumps({"id": item["id"], "story": story}, ensure_ascii=False) + "\n"
        for item, story in zip(items, stories, strict=True)
    )
    if args.output:
        try:
            Path(args.output).write_text(lines, encoding="utf-8")
        except OSError as exc:
            raise ReaderError(f"Cannot write {args.output}: {exc.strerror or exc}") from exc
    else:
        sys.stdout.write(lines)
    return 0

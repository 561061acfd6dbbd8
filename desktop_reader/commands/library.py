"""Library commands: subscribe, import-opml, export-opml, refresh, feeds, list, show."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import FeedStatus, RefreshProgress
from desktop_reader.core.pipeline import opml_io, refresh, subscribe, update
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.page_retries import status_line
from desktop_reader.core.storage import articles, feeds, media


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "subscribe",
        help="subscribe to a feed (or a site's feed)",
        description="Subscribe to a feed URL, or to the feed a site "
        "URL advertises (autodiscovery).",
    )
    p.add_argument("url")
    p.add_argument("--folder", default="", help="folder to put the feed in")
    p.add_argument("--title", default="", help="name to show instead of the feed's title")
    p.add_argument(
        "--no-discover",
        action="store_true",
        help="store the URL as given, without fetching it first",
    )
    p.set_defaults(handler=_subscribe)

    p = subparsers.add_parser(
        "import-opml",
        help="subscribe to every feed of an OPML file",
        description="Import subscriptions (with folders) from OPML.",
    )
    p.add_argument("file", type=Path)
    p.set_defaults(handler=_import)

    p = subparsers.add_parser(
        "export-opml",
        help="write the subscriptions to an OPML file",
        description="Export subscriptions (with folders) as OPML 2.0.",
    )
    p.add_argument("file", type=Path, help="output file, or - for standard output")
    p.set_defaults(handler=_export)

    p = subparsers.add_parser(
        "refresh",
        help="fetch new articles from every feed",
        description="Refresh feeds, then download article pages and images for offline reading.",
    )
    p.add_argument("--feed", type=int, action="append", help="only this feed id (repeatable)")
    p.add_argument(
        "--no-pages",
        action="store_true",
        help="skip article pages and images (stories are still grouped)",
    )
    p.add_argument(
        "--feeds-only",
        action="store_true",
        help="store feed entries only: no pages, images or stories",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary")
    p.set_defaults(handler=_refresh)

    p = subparsers.add_parser(
        "feeds",
        help="list subscriptions with their status",
        description="List feeds: id, unread count, status, folder, title.",
    )
    p.set_defaults(handler=_feeds)

    p = subparsers.add_parser(
        "list",
        help="list articles, newest first",
        description="List stored articles: id, date, outlet, title.",
    )
    p.add_argument("--feed", type=int, action="append", help="only this feed id (repeatable)")
    p.add_argument("--unread", action="store_true", help="only unread articles")
    p.add_argument("--search", help="full-text search instead of listing")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=_list)

    p = subparsers.add_parser(
        "show",
        help="print one stored article",
        description="Print a stored article's title, source and text.",
    )
    p.add_argument("id", type=int)
    p.set_defaults(handler=_show)


def _subscribe(args: argparse.Namespace) -> int:
    library = Library.open()
    url = args.url
    title = args.title
    if not args.no_discover:
        with Fetcher() as fetcher:
            found = subscribe.find_feeds(fetcher, url)
        if len(found) > 1:
            print("Found several feeds; subscribing to the first:", file=sys.stderr)
            for item in found:
                print(f"  {item.url}  {item.title}", file=sys.stderr)
        url = found[0].url
        title = title or found[0].title
    conn = library.connect()
    feed = subscribe.subscribe(conn, url, title=title, folder=args.folder)
    print(f"{feed.id}\t{feed.title}\t{feed.url}")
    return 0


def _import(args: argparse.Namespace) -> int:
    conn = Library.open().connect()
    report = opml_io.import_opml(conn, args.file.read_bytes())
    print(f"{report.message()} {len(feeds.list_feeds(conn))} feeds in all.")
    return 0


def _export(args: argparse.Namespace) -> int:
    data = opml_io.export_opml(Library.open().connect())
    if str(args.file) == "-":
        sys.stdout.buffer.write(data)
    else:
        args.file.write_bytes(data)
    return 0


def _refresh(args: argparse.Namespace) -> int:
    library = Library.open()

    def report(step: RefreshProgress) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\r{step.message[:60]:60} {step.done}/{step.total}", end="", file=sys.stderr)

    with Fetcher() as fetcher:
        summary = refresh.refresh_feeds(library, fetcher, args.feed, progress=report)
        if not args.quiet and sys.stderr.isatty():
            print(file=sys.stderr)
        conn = library.connect()
        titles = {f.id: f.title for f in feeds.list_feeds(conn)}
        failed = [r for r in summary.results if r.status in (FeedStatus.ERROR, FeedStatus.GONE)]
        if not args.quiet:
            for result in summary.results:
                if result.status is not FeedStatus.OK or result.new_articles:
                    print(f"{result.feed_id}\t{titles.get(result.feed_id, '?')}\t{result.message}")
        print(
            f"{len(summary.results)} feeds, {summary.new_articles} new articles, "
            f"{sum(r.not_modified for r in summary.results)} not modified, "
            f"{len(failed)} failed."
        )
        if args.feeds_only:
            return 0
        done, changed = update.complete_library(
            library, fetcher, progress=report, full_articles=not args.no_pages
        )
        if not args.no_pages:
            print(f"{done} article pages stored for offline reading.")
        print(f"{len(changed)} stories updated.")
    return 0


def _feeds(args: argparse.Namespace) -> int:
    conn = Library.open().connect()
    unread = feeds.unread_counts(conn)
    for feed in feeds.list_feeds(conn):
        status = feed.status.value + (f": {feed.status_message}" if feed.status_message else "")
        print(f"{feed.id}\t{unread.get(feed.id, 0)}\t{feed.folder or '-'}\t{feed.title}\t{status}")
    return 0


def _list(args: argparse.Namespace) -> int:
    conn = Library.open().connect()
    if args.search:
        rows = articles.search(conn, args.search, feed_ids=args.feed, limit=args.limit)
    else:
        rows = articles.list_rows(conn, args.feed, limit=args.limit, unread_only=args.unread)
    for row in rows:
        mark = " " if row.read else "*"
        print(f"{row.id}\t{mark}\t{row.published:%Y-%m-%d %H:%M}\t{row.outlet}\t{row.title}")
    return 0


def _show(args: argparse.Namespace) -> int:
    conn = Library.open().connect()
    article = articles.get_article(conn, args.id)
    if article is None:
        print(f"desktop-reader: no article with id {args.id}", file=sys.stderr)
        return 1
    when = article.published.astimezone(UTC) if article.published else datetime.now(UTC)
    print(article.title)
    print(
        f"{article.outlet} · {when:%Y-%m-%d %H:%M} UTC"
        + (f" · {article.author}" if article.author else "")
    )
    if article.url:
        print(article.url)
    for image in media.article_images(conn, article.id):
        if image.sha256 and (image.caption or image.credit):
            print(f"[image] {image.caption} {image.credit}".rstrip())
    print()
    print(article.text or "(no text stored)")
    status = status_line(article)
    if status:
        print(f"\n{status}")
    return 0

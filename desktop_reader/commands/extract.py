"""`desktop-reader extract PAGE.html [--url URL]`: print a saved page's article text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_reader.core.errors import ExtractionError
from desktop_reader.core.extract import extract_article


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "extract",
        help="print the article text of a saved web page",
        description="Extract the readable article from a saved HTML page and print its "
        "text (paragraphs separated by blank lines) on standard output.",
    )
    p.add_argument("page", metavar="PAGE.html", help="the saved page")
    p.add_argument(
        "--url", default=None, help="the page's original address (resolves its relative links)"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.page)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        print(f"desktop-reader: {path}: no such file", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"desktop-reader: {path}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return 1
    url = args.url or path.resolve().as_uri()
    try:
        article = extract_article(data, url)
    except ExtractionError as exc:
        print(f"desktop-reader: {path}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(article.text + "\n")
    return 0

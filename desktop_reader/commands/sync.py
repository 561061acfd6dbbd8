"""Sync commands: account add/list/remove/subscribe, and sync."""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop_reader.core.errors import ReaderError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import RefreshProgress
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import accounts, sync_queue
from desktop_reader.core.sync import engine


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "account",
        help="sync accounts (FreshRSS, Miniflux… through the Google Reader API)",
        description="Accounts on a server of your own that speaks the Google Reader API.",
    )
    sub = p.add_subparsers(dest="account_command", metavar="ACTION", required=True)

    a = sub.add_parser(
        "add",
        help="log in to a server and add the account",
        description="Log in (the password is asked for, or read from "
        "standard input) and add the account. For FreshRSS use "
        "the API password set in its profile.",
    )
    a.add_argument("url", help="the server's address, e.g. https://rss.example.org")
    a.add_argument("--user", required=True)
    a.add_argument("--name", default="", help="how the account is shown")
    a.add_argument("--no-sync", action="store_true", help="do not sync at once")
    a.set_defaults(handler=_add)

    a = sub.add_parser("list", help="list accounts with their status")
    a.set_defaults(handler=_list)

    a = sub.add_parser(
        "remove",
        help="remove an account and its stored articles",
        description="Remove the account, its feeds and the articles only it "
        "had; local feeds stay. Nothing changes on the server.",
    )
    a.add_argument("account", help="id, name or server address (see `account list`)")
    a.set_defaults(handler=_remove)

    a = sub.add_parser(
        "subscribe",
        help="subscribe the account to a feed",
        description="Queue a subscription; the next sync sends it.",
    )
    a.add_argument("account")
    a.add_argument("feed_url")
    a.add_argument("--folder", default="")
    a.set_defaults(handler=_subscribe)

    p = subparsers.add_parser(
        "sync",
        help="sync accounts with their servers",
        description="Send queued changes, fetch subscriptions, new "
        "articles and read/starred state, then store "
        "pages and images for offline reading.",
    )
    p.add_argument("--account", action="append", help="only this account (repeatable)")
    p.add_argument("--no-pages", action="store_true", help="skip article pages and images")
    p.set_defaults(handler=_sync)


def _password(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _find(library: Library, what: str) -> accounts.Account:
    conn = library.connect()
    try:
        account = accounts.find_account(conn, what)
    finally:
        conn.close()
    if account is None:
        raise ReaderError(f"No account {what!r} (see `desktop-reader account list`)")
    return account


def _add(args: argparse.Namespace) -> int:
    library = Library.open()
    password = _password(f"Password for {args.user} at {args.url}: ")
    account = engine.add_account(library, args.url, args.user, password, name=args.name)
    del password
    print(f"{account.id}\t{account.name}\t{account.api_url}")
    if not args.no_sync:
        return _sync_ids(library, [account.id], pages=True)
    return 0


def _list(args: argparse.Namespace) -> int:
    conn = Library.open().connect()
    for account in accounts.list_accounts(conn):
        queued = sync_queue.queue_length(conn, account.id)
        status = account.status + (f": {account.status_message}" if account.status_message else "")
        print(
            f"{account.id}\t{account.name}\t{account.server_url}\t{account.user}\t"
            f"{len(accounts.account_feed_ids(conn, account.id))} feeds\t"
            f"{queued} queued\t{status}"
        )
    return 0


def _remove(args: argparse.Namespace) -> int:
    library = Library.open()
    account = _find(library, args.account)
    engine.remove_account(library, account.id)
    print(f"Removed {account.name}.")
    return 0


def _subscribe(args: argparse.Namespace) -> int:
    library = Library.open()
    account = _find(library, args.account)
    conn = library.connect()
    sync_queue.queue_subscribe(conn, account.id, args.feed_url, folder=args.folder)
    print(f"Queued; the next sync subscribes {account.name} to {args.feed_url}.")
    return 0


def _sync(args: argparse.Namespace) -> int:
    library = Library.open()
    ids = None if not args.account else [_find(library, a).id for a in args.account]
    return _sync_ids(library, ids, pages=not args.no_pages)


def _sync_ids(library: Library, ids: list[int] | None, *, pages: bool) -> int:
    def report(step: RefreshProgress) -> None:
        if sys.stderr.isatty():
            print(f"\r{step.message[:70]:70}", end="", file=sys.stderr)

    with Fetcher() as fetcher:
        summaries = engine.sync_all(library, fetcher, ids, progress=report, full_articles=pages)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    conn = library.connect()
    failed = 0
    for summary in summaries:
        account = accounts.get_account(conn, summary.account_id)
        name = account.name if account else str(summary.account_id)
        print(f"{name}: {summary.message}")
        failed += bool(summary.error)
    return 1 if failed else 0

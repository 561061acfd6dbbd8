"""Command line: the same core as the GUI, from a terminal.

`desktop-reader` with no command starts the GUI; `desktop-reader COMMAND --help`
explains each command. Commands live in `desktop_reader/commands/`, one module per
group, each exposing `register(subparsers)`; a command's handler takes the parsed
arguments and returns an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from desktop_reader import __version__, commands
from desktop_reader.core.errors import ReaderError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-reader",
        description="A private, offline-first news reader. Without a command, starts the app.",
        epilog="`desktop-reader feed:https://…` or `desktop-reader FILE.rss` starts the app "
        "(or raises the running one) and offers to subscribe to that feed.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="library location (default: the user data dir, or $DESKTOP_READER_DATA)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the app, show the window, print where resources were "
        "found, and quit (packaging checks)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{module.name}").register(subparsers)
    return parser


def _split_open_argument(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[list[str], str]:
    """Without a command, a trailing `feed:` URI, URL or file is something for the GUI to open."""
    from desktop_reader.open_request import absolute_argument, is_open_argument

    names = {
        name
        for action in parser._actions  # argparse keeps subcommands here
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    if (
        argv
        and not argv[-1].startswith("-")
        and argv[-1] not in names
        and not names.intersection(argv)
        and is_open_argument(argv[-1])
        and (len(argv) < 2 or argv[-2] != "--data-dir")
    ):
        return argv[:-1], absolute_argument(argv[-1])
    return argv, ""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv, open_argument = _split_open_argument(parser, list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if args.data_dir:
        from desktop_reader.core.paths import DATA_DIR_ENV

        os.environ[DATA_DIR_ENV] = args.data_dir
    if args.command is None:
        from desktop_reader.app import run_gui  # Qt only when the GUI is wanted

        return run_gui([sys.argv[0]], open_argument=open_argument, smoke_test=args.smoke_test)
    try:
        return int(args.handler(args) or 0)
    except ReaderError as exc:
        print(f"desktop-reader: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("desktop-reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `desktop-reader feeds | head`: the reader stopped listening, which is no error
        # of ours. Point stdout at nothing so the flush at exit cannot raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # what a shell reports for a command ended by SIGPIPE


if __name__ == "__main__":
    sys.exit(main())

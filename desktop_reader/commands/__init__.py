"""CLI command groups; each module has `register(subparsers)` (see desktop_reader/cli.py)."""

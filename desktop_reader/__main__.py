"""`python -m desktop_reader` and the `desktop-reader` entry point."""

import sys

from desktop_reader.cli import main as _cli_main


def main() -> int:
    return _cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())

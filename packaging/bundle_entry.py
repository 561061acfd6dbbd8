"""Entry script of the PyInstaller bundle (packaging/desktop-reader.spec): the normal CLI/GUI."""

import sys

from desktop_reader.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

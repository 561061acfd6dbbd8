"""`desktop-reader --smoke-test`: start, show the window, report, quit.

For packaging checks (the wheel test, `make bundle`): proves the installed copy
imports, finds its bundled resources and opens a window, without a user.
Prints one line per check and returns a non-zero status if a resource is missing.
"""

from __future__ import annotations

from desktop_reader.core.paths import resources_dir

#: One file from each resource group the app cannot work without.
REQUIRED = ("starter_feeds.opml", "demo/articles.json", "icons/app.svg")


def report(window_shown: bool) -> int:
    root = resources_dir()
    missing = [name for name in REQUIRED if not (root / name).is_file()]
    print(f"resources: {root}")
    print(f"window shown: {'yes' if window_shown else 'no'}")
    print("missing resources: " + (", ".join(missing) if missing else "none"))
    return 1 if missing or not window_shown else 0

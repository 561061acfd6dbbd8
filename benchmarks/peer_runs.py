"""What each peer driver of peers.py hands back: measured refreshes, or why there are none."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.feedfarm import Farm  # noqa: E402

__all__ = ["ROOT", "Farm", "Run", "Unavailable", "feed_counts", "newsboat_command"]


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    requests: int  # feed requests the farm served
    not_modified: int  # of which 304
    # Processes a GUI reader spawned (QtWebEngine), reported beside its own figures.
    helpers_cpu: float = 0.0
    helpers_peak_mb: float = 0.0
    articles: int | None = None  # what a GUI reader's database holds afterwards


class Unavailable(Exception):
    """A peer cannot be measured here; the message says why, in plain words."""


def feed_counts(farm: Farm) -> tuple[int, int]:
    """Feed requests and feed 304s the farm has served since its last stats reset."""
    stats = farm.stats()
    return (stats.get("by_class", {}).get("feed", 0), stats.get("not_modified", {}).get("feed", 0))


def newsboat_command(farm: Farm, work: Path) -> tuple[list[str], dict[str, str]]:
    """newsboat's `-x reload` on the farm's feeds, with a private home: (command, env)."""
    binary = shutil.which("newsboat")
    if binary is None:
        raise Unavailable("not installed")
    home = work / "newsboat"
    home.mkdir()
    (home / "urls").write_bytes(farm.get_bytes("/urls.txt"))
    (home / "config").write_text("reload-threads 8\n")
    command = [
        binary,
        "-x",
        "reload",
        "-u",
        str(home / "urls"),
        "-c",
        str(home / "cache.db"),
        "-C",
        str(home / "config"),
    ]
    return command, {"HOME": str(home)}

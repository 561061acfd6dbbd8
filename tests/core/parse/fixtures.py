"""Paths of this package's fixture files (tests/data/feeds, opml, sites)."""

from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"


def feed_bytes(name: str) -> bytes:
    return (DATA / "feeds" / name).read_bytes()


def site_bytes(name: str) -> bytes:
    return (DATA / "sites" / name).read_bytes()


def opml_bytes(name: str) -> bytes:
    return (DATA / "opml" / name).read_bytes()

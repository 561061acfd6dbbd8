"""The bundled starter list offered on first start: a valid OPML our importer reads."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from desktop_reader.core import paths
from desktop_reader.core.parse.opml import read_opml
from desktop_reader.core.parse.safexml import parse_xml
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.opml_io import import_opml, starter_feeds
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import feeds

STARTER = paths.resources_dir() / "starter_feeds.opml"


def test_starter_list_is_opml_2_with_titles() -> None:
    root = parse_xml(STARTER.read_bytes(), what="OPML file")
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.find("head/title") is not None
    outlines = root.findall("body/outline/outline")
    assert outlines and all(o.get("text") and o.get("type") == "rss" for o in outlines)
    # The raw file has no duplicate addresses (read_opml would hide them).
    urls = [o.get("xmlUrl") for o in outlines]
    assert len(urls) == len(set(urls))


def test_starter_list_has_enough_sections_and_safe_addresses() -> None:
    found = read_opml(STARTER.read_bytes())
    assert len(found) >= 20
    per_folder = Counter(f.folder for f in found)
    assert len(per_folder) >= 4 and all(n >= 3 for n in per_folder.values())
    assert "" not in per_folder  # every feed sits in a section
    for feed in found:
        parts = urlsplit(feed.url)
        assert parts.scheme == "https" and parts.netloc, feed.url
        assert feed.title and " — " in feed.title  # outlet — section
    assert len({f.title for f in found}) == len(found)


def test_starter_list_imports_into_folders(data_dir: Path) -> None:
    conn = Library.open(data_dir).connect()
    report = import_opml(conn, STARTER.read_bytes())
    assert report.added == len(read_opml(STARTER.read_bytes())) and not report.skipped
    assert {"World", "Business", "Technology", "Science", "Sport"} <= set(feeds.folders(conn))
    assert import_opml(conn, STARTER.read_bytes()).added == 0
    conn.close()


def test_the_welcome_page_is_offered_the_bundled_list_and_never_an_error(tmp_path: Path) -> None:
    assert Reader.starter_feeds() == read_opml(STARTER.read_bytes())
    assert starter_feeds(tmp_path / "absent.opml") == []
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<html>not opml</html>")
    assert starter_feeds(bad) == []

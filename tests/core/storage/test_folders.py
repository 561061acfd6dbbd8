"""Folders through the Reader facade: created empty, renamed with what is inside, deleted
without losing a feed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_reader.core.errors import ReaderError
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.values import folder_scope


@pytest.fixture
def reader(data_dir: Path) -> Iterator[Reader]:
    front = Reader(Library.open(data_dir))
    yield front
    front.close()


def _feed(reader: Reader, url: str, folder: str = "") -> int:
    feed, _ = reader.subscribe(url, folder=folder)
    return feed.id


def test_a_new_folder_is_listed_while_empty_and_survives_reopening(reader: Reader) -> None:
    made, changes = reader.create_folder("  Science / Space ")
    assert made == "Science/Space"
    assert changes.feed_list
    assert reader.folders() == ["Science", "Science/Space"]
    again = Reader(reader.library)
    try:
        assert again.folders() == ["Science", "Science/Space"]
    finally:
        again.close()


@pytest.mark.parametrize("bad", ["", "   ", "a//b", "/"])
def test_a_folder_needs_a_name(reader: Reader, bad: str) -> None:
    with pytest.raises(ReaderError):
        reader.create_folder(bad)
    assert reader.folders() == []


def test_a_folder_cannot_be_made_twice(reader: Reader) -> None:
    _feed(reader, "https://a.test/feed", "World")
    with pytest.raises(ReaderError, match="already"):
        reader.create_folder("World")


def test_renaming_a_folder_takes_its_feeds_subfolders_and_saved_searches(reader: Reader) -> None:
    europe = _feed(reader, "https://eu.test/feed", "World/Europe")
    world = _feed(reader, "https://w.test/feed", "World")
    other = _feed(reader, "https://o.test/feed", "Worldwide")  # a prefix, not a child
    reader.create_folder("World/Asia")
    saved, _ = reader.save_search("Ferries", "ferry", folder_scope("World/Europe"))

    renamed, changes = reader.rename_folder("World", "Globe")

    assert renamed == "Globe"
    assert changes.feed_list and changes.feeds == {europe, world}
    assert reader.folders() == ["Globe", "Globe/Asia", "Globe/Europe", "Worldwide"]
    assert (reader.feed(europe) or None).folder == "Globe/Europe"  # type: ignore[union-attr]
    assert (reader.feed(other) or None).folder == "Worldwide"  # type: ignore[union-attr]
    moved = reader.saved_search(saved.id)
    assert moved is not None and reader.search_scope(moved) == (europe,)


def test_renaming_onto_another_folder_or_inside_itself_is_refused(reader: Reader) -> None:
    _feed(reader, "https://a.test/feed", "A")
    _feed(reader, "https://b.test/feed", "B")
    with pytest.raises(ReaderError, match="already"):
        reader.rename_folder("A", "B")
    with pytest.raises(ReaderError, match="inside itself"):
        reader.rename_folder("A", "A/Deeper")
    assert reader.folders() == ["A", "B"]


def test_deleting_a_folder_moves_its_feeds_to_the_top_level(reader: Reader) -> None:
    inside = _feed(reader, "https://in.test/feed", "Tech")
    deeper = _feed(reader, "https://deep.test/feed", "Tech/Linux")
    outside = _feed(reader, "https://out.test/feed", "News")

    changes = reader.delete_folder("Tech")

    assert changes.feeds == {inside, deeper} and changes.feed_list
    assert reader.folders() == ["News"]
    assert {f.id: f.folder for f in reader.feeds()} == {inside: "", deeper: "", outside: "News"}


def test_moving_a_feed_cleans_the_folder_path(reader: Reader) -> None:
    feed = _feed(reader, "https://a.test/feed")
    reader.move_feed(feed, " Tech / Linux/ ")
    assert (reader.feed(feed) or None).folder == "Tech/Linux"  # type: ignore[union-attr]
    reader.move_feed(feed, "")
    assert (reader.feed(feed) or None).folder == ""  # type: ignore[union-attr]


def test_a_new_address_is_fetched_afresh_and_a_taken_one_refused(reader: Reader) -> None:
    feed = _feed(reader, "https://old.test/feed")
    taken = _feed(reader, "https://taken.test/feed")
    changed, changes = reader.change_feed_url(feed, "new.test/rss")
    assert changed.url == "https://new.test/rss"
    assert changed.etag is None and changed.body_hash is None
    assert changes.feeds == {feed}
    with pytest.raises(ReaderError, match="already has"):
        reader.change_feed_url(feed, "https://taken.test/feed")
    with pytest.raises(ReaderError, match="not a web address"):
        reader.change_feed_url(feed, "ftp://files.test/feed")
    assert (reader.feed(feed) or None).url == "https://new.test/rss"  # type: ignore[union-attr]
    assert taken != feed

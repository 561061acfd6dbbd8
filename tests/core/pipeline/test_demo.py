"""The demo library: what a user sees after "Open the demo library" on first start."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_reader.core.models import PageState
from desktop_reader.core.pipeline import demo
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, feeds, media

SECTIONS = {"News", "Business", "Science & Tech", "Sport"}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach a host fails loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the demo library tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def loaded(data_dir: Path, no_network: None) -> tuple[Library, int]:
    library = Library.open(data_dir)
    return library, demo.load_demo(library)


def _by_guid(conn, guid: str):  # type: ignore[no-untyped-def]
    row = conn.execute("SELECT id FROM articles WHERE guid = ?", (guid,)).fetchone()
    assert row is not None, guid
    return articles.get_article(conn, row[0])


def test_every_article_is_readable_offline_with_pictures(loaded: tuple[Library, int]) -> None:
    library, added = loaded
    bundled = demo.read_demo()
    assert added == len(bundled) >= 30
    conn = library.connect()
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    assert len(ids) == added
    for article in articles.get_articles(conn, ids):
        assert article.page_state is PageState.DONE
        assert len(article.text.split("\n\n")) >= 4, article.title
        assert article.outlet and article.author and article.url
        assert "http" not in article.content_html  # no remote image or link to load
        images = media.article_images(conn, article.id)
        assert images, article.title
        assert images[0].role == "lead"
        for image in images:
            assert image.caption and image.credit.split(":")[0] in {
                "Photo",
                "Graphic",
                "Image",
                "Illustration",
            }
            assert image.sha256 and f'src="media:{image.sha256}"' in article.content_html
            path = library.media.find(image.sha256)
            assert path is not None and path.stat().st_size > 5000
            assert (image.width, image.height) == (960, 540)
            assert library.media.thumb_path(image.sha256).is_file()
    # Nothing is waiting for a refresh that would need the network.
    assert media.pending_images(conn) == []
    assert (
        conn.execute("SELECT COUNT(*) FROM articles WHERE page_state = 'pending'").fetchone()[0]
        == 0
    )
    conn.close()


def test_feeds_are_outlets_in_section_folders(loaded: tuple[Library, int]) -> None:
    library, _ = loaded
    conn = library.connect()
    assert set(feeds.folders(conn)) == {f"{demo.DEMO_FOLDER}/{s}" for s in SECTIONS}
    listed = feeds.list_feeds(conn)
    assert {f.title for f in listed} == {a.outlet for a in demo.read_demo()}
    assert len({f.title for f in listed}) == 7
    assert all(demo.is_demo_url(f.url) for f in listed)  # refresh only fetches http(s)
    assert sum(articles.count_articles(conn, [f.id]) for f in listed) == articles.count_articles(
        conn
    )
    conn.close()


def test_dates_move_by_whole_weeks_and_the_newest_is_recent(loaded: tuple[Library, int]) -> None:
    library, _ = loaded
    conn = library.connect()
    now = datetime.now(UTC)
    newest = None
    for item in demo.read_demo():
        stored = _by_guid(conn, f"demo:{item.id}")
        assert stored.published is not None and not stored.date_is_guess
        moved = stored.published - item.published
        assert moved % timedelta(days=7) == timedelta(0), item.id
        newest = max(newest or stored.published, stored.published)
    assert newest is not None and timedelta(0) <= now - newest < timedelta(days=8)
    # A day named in the text is still that day: the quake struck "overnight" into a
    # Monday and the Tuesday report says the toll rose "on Tuesday".
    first = _by_guid(conn, "demo:quake-wire")
    report = _by_guid(conn, "demo:quake-globaldesk")
    assert "early on Monday" in first.text and "on Tuesday" in report.text
    assert first.published.strftime("%A") == "Monday"
    assert report.published.strftime("%A") == "Tuesday"
    assert report.published.date() - first.published.date() == timedelta(days=1)
    conn.close()


@pytest.mark.parametrize("days_after", [0, 0.5, 6.99, 7, 13, 400, -3, -30])
def test_week_shift_keeps_newest_within_the_last_week(days_after: float) -> None:
    newest = datetime(2025, 9, 21, 12, tzinfo=UTC)
    now = newest + timedelta(days=days_after)
    shifted = newest + demo.week_shift(newest, now)
    assert timedelta(0) <= now - shifted < timedelta(days=7)
    assert shifted.weekday() == newest.weekday()


def test_loading_twice_adds_nothing(loaded: tuple[Library, int]) -> None:
    library, added = loaded
    conn = library.connect()
    before = [
        conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("feeds", "articles", "media", "article_images")
    ]
    assert demo.load_demo(library) == 0
    after = [
        conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("feeds", "articles", "media", "article_images")
    ]
    assert after == before and before[1] == added
    conn.close()


def test_wire_copy_is_two_articles_sharing_one_picture(loaded: tuple[Library, int]) -> None:
    library, _ = loaded
    conn = library.connect()
    wire, copy = _by_guid(conn, "demo:quake-wire"), _by_guid(conn, "demo:quake-wire-lakeside")
    assert (wire.outlet, copy.outlet) == ("Meridian Wire", "Lakeside Observer")
    assert wire.text == copy.text and wire.url != copy.url
    assert (
        media.article_images(conn, wire.id)[0].sha256
        == media.article_images(conn, copy.id)[0].sha256
    )
    conn.close()


def test_loading_the_demo_builds_its_stories(loaded: tuple[Library, int]) -> None:
    library, _ = loaded
    conn = library.connect()

    def story(guid: str) -> int:
        return conn.execute(
            "SELECT sa.story_id FROM story_articles sa JOIN articles a "
            "ON a.id = sa.article_id WHERE a.guid = ?",
            (guid,),
        ).fetchone()[0]

    assert (
        conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
        == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    )
    port = {
        story(f"demo:{i}")
        for i in ("port-courier", "port-ledger", "port-wire", "port-lakeside", "port-courier-deal")
    }
    assert len(port) == 1
    # Same topic, same city, different robberies years apart: different stories.
    assert story("demo:robbery-kingstreet") != story("demo:robbery-sentence")
    assert story("demo:quake-wire") == story("demo:quake-wire-lakeside")
    conn.close()

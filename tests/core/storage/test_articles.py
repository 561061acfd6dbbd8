from datetime import UTC, datetime

from desktop_reader.core.models import ImageRef, ParsedEntry
from desktop_reader.core.storage import articles, database, feeds
from desktop_reader.core.storage.articles import NewEntry

WIRE = "https://wire.example/"  # permalink GUIDs: the same article in every feed


def _entry(
    guid: str,
    link: str | None = None,
    title: str = "T",
    date: datetime | None = None,
    text: str = "body",
) -> NewEntry:
    return NewEntry(
        ParsedEntry(guid=guid, link=link, title=title, published=date), "<p>x</p>", text
    )


def test_same_permalink_guid_from_two_feeds_is_stored_once_and_listed_in_both(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    date = datetime(2026, 1, 2, tzinfo=UTC)
    wire = "https://wire.example/2026/01/02/story"
    with database.transaction(conn):
        assert len(articles.store_entries(conn, a.id, [_entry(wire, date=date)], outlet="A"))
    with database.transaction(conn):
        assert articles.store_entries(conn, b.id, [_entry(wire, date=date)], outlet="B") == []
    assert articles.count_articles(conn, [a.id]) == 1
    assert articles.count_articles(conn, [b.id]) == 1
    assert articles.count_articles(conn) == 1
    assert feeds.unread_counts(conn) == {a.id: 1, b.id: 1}


def test_a_bare_guid_names_an_entry_only_within_its_feed(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    with database.transaction(conn):
        (first,) = articles.store_entries(
            conn, a.id, [_entry("1", link="http://a/council", title="Council meets")], outlet="A"
        )
    with database.transaction(conn):
        (second,) = articles.store_entries(
            conn, b.id, [_entry("1", link="http://b/market", title="Market day")], outlet="B"
        )
    assert [r.title for r in articles.list_rows(conn, [b.id])] == ["Market day"]
    assert [r.title for r in articles.list_rows(conn, [a.id])] == ["Council meets"]
    # The next refresh of either feed finds its own entry, not the other feed's.
    with database.transaction(conn):
        assert (
            articles.store_entries(
                conn, b.id, [_entry("1", link="http://b/market", title="Market day")], outlet="B"
            )
            == []
        )
        assert (
            articles.store_entries(
                conn,
                a.id,
                [_entry("1", link="http://a/council", title="Council meets")],
                outlet="A",
            )
            == []
        )
    assert articles.count_articles(conn) == 2 and first != second


def test_same_url_from_another_feed_is_the_same_article(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    with database.transaction(conn):
        articles.store_entries(conn, a.id, [_entry("g1", link="http://x/1")], outlet="A")
        assert (
            articles.store_entries(conn, b.id, [_entry("g2", link="http://x/1")], outlet="B") == []
        )
    assert articles.count_articles(conn) == 1
    assert articles.count_articles(conn, [b.id]) == 1


def test_a_shared_link_with_another_title_is_another_article(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    with database.transaction(conn):
        articles.store_entries(
            conn, a.id, [_entry("g1", link="http://x/", title="One")], outlet="A"
        )
        assert (
            len(
                articles.store_entries(
                    conn, b.id, [_entry("g2", link="http://x/", title="Two")], outlet="B"
                )
            )
            == 1
        )


def test_new_guid_with_a_link_the_feed_used_before_is_a_new_article(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    with database.transaction(conn):
        articles.store_entries(conn, a.id, [_entry("g1", link="http://x/live")], outlet="A")
    with database.transaction(conn):
        assert (
            len(
                articles.store_entries(conn, a.id, [_entry("g2", link="http://x/live")], outlet="A")
            )
            == 1
        )
    assert articles.count_articles(conn, [a.id]) == 2


def test_undated_entry_gets_first_seen_time_marked_as_guess(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    with database.transaction(conn):
        (new_id,) = articles.store_entries(conn, a.id, [_entry("g")], outlet="A", now=1000.0)
    stored = articles.get_article(conn, new_id)
    assert stored is not None and stored.date_is_guess
    assert stored.published == datetime.fromtimestamp(1000.0, UTC)


def test_list_pages_newest_first_and_read_state(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    entries = [_entry(f"g{i}", date=datetime(2026, 1, 1 + i, tzinfo=UTC)) for i in range(30)]
    with database.transaction(conn):
        ids = articles.store_entries(conn, a.id, entries, outlet="A")
    page = articles.list_rows(conn, [a.id], offset=0, limit=10)
    assert [r.id for r in page] == list(reversed(ids))[:10]
    assert articles.set_read(conn, ids[:5]) == 5
    assert articles.count_articles(conn, [a.id], unread_only=True) == 25
    assert articles.set_feed_read(conn, [a.id]) == 25
    assert feeds.unread_counts(conn) == {}


def test_full_text_search_finds_words_and_prefixes(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    with database.transaction(conn):
        articles.store_entries(
            conn,
            a.id,
            [
                _entry("g1", title="Harbour bridge reopens", text="Engineers finished repairs."),
                _entry("g2", title="Election night", text="Votes counted in the harbour town."),
                _entry("g3", title="Weather", text="Rain all week."),
            ],
            outlet="A",
        )
    assert {r.title for r in articles.search(conn, "harbour")} == {
        "Harbour bridge reopens",
        "Election night",
    }
    assert [r.title for r in articles.search(conn, "engin")] == ["Harbour bridge reopens"]
    assert articles.search(conn, 'bad "syntax AND (') == []


def test_deleting_a_feed_keeps_articles_another_feed_lists(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    with database.transaction(conn):
        articles.store_entries(
            conn, a.id, [_entry("https://wire.example/shared"), _entry("only-a")], outlet="A"
        )
        articles.store_entries(conn, b.id, [_entry("https://wire.example/shared")], outlet="B")
    feeds.delete_feed(conn, a.id)
    assert articles.count_articles(conn) == 1
    assert articles.count_articles(conn, [b.id]) == 1


def test_entry_images_are_recorded_for_download(conn) -> None:
    from desktop_reader.core.storage import media

    a = feeds.add_feed(conn, "http://a/feed")
    entry = NewEntry(
        ParsedEntry(
            guid="g",
            link=None,
            title="T",
            images=(ImageRef("http://x/a.jpg", caption="A cat", credit="Photo: Ann", role="lead"),),
        ),
        "",
        "",
    )
    with database.transaction(conn):
        (aid,) = articles.store_entries(conn, a.id, [entry], outlet="A")
    assert media.pending_images(conn) == [(aid, 0, "http://x/a.jpg")]
    (image,) = media.article_images(conn, aid)
    assert (image.caption, image.credit, image.role) == ("A cat", "Photo: Ann", "lead")


def _recount(conn) -> dict[int, int]:
    rows = conn.execute(
        "SELECT fa.feed_id, COUNT(*) FROM feed_articles fa JOIN article_state s "
        "ON s.article_id = fa.article_id WHERE s.read = 0 GROUP BY fa.feed_id"
    )
    return dict(rows.fetchall())


def test_cached_unread_counts_follow_reads_shared_articles_and_unsubscribes(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    with database.transaction(conn):
        ids = articles.store_entries(
            conn, a.id, [_entry(f"{WIRE}g{i}") for i in range(5)], outlet="A"
        )
        articles.store_entries(
            conn, b.id, [_entry(f"{WIRE}g0"), _entry(f"{WIRE}g1"), _entry("b-own")], outlet="B"
        )
    assert feeds.unread_counts(conn) == _recount(conn) == {a.id: 5, b.id: 3}
    articles.set_read(conn, ids[:2])  # both shared ones: counted down in both feeds
    assert feeds.unread_counts(conn) == _recount(conn) == {a.id: 3, b.id: 1}
    articles.set_read(conn, [ids[0]], False)
    articles.set_feed_read(conn, [b.id])
    assert feeds.unread_counts(conn) == _recount(conn) == {a.id: 3}
    articles.set_read(conn, ids, False)
    feeds.delete_feed(conn, a.id)
    assert feeds.unread_counts(conn) == _recount(conn) == {b.id: 2}  # b-own stays read


def test_all_articles_list_is_newest_first_with_shared_articles_once(conn) -> None:
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    dated = [_entry(f"{WIRE}g{i}", date=datetime(2026, 1, 1 + i, tzinfo=UTC)) for i in range(6)]
    with database.transaction(conn):
        ids = articles.store_entries(conn, a.id, dated, outlet="A")
        articles.store_entries(conn, b.id, dated[:3], outlet="B")
    articles.set_read(conn, ids[:2])
    assert [r.id for r in articles.list_rows(conn, None, limit=4)] == ids[::-1][:4]
    assert [r.id for r in articles.list_rows(conn, None, offset=4)] == ids[1::-1]
    assert articles.count_articles(conn) == 6
    assert articles.count_articles(conn, unread_only=True) == 4
    assert [r.id for r in articles.list_rows(conn, None, unread_only=True)] == ids[:1:-1]


def test_a_permalink_shared_by_different_titles_is_not_one_article(conn) -> None:
    """A home page given as every entry's GUID must not show one feed's title in another."""
    a = feeds.add_feed(conn, "http://a/feed")
    b = feeds.add_feed(conn, "http://b/feed")
    with database.transaction(conn):
        articles.store_entries(
            conn, a.id, [_entry("https://site.example/", title="One")], outlet="A"
        )
        assert (
            len(
                articles.store_entries(
                    conn, b.id, [_entry("https://site.example/", title="Two")], outlet="B"
                )
            )
            == 1
        )
    assert [r.title for r in articles.list_rows(conn, [b.id])] == ["Two"]

"""The articles tables: content, feed membership, read/starred state, full-text search."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop_reader.core.models import Article, PageState, ParsedEntry
from desktop_reader.core.storage import database

SEARCH_CANDIDATES = 2000  # matches ranked per search, newest first (see search())


def _ts(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if value is not None else None


_ARTICLE_COLUMNS = """a.id, a.feed_id, a.guid, a.url, a.title, a.author, a.published,
    a.first_seen, a.date_is_guess, a.summary_html, a.content_html, a.text, a.page_state,
    a.page_error, a.language, a.outlet, COALESCE(s.read, 0) AS read,
    COALESCE(s.starred, 0) AS starred"""


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        feed_id=row["feed_id"],
        guid=row["guid"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        published=_ts(row["published"]),
        first_seen=_ts(row["first_seen"]),
        date_is_guess=bool(row["date_is_guess"]),
        summary_html=row["summary_html"],
        content_html=row["content_html"],
        text=row["text"],
        page_state=PageState(row["page_state"]),
        page_error=row["page_error"],
        language=row["language"],
        outlet=row["outlet"],
        read=bool(row["read"]),
        starred=bool(row["starred"]),
    )


@dataclass(frozen=True)
class NewEntry:
    """A parsed entry made ready for storage by the pipeline (content sanitised)."""

    entry: ParsedEntry
    content_html: str  # sanitised feed content (or summary), remote images removed
    text: str  # plain text of content_html
    page_state: PageState = PageState.PENDING
    read: bool = False  # set by filter rules (mark read / star) before storing
    starred: bool = False


def is_permalink(guid: str) -> bool:
    """A GUID that is a web address names the article anywhere; any other only in its feed."""
    return guid.startswith(("http://", "https://")) and " " not in guid


def _same_title(a: str, b: str) -> bool:
    return not a or not b or " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _same_article(conn: sqlite3.Connection, feed_id: int, entry: ParsedEntry) -> sqlite3.Row | None:
    """An article another feed stored that this entry is a copy of (wire copies).

    Found by a permalink GUID or by the entry's link, never by a bare id, and only with
    the same title (or none): an address shared by unrelated entries (a site's home
    page given as every entry's link or GUID) must not merge them. Articles this feed
    already lists are left out: a new GUID in the same feed is a new entry, even when
    its link is one the feed used before (live blogs, a CMS that reuses links).
    """
    queries = []
    if is_permalink(entry.guid):
        queries.append(("SELECT id, published, title FROM articles WHERE guid = ?", entry.guid))
    for url in dict.fromkeys(u for u in (entry.link, entry.guid) if u and is_permalink(u)):
        queries.append(("SELECT id, published, title FROM articles WHERE url = ?", url))
    for sql, value in queries:
        row: sqlite3.Row
        for row in conn.execute(sql, (value,)):
            if not _same_title(row["title"], entry.title):
                continue
            listed = conn.execute(
                "SELECT 1 FROM feed_articles WHERE feed_id = ? AND article_id = ?",
                (feed_id, row["id"]),
            ).fetchone()
            if listed is None:
                return row
    return None


def _storage_key(conn: sqlite3.Connection, feed_id: int, guid: str) -> str:
    """`articles.guid` for a new article: the GUID, unless another feed's article has it."""
    key, counter = guid, 1
    while conn.execute("SELECT 1 FROM articles WHERE guid = ?", (key,)).fetchone():
        key = f"{guid} [feed {feed_id}]" if counter == 1 else f"{guid} [feed {feed_id}/{counter}]"
        counter += 1
    return key


def store_entries(
    conn: sqlite3.Connection,
    feed_id: int,
    entries: Sequence[NewEntry],
    *,
    outlet: str,
    now: float | None = None,
) -> list[int]:
    """Store a feed's entries in the caller's transaction; returns the ids of new articles.

    An entry this feed gave before (same GUID in this feed) is not stored again. One
    another feed stored already (same permalink GUID or link) is only listed in this
    feed too. Entries with no date get the first-seen time, marked as a guess.
    """
    now = time.time() if now is None else now
    new_ids: list[int] = []
    # One query for what this feed gave before, not one per entry; rows that only
    # follow from a new article (its entry, state and images) go in batches at the end.
    known = _known_entries(conn, feed_id) if entries else {}
    entry_rows: list[tuple[int, str, int]] = []
    state_rows: list[tuple[int, int, int]] = []
    image_rows: list[tuple[int, int, str, str, str, str, str]] = []
    for offset, item in enumerate(entries):
        entry = item.entry
        existing = known.get(entry.guid) or _same_article(conn, feed_id, entry)
        if existing is not None:
            conn.execute(
                "INSERT OR IGNORE INTO feed_articles VALUES (?,?,?)",
                (feed_id, existing[0], existing[1]),
            )
            conn.execute(
                "INSERT OR IGNORE INTO feed_entries VALUES (?,?,?)",
                (feed_id, entry.guid, existing[0]),
            )
            continue
        date = entry.published or entry.updated
        # Undated entries keep feed order: each is a microsecond older than the previous.
        published = date.timestamp() if date else now - offset * 1e-3
        cur = conn.execute(
            """INSERT INTO articles(feed_id, guid, url, title, author, published, first_seen,
                   date_is_guess, summary_html, content_html, text, page_state, outlet)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                feed_id,
                _storage_key(conn, feed_id, entry.guid),
                entry.link,
                entry.title,
                entry.author,
                published,
                now,
                int(date is None),
                entry.summary_html,
                item.content_html,
                item.text,
                item.page_state.value,
                outlet,
            ),
        )
        article_id = int(cur.lastrowid or 0)
        # Listed at once: a later entry of this batch with the same link must see that
        # this feed lists it (see _same_article).
        conn.execute("INSERT INTO feed_articles VALUES (?,?,?)", (feed_id, article_id, published))
        known[entry.guid] = (article_id, published)
        entry_rows.append((feed_id, entry.guid, article_id))
        state_rows.append((article_id, int(item.read), int(item.starred)))
        image_rows.extend(
            (article_id, position, image.url, image.caption, image.credit, image.alt, image.role)
            for position, image in enumerate(entry.images)
        )
        new_ids.append(article_id)
    conn.executemany("INSERT INTO feed_entries VALUES (?,?,?)", entry_rows)
    conn.executemany(
        "INSERT INTO article_state(article_id, read, starred) VALUES (?,?,?)", state_rows
    )
    conn.executemany(
        """INSERT OR IGNORE INTO article_images(article_id, position, source_url,
               caption, credit, alt, role) VALUES (?,?,?,?,?,?,?)""",
        image_rows,
    )
    return new_ids


def _known_entries(conn: sqlite3.Connection, feed_id: int) -> dict[str, tuple[int, float]]:
    """GUID -> (article id, published) of every entry this feed gave before."""
    return {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            "SELECT fe.guid, fe.article_id, a.published FROM feed_entries fe JOIN articles a "
            "ON a.id = fe.article_id WHERE fe.feed_id = ?",
            (feed_id,),
        )
    }


def get_article(conn: sqlite3.Connection, article_id: int) -> Article | None:
    row = conn.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles a "
        "LEFT JOIN article_state s ON s.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return _article(row) if row else None


def get_articles(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Article]:
    """Articles in the order of `ids` (missing ones skipped)."""
    if not ids:
        return []
    found: dict[int, Article] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a "
            "LEFT JOIN article_state s ON s.article_id = a.id "
            f"WHERE a.id IN ({','.join('?' * len(chunk))})",
            list(chunk),
        )
        found.update((r["id"], _article(r)) for r in rows)
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class ArticleRow:
    """What a list row shows; cheap to load in pages."""

    id: int
    title: str
    outlet: str
    published: datetime
    read: bool
    starred: bool


def _scope(feed_ids: Sequence[int] | None, unread_only: bool) -> tuple[str, list[object]]:
    where: list[str] = []
    args: list[object] = []
    if feed_ids is not None:
        where.append(f"fa.feed_id IN ({','.join('?' * len(feed_ids))})" if feed_ids else "0")
        args.extend(feed_ids)
    if unread_only:
        where.append("s.read = 0")
    return (" WHERE " + " AND ".join(where)) if where else "", args


def count_articles(
    conn: sqlite3.Connection, feed_ids: Sequence[int] | None = None, *, unread_only: bool = False
) -> int:
    if feed_ids is None:  # every article is listed by a feed: count rows, no join
        sql = (
            "SELECT COUNT(*) FROM article_state WHERE read = 0"
            if unread_only
            else "SELECT COUNT(*) FROM articles"
        )
        return int(conn.execute(sql).fetchone()[0])
    where, args = _scope(feed_ids, unread_only)
    sql = (
        "SELECT COUNT(DISTINCT fa.article_id) FROM feed_articles fa "
        "JOIN article_state s ON s.article_id = fa.article_id" + where
    )
    return int(conn.execute(sql, args).fetchone()[0])


def list_rows(
    conn: sqlite3.Connection,
    feed_ids: Sequence[int] | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    unread_only: bool = False,
) -> list[ArticleRow]:
    """One page of a list, newest first; `feed_ids=None` means every feed."""
    if feed_ids is None:
        # Every article once, read straight off the published index: joining
        # feed_articles with DISTINCT sorts the whole library (4 s at 100,000) per page.
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, s.read, s.starred FROM articles a "
            "JOIN article_state s ON s.article_id = a.id"
            + (" WHERE s.read = 0" if unread_only else "")
            + " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
        )
        return [
            ArticleRow(r[0], r[1], r[2], datetime.fromtimestamp(r[3], UTC), bool(r[4]), bool(r[5]))
            for r in conn.execute(sql, (limit, offset))
        ]
    where, args = _scope(feed_ids, unread_only)
    distinct = "DISTINCT " if feed_ids is None or len(feed_ids) != 1 else ""
    sql = (
        f"SELECT {distinct}a.id, a.title, a.outlet, a.published, s.read, s.starred "
        "FROM feed_articles fa JOIN articles a ON a.id = fa.article_id "
        "JOIN article_state s ON s.article_id = a.id"
        + where
        + " ORDER BY fa.published DESC, a.id DESC LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*args, limit, offset])
    return [
        ArticleRow(r[0], r[1], r[2], datetime.fromtimestamp(r[3], UTC), bool(r[4]), bool(r[5]))
        for r in rows
    ]


def set_read(conn: sqlite3.Connection, ids: Iterable[int], read: bool = True) -> int:
    """Mark articles read/unread in one transaction; returns how many changed."""
    now = time.time()
    changed = 0
    with database.writing():
        conn.execute("BEGIN IMMEDIATE")
        try:
            id_list = list(ids)
            for start in range(0, len(id_list), 500):
                chunk = id_list[start : start + 500]
                cur = conn.execute(
                    f"UPDATE article_state SET read = ?, changed = ? WHERE read != ? AND "
                    f"article_id IN ({','.join('?' * len(chunk))})",
                    [int(read), now, int(read), *chunk],
                )
                changed += cur.rowcount
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return changed


def set_feed_read(conn: sqlite3.Connection, feed_ids: Sequence[int] | None) -> int:
    """Mark every article of these feeds (None: of all feeds) read."""
    where, args = _scope(feed_ids, True)
    cur = conn.execute(
        "UPDATE article_state SET read = 1, changed = ? WHERE article_id IN ("
        "SELECT fa.article_id FROM feed_articles fa JOIN article_state s "
        "ON s.article_id = fa.article_id" + where + ")",
        [time.time(), *args],
    )
    return cur.rowcount


def set_starred(conn: sqlite3.Connection, article_id: int, starred: bool = True) -> None:
    conn.execute(
        "UPDATE article_state SET starred = ?, changed = ? WHERE article_id = ?",
        (int(starred), time.time(), article_id),
    )


def pending_pages(
    conn: sqlite3.Connection, limit: int = 100, *, now: float | None = None
) -> list[tuple[int, str]]:
    """(id, url) of pages to fetch: never-tried ones newest first, then retries now due.

    Both halves are index walks (migration 006), whatever the library's size.
    """
    now = time.time() if now is None else now
    found = [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT id, url FROM articles WHERE page_state = 'pending' ORDER BY published DESC "
            "LIMIT ?",
            (limit,),
        )
    ]
    if len(found) < limit:
        found.extend(
            (r[0], r[1])
            for r in conn.execute(
                "SELECT id, url FROM articles WHERE page_state = 'retrying' "
                "AND page_retry_after <= ? ORDER BY page_retry_after LIMIT ?",
                (now, limit - len(found)),
            )
        )
    return found


def page_validators(conn: sqlite3.Connection, article_id: int) -> tuple[str | None, str | None]:
    row = conn.execute(
        "SELECT page_etag, page_last_modified FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_page(
    conn: sqlite3.Connection,
    article_id: int,
    *,
    content_html: str,
    text: str,
    language: str | None = None,
    author: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """Store the extracted full article, replacing the feed's shorter content."""
    conn.execute(
        """UPDATE articles SET content_html = ?, text = ?, language = COALESCE(?, language),
               author = CASE WHEN author = '' THEN COALESCE(?, '') ELSE author END,
               page_state = 'done', page_error = '', page_etag = ?, page_last_modified = ?,
               page_attempts = page_attempts + 1, page_retry_after = NULL
           WHERE id = ?""",
        (content_html, text, language, author, etag, last_modified, article_id),
    )


def page_failed(
    conn: sqlite3.Connection, article_id: int, error: str, state: PageState = PageState.FAILED
) -> None:
    """Record a failed try that will not be repeated; the feed's content stays."""
    conn.execute(
        "UPDATE articles SET page_state = ?, page_error = ?, "
        "page_attempts = page_attempts + 1, page_retry_after = NULL WHERE id = ?",
        (state.value, error, article_id),
    )


def page_retry(conn: sqlite3.Connection, article_id: int, error: str, *, due: float) -> None:
    """Record a failed try to repeat at `due` (epoch seconds); the feed's content stays."""
    conn.execute(
        "UPDATE articles SET page_state = 'retrying', page_error = ?, "
        "page_attempts = page_attempts + 1, page_retry_after = ? WHERE id = ?",
        (error, due, article_id),
    )


def page_attempts(conn: sqlite3.Connection, article_id: int) -> int:
    """How many times the article's page has been tried."""
    row = conn.execute("SELECT page_attempts FROM articles WHERE id = ?", (article_id,)).fetchone()
    return int(row[0]) if row else 0


def search(
    conn: sqlite3.Connection, query: str, *, feed_ids: Sequence[int] | None = None, limit: int = 200
) -> list[ArticleRow]:
    """Full-text search over titles and text, best match first.

    The user's words are quoted, so FTS5 syntax in them cannot cause errors;
    the last word matches as a prefix (results as you type). Ranking covers the
    SEARCH_CANDIDATES most recently stored matches: ranking every match of a common
    word in a 100,000-article library takes several times longer than a keystroke.
    """
    words = [w.replace('"', '""') for w in query.split() if w.strip()]
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    scope = ""
    args: list[object] = [match.strip()]
    if feed_ids is not None:
        scope = (
            f" AND rowid IN (SELECT article_id FROM feed_articles WHERE feed_id IN "
            f"({','.join('?' * len(feed_ids))}))"
        )
        args.extend(feed_ids)
    # FTS5 walks matches newest rowid first and stops at the cap; bm25 is only
    # computed for the rows it returns.
    rows = conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, s.read, s.starred FROM ("
        "  SELECT rowid AS id, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts"
        f"  WHERE articles_fts MATCH ?{scope} ORDER BY rowid DESC LIMIT ?) m "
        "JOIN articles a ON a.id = m.id JOIN article_state s ON s.article_id = a.id "
        "ORDER BY m.score LIMIT ?",
        [*args, SEARCH_CANDIDATES, limit],
    )
    return [
        ArticleRow(r[0], r[1], r[2], datetime.fromtimestamp(r[3], UTC), bool(r[4]), bool(r[5]))
        for r in rows
    ]

"""The SQL of the story index: document frequencies, the inverted index of centroid
terms, fingerprints of wire copies, and a story's rows as clustering writes them.

`core/stories` decides what goes in (scoring, centroids); a `StoryIndexStore` is the
only thing the clusterer holds, so it never runs SQL of its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from desktop_reader.core.storage.vector_codec import decode, encode

StoryRowValues = tuple[str, float | None, float | None, dict[str, float], int]
MemberRowValues = tuple[int, dict[str, float], float | None, str]


#: Page cache while clustering (KiB). A batch rewrites the index rows of a few hundred
#: stories, whose pages are spread over the whole inverted index; SQLite's default 2 MiB
#: cache rereads them from the file over and over on a library of 100,000 articles.
CLUSTERING_CACHE_KIB = 64 * 1024
#: And the write-ahead log may grow to this many pages before it is copied back: the
#: batches of one refresh rewrite mostly the same index pages, which are then copied
#: once, at the end, instead of once per batch.
CLUSTERING_WAL_PAGES = 16384


def _best_first(found: tuple[int, float]) -> tuple[float, int]:
    return -found[1], found[0]


def _pending_dots(
    pending: Mapping[int, tuple[dict[str, float], float]],
    terms: Sequence[tuple[str, float]],
    since: float | None,
    floor: float,
) -> list[tuple[int, float]]:
    """The candidate query's dots over index rows not written yet, each added up as
    SQLite's SUM adds that story's products (in the order of `terms`, the order the
    group-by sorter keeps), so a pending story ranks exactly as it will once written."""
    found = []
    for story_id, (weights, last) in pending.items():
        if since is not None and last < since:
            continue
        products = [weights[t] * w for t, w in terms if t in weights]
        if products:
            dot = _sqlite_sum(products)
            if dot >= floor:
                found.append((story_id, dot))
    return found


#: SQLite 3.43 made SUM of floating-point values compensated (Kahan-Babuska-Neumaier).
_COMPENSATED_SUM = sqlite3.sqlite_version_info >= (3, 43, 0)


def _sqlite_sum(values: Sequence[float]) -> float:
    """SUM(values) to the bit, as the SQLite this process runs computes it."""
    if not _COMPENSATED_SUM:
        total = 0.0
        for value in values:
            total += value
        return total
    total, error = 0.0, 0.0
    for value in values:
        step = total + value
        if abs(total) > abs(value):
            error += (total - step) + value
        else:
            error += (value - step) + total
        total = step
    return total + error


class StoryIndexStore:
    """One connection's view of the story index tables (writes join its transaction)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Index rows of the stories changed in this transaction, written by
        # `write_index` before it commits: a story placed into twice in one batch is
        # written once, and a batch's rows go in as one statement in term order.
        self._pending: dict[int, tuple[dict[str, float], float]] = {}

    @contextmanager
    def roomy_cache(self) -> Iterator[None]:
        """A larger page cache and write-ahead log for the connection while clustering;
        then the old sizes, and the log is copied back into the database."""
        (cache,) = self.conn.execute("PRAGMA cache_size").fetchone()
        (pages,) = self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()
        self.conn.execute(f"PRAGMA cache_size = {-CLUSTERING_CACHE_KIB}")
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {CLUSTERING_WAL_PAGES}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    # ------------------------------------------------------------------ frequencies

    def documents(self) -> int:
        row = self.conn.execute("SELECT value FROM story_meta WHERE key = 'documents'").fetchone()
        return int(row[0]) if row else 0

    def df(self, term: str) -> int:
        row = self.conn.execute("SELECT df FROM story_df WHERE term = ?", (term,)).fetchone()
        return int(row[0]) if row else 0

    def dfs(self, terms: Sequence[str]) -> list[tuple[str, int]]:
        """Stored frequencies of those of `terms` that have one (at most 500 at a time)."""
        rows = self.conn.execute(
            f"SELECT term, df FROM story_df WHERE term IN ({','.join('?' * len(terms))})",
            list(terms),
        )
        return [(t, int(d)) for t, d in rows]

    def write_frequencies(self, dfs: Iterable[tuple[str, int]], documents: int) -> None:
        self.conn.executemany(
            "INSERT INTO story_df(term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = excluded.df",
            list(dfs),
        )
        self.conn.execute(
            "INSERT INTO story_meta(key, value) VALUES ('documents', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (documents,),
        )

    # ------------------------------------------------------------------ the index

    def candidates(
        self, terms: Sequence[tuple[str, float]], since: float | None, floor: float, limit: int
    ) -> list[tuple[int, float]]:
        """Stories active since `since` whose index weights dotted with `terms` reach
        `floor`, best first: (story id, dot). Rows not written yet count as written."""
        values = ",".join("(?,?)" for _ in terms)
        args: list[object] = [x for pair in terms for x in pair]
        pending = self._pending
        # The stored rows of a pending story are stale: ask for enough more to drop them.
        rows = self.conn.execute(
            f"WITH q(term, w) AS (VALUES {values}) "
            "SELECT st.story_id, SUM(st.weight * q.w) AS dot FROM q "
            "JOIN story_terms st ON st.term = q.term AND st.last_published >= ? "
            "GROUP BY st.story_id HAVING dot >= ? ORDER BY dot DESC, st.story_id LIMIT ?",
            [*args, since if since is not None else -1e18, floor, limit + len(pending)],
        )
        found = [(int(r[0]), float(r[1])) for r in rows if r[0] not in pending]
        if not pending:
            return found[:limit]
        found.extend(_pending_dots(pending, terms, since, floor))
        found.sort(key=_best_first)
        return found[:limit]

    def index_story(self, story_id: int, terms: Iterable[tuple[str, float]], last: float) -> None:
        """Replace the story's rows in the inverted index (written by `write_index`;
        `candidates` reads them at once)."""
        self._pending[story_id] = (dict(terms), last)

    def write_index(self) -> None:
        """Write the index rows of the stories changed since the last call (before
        the transaction commits)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        ids = sorted(pending)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            self.conn.execute(
                f"DELETE FROM story_terms WHERE story_id IN ({','.join('?' * len(chunk))})", chunk
            )
        rows = [
            (term, story_id, weight, last)
            for story_id, (weights, last) in pending.items()
            for term, weight in weights.items()
        ]
        rows.sort()  # in index order: neighbouring rows share pages
        self.conn.executemany(
            "INSERT INTO story_terms(term, story_id, weight, last_published) VALUES (?,?,?,?)",
            rows,
        )

    def story_for_fingerprints(self, prints: Sequence[str]) -> int | None:
        """The story of the first of `prints` already stored (one query for all)."""
        if not prints:
            return None
        found = dict(
            self.conn.execute(
                "SELECT fingerprint, story_id FROM story_fingerprints "
                f"WHERE fingerprint IN ({','.join('?' * len(prints))})",
                list(prints),
            ).fetchall()
        )
        for fingerprint in prints:
            if fingerprint in found:
                return int(found[fingerprint])
        return None

    def add_fingerprints(self, story_id: int, prints: Iterable[str]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_fingerprints VALUES (?, ?)",
            [(p, story_id) for p in prints],
        )

    def library_end(self) -> float | None:
        row = self.conn.execute("SELECT MAX(last_published) FROM stories").fetchone()
        return row[0] if row and row[0] is not None else None

    def last_position(self) -> int:
        return int(
            self.conn.execute("SELECT COALESCE(MAX(position), 0) FROM story_articles").fetchone()[0]
        )

    # ------------------------------------------------------------------ stories

    def story(self, story_id: int, members: int) -> tuple[StoryRowValues, list[MemberRowValues]]:
        """(language, first, last, centroid, article_count) and the newest `members`
        members (article id, vector, published, entities_json), newest first."""
        row = self.conn.execute(
            "SELECT language, first_published, last_published, centroid, "
            "article_count FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        recent = self.conn.execute(
            "SELECT article_id, vector, published, entities_json FROM story_articles "
            "WHERE story_id = ? ORDER BY position DESC LIMIT ?",
            (story_id, members),
        ).fetchall()
        return (
            (row[0], row[1], row[2], decode(row[3]), int(row[4])),
            [(int(r[0]), decode(r[1]), r[2], r[3]) for r in recent],
        )

    def new_story(self, language: str, now: float) -> int:
        cur = self.conn.execute(
            "INSERT INTO stories(language, created, last_added) VALUES (?, ?, ?)",
            (language, now, now),
        )
        return int(cur.lastrowid or 0)

    def save_centroid(self, story_id: int, centroid: Mapping[str, float]) -> None:
        self.conn.execute(
            "UPDATE stories SET centroid = ? WHERE id = ?", (encode(centroid), story_id)
        )

    def add_member(
        self,
        article_id: int,
        story_id: int,
        published: float | None,
        outlet: str,
        score: float,
        reasons_json: str,
        vector: Mapping[str, float],
        entities_json: str,
        position: int,
        first: float | None,
        last: float | None,
        now: float,
    ) -> None:
        """Store a placed article and grow its story (dirty: its description is stale)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO story_articles(article_id, story_id, published, outlet, "
            "score, reasons_json, vector, entities_json, position) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (
                article_id,
                story_id,
                published,
                outlet,
                score,
                reasons_json,
                encode(vector),
                entities_json,
                position,
            ),
        )
        self.conn.execute(
            "UPDATE stories SET first_published = ?, last_published = ?, "
            "article_count = article_count + 1, last_added = ?, version = version + 1, "
            "dirty = 1 WHERE id = ?",
            (first, last, now, story_id),
        )

    def merge_stories(
        self, keep: int, gone: int, evidence_json: str, first: float | None, last: float | None
    ) -> None:
        """Move every member, fingerprint, star and alert of `gone` to `keep`, add up
        the counts, delete `gone`. Moved memberships record `evidence_json` as why."""
        conn = self.conn
        conn.execute(
            "UPDATE story_articles SET story_id = ?, "
            "reasons_json = json_set(reasons_json, '$.merged', json(?)) "
            "WHERE story_id = ?",
            (keep, evidence_json, gone),
        )
        conn.execute(
            "UPDATE OR IGNORE story_fingerprints SET story_id = ? WHERE story_id = ?", (keep, gone)
        )
        conn.execute(
            "INSERT OR IGNORE INTO story_stars(story_id, starred_at) "
            "SELECT ?, starred_at FROM story_stars WHERE story_id = ?",
            (keep, gone),
        )
        conn.execute(
            "INSERT OR IGNORE INTO story_alerts(story_id, outlet_count, alerted_at) "
            "SELECT ?, outlet_count, alerted_at FROM story_alerts WHERE story_id = ?",
            (keep, gone),
        )
        conn.execute(
            "UPDATE stories SET first_published = ?, last_published = ?, "
            "article_count = article_count + (SELECT article_count FROM stories WHERE id = ?), "
            "seen_count = seen_count + (SELECT seen_count FROM stories WHERE id = ?), "
            "version = version + 1, dirty = 1 WHERE id = ?",
            (first, last, gone, gone, keep),
        )
        conn.execute("DELETE FROM stories WHERE id = ?", (gone,))  # and its index rows
        self._pending.pop(gone, None)

    def split_story(
        self,
        story_id: int,
        new_story_id: int,
        article_ids: Sequence[int],
        evidence_json: str,
        now: float,
    ) -> None:
        """Move `article_ids` from `story_id` to `new_story_id` (a story just made), each
        moved membership recording `evidence_json` as why; both stories' dates and counts
        are recounted from their members and both need describing again."""
        conn = self.conn
        marks = ",".join("?" * len(article_ids))
        conn.execute(
            f"UPDATE story_articles SET story_id = ?, "
            f"reasons_json = json_set(reasons_json, '$.split', json(?)) "
            f"WHERE story_id = ? AND article_id IN ({marks})",
            (new_story_id, evidence_json, story_id, *article_ids),
        )
        for sid in (story_id, new_story_id):
            conn.execute(
                "UPDATE stories SET (first_published, last_published, article_count) = "
                "(SELECT MIN(published), MAX(published), COUNT(*) FROM story_articles "
                " WHERE story_id = ?1), "
                "last_added = ?2, version = version + 1, dirty = 1 WHERE id = ?1",
                (sid, now),
            )
        # Read state stays honest: the old story was seen up to its (smaller) size at most.
        conn.execute(
            "UPDATE stories SET seen_count = MIN(seen_count, article_count) WHERE id = ?",
            (story_id,),
        )

"""The SQL of grouping features computed ahead (table `article_features`, migration 012).

The pages stage asks what the grouping will read of each article it fetches, stores
the features a page worker computed from the page with the page, and the grouping
reads them and deletes them once the article is placed. What the blobs hold is
`core/stories/prepared.py`'s business.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class GroupingInputs:
    """What the grouping will be given of an article besides its text."""

    title: str
    published: float | None  # None when the feed gave no date (the date is a guess)
    feed_text_length: int  # the text a page must come near to replace (pages._MIN_SHARE)


def grouping_inputs(
    conn: sqlite3.Connection, article_ids: Sequence[int]
) -> dict[int, GroupingInputs]:
    """Title, date and text length of the articles among `article_ids` that are in no
    story yet (features of a grouped article would never be read)."""
    found: dict[int, GroupingInputs] = {}
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for row in conn.execute(
            "SELECT a.id, a.title, a.published, a.date_is_guess, length(a.text) "
            "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
            f"WHERE sa.article_id IS NULL AND a.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            published = None if row[3] else row[2]
            found[int(row[0])] = GroupingInputs(row[1] or "", published, int(row[4] or 0))
    return found


def save_features(
    conn: sqlite3.Connection, article_id: int, inputs: bytes, features: bytes
) -> None:
    """Keep an article's features until it is grouped: not when it is in a story already,
    nor when it was deleted meanwhile (retention, unsubscribe)."""
    conn.execute(
        "INSERT OR REPLACE INTO article_features (article_id, inputs, features) "
        "SELECT id, ?, ? FROM articles WHERE id = ? AND NOT EXISTS "
        "(SELECT 1 FROM story_articles WHERE article_id = ?)",
        (inputs, features, article_id, article_id),
    )


def stored_features(
    conn: sqlite3.Connection, article_ids: Sequence[int]
) -> dict[int, tuple[bytes, bytes]]:
    """(inputs digest, features) of those of `article_ids` that have them."""
    found: dict[int, tuple[bytes, bytes]] = {}
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for row in conn.execute(
            "SELECT article_id, inputs, features FROM article_features "
            f"WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            found[int(row[0])] = (bytes(row[1]), bytes(row[2]))
    return found


def forget_features(conn: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """Drop the features of articles that are grouped now."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        conn.execute(
            f"DELETE FROM article_features WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk,
        )

"""Per-feed refresh intervals decide which feeds an automatic refresh fetches."""

from __future__ import annotations

import time

from desktop_reader.core.models import FeedStatus
from desktop_reader.core.pipeline.schedule import due_feed_ids
from desktop_reader.core.storage import feeds, settings


def test_each_feed_on_its_own_interval(conn) -> None:  # type: ignore[no-untyped-def]
    fast = feeds.add_feed(conn, "https://fast.test/feed")
    normal = feeds.add_feed(conn, "https://normal.test/feed")
    manual = feeds.add_feed(conn, "https://manual.test/feed")
    settings.write(conn, settings.REFRESH_MINUTES, 5, feed_id=fast.id)
    settings.write(conn, settings.REFRESH_MINUTES, 0, feed_id=manual.id)
    assert due_feed_ids(conn) == [fast.id, normal.id]  # never checked: due at once

    for feed in (fast, normal, manual):
        feeds.record_fetch(conn, feed.id, status=FeedStatus.OK)
    now = time.time()
    assert due_feed_ids(conn, now + 60) == []
    assert due_feed_ids(conn, now + 6 * 60) == [fast.id]
    assert due_feed_ids(conn, now + 31 * 60) == [fast.id, normal.id]
    settings.write(conn, settings.REFRESH_MINUTES, 120)  # the global interval
    assert due_feed_ids(conn, now + 31 * 60) == [fast.id]

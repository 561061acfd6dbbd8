"""Storing images (and pages) gives way to the window: when the GUI thread waits to write
(mark read), the store commits after the result in hand instead of finishing its group
of up to 50, so the GUI's write waits for one image's rows, not for the group's."""

from __future__ import annotations

import threading
import time

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline import pages, refresh, subscribe
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from tests.feedfarm import Farm

#: Each stored image row costs this long (a trigger that counts, in the library itself):
#: a group of results takes seconds to store, one result a fraction of one.
SLOW_ROW = "SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT x FROM c)"  # noqa: E501


def test_a_gui_write_waits_for_one_stored_image_not_its_group(
    farm: Farm, library: Library, fetcher: Fetcher
) -> None:
    conn = library.connect()
    subscribe.subscribe(conn, farm.get_bytes("/urls.txt").decode().split()[0])
    refresh.refresh_feeds(library, fetcher)
    pages.download_pages(library, fetcher, per_host=None)
    pending = conn.execute("SELECT COUNT(*) FROM article_images WHERE sha256 IS NULL").fetchone()
    assert pending[0] >= 20
    conn.execute(f"CREATE TRIGGER slow_row AFTER UPDATE ON article_images BEGIN {SLOW_ROW}; END")
    started = time.perf_counter()
    conn.execute(f"{SLOW_ROW}")
    one_row = time.perf_counter() - started
    conn.close()

    reader = Reader(library)
    ids = [row.id for row in reader.article_rows(None, limit=3)]
    reader.mark_read([ids[0]], False)  # a first write pays for opening and preparing
    cancel = CancelToken()
    stored: list[int] = []
    thread = threading.Thread(
        target=pages.download_images,
        args=(library, fetcher),
        kwargs={"progress": lambda p: stored.append(p.done), "cancel": cancel},
    )
    thread.start()
    try:
        deadline = time.perf_counter() + 60
        while not stored and time.perf_counter() < deadline:
            time.sleep(0.005)  # a first group is stored: the next is being written
        time.sleep(3 * one_row)
        waits = []
        for article_id in ids:
            begun = time.perf_counter()
            reader.mark_read([article_id])
            waits.append(time.perf_counter() - begun)
            time.sleep(one_row)
        running = thread.is_alive()
    finally:
        cancel.cancel()
        thread.join()
        reader.close()
    assert stored and running  # the GUI wrote while images were being stored
    # A group of up to 50 rows takes 50 × one_row; the GUI waited for about one.
    assert max(waits) < 1.0 + 4 * one_row, (waits, one_row)

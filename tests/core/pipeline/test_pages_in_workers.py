"""Pages and images of a farm library, enough of them that extraction, image checks and
image files are done in worker processes: every stored image has its file, and a
thumbnail exactly when it is wider than the thumbnail width."""

from __future__ import annotations

import io

from PIL import Image

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline import pages, refresh, subscribe
from desktop_reader.core.pipeline.imaging import THUMB_WIDTH
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.workers import MIN_JOBS_FOR_PROCESSES
from tests.feedfarm import Farm


def test_images_checked_in_worker_processes_are_stored_with_files_and_thumbnails(
    farm: Farm, library: Library, fetcher: Fetcher
) -> None:
    conn = library.connect()
    for url in farm.get_bytes("/urls.txt").decode().split()[:3]:
        subscribe.subscribe(conn, url)
    refresh.refresh_feeds(library, fetcher)

    assert pages.download_pages(library, fetcher, per_host=None) >= MIN_JOBS_FOR_PROCESSES
    handled = pages.download_images(library, fetcher)
    assert handled >= MIN_JOBS_FOR_PROCESSES  # the worker processes ran

    stored = conn.execute(
        "SELECT m.sha256, m.mime, m.width, m.has_thumb FROM media m "
        "JOIN article_images i ON i.sha256 = m.sha256"
    ).fetchall()
    assert len(stored) >= MIN_JOBS_FOR_PROCESSES
    widths = set()
    for sha256, mime, width, has_thumb in stored:
        original = library.media.path_for(sha256, mime)
        assert original.is_file()
        with Image.open(original) as image:
            assert image.width == width
        thumb = library.media.thumb_path(sha256)
        assert bool(has_thumb) == (width > THUMB_WIDTH) == thumb.exists()
        if has_thumb:
            with Image.open(io.BytesIO(thumb.read_bytes())) as small:
                assert small.format == "JPEG" and small.width == THUMB_WIDTH
        widths.add(width > THUMB_WIDTH)
    assert True in widths  # some were wide enough for a thumbnail
    # Articles point at the local copies only.
    html = " ".join(r[0] for r in conn.execute("SELECT content_html FROM articles"))
    assert "media:" in html
    conn.close()

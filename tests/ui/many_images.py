"""A story of sixteen articles, each with its own picture: the pane's worst case for images.

One event (a bridge closure) reported by sixteen invented outlets, stored and grouped the
way a refresh does it; every article gets a lead picture, the first `downloaded` of them
real PNG files in the media cache, the rest never downloaded (placeholders).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop_reader.core.models import ImageRef
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import media
from tests.ui.conftest import png_bytes
from tests.ui.story_fixtures import store_story

LEADS = [
    "The Harrow Street bridge in Calder will close for eight weeks of repairs from Monday, "
    "the city council said.",
    "Calder city council will close the Harrow Street bridge for eight weeks of repairs "
    "starting Monday.",
    "The Harrow Street bridge in Calder closes on Monday for eight weeks of repairs, the "
    "council announced.",
    "Repairs will close Calder's Harrow Street bridge for eight weeks from Monday, the city "
    "council said.",
]
DETAILS = [
    "Engineers found corroded steel cables under the deck during an inspection in March.",
    "Buses on routes 4 and 11 will be diverted over the Mill Lane crossing until June.",
    "Cyclists and pedestrians can use a temporary walkway on the east side of the bridge.",
    "The repairs will cost 2.4 million pounds, paid from the council's roads budget.",
]


def store_many_images_story(library: Library, *, downloaded: int = 10) -> int:
    """Store the story; returns its id. Article n's picture is captioned "Picture n"."""
    items = [
        (
            f"Outlet {n + 1:02d}",
            f"Harrow Street bridge to close for repairs ({n + 1})",
            f"{LEADS[n % 4]}\n\n{DETAILS[n // 4]}",
        )
        for n in range(16)
    ]
    story_id = store_story(library, items)
    reader = Reader(library)
    try:
        detail = reader.story(story_id)
        assert detail is not None
        members = [m.article_id for m in detail.members]
    finally:
        reader.close()
    conn = library.connect()
    try:
        for n, article_id in enumerate(members):
            ref = ImageRef(
                url=f"https://img.test/bridge-{n}.png",
                caption=f"Picture {n + 1}: the Harrow Street bridge seen from the river.",
                credit=f"Photo: Photographer {n + 1}",
                role="lead",
            )
            media.set_article_images(conn, article_id, [ref])
            if n < downloaded:
                hue = QColor.fromHsv(n * 22, 150, 200).name()  # one file each (not deduplicated)
                data = png_bytes(480, 300, hue)
                sha, _path = library.media.write(data, "image/png")
                media.record_media(
                    conn,
                    sha,
                    mime="image/png",
                    size=len(data),
                    width=480,
                    height=300,
                    has_thumb=False,
                )
                media.image_downloaded(conn, article_id, 0, sha)
        conn.commit()
    finally:
        conn.close()
    return story_id

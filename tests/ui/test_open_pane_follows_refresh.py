"""The story and article open on screen follow a refresh: a story that grew shows its new
count (and title) where the reader is, without taking the focus; a story the refresh
merged into another gives way to that one; pictures replace their placeholders as soon
as they are downloaded."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

from PySide6.QtWidgets import QApplication

from desktop_reader.core.models import ImageRef
from desktop_reader.core.storage import media
from desktop_reader.ui.main_window import MainWindow
from desktop_reader.ui.models.story_list import STORY_ID_ROLE
from tests.core.stories.test_story_time import HEAT_A, HEAT_B, HEAT_BOTH
from tests.httpserver import Response
from tests.ui.conftest import add_feed_with_articles, png_bytes
from tests.ui.story_fixtures import store_story

TEXT = (
    "Flood barriers rose in Grenhill on Monday as the river Tarr reached its highest "
    "level since 1998, officials said. Water reached the market square by noon and the "
    "council opened the school hall for families from the lower town."
)
FIRST_TWO = [
    ("Grenhill Gazette", "River Tarr floods Grenhill market square", TEXT),
    (
        "Tarr Valley News",
        "Grenhill flood barriers hold as river Tarr peaks",
        "Flood barriers held in Grenhill on Monday as the river Tarr peaked at its highest "
        "level since 1998, officials said. Water reached the market square by noon.",
    ),
]
THIRD = (
    "Flood barriers in Grenhill held on Monday while the river Tarr reached its highest "
    "level since 1998, officials said; water reached the market square by noon and "
    "families from the lower town slept in the school hall."
)
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Wire</title>
<link>{base}/valley</link><item><title>Grenhill floods as river Tarr peaks at market square</title>
<link>{base}/valley/1</link><guid>valley-1</guid><pubDate>{date}</pubDate>
<description>{text}</description></item></channel></rss>"""
PAGE = (
    "<html><head><title>Grenhill floods</title></head><body><article>"
    "<h1>Grenhill floods as river Tarr peaks at market square</h1>"
    + "".join(f"<p>{THIRD}</p>" for _ in range(3))
    + "</article></body></html>"
)


def _open_story(qtbot, window: MainWindow, story_id: int) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    stories = window.stories
    row = next(
        r
        for r in range(stories.model.rowCount())
        if stories.model.index(r).data(STORY_ID_ROLE) == story_id
    )
    stories.list.setFocus()
    stories.list.select_row(row)
    assert stories.pane.story_id == story_id


def test_the_open_story_shows_its_new_articles_after_a_refresh(
    qtbot, make_window, library, http_server
) -> None:  # type: ignore[no-untyped-def]
    story_id = store_story(library, FIRST_TWO)
    feed_url = http_server.route(
        "/valley.rss",
        Response(
            200,
            RSS.format(
                base=http_server.base, text=THIRD, date=format_datetime(datetime.now(UTC))
            ).encode(),
            {"Content-Type": "application/rss+xml"},
        ),
    )
    http_server.route(
        "/valley/1", Response(200, PAGE.encode(), {"Content-Type": "text/html; charset=utf-8"})
    )
    feed_id, _ = add_feed_with_articles(library, "Valley Wire", 0, url=feed_url)
    window = make_window()
    window.resize(1000, 520)  # short enough for the story to scroll
    window.show()
    _open_story(qtbot, window, story_id)
    pane = window.stories.pane
    assert pane.detail.row.article_count == 2
    assert "(2 articles)" in pane.story_view.meta_label.text()
    bar = pane.story_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 60)
    bar.setValue(60)

    with qtbot.waitSignal(window.refresher.sig_completed, timeout=30_000):
        assert window.refresher.refresh([feed_id])
    fresh = window.reader.story(story_id)
    assert fresh is not None and fresh.row.article_count == 3  # the refresh grew it
    assert pane.detail.row.article_count == 3
    assert pane.detail.row.headline == fresh.row.headline
    assert "(3 articles)" in pane.story_view.meta_label.text()
    assert bar.value() == 60  # the reader's place
    assert QApplication.focusWidget() is window.stories.list  # the focus stays
    row = window.stories.model.row_of(story_id)
    assert window.stories.model.story_row(row).article_count == 3


def test_pictures_replace_placeholders_when_their_download_lands(
    qtbot, make_window, library, http_server
) -> None:  # type: ignore[no-untyped-def]
    image_url = http_server.route(
        "/img/lead.png", Response(200, png_bytes(), {"Content-Type": "image/png"})
    )
    story_id = store_story(
        library,
        FIRST_TWO,
        images=[
            ImageRef(url=image_url, caption="The flooded square", credit="Photo: Test", role="lead")
        ],
    )
    window = make_window()
    window.show()
    _open_story(qtbot, window, story_id)
    pane = window.stories.pane
    qtbot.wait(50)  # the strip fills in from the cache right after the layout
    cards = pane.story_view.images.cards
    assert cards and cards[0].thumbnail.pixmap is None  # not downloaded: a placeholder
    # The reader opens the article the picture belongs to (citation 1, the first source).
    pane.story_view.open_citation_number(1)
    cited = pane.cited.article.id
    assert not any(image.sha256 for image in pane.cited.view.images)

    with qtbot.waitSignal(window.refresher.sig_completed, timeout=30_000):
        assert window.refresher.refresh([])  # no feeds: pages and images only
    assert http_server.hits("/img/lead.png")
    cards = pane.story_view.images.cards
    assert cards and cards[0].thumbnail.pixmap is not None  # the picture, no reselecting
    assert pane.currentWidget() is pane.cited and pane.cited.article.id == cited
    images = pane.cited.view.images
    assert images and images[0].sha256  # the open article shows it too
    assert "<img" in pane.cited.view.toHtml()


def test_the_open_article_gets_its_picture_when_the_download_lands(
    qtbot, make_window, library, http_server
) -> None:  # type: ignore[no-untyped-def]
    image_url = http_server.route(
        "/img/pier.png", Response(200, png_bytes(color="#884422"), {"Content-Type": "image/png"})
    )
    _feed_id, ids = add_feed_with_articles(library, "Harbour Log", 3)
    conn = library.connect()
    try:
        media.set_article_images(
            conn,
            ids[0],
            [ImageRef(url=image_url, caption="The pier", credit="Photo: Test", role="lead")],
        )
    finally:
        conn.close()
    window = make_window()
    window.show()
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    window.article_list.select_row(window.article_model.row_of(ids[0]))
    view = window.article_view
    assert view.article.id == ids[0] and "<img" not in view.toHtml()
    with qtbot.waitSignal(window.refresher.sig_completed, timeout=30_000):
        assert window.refresher.refresh([])
    assert view.article.id == ids[0]
    assert view.images and view.images[0].sha256
    assert "<img" in view.toHtml()


BOTH_RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Globe Desk</title>
<link>{base}/globe</link><item>
<title>Record heat in Calder: wards full, wildfires force evacuations</title>
<link>{base}/globe/1</link><guid>globe-1</guid><pubDate>{date}</pubDate>
<description>{text}</description></item></channel></rss>"""


def test_an_open_story_merged_away_by_a_refresh_gives_way_to_the_one_it_joined(
    qtbot, make_window, library, http_server
) -> None:  # type: ignore[no-untyped-def]
    """Hospitals and wildfires of one heatwave start as two stories; a refresh brings a
    report of both, which merges them. The pane showed one of the two: it now shows the
    merged story (never the gone one, stale), the list selects it, the status bar says so."""
    wards = store_story(
        library,
        [
            ("Valley Times", "Calder hospitals fill with heatstroke patients", HEAT_A),
            ("Calder Courier", "Calder hospitals fill with heatstroke patients", HEAT_A),
            ("Northern Wire", "Wildfires force evacuations north of Calder", HEAT_B),
        ],
    )
    feed_url = http_server.route(
        "/globe.rss",
        Response(
            200,
            BOTH_RSS.format(
                base=http_server.base, text=HEAT_BOTH, date=format_datetime(datetime.now(UTC))
            ).encode(),
            {"Content-Type": "application/rss+xml"},
        ),
    )
    http_server.route(
        "/globe/1",
        Response(
            200,
            (
                "<html><head><title>Record heat</title></head><body><article><h1>Record heat in "
                "Calder</h1>" + f"<p>{HEAT_BOTH}</p>" + "</article></body></html>"
            ).encode(),
            {"Content-Type": "text/html; charset=utf-8"},
        ),
    )
    feed_id, _ = add_feed_with_articles(library, "Globe Desk", 0, url=feed_url)
    window = make_window()
    window.show()
    window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
    assert window.stories.model.row_of(wards) >= 0
    members = set(window.reader.story_member_ids(wards))
    (third,) = {a.id for a in window.reader.article_rows(None)} - members
    fires = window.reader.story_holding([third])
    assert fires is not None and fires != wards  # two stories at first
    opened = wards  # the report of both joins the fires story, and the wards story with it
    _open_story(qtbot, window, opened)
    pane = window.stories.pane
    old_headline = pane.detail.row.headline
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)

    with qtbot.waitSignal(window.refresher.sig_completed, timeout=30_000):
        assert window.refresher.refresh([feed_id])

    assert window.reader.story(opened) is None  # the refresh merged it away
    (merged,) = {wards, fires} - {opened}
    fresh = window.reader.story(merged)
    assert fresh is not None and fresh.row.article_count == 4
    assert pane.story_id == merged  # followed, not the gone story left on screen
    assert pane.detail.row.article_count == 4
    assert "(4 articles)" in pane.story_view.meta_label.text()
    assert old_headline in [m.title for m in pane.detail.members]
    assert window.stories.list.current_id() == merged
    assert f"merged into “{fresh.row.headline}”" in " ".join(said)
    assert QApplication.focusWidget() is window.stories.list  # the focus stays
    # Back from a citation returns to the story shown now.
    pane.story_view.open_citation_number(1)
    assert pane.currentWidget() is pane.cited
    assert pane.back()
    assert pane.currentWidget() is pane.story_view and pane.story_id == merged

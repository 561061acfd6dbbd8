"""The article view shows a stored article offline and never loads anything remote."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFontInfo, QImage, QTextDocument

from desktop_reader.core.storage import articles, media
from desktop_reader.ui.widgets.article_view import MIN_MARGIN, ArticleView
from tests.ui.conftest import add_feed_with_articles, attach_image

IMAGE = QTextDocument.ResourceType.ImageResource


def _view(qtbot, library):  # type: ignore[no-untyped-def]
    view = ArticleView(library.media)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def test_article_shows_text_lead_image_caption_credit_and_link(qtbot, library):
    _feed, ids = add_feed_with_articles(
        library, "Harbour Times", 1, body="<p>The ferry left at dawn.</p>"
    )
    sha = attach_image(
        library, ids[0], caption="The quay at first light", credit="Photo: Ines Lens"
    )
    conn = library.connect()
    view = _view(qtbot, library)
    view.show_article(articles.get_article(conn, ids[0]), media.article_images(conn, ids[0]))
    text = view.toPlainText()
    for expected in (
        "Harbour Times story 0",
        "Harbour Times",
        "By Ada Reporter",
        "The ferry left at dawn.",
        "The quay at first light",
        "Photo: Ines Lens",
        "Open original",
    ):
        assert expected in text
    assert f"media:{sha}" in view.toHtml()
    lead = view.loadResource(IMAGE, QUrl(f"media:{sha}"))
    assert isinstance(lead, QImage) and not lead.isNull()
    assert lead.width() == 320  # natural size: smaller than the measure, never stretched
    conn.close()


def test_inline_figure_keeps_its_caption_under_the_image(qtbot, library):
    _feed, ids = add_feed_with_articles(library, "Harbour Times", 1)
    sha = attach_image(
        library, ids[0], caption="Nets drying", credit="Photo: J. Bay", role="inline"
    )
    conn = library.connect()
    conn.execute(
        "UPDATE articles SET content_html = ? WHERE id = ?",
        (
            f'<p>Before.</p><figure><img src="media:{sha}" width="2000"></figure><p>After.</p>',
            ids[0],
        ),
    )
    view = _view(qtbot, library)
    view.show_article(articles.get_article(conn, ids[0]), media.article_images(conn, ids[0]))
    text = view.toPlainText()
    assert text.index("Before.") < text.index("Nets drying") < text.index("After.")
    assert 'width="2000"' not in view.toHtml()
    conn.close()


def test_load_resource_refuses_everything_but_the_local_cache(qtbot, library):
    view = _view(qtbot, library)
    for url in (
        "http://127.0.0.1:9/x.png",
        "https://tracker.test/p.gif",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        "media:../../secret",
        "pixel.gif",
        "media:" + "0" * 64,
    ):
        assert view.loadResource(IMAGE, QUrl(url)) is None, url


def test_remote_images_are_never_requested(qtbot, library, http_server):
    tracker = http_server.url("/pixel.gif")
    style = http_server.url("/style.css")
    _feed, ids = add_feed_with_articles(
        library,
        "Tracker Daily",
        1,
        body=f'<p>Hello<img src="{tracker}" width="1" height="1"></p>'
        f'<table background="{tracker}"><tr><td>cell</td></tr></table>',
    )
    conn = library.connect()
    view = _view(qtbot, library)
    view.show_article(articles.get_article(conn, ids[0]), media.article_images(conn, ids[0]))
    # Even HTML that bypassed our page builder must not reach the network.
    view.setHtml(f'<link rel="stylesheet" href="{style}"><p>x<img src="{tracker}"></p>')
    qtbot.wait(300)
    view.viewport().repaint()
    assert http_server.requests == []
    conn.close()


def test_text_keeps_a_readable_measure_on_a_wide_window(qtbot, library):
    view = _view(qtbot, library)
    view.resize(2400, 800)
    qtbot.wait(10)
    margin = view.document().rootFrame().frameFormat().leftMargin()
    assert margin > MIN_MARGIN
    em = QFontInfo(view.document().defaultFont()).pixelSize()
    assert 30 * em <= view.viewport().width() - 2 * margin <= 41 * em

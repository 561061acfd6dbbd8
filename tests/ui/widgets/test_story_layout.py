"""The story pane's layout where a user notices it: many pictures, a narrow window,
long cited sentences, the picture viewer, and an empty pane."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import articles
from desktop_reader.core.stories.timeline import Timeline
from desktop_reader.ui.dialogs.image_viewer import ImageViewer
from desktop_reader.ui.widgets.image_strip import LARGE_COUNT, image_lines
from desktop_reader.ui.widgets.story_pane import StoryPane
from tests.ui.accessibility_tree import unnamed_controls
from tests.ui.many_images import store_many_images_story
from tests.ui.story_fixtures import demo_library, demo_template, richest_story
from tools.screenshots import dark_palette

_ = (demo_library, demo_template)

NARROW = (490, 620)  # the story pane of a 1024×700 window
VERY_NARROW = (400, 620)


def _pane(qtbot, library: Library, size: tuple[int, int] = (1000, 800)):  # type: ignore[no-untyped-def]
    pane = StoryPane(Reader(library), library.media)
    qtbot.addWidget(pane)
    pane.resize(*size)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def _top_in_page(pane: StoryPane, widget) -> int:  # type: ignore[no-untyped-def]
    page = pane.story_view.widget()
    return widget.mapTo(page, QPoint(0, 0)).y()


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_sixteen_pictures_two_large_then_a_strip_and_the_text_on_the_first_screen(qtbot, tmp_path):
    library = Library.open(tmp_path / "library")
    story_id = store_many_images_story(library, downloaded=10)
    pane = _pane(qtbot, library, NARROW)
    detail = pane.show_story(story_id)
    assert detail is not None and len(detail.images) == 16
    strip = pane.story_view.images
    assert len(strip.cards) == LARGE_COUNT == 2
    assert len(strip.thumbs) == 14 and strip.more_label is not None
    assert strip.more_label.text() == "14 more pictures"
    qtbot.waitUntil(lambda: sum(p.pixmap is not None for p in strip.pictures()) == 10)
    # The pictures before the summary take less than one screen: its first sentence
    # is on the first screen, not four screens down.
    first_section = pane.story_view.summary_labels[0]
    assert _top_in_page(pane, first_section) < pane.story_view.viewport().height()
    # The strip is one row of small pictures, all in the story's order.
    tops = {t.mapTo(strip, QPoint(0, 0)).y() for t in strip.thumbs}
    assert len(tops) == 1
    assert max(t.height() for t in strip.thumbs) < strip.cards[0].thumbnail.height()
    assert [p.image for p in strip.pictures()] == list(detail.images)
    assert strip.strip is not None and strip.strip.horizontalScrollBar().isVisible()
    assert unnamed_controls(pane) == []  # the strip's scroll bar and every picture named


def test_source_and_full_size_under_each_large_picture(qtbot, tmp_path):
    library = Library.open(tmp_path / "library")
    story_id = store_many_images_story(library, downloaded=4)
    pane = _pane(qtbot, library)
    detail = pane.show_story(story_id)
    assert detail is not None
    card = pane.story_view.images.cards[1]
    assert card.source_button.text() == "Source" and card.full_button.text() == "Full size"
    assert card.source_button.isVisible() and card.full_button.isVisible()
    viewers: list[ImageViewer] = []
    pane.story_view.images.sig_image_clicked.connect(
        lambda _image: viewers.append(pane.story_view.findChildren(ImageViewer)[-1])
    )
    qtbot.mouseClick(card.full_button, Qt.MouseButton.LeftButton)
    assert viewers and viewers[0].image == detail.images[1] and viewers[0].isVisible()
    viewers[0].reject()
    # "Source" opens the article the picture came from, in the reader (not the web).
    with qtbot.waitSignal(pane.sig_article_opened) as opened:
        qtbot.mouseClick(card.source_button, Qt.MouseButton.LeftButton)
    assert opened.args == [detail.images[1].article_id]
    assert pane.currentWidget() is pane.cited
    assert pane.cited.article is not None
    assert pane.cited.article.id == detail.images[1].article_id
    # A strip thumbnail opens the viewer from the keyboard too.
    pane.back()
    thumb = pane.story_view.images.thumbs[3]
    thumb.setFocus()
    qtbot.keyClick(thumb, Qt.Key.Key_Return)
    assert viewers[-1].image == detail.images[LARGE_COUNT + 3]


def test_viewer_steps_through_the_story_with_buttons_and_arrow_keys(qtbot, tmp_path):
    library = Library.open(tmp_path / "library")
    story_id = store_many_images_story(library, downloaded=16)
    pane = _pane(qtbot, library)
    detail = pane.show_story(story_id)
    assert detail is not None
    viewer = pane.story_view.open_image(detail.images[0])
    viewer.activateWindow()  # its keys are the active window's shortcuts
    qtbot.waitUntil(viewer.isActiveWindow)
    assert viewer.position_label.text() == "Picture 1 of 16"
    first = viewer.picture.pixmap.toImage().pixelColor(5, 5)  # type: ignore[union-attr]
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.image == detail.images[1]
    assert viewer.caption_label.text().startswith("Picture 2:")
    assert viewer.picture.pixmap.toImage().pixelColor(5, 5) != first  # type: ignore[union-attr]
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.position_label.text() == "Picture 3 of 16"
    viewer.next_button.setFocus()  # arrows step even with a button focused
    qtbot.keyClick(viewer.next_button, Qt.Key.Key_Left)
    qtbot.keyClick(viewer.next_button, Qt.Key.Key_Left)
    assert viewer.image == detail.images[0]
    qtbot.mouseClick(viewer.previous_button, Qt.MouseButton.LeftButton)  # wraps around
    assert viewer.image == detail.images[15]
    assert viewer.windowTitle().startswith("Picture 16:")


def test_viewer_credit_is_readable_in_light_and_dark(qtbot, demo_library):
    conn = demo_library.connect()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    try:
        for palette in (app.style().standardPalette(), dark_palette()):
            app.setPalette(palette)
            pane = _pane(qtbot, demo_library)
            detail = pane.show_story(richest_story(conn))
            assert detail is not None
            viewer = pane.story_view.open_image(detail.images[0])
            credit = viewer.credit_label
            assert credit.isEnabled() and detail.images[0].credit in credit.text()
            text = credit.palette().color(QPalette.ColorRole.WindowText)
            ground = viewer.palette().color(QPalette.ColorRole.Window)
            assert _contrast(text, ground) >= 4.5, (text.name(), ground.name())
            viewer.reject()
    finally:
        app.setPalette(old)


def test_captions_never_say_image_twice(qtbot, demo_library):
    conn = demo_library.connect()
    pane = _pane(qtbot, demo_library)
    detail = pane.show_story(richest_story(conn))
    assert detail is not None
    doubled = replace(
        detail.images[0],
        caption="Image: Kingsbridge Stadium before the final.",
        credit=f"Image: {detail.images[0].outlet}",
    )
    prefixed_credit = replace(detail.images[1], credit="Image credit: Ruth Calder")
    assert image_lines(doubled) == (
        "Kingsbridge Stadium before the final.",
        "",
        f"Image: {detail.images[0].outlet}",
    )
    assert image_lines(prefixed_credit)[1] == "Ruth Calder"
    pane.story_view.show_story(replace(detail, images=(doubled, prefixed_credit)))
    for card in pane.story_view.images.cards:
        shown = " ".join(lb.text() for lb in card.findChildren(QLabel) if lb.isVisibleTo(card))
        assert shown.count("Image:") == 1, shown
    viewer = pane.story_view.open_image(doubled)
    assert f"{viewer.caption_label.text()} {viewer.credit_label.text()}".count("Image:") == 1
    viewer.close()


def test_narrow_pane_puts_timeline_dates_above_the_text(qtbot, demo_library):
    conn = demo_library.connect()
    # Narrower than a 1024×700 window's pane, whose column now has room for dates
    # beside the text (the star no longer takes a strip down the right).
    pane = _pane(qtbot, demo_library, VERY_NARROW)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    detail = pane.show_story(richest_story(conn))
    assert detail is not None and Timeline.from_dict(detail.timeline).events
    timeline = pane.story_view.timeline
    qtbot.waitUntil(lambda: timeline.width() > 0)
    assert timeline.narrow
    # Rearranging rows never flashes a label up as a window of its own (that took the
    # focus away from the main window).
    QApplication.processEvents()
    assert pane.isActiveWindow()
    for row in timeline.rows:
        # The text has the timeline's width less the rail, not a third of it.
        assert row.text_label.width() >= timeline.width() - 60
        if row.date_label.text():
            assert row.date_label.geometry().bottom() <= row.text_label.geometry().top()
    pane.resize(1400, 800)
    qtbot.waitUntil(lambda: not timeline.narrow)
    row = timeline.rows[0]
    qtbot.waitUntil(lambda: row.date_label.geometry().right() < row.text_label.geometry().left())
    assert row.date_label.geometry().top() == row.text_label.geometry().top()


def test_highlight_covers_a_long_sentence_to_its_last_word(qtbot, tmp_path):
    from tests.ui.story_fixtures import store_story

    library = Library.open(tmp_path / "library")
    long = (
        "The council said on Monday that the Harrow Street bridge in Calder would close "
        "for eight weeks of repairs after engineers found corroded steel cables under the "
        "deck during an inspection in March, that buses on routes 4 and 11 would be "
        "diverted over the Mill Lane crossing, and that a temporary walkway would open "
        "on the east side for cyclists and pedestrians until the end of June."
    )
    assert len(long.split()) > 60
    story_id = store_story(
        library,
        [
            (
                "Calder Post",
                "Harrow Street bridge to close",
                f"Opening words.\n\n{long}\n\nClosing words.",
            )
        ],
    )
    pane = _pane(qtbot, library, (600, 700))
    detail = pane.show_story(story_id)
    assert detail is not None
    article_id = detail.members[0].article_id
    conn = library.connect()
    text = articles.get_article(conn, article_id).text
    start = text.index("The council")
    pane.open_article(article_id, start, start + len(long))
    highlighted = " ".join(pane.cited.view.highlighted_text().replace("\u2029", " ").split())
    assert highlighted == long
    assert highlighted.endswith("until the end of June.")


def test_empty_pane_is_one_colour_edge_to_edge(qtbot, tmp_path):
    library = Library.open(tmp_path / "library")
    pane = _pane(qtbot, library, (500, 300))
    pane.show_message("No stories here yet.")
    pane.star_button.show()  # a stray star must not leave a strip of another colour
    QApplication.processEvents()
    image = pane.story_view.grab().toImage()
    base = pane.palette().color(QPalette.ColorRole.Base)
    # Sample a row below the star, across the whole message area.
    y = image.height() - 20
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        if x < pane.story_view.viewport().width() + 40
    }
    assert colours == {base.name()}, colours


def test_star_sits_in_the_headline_row_clear_of_the_text_and_in_the_accessibility_tree(
    qtbot, demo_library
):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QAccessible

    conn = demo_library.connect()
    pane = _pane(qtbot, demo_library, NARROW)
    pane.show_story(richest_story(conn))
    view, star = pane.story_view, pane.star_button
    viewport = view.viewport()

    def in_viewport(widget) -> QRect:  # type: ignore[no-untyped-def]
        return QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())

    for zoom in (1.0, 1.4):  # a zoom rebuilds the page under the star
        view.set_zoom(zoom)
        QApplication.processEvents()
        headline = view.headline_label
        assert star.isVisible() and viewport.childAt(star.geometry().center()) is star
        # In the headline's row, right of its words (the room the headline leaves).
        row = in_viewport(headline)
        words = headline.contentsRect().translated(row.topLeft())
        assert row.top() <= star.geometry().top() and star.geometry().bottom() <= row.bottom()
        assert star.geometry().left() > words.right()
        # Nothing else is under it, and the text below has the column's whole width:
        # at least 420 px in a 1024×700 window's story pane (not ~300 as beside a strip).
        others = [view.meta_label, *view.summary_labels]
        assert not any(star.geometry().intersects(in_viewport(w)) for w in others)
        assert min(w.width() for w in view.summary_labels) >= 420
    # Scrolled, it goes up with the headline: never over the summary it scrolls past.
    before = star.geometry().top()
    view.verticalScrollBar().setValue(120)
    QApplication.processEvents()
    assert star.geometry().top() == before - view.verticalScrollBar().value()
    assert not any(star.geometry().intersects(in_viewport(w)) for w in view.summary_labels)

    # A screen reader finds it: it is a node of the story view's subtree.
    def names(node, depth=0):  # type: ignore[no-untyped-def]
        found = [node.text(QAccessible.Text.Name)]
        for i in range(node.childCount() if depth < 12 else 0):
            child = node.child(i)
            if child is not None:
                found += names(child, depth + 1)
        return found

    assert "Star this story" in names(QAccessible.queryAccessibleInterface(view))

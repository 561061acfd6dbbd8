"""Story mode end to end: reading a story marks it read (its articles as Preferences
say), entities list stories, and displaying hostile stories never reaches the network."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_reader.core.models import ImageRef
from desktop_reader.core.reader import Reader, SettingChange
from desktop_reader.core.storage import stories
from desktop_reader.core.values import STORY_OPEN_MARKS
from desktop_reader.ui.models.article_list import ARTICLE_ID_ROLE, READ_ROLE, ArticleListModel
from desktop_reader.ui.models.story_list import STORY_ID_ROLE, UNREAD_ROLE, StoryListModel
from desktop_reader.ui.story_controller import StoryController
from desktop_reader.ui.widgets.story_list_view import StoryListView
from desktop_reader.ui.widgets.story_pane import StoryPane
from tests.ui.story_fixtures import demo_library, demo_template, store_story

_ = (demo_library, demo_template)


def _controller(qtbot, library):  # type: ignore[no-untyped-def]
    conn = library.connect()
    reader = Reader(library)
    model = StoryListModel(reader)
    view = StoryListView()
    view.setModel(model)
    pane = StoryPane(reader, library.media)
    for widget in (view, pane):
        qtbot.addWidget(widget)
    controller = StoryController(reader, model, view, pane)
    model.show_top_headlines()
    return conn, model, view, pane, controller


def _read_by_id(model: ArticleListModel) -> dict[int, bool]:
    model.reload()  # what the window's dispatcher does with the Changes
    return {
        model.index(r, 0).data(ARTICLE_ID_ROLE): model.index(r, 0).data(READ_ROLE)
        for r in range(model.rowCount())
    }


def test_opening_a_story_marks_the_story_read_and_leaves_its_articles_as_they_were(
    qtbot, demo_library
):
    conn, model, view, pane, controller = _controller(qtbot, demo_library)
    articles_model = ArticleListModel(Reader(demo_library))
    articles_model.set_scope(None)
    story_id = model.index(0).data(STORY_ID_ROLE)
    members = [m.article_id for m in stories.story(conn, story_id).members]
    unread_before = Reader(demo_library).count_articles(unread_only=True)
    with qtbot.waitSignal(controller.sig_read_changed) as blocker:
        view.select_row(0)
    assert blocker.args[0] == story_id and blocker.args[1] is True
    assert blocker.args[2] == []  # no article changed
    assert pane.detail.row.id == story_id
    assert model.index(0).data(UNREAD_ROLE) is False
    assert not any(_read_by_id(articles_model)[a] for a in members)
    assert Reader(demo_library).count_articles(unread_only=True) == unread_before
    controller.act_mark_unread.trigger()
    assert model.index(0).data(UNREAD_ROLE) is True


def test_with_the_preference_opening_a_story_marks_its_articles_and_unread_reverses(
    qtbot, demo_library
):
    conn, model, view, _pane, controller = _controller(qtbot, demo_library)
    Reader(demo_library).change_settings([SettingChange(STORY_OPEN_MARKS, "articles")])
    articles_model = ArticleListModel(Reader(demo_library))
    articles_model.set_scope(None)
    story_id = model.index(0).data(STORY_ID_ROLE)
    members = [m.article_id for m in stories.story(conn, story_id).members]
    with qtbot.waitSignal(controller.sig_read_changed) as blocker:
        view.select_row(0)
    assert blocker.args[0] == story_id and blocker.args[1] is True
    assert sorted(blocker.args[2]) == sorted(members)
    assert model.index(0).data(UNREAD_ROLE) is False
    rows = _read_by_id(articles_model)
    assert all(rows[a] for a in members)
    assert not all(rows.values())  # only that story's articles
    controller.act_mark_unread.trigger()
    assert model.index(0).data(UNREAD_ROLE) is True
    assert not any(_read_by_id(articles_model)[a] for a in members)


def test_next_story_actions_and_entity_click_lists_related(qtbot, demo_library):
    _conn, model, view, pane, controller = _controller(qtbot, demo_library)
    view.select_row(0)
    controller.act_next.trigger()
    assert view.currentIndex().row() == 1
    controller.act_next_unread.trigger()
    assert view.currentIndex().row() == 2
    chip = pane.story_view.chips.chips[0]
    name = str(pane.detail.entities[0]["name"])
    with qtbot.waitSignal(controller.sig_scope_changed):
        chip.click()
    assert model.scope_name == f"Stories about {name}"
    assert model.rowCount() >= 1


def test_displaying_a_hostile_story_makes_no_network_request(qtbot, library, http_server):
    pixel = http_server.url("/track/pixel.gif")
    html = (
        f'<p>Flood barriers rose in Grenhill on Monday.<img src="{pixel}"></p>'
        f'<p style="background:url({pixel})">Water reached the square.</p>'
    )
    text = (
        "Flood barriers rose in Grenhill on Monday as the river Tarr reached its highest "
        f'level since 1998. <img src="{pixel}"> Water reached the market square by noon.'
    )
    story_id = store_story(
        library,
        [
            ("Grenhill Gazette", f'River Tarr floods Grenhill <img src="{pixel}">', text),
            (
                "Tarr Valley News",
                "Grenhill flood barriers hold as river peaks",
                "Flood barriers held in Grenhill on Monday as the river Tarr peaked at its highest "
                "level since 1998, officials said. Water reached the market square by noon.",
            ),
        ],
        images=[
            ImageRef(
                url=http_server.url("/track/lead.jpg"),
                caption="The flooded square",
                credit="Photo: Tracker",
                role="lead",
            )
        ],
        html=html,
    )
    conn = library.connect()
    reader = Reader(library)
    pane = StoryPane(reader, library.media)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    detail = pane.show_story(story_id)
    assert detail is not None and detail.images
    QApplication.processEvents()
    view = pane.story_view
    assert view.images.cards and view.images.cards[0].thumbnail.pixmap is None  # placeholder
    for label in view.summary_labels:
        for citation in label.citations:
            label.tooltip_for(citation)
    viewer = view.open_image(detail.images[0])
    viewer.close()
    for n in range(1, len(detail.members) + 1):
        view.open_citation_number(n)
        pane.cited.view.viewport().repaint()
        pane.back()
    view.viewport().repaint()
    qtbot.wait(300)
    assert http_server.requests == []
    conn.close()

"""`make screenshots` renders the window light and dark: a story, and an article."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from desktop_reader.core.pipeline.library import Library
from desktop_reader.ui.main_window import MainWindow
from tests.ui.story_fixtures import demo_library, demo_template
from tools.screenshots import SIZE, render, show_article_with_image, show_top_story

_ = (demo_library, demo_template)


def _mean_lightness(image: QImage) -> float:
    samples = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 25)
        for y in range(0, image.height(), 25)
    ]
    return sum(samples) / len(samples)


def test_renders_light_and_dark_pngs(qapp, tmp_path):
    paths = render(tmp_path / "shots")
    assert [p.name for p in paths] == [
        "main-light.png",
        "article-light.png",
        "main-dark.png",
        "article-dark.png",
    ]
    light, dark = QImage(str(paths[0])), QImage(str(paths[2]))
    assert (light.width(), light.height()) == SIZE
    assert _mean_lightness(dark) < _mean_lightness(light) - 60


def test_the_article_shot_shows_an_article_and_the_main_shot_a_story(
    qtbot, demo_library: Library, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for shot in (show_article_with_image, show_top_story):  # the order render shoots in
        window = MainWindow(demo_library, settings=settings, refresh_minutes=0)
        qtbot.addWidget(window)
        window.resize(*SIZE)
        window.show()
        shot(window)
        if shot is show_article_with_image:
            assert window.article_list.isVisible() and not window.stories.list.isVisible()
            article = window.article_view.article
            assert article is not None and window.article_view.isVisible()
            assert window.article_view.images  # the one with a picture
        else:  # the article shot's settings do not leave the next window without stories
            assert window.stories.list.isVisible() and window.stories.pane.isVisible()
            assert window.stories.pane.story_id is not None
        window.shutdown()

"""`make screenshots` renders the window light and dark: a story, and an article."""

from __future__ import annotations

from PySide6.QtGui import QImage

from tools.screenshots import SIZE, render


def _mean_lightness(image: QImage) -> float:
    samples = [image.pixelColor(x, y).lightness() for x in range(0, image.width(), 25)
               for y in range(0, image.height(), 25)]
    return sum(samples) / len(samples)


def test_renders_light_and_dark_pngs(qapp, tmp_path):
    paths = render(tmp_path / "shots")
    assert [p.name for p in paths] == ["main-light.png", "article-light.png",
                                       "main-dark.png", "article-dark.png"]
    light, dark = QImage(str(paths[0])), QImage(str(paths[2]))
    assert (light.width(), light.height()) == SIZE
    assert _mean_lightness(dark) < _mean_lightness(light) - 60

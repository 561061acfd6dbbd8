"""The desktop integration files: validators, handlers, icon, and `make install-desktop`."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "desktop-reader.desktop"
METAINFO = PACKAGING / "io.github.desktopreader.DesktopReader.metainfo.xml"
ICON = PACKAGING / "icons" / "desktop-reader.svg"


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def validate(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (Debian: desktop-file-utils / appstream)")
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_desktop_file_passes_desktop_file_validate():
    result = validate("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate():
    result = validate("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E:" not in result.stdout and "W:" not in result.stdout


def test_desktop_file_opens_feed_links_and_feed_files():
    desktop = entry(DESKTOP)
    assert desktop["Exec"] == "desktop-reader %u"  # one URL or file, as the CLI accepts
    assert set(desktop["MimeType"].rstrip(";").split(";")) == {
        "x-scheme-handler/feed",
        "application/rss+xml",
        "application/atom+xml",
    }
    assert desktop["Icon"] == ICON.stem


def test_metainfo_matches_the_app_and_the_screenshots_make_renders():
    root = ElementTree.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "desktop-reader"
    images = [
        (Path(image.text or "").name, image.get("width"), image.get("height"))
        for image in root.iter("image")
    ]
    assert [name for name, _w, _h in images] == ["main-light.png", "main-dark.png"]
    for name, width, height in images:  # rendered by `make screenshots` into docs/screenshots/
        shot = QImage(str(ROOT / "docs" / "screenshots" / name))
        assert not shot.isNull(), f"docs/screenshots/{name} is missing: run `make screenshots`"
        assert (str(shot.width()), str(shot.height())) == (width, height)


def test_icon_is_a_valid_svg_that_draws_at_small_and_large_sizes(qapp):
    renderer = QSvgRenderer(str(ICON))
    assert renderer.isValid()
    for size in (16, 48, 256):
        image = QImage(QSize(size, size), QImage.Format.Format_ARGB32)
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        centre = image.pixelColor(size // 2, size // 2)
        corner = image.pixelColor(0, 0)
        assert centre.alpha() == 255 and corner.alpha() == 0  # a tile with rounded corners
        colours = {image.pixel(x, y) for x in range(size) for y in range(size)}
        assert len(colours) > 8


def test_make_install_desktop_installs_for_the_user_under_xdg_data_home(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    home = tmp_path / "share"
    launcher = tmp_path / "bin" / "desktop-reader"
    result = subprocess.run(
        ["make", "-s", "install-desktop", f"XDG_DATA_HOME={home}", f"LAUNCHER={launcher}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    installed = home / "applications" / "desktop-reader.desktop"
    assert entry(installed)["Exec"] == f"{launcher} %u"
    assert (home / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (
        home / "icons/hicolor/scalable/apps/desktop-reader.svg"
    ).read_bytes() == ICON.read_bytes()
    if shutil.which("update-desktop-database"):
        cache = (home / "applications" / "mimeinfo.cache").read_text()
        assert "x-scheme-handler/feed=desktop-reader.desktop;" in cache

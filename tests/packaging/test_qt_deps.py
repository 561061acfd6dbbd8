"""`make qt-deps` checks the platform the app will really use, with Qt's real plugins.

The X11 case runs under Xvfb, a real X server (skipped when it is not installed). A
missing system library is made real, not simulated: a copy of Qt's own xcb plugin whose
list of needed libraries names one that does not exist, loaded by Qt's plugin loader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "packaging" / "qt_deps.py"
# Variables through which Qt or the desktop choose a platform; each test sets its own.
PLATFORM_VARS = (
    "QT_QPA_PLATFORM",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XDG_SESSION_TYPE",
    "QT_QPA_PLATFORM_PLUGIN_PATH",
    "QT_PLUGIN_PATH",
)


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PLATFORM_VARS}
    env.update(values)
    return env


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Never --install here: the test must not change the machine.
    return subprocess.run(
        [sys.executable, str(CHECK)], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A real X server (Xvfb) on a free display number, e.g. ':3'."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()  # written once the server accepts clients
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_on_an_x11_display_the_check_is_right_about_whether_the_app_starts(x_display, tmp_path):
    env = clean_env(DISPLAY=x_display, DESKTOP_READER_DATA=str(tmp_path / "library"))
    check = run_check(env)
    app = subprocess.run(
        [sys.executable, "-m", "desktop_reader", "--smoke-test"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert check.returncode in (0, 1), check.stderr  # 1 is a message, never a crash
    assert "'xcb'" in check.stdout + check.stderr
    if app.returncode == 0:
        assert check.returncode == 0 and "platform: ok" in check.stdout
    else:  # the app cannot start on this X server: the check must say why and what to run
        assert check.returncode == 1
        assert "Missing system libraries: libxcb" in check.stderr, check.stderr
        assert "sudo apt-get install " in check.stderr


def test_a_missing_library_of_the_xcb_plugin_is_named_with_the_line_that_installs_it(tmp_path):
    from PySide6.QtCore import QLibraryInfo

    qt_plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    qt_libs = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
    plugin = (qt_plugins / "platforms" / "libqxcb.so").read_bytes()
    needed, absent = b"libxcb-icccm.so.4", b"libdr-absent.so.4"  # same length keeps the ELF
    assert needed in plugin and len(needed) == len(absent)
    broken = tmp_path / "platforms"
    broken.mkdir()
    (broken / "libqxcb.so").write_bytes(plugin.replace(needed, absent))

    # The copy's own run path ($ORIGIN/../../lib) no longer leads to Qt's libraries.
    env = clean_env(
        QT_QPA_PLATFORM="xcb",
        DISPLAY=":0",
        QT_QPA_PLATFORM_PLUGIN_PATH=str(broken),
        LD_LIBRARY_PATH=str(qt_libs),
    )
    check = run_check(env)

    assert check.returncode == 1, check.stderr
    assert "Qt cannot start its 'xcb' platform" in check.stderr
    missing = next(line for line in check.stderr.splitlines() if line.startswith("Missing"))
    assert "libdr-absent.so.4" in missing
    assert "sudo apt-get install libegl1" in check.stderr and "libxcb-icccm4" in check.stderr
    assert "Aborted" not in check.stderr


def test_xcb_without_a_reachable_display_is_a_message_not_an_abort():
    number = next(n for n in range(7431, 7531) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    check = run_check(clean_env(QT_QPA_PLATFORM="xcb", DISPLAY=f":{number}"))

    assert check.returncode == 1, check.stderr
    assert "Qt cannot start its 'xcb' platform" in check.stderr
    if "Missing system libraries" not in check.stderr:  # else the libraries come first
        assert "could not connect to display" in check.stderr
        assert "QT_QPA_PLATFORM=offscreen" in check.stderr


def test_headless_runs_check_the_offscreen_platform():
    check = run_check(clean_env(QT_QPA_PLATFORM="offscreen"))
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "Qt starts its 'offscreen' platform: ok"

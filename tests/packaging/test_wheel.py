"""`pip install` of the built wheel: entry point, resources inside the package, a window.

Builds the wheel from a copy of the sources (offline: --no-build-isolation), installs
it with --no-deps into a fresh venv that borrows this venv's dependencies through a
.pth line (its .pth files, such as our editable install, are not processed), and runs
the installed `desktop-reader` from an empty directory, so nothing comes from the tree.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("desktop_reader", "resources", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 60
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(
                path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("dist")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-q",
        "-w",
        out,
        ".",
        cwd=source,
        timeout=90,
    )
    [built] = out.glob("desktop_reader-*.whl")
    return built


def test_wheel_carries_resources_and_a_gui_script(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(
            archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")
        )
    for resource in ("starter_feeds.opml", "demo/articles.json", "icons/app.svg"):
        assert f"desktop_reader/resources/{resource}" in names
    assert "desktop_reader/core/storage/migrations/001_library.sql" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith("resources/")]
    # Developer tools (the demo builder, screenshot scripts) live in tools/ and stay out.
    assert not [
        n
        for n in names
        if n.endswith(".py")
        and (n.startswith("desktop_reader/resources/") or "screenshot" in n or "build_demo" in n)
    ]
    assert "[gui_scripts]\ndesktop-reader = desktop_reader.__main__:main" in entry_points


@pytest.mark.slow
def test_installed_wheel_starts_offscreen_from_its_own_resources(wheel, tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "-q",
        wheel,
        cwd=tmp_path,
        timeout=90,
    )
    target = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
        ).stdout.strip()
    )
    (target / "borrowed-dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n"
    )  # PySide6, feedparser, … without a network

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", DESKTOP_READER_DATA=str(tmp_path / "library"))
    launcher = venv / "bin" / "desktop-reader"
    assert "offers to subscribe" in run(launcher, "--help", cwd=elsewhere, env=env).stdout

    report = run(launcher, "--smoke-test", cwd=elsewhere, env=env).stdout
    installed = target / "desktop_reader" / "resources"
    assert f"resources: {installed}" in report
    assert "window shown: yes" in report
    assert "missing resources: none" in report
    assert (tmp_path / "library" / "library.sqlite3").is_file()

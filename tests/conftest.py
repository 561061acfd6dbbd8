"""Shared fixtures: a real HTTP server, a real library on disk, the feedfarm."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_reader.core import paths
from desktop_reader.core.storage import database
from tests.feedfarm import FARM_SCRIPT, Farm
from tests.freshrss import SERVE_SCRIPT, FreshRSS, php_problem
from tests.httpserver import TestServer


@pytest.fixture
def http_server() -> Iterator[TestServer]:
    """A real HTTP server on 127.0.0.1 serving tests/data and scripted routes."""
    server = TestServer()
    yield server
    server.close()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data directory, also set as DESKTOP_READER_DATA."""
    root = tmp_path / "data"
    root.mkdir()
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(root))
    return root


@pytest.fixture
def conn(data_dir: Path):  # type: ignore[no-untyped-def]
    """A migrated library database in the fresh data directory."""
    connection = database.connect(paths.database_path(data_dir))
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def farm() -> Iterator[Farm]:
    """The shared feedfarm (200 feeds x 50 entries, seed 1), started once per session."""
    if not FARM_SCRIPT.is_file():
        pytest.skip("../shared/feedfarm is absent: farm tests need it")
    running = Farm()
    yield running
    running.stop()


@pytest.fixture
def small_farm() -> Iterator[Farm]:
    """A small farm (10 feeds x 8 entries) of this test's own."""
    if not FARM_SCRIPT.is_file():
        pytest.skip("../shared/feedfarm is absent: farm tests need it")
    running = Farm("--feeds", "10", "--entries", "8")
    yield running
    running.stop()


_PHP_PROBLEM: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """PHP for FreshRSS is installed (as root, with apt-get) once tests that need it are
    collected: before any test's timeout starts counting."""
    if SERVE_SCRIPT.is_file() and any(
        "freshrss" in getattr(item, "fixturenames", ()) for item in items
    ):
        _PHP_PROBLEM.append(php_problem())


@pytest.fixture(scope="session")
def freshrss() -> Iterator[FreshRSS]:
    """A real FreshRSS (../shared/servers/freshrss; PHP from apt when missing, as root),
    started once per session; tests empty its account before use."""
    if not SERVE_SCRIPT.is_file():
        pytest.skip("../shared/servers/freshrss is absent: sync tests need a real FreshRSS")
    problem = _PHP_PROBLEM[0] if _PHP_PROBLEM else php_problem()
    if problem and os.geteuid() != 0:
        pytest.skip(problem)  # not root: we may not install PHP on this machine
    assert not problem, problem
    server = FreshRSS()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sync_farm() -> Iterator[Farm]:
    """A small feedfarm (12 feeds x 8 entries) for FreshRSS to fetch, once per session."""
    if not FARM_SCRIPT.is_file():
        pytest.skip("../shared/feedfarm is absent: sync tests need it")
    running = Farm("--feeds", "12", "--entries", "8", ttl=1500)
    yield running
    running.stop()

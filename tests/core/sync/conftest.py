"""A real FreshRSS (one per test session) fed by a small feedfarm, and a fresh account."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage.accounts import Account
from desktop_reader.core.sync import engine
from tests.feedfarm import Farm
from tests.freshrss import API_PASSWORD, USER, FreshRSS
from tests.syncproxy import Proxy


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the developer's own keyring: tokens go to the private file, as on CI."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@dataclass
class Setup:
    server: FreshRSS
    farm: Farm
    library: Library
    account: Account
    proxy: Proxy

    def feed(self, number: int) -> str:
        return self.farm.url(f"/feeds/{number:03d}.xml")


@pytest.fixture
def setup(freshrss: FreshRSS, sync_farm: Farm, data_dir: Path) -> Iterator[Setup]:
    """An empty server account (previous tests' subscriptions removed), reached through a
    proxy the test can take down, and a fresh library with that account added."""
    freshrss.unsubscribe_all()
    proxy = Proxy(freshrss.base)
    library = Library.open(data_dir)
    account = engine.add_account(library, proxy.url, USER, API_PASSWORD)
    yield Setup(freshrss, sync_farm, library, account, proxy)
    proxy.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(connect_timeout=2, read_timeout=5, total_timeout=10) as client:
        yield client

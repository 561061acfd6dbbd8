"""Fixtures the pipeline tests share: a fresh library and a fetcher with short timeouts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline.library import Library


@pytest.fixture
def library(data_dir: Path) -> Library:
    return Library.open(data_dir)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(connect_timeout=2, read_timeout=3, total_timeout=5) as client:
        yield client

"""Fetcher against the feedfarm's fault endpoints, with short fault delays and timeouts."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from desktop_reader.core.errors import FetchError
from desktop_reader.core.fetch import Fetcher
from tests.feedfarm import FARM_SCRIPT, Farm

pytestmark = pytest.mark.farm

READ_TIMEOUT, TOTAL_TIMEOUT = 2.0, 3.0


@pytest.fixture(scope="module")
def farm() -> Iterator[Farm]:
    if not FARM_SCRIPT.is_file():
        pytest.skip("../shared/feedfarm is absent: farm tests need it")
    running = Farm(
        "--feeds",
        "3",
        "--entries",
        "5",
        "--slow-delay",
        "1",
        "--stall-delay",
        "4",
        "--trickle-seconds",
        "4",
        "--hang-delay",
        "6",
        "--huge-mb",
        "3",
        ttl=120,
    )
    yield running
    running.stop()
    if running.process.stdout is not None:  # Farm.stop() leaves the pipe open
        running.process.stdout.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(connect_timeout=2, read_timeout=READ_TIMEOUT, total_timeout=TOTAL_TIMEOUT) as f:
        yield f


def fetch_error(fetcher: Fetcher, url: str, **kwargs: object) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]
    return info.value


def test_feed_arrives_gzipped_and_decoded(farm: Farm, fetcher: Fetcher) -> None:
    farm.reset_stats()
    result = fetcher.fetch(farm.url("/feeds/000.xml"))
    assert result.status == 200
    assert result.content == farm.get_bytes("/feeds/000.xml")  # urllib: no gzip asked
    assert result.etag and result.etag.endswith('-gz"')
    stats = farm.stats()
    assert stats["gzip_responses"] >= 1
    assert any(ua.startswith("DesktopReader/") for ua in stats["user_agents"])


def test_second_fetch_is_conditional_and_not_modified(farm: Farm, fetcher: Fetcher) -> None:
    farm.reset_stats()
    first = fetcher.fetch(farm.url("/feeds/001.xml"))
    assert first.status == 200 and first.etag and first.last_modified
    second = fetcher.fetch(
        farm.url("/feeds/001.xml"), etag=first.etag, last_modified=first.last_modified
    )
    assert second.status == 304 and second.content == b""
    stats = farm.stats()
    assert stats["conditional"]["feed"] == 1
    assert stats["not_modified"]["feed"] == 1
    # The ETag alone (If-None-Match) is enough.
    assert fetcher.fetch(farm.url("/feeds/001.xml"), etag=first.etag).status == 304


def test_redirect_chain_of_five_is_followed(farm: Farm, fetcher: Fetcher) -> None:
    result = fetcher.fetch(farm.url("/fault/redirect-chain"))  # 301 302 303 307 308
    assert result.status == 200 and b"<rss" in result.content
    assert result.url.endswith("/clean/x-redirect-chain.xml")
    # Only the first hop was permanent: store where it pointed, not the temporary hops.
    assert result.permanent_url == farm.url("/r/x-redirect-chain/4")


def test_redirect_loop_is_refused(farm: Farm, fetcher: Fetcher) -> None:
    error = fetch_error(fetcher, farm.url("/fault/redirect-loop"))
    assert error.kind == "redirects"


def test_moved_feed_gives_its_new_address(farm: Farm, fetcher: Fetcher) -> None:
    result = fetcher.fetch(farm.url("/fault/moved"))
    assert result.permanent_url == result.url == farm.url("/clean/x-moved.xml")


@pytest.mark.parametrize(
    ("kind", "status", "message", "retry_after"),
    [
        ("http-404", 404, "Not found (404)", None),
        ("http-410", 410, "Gone (410) — the feed was removed", None),
        ("http-500", 500, "Server error (500)", None),
        ("http-403", 403, "Forbidden (403)", None),
        ("http-503", 503, "Server busy, retrying after 2 min", 120),
        ("http-429", 429, "Server busy, retrying after 1 min", 60),
    ],
)
def test_http_faults_have_plain_messages(
    farm: Farm, fetcher: Fetcher, kind: str, status: int, message: str, retry_after: float | None
) -> None:
    error = fetch_error(fetcher, farm.url(f"/fault/{kind}"))
    assert (error.kind, error.status, str(error)) == ("http", status, message)
    assert error.retry_after == retry_after


def test_slow_feed_succeeds_within_the_timeout(farm: Farm, fetcher: Fetcher) -> None:
    result = fetcher.fetch(farm.url("/fault/slow"))  # 1 s of silence < 2 s read timeout
    assert result.status == 200 and b"<rss" in result.content
    assert 0.9 <= result.elapsed < TOTAL_TIMEOUT


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("stall", f"Timed out after {READ_TIMEOUT:g} s"),  # half a body, then 4 s of silence
        ("hang", f"Timed out after {READ_TIMEOUT:g} s"),  # no answer for 6 s
        ("trickle", f"Timed out after {TOTAL_TIMEOUT:g} s"),  # bytes keep coming, for 4 s
    ],
)
def test_stalling_feeds_are_cut_in_bounded_time(
    farm: Farm, fetcher: Fetcher, kind: str, message: str
) -> None:
    started = time.monotonic()
    error = fetch_error(fetcher, farm.url(f"/fault/{kind}"))
    took = time.monotonic() - started
    assert (error.kind, str(error)) == ("timeout", message)
    assert took < TOTAL_TIMEOUT + 2
    # The fetcher is still usable afterwards.
    assert fetcher.fetch(farm.url("/feeds/002.xml")).status == 200


@pytest.mark.parametrize("kind", ["reset", "reset-mid"])
def test_reset_connections_are_reported(farm: Farm, fetcher: Fetcher, kind: str) -> None:
    error = fetch_error(fetcher, farm.url(f"/fault/{kind}"))
    assert (error.kind, str(error)) == ("network", "Connection reset by the server")


@pytest.mark.parametrize("kind", ["gzip-forced", "gzip-corrupt"])
def test_gzip_quirks_give_the_readable_feed(farm: Farm, fetcher: Fetcher, kind: str) -> None:
    result = fetcher.fetch(farm.url(f"/fault/{kind}"))
    assert result.content == farm.get_bytes(f"/clean/x-{kind}.xml")
    assert result.content.startswith(b"<?xml")


def test_huge_feed_is_refused_over_the_cap(farm: Farm, fetcher: Fetcher) -> None:
    error = fetch_error(fetcher, farm.url("/fault/huge"), max_bytes=512 * 1024)
    assert (error.kind, str(error)) == ("too-large", "Too large (over 512 KB)")
    # Under the default 20 MB cap the same ~3 MB feed is fine.
    assert len(fetcher.fetch(farm.url("/fault/huge")).content) > 2_500_000

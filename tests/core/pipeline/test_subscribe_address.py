"""Addresses typed without a scheme: which schemes are tried, in which order, and the
fall-back when the first gets no answer — against a real local (plain http) server."""

from __future__ import annotations

import socket

import pytest

from desktop_reader.core.errors import FetchError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline import subscribe
from tests.httpserver import TestServer

FEED = "/pipeline/harbourcourier-rss2.xml"


def test_a_host_name_tries_https_first_an_ip_or_localhost_http_first() -> None:
    assert subscribe.candidate_addresses("news.example.org/feed.xml") == [
        "https://news.example.org/feed.xml",
        "http://news.example.org/feed.xml",
    ]
    assert subscribe.candidate_addresses("127.0.0.1:40419/site/005/") == [
        "http://127.0.0.1:40419/site/005/",
        "https://127.0.0.1:40419/site/005/",
    ]
    assert subscribe.candidate_addresses("localhost:8080/rss")[0] == "http://localhost:8080/rss"
    assert subscribe.candidate_addresses("[::1]:8080/rss")[0] == "http://[::1]:8080/rss"
    # A scheme given is kept as it is; feed: URIs still work.
    assert subscribe.candidate_addresses("https://10.0.0.5/rss") == ["https://10.0.0.5/rss"]
    assert subscribe.candidate_addresses("feed://example.org/rss")[0] == "https://example.org/rss"
    assert subscribe.normalise_address("192.168.1.20/feed") == "http://192.168.1.20/feed"
    with pytest.raises(Exception, match="not a web address"):
        subscribe.candidate_addresses("ftp://example.org/rss")


def test_an_ip_and_port_without_a_scheme_finds_the_feed(
    http_server: TestServer, fetcher: Fetcher
) -> None:
    http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"})
    typed = http_server.url(FEED).removeprefix("http://")
    assert typed.startswith("127.0.0.1:")
    found = subscribe.find_feeds(fetcher, typed)
    assert [f.url for f in found] == [http_server.url(FEED)]
    assert found[0].title.startswith("The Harbour Courier")


def test_a_failed_tls_handshake_falls_back_to_http(
    http_server: TestServer, fetcher: Fetcher
) -> None:
    http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"})
    plain = http_server.url(FEED)
    # https to a plain-http server: the handshake fails (no answer), so http is tried.
    url, result = subscribe._first_answer(fetcher, [plain.replace("http:", "https:", 1), plain])
    assert url == plain and b"Harbour Courier" in result.content


def test_when_nothing_answers_the_error_says_what_was_tried(fetcher: Fetcher) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as failed:
        subscribe.find_feeds(fetcher, f"127.0.0.1:{port}/feed")
    message = str(failed.value)
    assert f"http://127.0.0.1:{port}/feed" in message
    assert f"https://127.0.0.1:{port}/feed" in message
    # The plain-http attempt's reason comes first, not a TLS error.
    assert message.startswith("Could not connect (connection refused)")


def test_an_http_error_is_the_servers_answer_and_is_not_retried(
    http_server: TestServer, fetcher: Fetcher
) -> None:
    typed = http_server.url("/nothing-here.xml").removeprefix("http://")
    with pytest.raises(FetchError) as failed:
        subscribe.find_feeds(fetcher, typed)
    assert failed.value.status == 404 and "tried" not in str(failed.value)

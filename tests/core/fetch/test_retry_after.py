"""Retry-After as delta-seconds or as an HTTP-date."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_reader.core.fetch.retry_after import MAX_WAIT, parse_retry_after

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def test_seconds() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after(" 0 ") == 0


def test_http_date_is_measured_from_now() -> None:
    assert parse_retry_after("Thu, 15 Jan 2026 12:30:00 GMT", NOW) == 1800


def test_a_date_in_the_past_means_now() -> None:
    assert parse_retry_after("Thu, 15 Jan 2026 11:00:00 GMT", NOW) == 0


def test_unreadable_or_absent_is_none() -> None:
    assert parse_retry_after("") is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-5") is None


def test_absurd_waits_are_capped_at_a_day() -> None:
    assert parse_retry_after("99999999") == MAX_WAIT
    assert parse_retry_after("Fri, 15 Jan 2027 12:00:00 GMT", NOW) == MAX_WAIT

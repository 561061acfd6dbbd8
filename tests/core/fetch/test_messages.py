"""The wording users see in a feed's status line."""

from __future__ import annotations

import pytest

from desktop_reader.core.fetch import messages


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (59.2, "1 min"),
        (60, "1 min"),
        (90, "2 min"),
        (120, "2 min"),
        (3600, "1 h"),
        (5400, "1 h 30 min"),
        (86400, "24 h"),
    ],
)
def test_waits_are_rounded_up_to_readable_units(seconds: float, text: str) -> None:
    assert messages.format_duration(seconds) == text


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (20 * 1024 * 1024, "20 MB"),
        (1536 * 1024, "1.5 MB"),
        (512 * 1024, "512 KB"),
        (900, "900 bytes"),
    ],
)
def test_sizes(size: int, text: str) -> None:
    assert messages.format_size(size) == text


def test_statuses_without_a_table_entry_still_say_something() -> None:
    assert messages.describe_status(418) == "Request refused (418)"
    assert messages.describe_status(599) == "Server error (599)"
    assert messages.describe_status(302) == "Redirect without a destination (302)"
    assert messages.describe_status(199) == "Unexpected answer from the server (199)"


def test_retry_after_only_changes_busy_statuses() -> None:
    assert messages.describe_status(503, 120) == "Server busy, retrying after 2 min"
    assert messages.describe_status(429, 30) == "Server busy, retrying after 30 s"
    assert messages.describe_status(500, 120) == "Server error (500)"


def test_timeouts_and_caps_read_naturally() -> None:
    assert messages.timed_out(20) == "Timed out after 20 s"
    assert messages.timed_out(2.5) == "Timed out after 2.5 s"
    assert messages.too_large(20 * 1024 * 1024) == "Too large (over 20 MB)"

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop_reader.core.parse.dates import parse_date

NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-14T10:00:00Z", datetime(2026, 1, 14, 10, tzinfo=UTC)),
        ("2026-01-14T10:00:00.123+02:00", datetime(2026, 1, 14, 8, tzinfo=UTC)),
        ("2026-01-14", datetime(2026, 1, 14, tzinfo=UTC)),
        ("Wed, 14 Jan 2026 10:00:00 -0500", datetime(2026, 1, 14, 15, tzinfo=UTC)),
        ("14 Jan 2026 10:00 CET", datetime(2026, 1, 14, 9, tzinfo=UTC)),
        ("Wednesday, 14-Jan-26 10:00:00 GMT", datetime(2026, 1, 14, 10, tzinfo=UTC)),
        ("1768384800", datetime(2026, 1, 14, 10, tzinfo=UTC)),
        ("2026-02-30T10:00:00Z", None),
        ("1970-01-01T00:00:00Z", None),
        ("1994-12-31T23:00:00Z", None),
        ("2026-01-17T13:00:00Z", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: datetime | None) -> None:
    assert parse_date(text, now=NOW) == expected


def test_unrecognised_format_uses_fallback_clamped() -> None:
    fallback = datetime(2025, 5, 1, tzinfo=UTC)
    assert parse_date("Donnerstag 1.5.2025", fallback=fallback, now=NOW) == fallback
    assert parse_date("2026-02-30", fallback=fallback, now=NOW) is None  # ours decides
    assert parse_date("odd", fallback=datetime(2090, 1, 1, tzinfo=UTC), now=NOW) is None

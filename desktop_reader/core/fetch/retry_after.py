"""Read the `Retry-After` header: delta-seconds or an HTTP-date (RFC 9110, 10.2.3)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Servers sometimes ask for absurd waits; a day is the longest we honour.
MAX_WAIT = 24 * 3600.0


def parse_retry_after(value: str, now: datetime | None = None) -> float | None:
    """Seconds to wait from now, or None when the header is absent or unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_WAIT)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT by definition
        when = when.replace(tzinfo=UTC)
    wait = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(0.0, wait), MAX_WAIT)

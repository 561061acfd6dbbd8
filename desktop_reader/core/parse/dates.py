"""Feed dates: parse RFC 822 and ISO 8601 strictly, and drop dates that cannot be true.

Feeds carry impossible dates (Feb 30), placeholders (1970, 0000-00-00) and far-future
ones that would pin an article to the top of every list; those become None so the
library falls back to the first-seen time.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC, datetime, timedelta

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)  # no web feed is older
FUTURE_SLACK = timedelta(days=2)  # clocks and time zones drift; more than this is a lie

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?)?$"
)
_RFC822_HINT = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_UNIX_SECONDS = re.compile(r"^\d{9,10}$")

# Zone names in feeds. RFC 822 names only the US ones; the rest are common in the wild
# (the US generic "PT"/"ET" read as standard time, as feedparser does).
_ZONES = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "PT": -8,
    "MT": -7,
    "CT": -6,
    "ET": -5,
    "AT": -4,
    "AST": -4,
    "ADT": -3,
    "MET": 1,
    "MEST": 2,
    "CET": 1,
    "CEST": 2,
    "BST": 1,
    "IST": 5.5,
    "JST": 9,
    "AEST": 10,
    "AEDT": 11,
    "EET": 2,
    "EEST": 3,
    "WET": 0,
    "WEST": 1,
    "MSK": 3,
    "HKT": 8,
    "SGT": 8,
    "KST": 9,
}
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# RFC 822 as feeds write it: optional weekday, stray commas, a missing time, 4-digit years
# below 100 (0001 is year 1, not 2001), zones as names or +hh:mm.
_RFC822 = re.compile(
    r"^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})"
    r"(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*$"
)
_UNREADABLE = object()  # a known format we could still not take apart: ask the fallback


def clamp(value: datetime | None, *, now: datetime | None = None) -> datetime | None:
    """`value` in UTC, or None when it is before 1995 or more than two days ahead."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    now = now or datetime.now(UTC)
    if value < EARLIEST or value > now + FUTURE_SLACK:
        return None
    return value


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """A UTC struct_time (as feedparser gives) as an aware datetime, or None."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, TypeError, OverflowError):
        return None


def _parse_iso(text: str) -> datetime | None:
    match = _ISO.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        leap = int(second or 0) == 60  # a leap second: the next minute, as feedparser
        value = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            59 if leap else int(second or 0),
            tzinfo=UTC,
        )
        value += timedelta(seconds=1) if leap else timedelta(0)
        offset = _zone_offset(zone)
        return value - offset if offset is not None else value
    except (ValueError, OverflowError):  # Feb 30, or year 1 pushed before year 1
        return None


def _zone_offset(zone: str | None) -> timedelta | None:
    if not zone or zone in ("Z", "z"):
        return None
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
        return delta if zone[0] == "+" else -delta
    hours = _ZONES.get(zone.upper())
    return timedelta(hours=hours) if hours is not None else None


def _parse_rfc822(text: str) -> datetime | object | None:
    match = _RFC822.match(text)
    if match is None:
        parts = email.utils.parsedate_tz(text)
        if parts is None:
            return _UNREADABLE
        year, month, day, hour, minute, second = parts[:6]
        zone = None
        offset_seconds = parts[9] or 0
    else:
        day_text, month_name, year_text, hour_text, minute_text, second_text, zone = match.groups()
        month = _MONTHS.get(month_name[:3].lower(), 0)
        if month == 0:
            return _UNREADABLE
        year, day = int(year_text), int(day_text)
        if len(year_text) == 2:  # RFC 850 two-digit years
            year += 2000 if year < 70 else 1900
        hour, minute, second = int(hour_text or 0), int(minute_text or 0), int(second_text or 0)
        offset_seconds = 0
    try:
        value = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
        if zone:
            offset = _zone_offset(zone)
            if offset is None and zone.upper() not in _ZONES:
                offset = timedelta(0)  # an unknown name: UTC, as RFC 822 says
            return value - (offset or timedelta(0))
        return value - timedelta(seconds=offset_seconds)
    except (ValueError, OverflowError):
        return None


def recognised(text: str) -> bool:
    """True when `text` is in a format this module reads (valid or not)."""
    text = text.strip()
    return bool(_ISO.match(text) or _RFC822_HINT.search(text) or _UNIX_SECONDS.match(text))


def parse_date(
    text: str | None, *, fallback: datetime | None = None, now: datetime | None = None
) -> datetime | None:
    """A feed date as aware UTC, clamped to [1995, now + 2 days], or None.

    A string in a format we know (ISO 8601, RFC 822/850, Unix seconds) is judged by us
    alone, so "2026-02-30" is None rather than rolled over into March. Only a string we
    do not recognise uses `fallback` (a value another parser found), still clamped.
    """
    text = (text or "").strip()
    if not text:
        return clamp(fallback, now=now)
    if not recognised(text):
        return clamp(fallback, now=now)
    if _UNIX_SECONDS.match(text):
        return clamp(datetime.fromtimestamp(int(text), tz=UTC), now=now)
    value = _parse_iso(text) if _ISO.match(text) else _parse_rfc822(text)
    if value is _UNREADABLE:
        return clamp(fallback, now=now)
    assert value is None or isinstance(value, datetime)
    return clamp(value, now=now)


def iso_datetime(value: object, *, keep_offset: bool = False) -> datetime | None:
    """An ISO 8601 string (trailing Z allowed) as aware UTC; naive means UTC.

    For the story commands' JSON lines, where anything else (null, numbers, junk)
    simply means "undated". `keep_offset` keeps the writer's own offset (the same
    instant): "yesterday" in an article is read against its local date.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed if keep_offset else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None

"""Feed dates: parse RFC 822 and ISO 8601 strictly, and drop dates that cannot be true.

Feeds carry impossible dates (Feb 30), placeholders (1970, 0000-00-00) and far-future
ones that would pin an article to the top of every list; those become None so the
library falls back to the first-seen time.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import datetime, timedelta, timezone

EARLIEST = datetime(1995, 1, 1, tzinfo=timezone.utc)  # no web feed is older
FUTURE_SLACK = timedelta(days=2)  # clocks and time zones drift; more than this is a lie

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?)?$"
)
_RFC822_HINT = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_UNIX_SECONDS = re.compile(r"^\d{9,10}$")

# Zone names email.utils does not know; it would silently read them as UTC.
_ZONES = {"CET": 1, "CEST": 2, "BST": 1, "IST": 5.5, "JST": 9, "AEST": 10, "AEDT": 11,
          "EET": 2, "EEST": 3, "WET": 0, "WEST": 1, "MSK": 3, "HKT": 8, "SGT": 8, "KST": 9}


def clamp(value: datetime | None, *, now: datetime | None = None) -> datetime | None:
    """`value` in UTC, or None when it is before 1995 or more than two days ahead."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    value = value.astimezone(timezone.utc)
    now = now or datetime.now(timezone.utc)
    if value < EARLIEST or value > now + FUTURE_SLACK:
        return None
    return value


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """A UTC struct_time (as feedparser gives) as an aware datetime, or None."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc)
    except (ValueError, TypeError, OverflowError):
        return None


def _parse_iso(text: str) -> datetime | None:
    match = _ISO.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        value = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                         int(second or 0), tzinfo=timezone.utc)
    except ValueError:
        return None
    offset = _zone_offset(zone)
    return value - offset if offset is not None else value


def _zone_offset(zone: str | None) -> timedelta | None:
    if not zone or zone in ("Z", "z"):
        return None
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
        return delta if zone[0] == "+" else -delta
    hours = _ZONES.get(zone.upper())
    return timedelta(hours=hours) if hours is not None else None


def _parse_rfc822(text: str) -> datetime | None:
    parts = email.utils.parsedate_tz(text)
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    if year < 100:  # RFC 850 two-digit years
        year += 2000 if year < 70 else 1900
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        return None
    offset_seconds = parts[9]
    zone = text.strip().rsplit(" ", 1)[-1].upper()
    if zone in _ZONES:
        offset_seconds = int(_ZONES[zone] * 3600)
    return value - timedelta(seconds=offset_seconds or 0)


def recognised(text: str) -> bool:
    """True when `text` is in a format this module reads (valid or not)."""
    text = text.strip()
    return bool(_ISO.match(text) or _RFC822_HINT.search(text) or _UNIX_SECONDS.match(text))


def parse_date(text: str | None, *, fallback: datetime | None = None,
               now: datetime | None = None) -> datetime | None:
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
        value: datetime | None = datetime.fromtimestamp(int(text), tz=timezone.utc)
    else:
        value = _parse_iso(text) if _ISO.match(text) else _parse_rfc822(text)
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
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed if keep_offset else parsed.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None

"""Date cues in news prose, resolved against the article's publication date.

`find_dates(text, published)` returns every cue it understands, with its offsets and
the date range it names at the precision the text gives (a day, a span of days, a
week, part of a month, a month, a season or part of a year, a year).

Rules (news writing conventions; the publication date is taken in UTC):
- A bare weekday ("Monday", "on Thursday", "early Tuesday") is the most recent such
  day on or before the publication date: the same day when it is the publication
  weekday. In a future clause ("will", "set to", "expected to", "scheduled", "plans
  to", "next") it is the next such day on or after it. "last Friday" is always before
  the publication day (7 days back when the weekday is the same).
- "overnight" is the night before publication (2 days); "overnight Monday" is the
  night from Monday into Tuesday.
- A month and day without a year ("Jan 30", "30 January", "until February 1") take the
  year that puts the date nearest the publication date, where dates more than a week in
  the future count three times as far unless the clause speaks of the future.
- A month without a year ("in March") is the latest one not after the publication
  month, or the next one in a future clause; "last May" is strictly before it.
- Without a publication date, only cues that carry their own year are resolved.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PRECISIONS = ("day", "days", "week", "mid-month", "part-month", "month", "season", "year")


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date  # inclusive; == start for a single day
    precision: str  # one of PRECISIONS
    label: str  # "Jan 29, 2026", "Feb 2–3, 2026", "Mid-Jan 2026", "Mar 2022", "2019"
    cue: str  # the words that named the date, as written
    cue_start: int
    cue_end: int


# ------------------------------------------------------------------ labels


def format_label(start: date, end: date, precision: str) -> str:
    """A short human label for a date range at a given precision."""
    m, y = MONTHS[start.month - 1], start.year
    if precision == "day":
        return f"{m} {start.day}, {y}"
    if precision == "days":
        if start.year != end.year:
            return f"{m} {start.day}, {y}–{MONTHS[end.month - 1]} {end.day}, {end.year}"
        if start.month != end.month:
            return f"{m} {start.day}–{MONTHS[end.month - 1]} {end.day}, {y}"
        return f"{m} {start.day}–{end.day}, {y}"
    if precision == "week":
        return f"Week of {m} {start.day}, {y}"
    if precision in ("mid-month", "part-month"):
        part = "Early" if start.day == 1 else "Mid" if start.day <= 15 else "Late"
        return f"{part}-{m} {y}" if part == "Mid" else f"{part} {m} {y}"
    if precision == "month":
        return f"{m} {y}"
    if precision == "season":
        return _season_label(start, end)
    return str(y)


def _season_label(start: date, end: date) -> str:
    if start.year != end.year:
        return f"Winter {start.year}–{str(end.year)[2:]}"
    span = (start.month, end.month)
    names = {(3, 5): "Spring", (6, 8): "Summer", (9, 11): "Autumn", (1, 4): "Early",
             (5, 8): "Mid", (9, 12): "Late"}
    name = names.get(span, "")
    return f"{name}-{start.year}" if name == "Mid" else f"{name} {start.year}".strip()


# ------------------------------------------------------------------ date arithmetic


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), _month_end(y, m)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _nearest_year(month: int, day: int, pub: date, future: bool) -> date | None:
    best: tuple[float, date] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        diff = (d - pub).days
        cost = abs(diff) * (3 if diff > 7 and not future else 1)
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


# ------------------------------------------------------------------ patterns

_MONTH = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![a-z])")
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d\-])"
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:'s|’s)?"
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2)}
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_FUTURE = re.compile(r"\b(?:will|won't|'ll|set to|expected to|expects?|scheduled|due to|plans? to|"
                     r"planned|going to|next|is to|are to|would resume|to resume|upcoming)\b",
                     re.IGNORECASE)


def _month_no(name: str) -> int:
    return MONTHS.index(name[:3].title()) + 1


Resolver = Callable[[re.Match[str], date | None, bool], tuple[date, date, str] | None]
_RULES: list[tuple[re.Pattern[str], Resolver]] = []


def _rule(pattern: str) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        _RULES.append((re.compile(pattern), fn))
        return fn
    return register


@_rule(r"\b" + _MONTH + r"\s+(?P<d1>\d{1,2})" + _ORD + r"\s*[-–—]\s*(?P<d2>\d{1,2})" + _ORD
       + r"(?!\d)(?:,?\s+" + _YEAR + ")?")
def _day_range(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    month, d1, d2 = _month_no(m["mon"]), int(m["d1"]), int(m["d2"])
    start = _explicit_day(month, d1, m["year"], pub, future)
    if start is None or d2 <= d1 or d2 > calendar.monthrange(start.year, month)[1]:
        return None
    return start, start.replace(day=d2), "days"


def _explicit_day(month: int, day: int, year: str | None, pub: date | None,
                  future: bool) -> date | None:
    if year:
        try:
            return date(int(year), month, day)
        except ValueError:
            return None
    return _nearest_year(month, day, pub, future) if pub else None


@_rule(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})" + _ORD + r"(?![\d:])(?:,?\s+" + _YEAR + ")?")
def _month_day(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    d = _explicit_day(_month_no(m["mon"]), int(m["day"]), m["year"], pub, future)
    return (d, d, "day") if d else None


@_rule(r"\b(?P<day>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + ")?")
def _day_month(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    d = _explicit_day(_month_no(m["mon"]), int(m["day"]), m["year"], pub, future)
    return (d, d, "day") if d else None


@_rule(r"\b(?P<year>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<day>\d\d)\b")
def _iso(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    try:
        d = date(int(m["year"]), int(m["mo"]), int(m["day"]))
    except ValueError:
        return None
    return d, d, "day"


@_rule(r"(?i:\b(?P<part>early|mid|late)[-\s]+(?:in\s+)?)" + _MONTH + r"(?:,?\s+" + _YEAR + ")?")
def _part_month(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    month = _month_no(m["mon"])
    year = int(m["year"]) if m["year"] else _month_year(month, pub, future, strictly_past=False)
    if year is None:
        return None
    lo, hi = _PARTS[m["part"].lower()]
    end = min(hi, calendar.monthrange(year, month)[1])
    precision = "mid-month" if m["part"].lower() == "mid" else "part-month"
    return date(year, month, lo), date(year, month, end), precision


@_rule(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR)
def _month_year_rule(m: re.Match[str], pub: date | None,
                     future: bool) -> tuple[date, date, str] | None:
    return (*_month_range(int(m["year"]), _month_no(m["mon"])), "month")


def _month_year(month: int, pub: date | None, future: bool, strictly_past: bool) -> int | None:
    if pub is None:
        return None
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    if strictly_past:
        return pub.year if month < pub.month else pub.year - 1
    return pub.year if month <= pub.month else pub.year - 1


@_rule(r"(?i:\b(?P<rel>last|this|next|in|since|until|by|from|during|through)\s+)" + _MONTH
       + r"(?!,?\s+(?:of\s+)?\d)")
def _rel_month(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    rel = m["rel"].lower()
    year = _month_year(_month_no(m["mon"]), pub, future or rel == "next", rel == "last")
    return None if year is None else (*_month_range(year, _month_no(m["mon"])), "month")


@_rule(r"(?i:\b(?P<rel>in|since|until|by|during|from|of|before|after|throughout)\s+"
       r"(?:(?:the\s+)?(?P<part>early|mid|late)[-\s]?)?)" + _YEAR)
def _year(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    return _year_or_part(int(m["year"]), m["part"])


def _year_or_part(year: int, part: str | None) -> tuple[date, date, str]:
    if part:
        lo, hi = _YEAR_PARTS[part.lower()]
        return date(year, lo, 1), _month_end(year, hi), "season"
    return date(year, 1, 1), date(year, 12, 31), "year"


@_rule(r"(?i:\b(?:(?P<part>early|late|mid)[-\s]+)?(?P<rel>last|this|next)\s+year\b)")
def _rel_year(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    year = pub.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _year_or_part(year, m["part"])


@_rule(r"(?i:\b(?:(?P<when>earlier|later)\s+)?(?P<rel>last|this|next)\s+(?P<unit>week|month)\b)")
def _rel_period(m: re.Match[str], pub: date | None,
                future: bool) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    if m["unit"].lower() == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6), "week"
    y, mo = _add_months(pub.year, pub.month, step)
    return (*_month_range(y, mo), "month")


@_rule(r"(?i:\b(?P<rel>last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter)\b)")
def _rel_season(m: re.Match[str], pub: date | None,
                future: bool) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    lo, hi = _SEASONS[m["season"].lower()]
    rel = m["rel"].lower()
    # The year in which this season starts: the latest start not after publication.
    year = pub.year if (pub.month, pub.day) >= (lo, 1) else pub.year - 1
    if rel == "last" and (year == pub.year and pub.month <= (hi if hi >= lo else 12)
                          or lo == 12 and pub.month in (12, 1, 2)):
        year -= 1  # the season is still running: "last" means the one before
    if rel == "next":
        year += 1
    return _season_range(year, lo, hi)


def _season_range(year: int, lo: int, hi: int) -> tuple[date, date, str]:
    end_year = year + 1 if hi < lo else year
    return date(year, lo, 1), _month_end(end_year, hi), "season"


@_rule(r"(?i:\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)" + _YEAR)
def _season_year(m: re.Match[str], pub: date | None,
                 future: bool) -> tuple[date, date, str] | None:
    lo, hi = _SEASONS[m["season"].lower()]
    year = int(m["year"]) - (1 if lo == 12 else 0)  # "winter 2022" = Dec 2021 – Feb 2022
    return _season_range(year, lo, hi)


@_rule(r"(?i:\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
       r"\s+(?P<unit>day|week|month|year)s?\s+ago\b)")
def _ago(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUM[raw]
    unit = m["unit"].lower()
    if unit == "day":
        d = pub - timedelta(days=n)
        return d, d, "day"
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday(), weeks=n)
        return monday, monday + timedelta(days=6), "week"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, -n)
        return (*_month_range(y, mo), "month")
    return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"


@_rule(r"(?i:\b(?P<word>yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|"
       r"last\s+night|overnight(?!\s+(?:on\s+|into\s+|to\s+)?"
       r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)))")
def _rel_day(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    word = m["word"].lower().split()[0]
    if word == "overnight":
        return pub - timedelta(days=1), pub, "days"
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    d = pub + timedelta(days=shift)
    return d, d, "day"


@_rule(r"(?i:\b(?:(?P<rel>last|this|next|early|late|overnight(?:\s+(?:on|into|to))?|on)\s+)?)"
       + _WEEKDAY + r"(?i:\s+(?:morning|afternoon|evening|night))?")
def _weekday(m: re.Match[str], pub: date | None, future: bool) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    wd = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun").index(m["wd"].lower())
    rel = (m["rel"] or "").lower().split()
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if rel[:1] == ["last"]:
        d = pub - timedelta(days=back or 7)
    elif rel[:1] == ["next"]:
        d = pub + timedelta(days=ahead or 7)
    elif future:
        d = pub + timedelta(days=ahead)
    else:
        d = pub - timedelta(days=back)
    if rel[:1] == ["overnight"]:
        if rel[1:] in (["into"], ["to"]):
            return d - timedelta(days=1), d, "days"  # "overnight into Tuesday"
        return d, d + timedelta(days=1), "days"  # "overnight Monday": Monday night
    return d, d, "day"


# ------------------------------------------------------------------ public API


def _as_date(published: datetime | date | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def _future_clause(text: str, start: int) -> bool:
    clause_start = max(text.rfind(sep, 0, start) for sep in (". ", "; ", "? ", "! ")) + 1
    return bool(_FUTURE.search(text[max(clause_start, start - 60):start]))


def find_dates(text: str, published: datetime | date | None) -> tuple[ResolvedDate, ...]:
    """Every date cue in `text` that can be resolved, in text order, not overlapping."""
    pub = _as_date(published)
    found: list[tuple[int, int, re.Match[str], Resolver]] = []
    for pattern, resolver in _RULES:
        for m in pattern.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), m, resolver))
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[ResolvedDate] = []
    taken_until = -1
    for start, _, m, resolver in found:
        if start < taken_until:
            continue
        resolved = resolver(m, pub, _future_clause(text, start))
        if resolved is None:
            continue
        lo, hi, precision = resolved
        out.append(ResolvedDate(lo, hi, precision, format_label(lo, hi, precision),
                                m.group(), m.start(), m.end()))
        taken_until = m.end()
    return tuple(out)


def resolve(text: str, published: datetime | date | None) -> ResolvedDate | None:
    """The first resolvable date cue in `text` (None if there is none)."""
    dates = find_dates(text, published)
    return dates[0] if dates else None

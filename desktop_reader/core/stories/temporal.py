"""Date cues in news prose, resolved against the article's publication date.

`find_dates(text, published)` returns every cue it understands, with its offsets and
the date range it names at the precision the text gives (a day, a span of days, a
week, part of a month, a month, a season or part of a year, a year).

Rules (news writing conventions; the publication date is the article's own local date,
in the time zone its timestamp carries):
- The tense of a cue is the tense of the nearest verb marker in its clause, looking
  back first and then ahead: future ("will", "would", "should", "set to", "expected
  to", "scheduled", "plans to", "next"), present ("is", "are", "faces", "meet") or
  past ("was", "said", "-ed" verbs, common irregular past forms; a participle after
  "be" does not count). An attribution ("said on Thursday", "told reporters Monday")
  is always past.
- A bare weekday ("Monday", "on Thursday", "early Tuesday") is the most recent such
  day on or before the publication date (the same day when it is the publication
  weekday) unless its clause is future or present tense: then it is the next such day
  on or after it ("Rovers face Athletic on Saturday" in a Friday article is tomorrow).
  "last Friday" is always before the publication day (7 days back when the weekday
  is the same); "this Sunday" is the coming one unless its clause is past. Newspapers
  named for a day ("the Mail on Sunday", "the Sunday Times") are not dates.
- A cue in a future clause, or one that names a later period ("next year", "later
  this month"), is marked `planned`: a plan or forecast, not an event.
- "this month", "this year", "earlier this month/year" in a past clause end at the
  publication date: the event happened in that part of the period already gone.
- Ranges: "March 3-5", "March 30 to April 2", "between March 3 and 5", "from Monday
  to Wednesday".
- "overnight" is the night before publication (2 days); "overnight Monday" is the
  night from Monday into Tuesday.
- A month and day without a year ("Jan 30", "30 January", "until February 1") take the
  year that puts the date nearest the publication date, where dates more than a week in
  the future count three times as far unless the clause speaks of the future.
- A month without a year ("in March") is the latest one not after the publication
  month, the next one in a future clause, the nearer one in a present clause ("the
  festival is in August"); "last May" is strictly before it.
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
    planned: bool = False  # a future clause or a later period: a plan, not an event


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
        # Written as the range ("Nov 23–29, 2026"): "Week of …" wraps in a narrow column.
        return format_label(start, end, "days")
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
    names = {
        (3, 5): "Spring",
        (6, 8): "Summer",
        (9, 11): "Autumn",
        (1, 4): "Early",
        (5, 8): "Mid",
        (9, 12): "Late",
    }
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


def _nearest_year(month: int, day: int, pub: date, tense: str) -> date | None:
    best: tuple[float, date] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        diff = (d - pub).days
        if tense == "past" and diff > 1:
            continue  # "reopened on December 1" in a November article: last December
        cost = abs(diff) * (3 if diff > 7 and tense != "future" else 1)
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


# ------------------------------------------------------------------ patterns

_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![a-z])"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d\-]|['’]?s\b)"  # not "the 1990s"
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:'s|’s)?"
_NUM = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_COMMA = r"(?:\s?,)?\s+"  # "June 25, 2009", and tokenised text's "June 25 , 2009"
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|set to|expected to|expects?|scheduled|due to|plans? to|"
    r"planned|going to|next|is to|are to|would|could|should|might|"
    r"to resume|upcoming|(?:voted|agreed|decided|pledged|promised|vowed|"
    r"threatened|wants?|hopes?|aims?|intends?) to|"
    r"later this)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:is|are|faces?|meets?|plays?|hosts?|opens?|takes? place|kicks? off|"
    r"resumes?|travels?|runs)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|has been|have been|said|told|went|came|began|fell|"
    r"took|made|won|lost|left|held|hit|struck|broke|saw|gave|rose|sent|sold|met|"
    r"ran|led|fled|found|got|shot|drove|spoke|wrote|overnight|earlier|ago|"
    r"[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
# "said on Thursday", "told reporters late Monday": the time of the telling, always past.
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,2}|announced|confirmed|added|"
    r"reported|wrote|posted)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# "should be reconnected", "are completed": a participle after "be" has no tense of its own
# (the auxiliary before it is the marker).
_PASSIVE = re.compile(r"\b(?:be|is|are|was|were|being)\s+$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:!?]\s|\s[—–]\s")
TENSE_WINDOW = 60  # characters each side of a cue searched for its verb


def _month_no(name: str) -> int:
    return MONTHS.index(name[:3].title()) + 1


Resolver = Callable[[re.Match[str], date | None, str], tuple[date, date, str] | None]
_RULES: list[tuple[re.Pattern[str], Resolver]] = []


def _rule(pattern: str) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        _RULES.append((re.compile(pattern), fn))
        return fn

    return register


@_rule(
    r"\b"
    + _MONTH
    + r"\s+(?P<d1>\d{1,2})"
    + _ORD
    + r"\s*[-–—]\s*(?P<d2>\d{1,2})"
    + _ORD
    + r"(?!\d)(?:"
    + _COMMA
    + _YEAR
    + ")?"
)
def _day_range(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    month, d1, d2 = _month_no(m["mon"]), int(m["d1"]), int(m["d2"])
    start = _explicit_day(month, d1, m["year"], pub, tense)
    if start is None or d2 <= d1 or d2 > calendar.monthrange(start.year, month)[1]:
        return None
    return start, start.replace(day=d2), "days"


def _explicit_day(
    month: int, day: int, year: str | None, pub: date | None, tense: str
) -> date | None:
    if year:
        try:
            return date(int(year), month, day)
        except ValueError:
            return None
    return _nearest_year(month, day, pub, tense) if pub else None


@_rule(
    r"(?i:\b(?:between|from)\s+)"
    + _MONTH
    + r"\s+(?P<d1>\d{1,2})"
    + _ORD
    + r"(?i:\s+(?:and|to|through|until)\s+)(?:(?P<mon2>[A-Z][a-z]{2,8})\.?\s+)?(?P<d2>\d{1,2})"
    + _ORD
    + r"(?!\d)(?:"
    + _COMMA
    + _YEAR
    + ")?"
)
def _spelled_range(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    month = _month_no(m["mon"])
    start = _explicit_day(month, int(m["d1"]), m["year"], pub, tense)
    if start is None:
        return None
    month2 = month
    if m["mon2"]:
        try:
            month2 = _month_no(m["mon2"])
        except ValueError:
            return None
    year2 = start.year + (1 if month2 < month else 0)
    try:
        end = date(year2, month2, int(m["d2"]))
    except ValueError:
        return None
    return (start, end, "days") if start < end <= start + timedelta(days=62) else None


@_rule(
    r"(?i:\b(?:from|between)\s+)"
    + _WEEKDAY
    + r"(?i:\s+(?:to|and|through|until)\s+)(?P<wd2>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
)
def _weekday_range(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    days = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
    first, last = days.index(m["wd"].lower()), days.index(m["wd2"].lower())
    if tense in ("future", "present"):
        start = pub + timedelta(days=(first - pub.weekday()) % 7)
    else:
        # The last such run that began on or before publication.
        start = pub - timedelta(days=(pub.weekday() - first) % 7)
    end = start + timedelta(days=(last - first) % 7)
    return start, end, "days"


@_rule(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})" + _ORD + r"(?![\d:])(?:" + _COMMA + _YEAR + ")?")
def _month_day(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    d = _explicit_day(_month_no(m["mon"]), int(m["day"]), m["year"], pub, tense)
    return (d, d, "day") if d else None


@_rule(r"\b(?P<day>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"(?:" + _COMMA + _YEAR + ")?")
def _day_month(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    d = _explicit_day(_month_no(m["mon"]), int(m["day"]), m["year"], pub, tense)
    return (d, d, "day") if d else None


@_rule(r"\b(?P<year>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<day>\d\d)\b")
def _iso(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    try:
        d = date(int(m["year"]), int(m["mo"]), int(m["day"]))
    except ValueError:
        return None
    return d, d, "day"


@_rule(r"(?i:\b(?P<part>early|mid|late)[-\s]+(?:in\s+)?)" + _MONTH + r"(?:" + _COMMA + _YEAR + ")?")
def _part_month(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    month = _month_no(m["mon"])
    year = int(m["year"]) if m["year"] else _month_year(month, pub, tense, strictly_past=False)
    if year is None:
        return None
    lo, hi = _PARTS[m["part"].lower()]
    end = min(hi, calendar.monthrange(year, month)[1])
    precision = "mid-month" if m["part"].lower() == "mid" else "part-month"
    return date(year, month, lo), date(year, month, end), precision


@_rule(r"\b" + _MONTH + _COMMA + r"(?:of\s+)?" + _YEAR)
def _month_year_rule(
    m: re.Match[str], pub: date | None, tense: str
) -> tuple[date, date, str] | None:
    return (*_month_range(int(m["year"]), _month_no(m["mon"])), "month")


def _month_year(month: int, pub: date | None, tense: str, strictly_past: bool) -> int | None:
    if pub is None:
        return None
    if tense == "future":
        return pub.year if month >= pub.month else pub.year + 1
    if strictly_past:
        return pub.year if month < pub.month else pub.year - 1
    if tense == "present":  # "the festival is in August": the nearer one, back on a tie
        back = (pub.month - month) % 12
        return (
            (pub.year if month <= pub.month else pub.year - 1)
            if back <= 6
            else (pub.year if month > pub.month else pub.year + 1)
        )
    return pub.year if month <= pub.month else pub.year - 1


@_rule(
    r"(?i:\b(?P<rel>last|this|next|in|since|until|by|from|during|through)\s+)"
    + _MONTH
    + r"(?!(?:\s?,)?\s+(?:of\s+)?\d)"
)
def _rel_month(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    rel = m["rel"].lower()
    year = _month_year(
        _month_no(m["mon"]), pub, "future" if rel == "next" else tense, rel == "last"
    )
    return None if year is None else (*_month_range(year, _month_no(m["mon"])), "month")


@_rule(
    r"(?i:\b(?P<rel>in|since|until|by|during|from|of|before|after|throughout)\s+"
    r"(?:(?:the\s+)?(?P<part>early|mid|late)[-\s]?)?)" + _YEAR
)
def _year(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    return _year_or_part(int(m["year"]), m["part"])


def _year_or_part(year: int, part: str | None) -> tuple[date, date, str]:
    if part:
        lo, hi = _YEAR_PARTS[part.lower()]
        return date(year, lo, 1), _month_end(year, hi), "season"
    return date(year, 1, 1), date(year, 12, 31), "year"


@_rule(
    r"(?i:\b(?:(?P<part>early|late|mid)[-\s]+|(?P<when>earlier|later)\s+)?"
    r"(?P<rel>last|this|next)\s+year\b)"
)
def _rel_year(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    year = pub.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    lo, hi, precision = _year_or_part(year, m["part"])
    return _this_period(lo, hi, precision, pub, m["rel"], m["when"], tense)


def _this_period(
    lo: date, hi: date, precision: str, pub: date, rel: str, when: str | None, tense: str
) -> tuple[date, date, str] | None:
    """ "this month/year" told in the past ends at publication; "later this" starts after it."""
    if rel.lower() != "this" or not lo <= pub <= hi:
        return lo, hi, precision
    if (when or "").lower() == "later" or (when is None and tense == "future"):
        return (pub + timedelta(days=1), hi, precision) if pub < hi else None
    if (when or "").lower() == "earlier" or tense == "past":
        return lo, pub, precision
    return lo, hi, precision


@_rule(r"(?i:\b(?:(?P<when>earlier|later)\s+)?(?P<rel>last|this|next)\s+(?P<unit>week|month)\b)")
def _rel_period(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    if m["unit"].lower() == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        return _this_period(
            monday, monday + timedelta(days=6), "week", pub, m["rel"], m["when"], tense
        )
    y, mo = _add_months(pub.year, pub.month, step)
    return _this_period(*_month_range(y, mo), "month", pub, m["rel"], m["when"], tense)


@_rule(r"(?i:\b(?P<rel>last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter)\b)")
def _rel_season(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    lo, hi = _SEASONS[m["season"].lower()]
    rel = m["rel"].lower()
    # The year in which this season starts: the latest start not after publication.
    year = pub.year if (pub.month, pub.day) >= (lo, 1) else pub.year - 1
    if rel == "last" and (
        (year == pub.year and pub.month <= (hi if hi >= lo else 12))
        or (lo == 12 and pub.month in (12, 1, 2))
    ):
        year -= 1  # the season is still running: "last" means the one before
    if rel == "next":
        year += 1
    return _season_range(year, lo, hi)


def _season_range(year: int, lo: int, hi: int) -> tuple[date, date, str]:
    end_year = year + 1 if hi < lo else year
    return date(year, lo, 1), _month_end(end_year, hi), "season"


@_rule(r"(?i:\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)" + _YEAR)
def _season_year(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    lo, hi = _SEASONS[m["season"].lower()]
    year = int(m["year"]) - (1 if lo == 12 else 0)  # "winter 2022" = Dec 2021 – Feb 2022
    return _season_range(year, lo, hi)


@_rule(
    r"(?i:\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
    r"\s+(?P<unit>day|week|month|year)s?\s+ago\b)"
)
def _ago(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
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


@_rule(
    r"(?i:\b(?P<word>yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|"
    r"last\s+night|overnight(?!\s+(?:on\s+|into\s+|to\s+)?"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)))"
)
def _rel_day(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    word = m["word"].lower().split()[0]
    if word == "overnight":
        return pub - timedelta(days=1), pub, "days"
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    d = pub + timedelta(days=shift)
    return d, d, "day"


@_rule(r"(?i:\b(?P<rel>last|this|next|the|at\s+the|over\s+the)\s+weekend\b)")
def _weekend(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    if pub is None:
        return None
    rel = m["rel"].lower().split()[0]
    saturday = pub + timedelta(days=(5 - pub.weekday()) % 7)  # on or after publication
    if pub.weekday() == 6:
        saturday = pub - timedelta(days=1)  # a Sunday article: this weekend is under way
    ahead = rel == "next" or (
        rel in ("this", "at", "the", "over") and tense in ("future", "present")
    )
    if rel == "next" and pub.weekday() >= 5:
        saturday += timedelta(days=7)
    if not ahead and saturday > pub:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), "days"


# Newspapers named for a day: "the Mail on Sunday", "the Sunday Times".
_NEWSPAPER_BEFORE = re.compile(r"\b(?:Mail|Independent|Scotland)\s+$")
_NEWSPAPER_AFTER = re.compile(r"\s+(?:Times|Telegraph|Mirror|Express|Herald|People|Post|Mail)\b")


@_rule(
    r"(?i:\b(?:(?P<rel>last|this|next|early|late|overnight(?:\s+(?:on|into|to))?|on)\s+)?)"
    + _WEEKDAY
    + r"(?i:\s+(?:morning|afternoon|evening|night))?"
)
def _weekday(m: re.Match[str], pub: date | None, tense: str) -> tuple[date, date, str] | None:
    if pub is None or _NEWSPAPER_BEFORE.search(m.string, 0, m.start()):
        return None
    if _NEWSPAPER_AFTER.match(m.string, m.end()):
        return None
    wd = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun").index(m["wd"].lower())
    rel = (m["rel"] or "").lower().split()
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if rel[:1] == ["last"]:
        d = pub - timedelta(days=back or 7)
    elif rel[:1] == ["next"]:
        d = pub + timedelta(days=ahead or 7)
    elif tense in ("future", "present") or (rel[:1] == ["this"] and tense != "past"):
        d = pub + timedelta(days=ahead)  # "Tune in this Sunday": the coming one
    else:
        d = pub - timedelta(days=back)
    if rel[:1] == ["overnight"]:
        if rel[1:] in (["into"], ["to"]):
            return d - timedelta(days=1), d, "days"  # "overnight into Tuesday"
        return d, d + timedelta(days=1), "days"  # "overnight Monday": Monday night
    return d, d, "day"


# ------------------------------------------------------------------ public API


def _as_date(published: datetime | date | None) -> date | None:
    """The publication day where it was published: an aware timestamp keeps its own offset."""
    if isinstance(published, datetime):
        return published.date()
    return published


def tense_at(text: str, start: int, end: int | None = None) -> str:
    """ "future", "present", "past" or "" for the cue at text[start:end] (see the rules)."""
    end = start if end is None else end
    before = text[max(0, start - TENSE_WINDOW) : start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    before = before[cut[-1] :] if cut else before
    if _ATTRIBUTION.search(before):
        return "past"
    marks: list[tuple[int, int, str]] = []  # (position, priority, tense)
    for priority, (pattern, name) in enumerate(
        ((_FUTURE, "future"), (_PRESENT, "present"), (_PAST, "past"))
    ):
        marks.extend(
            (m.end(), -priority, name)
            for m in pattern.finditer(before)
            if not _PASSIVE.search(before, 0, m.start())
        )
    if marks:
        return max(marks)[2]
    after = text[end : end + TENSE_WINDOW]
    stop = _CLAUSE_END.search(after)
    after = after[: stop.start()] if stop else after
    ahead: list[tuple[int, int, str]] = []
    for priority, (pattern, name) in enumerate(
        ((_FUTURE, "future"), (_PRESENT, "present"), (_PAST, "past"))
    ):
        ahead.extend(
            (m.start(), priority, name)
            for m in pattern.finditer(after)
            if not _PASSIVE.search(after, 0, m.start())
        )
    return min(ahead)[2] if ahead else ""


# Every cue holds one of these words: text without any is skipped (most sentences).
_ANCHOR = re.compile(
    r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\w*day|"
    r"tonight|tomorrow|night|overnight|week|weekend|month|year|ago|spring|summer|"
    r"autumn|fall|winter|morning|afternoon|evening))|\b(?:19|20)\d\d\b"
)


def find_dates(text: str, published: datetime | date | None) -> tuple[ResolvedDate, ...]:
    """Every date cue in `text` that can be resolved, in text order, not overlapping."""
    if not _ANCHOR.search(text):
        return ()
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
        tense = tense_at(text, start, m.end())
        resolved = resolver(m, pub, tense)
        if resolved is None:
            continue
        lo, hi, precision = resolved
        planned = pub is not None and (lo > pub or (tense == "future" and hi >= pub))
        out.append(
            ResolvedDate(
                lo,
                hi,
                precision,
                format_label(lo, hi, precision),
                m.group(),
                m.start(),
                m.end(),
                planned,
            )
        )
        taken_until = m.end()
    return tuple(out)


def resolve(text: str, published: datetime | date | None) -> ResolvedDate | None:
    """The first resolvable date cue in `text` (None if there is none)."""
    dates = find_dates(text, published)
    return dates[0] if dates else None


# Words a dateline line may hold before its date ("Posted: Jul 07, 2012", "Updated on
# Sunday 4 August 2013", "For immediate release"); any other lower-case word means the
# date is part of a sentence ("Page was born on April 22, 1923"), not the article's own.
_DATELINE_WORDS = frozenset(
    "on at posted published updated released last article for immediate release by".split()
)
DATELINE_CHARS = 40  # a dateline's date starts this near the start of the text or title


def dateline(title: str, text: str) -> date | None:
    """The day an undated article states as its own: a full date (day, month, year) at
    the start of its text or title, alone on its line or after dateline words and
    places ("June 11, 2012 at 12: 36 PM ET", "Washington D. C., Jul 13, 2009")."""
    for part in (text[: 2 * DATELINE_CHARS], title[: 2 * DATELINE_CHARS]):
        found = find_dates(part, None)
        if not found or found[0].precision != "day" or found[0].cue_start > DATELINE_CHARS:
            continue
        line = part[: found[0].cue_start].rsplit("\n", 1)[-1]
        words = re.findall(r"[A-Za-z]{2,}", line)
        if all(w[0].isupper() or w.lower() in _DATELINE_WORDS for w in words):
            return found[0].start
    return None

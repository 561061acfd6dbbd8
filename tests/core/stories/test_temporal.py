"""Date cues resolved against the publication date, on a hand-labelled set."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

from desktop_reader.core.stories.temporal import dateline, find_dates, format_label, resolve

DATA = Path(__file__).resolve().parents[2] / "data"
CUES = json.loads((DATA / "stories" / "timeline-cues.json").read_text(encoding="utf-8"))
BASELINE = json.loads((DATA / "baselines" / "summaries.json").read_text(encoding="utf-8"))


def _resolved(case: dict) -> dict | None:
    pub = date.fromisoformat(case["published"]) if case["published"] else None
    r = resolve(case["text"], pub)
    if r is None:
        return None
    return {
        "start": r.start.isoformat(),
        "end": r.end.isoformat(),
        "precision": r.precision,
        "label": r.label,
    }


def test_hand_labelled_cues_meet_the_floor() -> None:
    assert len(CUES) >= BASELINE["cue_count_min"]
    kinds = {c["kind"] for c in CUES}
    for needed in (
        "weekday",
        "overnight",
        "overnight weekday",
        "yesterday",
        "on month day",
        "until month day",
        "last month-name",
        "in month year",
        "in year",
        "earlier this month",
        "last week",
        "mid-month",
        "late last year",
        "years ago",
        "undated relative",
    ):
        assert needed in kinds, needed
    wrong = [
        (c["text"], c["published"], _resolved(c), c["expected"])
        for c in CUES
        if _resolved(c) != c["expected"]
    ]
    accuracy = 1 - len(wrong) / len(CUES)
    assert accuracy >= BASELINE["cue_accuracy"], wrong


def test_cue_offsets_point_at_the_words() -> None:
    text = (
        "Talks held in mid-January failed; strikes resumed overnight Monday, "
        "and on Feb 2-3 power was cut."
    )
    found = find_dates(text, datetime(2026, 2, 3, 9, 30, tzinfo=UTC))
    assert [text[d.cue_start : d.cue_end] for d in found] == [d.cue for d in found]
    assert [d.label for d in found] == ["Mid-Jan 2026", "Feb 2–3, 2026", "Feb 2–3, 2026"]


def test_labels_keep_the_precision() -> None:
    assert format_label(date(2026, 1, 29), date(2026, 1, 29), "day") == "Jan 29, 2026"
    assert format_label(date(2026, 1, 31), date(2026, 2, 1), "days") == "Jan 31–Feb 1, 2026"
    assert format_label(date(2022, 3, 1), date(2022, 3, 31), "month") == "Mar 2022"
    assert format_label(date(2019, 1, 1), date(2019, 12, 31), "year") == "2019"
    assert format_label(date(2025, 12, 1), date(2026, 2, 28), "season") == "Winter 2025–26"


def test_undated_article_keeps_only_cues_with_their_own_year() -> None:
    text = (
        "On Monday officials recalled that the dam failed in March 2022 and again on June 3, 2021."
    )
    assert [d.label for d in find_dates(text, None)] == ["Mar 2022", "Jun 3, 2021"]


def test_words_that_look_like_dates_are_not_dates() -> None:
    text = "You may march to the square; the May Day parade drew 2019 people and 30 marchers."
    assert find_dates(text, date(2026, 2, 3)) == ()


def test_a_dateline_at_the_top_is_the_articles_own_date() -> None:
    """An undated page that opens with its date ("June 11, 2031 at 12: 36 PM ET") states
    when it was written; a date inside a sentence (a birth date) or further down does not."""
    assert dateline("Harbour bridge reopens", "June 11, 2031 at 12: 36 PM ET\nThe bridge") == (
        date(2031, 6, 11)
    )
    assert dateline("", "Posted: Mar 4, 2030\nCrews finished the repairs.") == date(2030, 3, 4)
    assert dateline("", "Kestrel Bay, Jul 13, 2029 / 02: 00 pm\nThe ferry") == date(2029, 7, 13)
    assert dateline("9 September 2028 Last updated at 14: 39 GMT", "Thieves") == date(2028, 9, 9)
    assert dateline("Old singer dies", "Marra was born on April 22, 1953, in Orvale.") is None
    assert dateline("Bridge reopens", "Crews reopened the Harbour bridge in May 2031.") is None
    assert dateline("Bridge reopens", "On Tuesday the bridge reopened.") is None
    late = "The bridge, closed for two years of repairs, finally reopened on June 11, 2031."
    assert dateline("Bridge reopens", late) is None


def test_this_weekday_is_the_coming_one_unless_told_as_past() -> None:
    saturday = date(2011, 3, 12)
    assert resolve("Tune in this Sunday at 10am for the special.", saturday).start == date(
        2011, 3, 13
    )
    assert resolve("The vote was held this Sunday, officials said.", saturday).start == date(
        2011, 3, 6
    )


def test_newspapers_named_for_a_day_are_not_dates() -> None:
    monday = date(2005, 11, 14)
    assert find_dates("A Mail on Sunday reporter took it down in shorthand.", monday) == ()
    assert find_dates("The Sunday Times reported the deal first.", monday) == ()
    assert resolve("Police said on Sunday that two men were held.", monday).start == date(
        2005, 11, 13
    )

"""Dated, cited timelines built from the stories in tests/data/stories/."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop_reader.cli import main
from desktop_reader.commands.summarize import read_news_items
from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.timeline import (
    Timeline,
    build_timeline,
    chronological_key,
    day_features,
    rank_days,
)

STORIES = Path(__file__).resolve().parents[2] / "data" / "stories"
STRIKE = STORIES / "summary-calder-transit-strike.jsonl"


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_strike_timeline_end_to_end() -> None:
    items = read_news_items(STRIKE)
    events = build_timeline(items).events
    assert list(events) == sorted(events, key=chronological_key)
    by_id = {item.id: item for item in items}
    for e in events:
        src = e.sources[0]
        assert _norm(by_id[src.article_id].text[src.start : src.end]) == e.text
        assert e.citations == tuple(
            sorted(
                {
                    n
                    for n, item in enumerate(items, 1)
                    if item.id in {s.article_id for s in e.sources}
                }
            )
        )

    # Background: the 2022 strike (told by two outlets) and last May's stoppage, first.
    assert (events[0].label, events[0].precision, events[0].citations, events[0].background) == (
        "Mar 2022",
        "month",
        (1, 3),
        True,
    )
    assert (events[1].label, events[1].background) == ("May 2025", True)
    assert not any(e.background for e in events[2:])

    # The walkout, reported by three outlets on different days, is one event on Monday.
    walkout = [e for e in events if "walked off the job" in e.text or "began on Monday" in e.text]
    assert len(walkout) == 1
    assert walkout[0].date == date(2026, 3, 2) and walkout[0].label == "Mar 2, 2026"
    assert {1, 2} <= set(walkout[0].citations)

    labels = {e.label: e for e in events}
    assert "late Sunday" in labels["Mar 1, 2026"].text  # talks broke down the day before
    assert any("will resume Thursday" in e.text for e in events if e.date == date(2026, 3, 5))
    assert any("return to work on Saturday" in e.text for e in events if e.date == date(2026, 3, 7))


def test_article_without_cues_is_dated_by_its_publication() -> None:
    items = read_news_items(STORIES / "summary-grenhill-flood.jsonl")
    events = build_timeline(items).events
    rescue = [e for e in events if "Rescue teams" in e.text or "Emergency crews" in e.text]
    assert len(rescue) == 1 and rescue[0].date == date(2025, 11, 20)
    overnight = [e for e in events if e.precision == "days"]
    assert overnight and overnight[0].label == "Nov 19–20, 2025"
    assert not any("1968" in e.label or "2019" in e.label for e in events)  # "since", "previous"


def test_undated_articles_keep_only_absolute_dates() -> None:
    item = NewsItem(
        "u1",
        "Dam",
        "Engineers inspected the dam on Monday after heavy rain.\n\n"
        "The dam first failed in March 2022, flooding two villages.",
    )
    events = build_timeline([item]).events
    assert [(e.label, e.background) for e in events] == [("Mar 2022", False)]


def test_round_trip_and_empty_input() -> None:
    timeline = build_timeline(read_news_items(STRIKE))
    assert Timeline.from_dict(json.loads(json.dumps(timeline.to_dict()))) == timeline
    assert build_timeline([]).events == ()
    assert build_timeline([NewsItem("e", "", "")]).events == ()


def test_cli_timeline_json(capsys) -> None:
    assert main(["timeline", str(STRIKE), "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert events[0]["date"] == "2022-03-01" and events[0]["background"] is True
    fields = {"date", "end", "precision", "label", "text", "citations", "background"}
    assert fields <= set(events[0])
    assert main(["timeline", str(STRIKE)]) == 0
    assert "Mar 2, 2026 – Bus and tram drivers" in capsys.readouterr().out


def _article(n: int, published: str, text: str) -> NewsItem:
    return NewsItem(f"a{n}", f"Article {n}", text, datetime.fromisoformat(published))


def test_dates_read_as_a_reader_would_in_the_window() -> None:
    friday = "2026-11-27T09:00:00+00:00"
    items = [
        _article(
            1,
            friday,
            "Harbour Rovers beat Kelso Athletic 2-0 on Saturday in the cup tie.\n\n"
            "The drivers' strike will go ahead, the union leader said on "
            "Thursday evening to reporters.\n\nThe drivers' union wants a pay "
            "rise of nine percent next year for every member.",
        ),
        _article(
            2,
            "2026-11-28T09:00:00+00:00",
            "Harbour Rovers face Kelso Athletic again on Saturday in the league.\n\n"
            "Harbour Rovers was sold to new owners earlier this year after a long search.\n\n"
            "The old stadium closed in May 2026 after the stand was condemned.",
        ),
    ]
    events = build_timeline(items).events
    beat = next(e for e in events if "beat Kelso" in e.text)
    assert beat.date == date(2026, 11, 21)  # past tense: the Saturday before
    again = [e for e in events if "again on Saturday" in e.text]
    assert again and again[0].date == date(2026, 11, 28)  # present tense: the coming Saturday
    said = [e for e in events if "said on Thursday" in e.text]
    assert said and said[0].date == date(2026, 11, 26)
    assert not any("next year" in e.text for e in events)  # a plan, not an event
    sold = next(e for e in events if "earlier this year" in e.text)
    closed = next(e for e in events if "closed in May" in e.text)
    assert events.index(closed) < events.index(sold) and sold.label == "2026"
    assert all(e.label[0].isupper() or e.label[0].isdigit() for e in events)


def _milestone_story(milestones: int, reports: int) -> list[NewsItem]:
    """Daily reports from the first milestone on, each recalling every milestone day a
    week or more old."""
    items = []
    start = date(2026, 3, 1)
    for n in range(reports):
        day = start + timedelta(days=n)
        lines = ["Inspectors walked the whole canal again to check the damaged banks."]
        for k in range(milestones):
            when = start + timedelta(days=k)
            if (day - when).days >= 7:
                lines.append(
                    f"On {when:%B} {when.day}, inspectors in district {k} closed "
                    f"{k + 3} more canal locks after the flood."
                )
        items.append(
            NewsItem(
                f"m{n}",
                f"Canal report {n}",
                "\n\n".join(lines),
                datetime(day.year, day.month, day.day, 8, tzinfo=UTC),
            )
        )
    return items


def test_the_story_sets_the_number_of_events() -> None:
    story = _milestone_story(milestones=20, reports=30)
    big = build_timeline(story).events
    assert len([e for e in big if "canal locks" in e.text]) == 20  # not capped at 12
    assert len(big) == 20
    assert len(build_timeline(story, max_events=5).events) == 5
    small = build_timeline(_milestone_story(milestones=4, reports=12)).events
    assert len([e for e in small if "canal locks" in e.text]) == 4
    assert len(small) <= 12


def test_cli_events_option(tmp_path, capsys) -> None:
    story = tmp_path / "canal.jsonl"
    story.write_text(
        "".join(
            json.dumps(
                {"id": i.id, "title": i.title, "text": i.text, "published": i.published.isoformat()}
            )
            + "\n"
            for i in _milestone_story(20, 30)
        ),
        encoding="utf-8",
    )
    assert main(["timeline", str(story), "--json", "--events", "7"]) == 0
    assert len(json.loads(capsys.readouterr().out)["events"]) == 7
    assert main(["timeline", str(story), "--json", "--events", "auto"]) == 0
    assert len(json.loads(capsys.readouterr().out)["events"]) == 20


def test_what_dates_a_sentence() -> None:
    monday_deal = _article(
        1,
        "2026-11-24T08:00:00+00:00",
        "Corvane said on Monday it would buy Lyrix, the largest technology "
        "takeover in the country this year.\n\n"
        "Corvane will pay 42 crowns a share, 31% more than Lyrix's closing "
        "price on Friday.\n\n"
        "Ruiz scored his sixth goal of this year's competition for Harbour.",
    )
    events = build_timeline([monday_deal]).events
    deal = next(e for e in events if "would buy Lyrix" in e.text)
    assert deal.date == date(2026, 11, 23)  # the telling is the news, not "this year"
    assert not any("closing price" in e.text and e.date == date(2026, 11, 20) for e in events)
    assert not any("this year's competition" in e.text and e.precision == "year" for e in events)


def test_an_event_never_leans_on_a_sentence_it_is_not_next_to() -> None:
    """Issue 16, rule 2, for timelines: each event stands on its own line, so a sentence
    that opens on "They", "The company" or "But" is not an event; a fact also told in
    full elsewhere is shown in that telling."""
    published = datetime(2026, 11, 27, 9, tzinfo=UTC)
    items = [
        NewsItem(
            "a1",
            "Rovers lift the Cup",
            "\n\n".join(
                [
                    "Harbour Rovers beat Kelso Athletic 2-1 in the National Cup final at Quay "
                    "Stadium on Saturday.",
                    "They won last May's semi-final against Marlow Town on penalties.",
                    "The company said on Tuesday that ticket sales had doubled since the final.",
                    "But the club confirmed on Wednesday that its coach would leave in June.",
                ]
            ),
            published,
        ),
        NewsItem(
            "a2",
            "Cup final report",
            "\n\n".join(
                [
                    "Rovers beat Kelso Athletic 2-1 in the National Cup final on Saturday, their "
                    "first win in the competition since 1994.",
                    "He scored the winner on Saturday after coming on as a substitute.",
                ]
            ),
            published,
        ),
    ]
    events = build_timeline(items).events
    texts = [e.text for e in events]
    assert texts, "the final is an event"
    assert not any(t.startswith(("They ", "The company ", "But ", "He ")) for t in texts), texts
    final = [e for e in events if e.date == date(2026, 11, 21)]
    assert len(final) == 1 and final[0].text.startswith(("Harbour Rovers", "Rovers")), texts
    # Tuesday's and Wednesday's only tellings lean on their articles: no event for them.
    assert not any(e.date in (date(2026, 11, 24), date(2026, 11, 25)) for e in events), texts


def _recall_story() -> list[NewsItem]:
    """Thirty daily reports on a flood: the flood day (March 1) is recalled by three of
    the 23 reports a week or more after it, the dam breach (March 20) by two of the
    four reports a week after it; each is also told on its day."""
    quiet = "Water levels in the Kelby valley stayed high as crews kept working."
    flood = "On March 1, the river flooded the town of Kelby and its farms."
    breach = "On March 20, the dam above Kelby was breached by the floodwater."
    texts = {1: flood, 10: flood, 15: flood, 22: flood, 20: breach, 21: breach}
    texts |= {27: breach, 29: breach}
    items = []
    for n in range(1, 31):
        text = quiet + "\n\n" + texts[n] if n in texts else quiet
        items.append(_article(n, f"2024-03-{n:02d}T09:00:00+00:00", text))
    return items


def test_a_late_milestone_is_weighed_by_the_reports_that_could_recall_it() -> None:
    story = _recall_story()
    features = day_features(story)
    flood, breach = date(2024, 3, 1), date(2024, 3, 20)
    assert (features[flood].named_later, features[flood].could_recall) == (3, 23)
    assert (features[breach].named_later, features[breach].could_recall) == (2, 4)
    # Counted raw, the early day wins (more reports came after it to recall it)...
    assert rank_days(features, story, min_recallers=0, opening_weight=1.0)[0] == flood
    # ...but half the reports after the breach recall it, against an eighth for the flood.
    assert rank_days(features, story, opening_weight=1.0)[0] == breach
    # The flood opened the story (its first tenth weighs double): both are the top two.
    top = build_timeline(story, max_events=2).events
    assert [e.date for e in top] == [flood, breach]
    assert "dam above Kelby was breached" in top[1].text


def test_page_stamps_never_date_an_event() -> None:
    items = [
        _article(
            1,
            "2010-12-01T09:00:00+00:00",
            "LONDON | Wed Dec 1 , 2010 8:28 am EST LONDON (Reuters) - Markets were "
            "quiet in London as traders waited for the Kelby figures.\n\n"
            "Posted by : reader77 | November 18 , 2010 9:49 PM | Report abuse Great "
            "piece on the Kelby harbour.\n\n"
            "Harbour talks updated : Thu May 03 2012 06:46:00 The Kelby port board "
            "met its unions again.\n\n"
            "On November 29, the Kelby port board agreed a new pay deal with dockers.",
        )
    ]
    days = {e.date for e in build_timeline(items).events if e.precision == "day"}
    assert date(2010, 11, 29) in days  # the news itself is dated
    assert date(2010, 11, 18) not in days  # a reader comment's time stamp
    assert date(2012, 5, 3) not in days  # a related link's stamp
    assert date(2010, 12, 1) not in days  # the wire dateline is no event


def test_page_furniture_and_stray_quote_marks_are_cut_from_an_event() -> None:
    texts = {
        1: "29 November 2026 Last updated at 17:57 GMT Help The Kelby port board agreed "
        "a new pay deal with the dockers' union after a week of talks.",
        2: "Page last updated at 10:39 GMT , Monday , 30 November 2026 11:39 UK The first "
        "container ship in a week unloaded at Kelby harbour on Monday morning.",
        3: "'' The Kelby harbour festival takes place on 25 November with the dockers' band.",
        4: "On 24 November , I believe the Kelby port board made its best offer yet.",
    }
    items = [_article(n, f"2026-11-{28 + n % 3}T09:00:00+00:00", t) for n, t in texts.items()]
    events = build_timeline(items).events
    shown = {_norm(e.text) for e in events}
    assert (
        "The Kelby port board agreed a new pay deal with the dockers' union after a week of talks."
        in shown
    )
    assert any(t.startswith("The first container ship in a week unloaded") for t in shown), shown
    assert any(t.startswith("The Kelby harbour festival takes place") for t in shown), shown
    assert not any("Last updated" in t or "Help" in t or t.startswith("''") for t in shown), shown
    assert not any("I believe" in t for t in shown), shown  # someone's words, not an event
    for e in events:  # still verbatim: the source offsets hold the text
        n = int(e.sources[0].article_id[1:])
        src = e.sources[0]
        assert _norm(texts[n][src.start : src.end]) == _norm(e.text)


def test_the_tail_of_a_cut_sentence_is_never_an_event() -> None:
    # Tokenised text cut after "(D-La." leaves "-RRB- , who visited...": no subject, no event.
    items = [
        _article(
            1,
            "2026-11-27T09:00:00+00:00",
            "The Kelby port board met the dockers' union on Monday to discuss pay.\n\n"
            "-RRB- , who visited the Kelby docks on Wednesday , praised the dockers .\n\n"
            "and then the harbour master left the Kelby docks on Thursday .",
        )
    ]
    shown = [_norm(e.text) for e in build_timeline(items).events]
    assert "The Kelby port board met the dockers' union on Monday to discuss pay." in shown
    assert not any(t.startswith(("-RRB-", "and then")) for t in shown), shown


def test_the_days_that_opened_a_story_rank_before_as_busy_a_day_later() -> None:
    # A 100-day story: the rig fire on its first day is named by three reports, one of
    # them published that day (weight 4); a mid-story hearing by three reports published
    # that day (weight 6). Journalists open a timeline on how the story began.
    fire, hearing = date(2026, 1, 2), date(2026, 2, 20)
    texts = [
        (date(2026, 1, 2), "The Kelby rig caught fire on January 2 off the north coast."),
        (date(2026, 1, 3), "Crews fought the Kelby rig fire that began on January 2 all night."),
        (date(2026, 1, 4), "The rig fire of January 2 forced the Kelby platform to close."),
        *[
            (
                date(2026, 2, 20),
                f"Kelby port officials gave evidence to the harbour inquiry on February 20 ({n}).",
            )
            for n in range(3)
        ],
        (date(2026, 4, 11), "The Kelby harbour inquiry will report in the summer."),
    ]
    story = [
        NewsItem(f"a{n}", f"Kelby {n}", t, datetime(d.year, d.month, d.day, 9, tzinfo=UTC))
        for n, (d, t) in enumerate(texts, 1)
    ]
    features = day_features(story)
    assert features[fire].weight() < features[hearing].weight()
    assert rank_days(features, story, opening_weight=1.0)[0] == hearing
    assert rank_days(features, story)[0] == fire
    top = build_timeline(story, max_events=1).events
    assert [e.date for e in top] == [fire]

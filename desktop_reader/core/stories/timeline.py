"""Dated, cited timeline of a story.

Each content sentence that carries a date cue (see `temporal`) is a mention of the
date its cue names, read against its own article's publication date. Rules:
- The cue that dates a sentence is its most precise one, first in the text on a tie;
  cues in an attribution ("said on Friday") count only when there is no other, and
  cues that name a starting point ("since 1968", "the previous high set in 2019") or
  a reporting time are not events. A plan ("next year", "will ... in March") is not an
  event; a day named ahead ("talks resume on Thursday") is kept as scheduled.
- Long sentences are trimmed to the clause holding the cue (split at ";" and dashes);
  the text stays verbatim, with its offsets.
- Which days: a day's weight is the number of articles that name it or were published
  on it, plus twice the number that still name it a week or more after it (date
  reference and publication counts, as in
  the published timeline systems: a day the coverage keeps coming back to is a
  milestone, a day that only its own news mentions is not). Those later articles are
  read as a share of the articles published a week or more after the day (at least
  MIN_RECALLERS), scaled to the story's size: a late milestone has few articles after
  it, and raw counts favoured the story's first weeks. In the ranking (not the count),
  days in the OPENING_SHARE of the story's span weigh OPENING_WEIGHT times: the
  events that started a story are what a timeline opens on, while its coverage is
  still building up. Days more than
  STORY_START_MARGIN_DAYS before the first article rank after the story's own days
  (the published systems keep only the story's span). With `max_events=None`
  the story sets the count: every day of weight MILESTONE_WEIGHT or more, but at most
  one for every ARTICLES_PER_DAY dated articles (or as many as RECALLED_BY articles
  recall a week or more later), and at least MIN_EVENTS when there are that many
  dated days. A logistic regression on the same features (DATEWISE's
  date ranker), fitted by topic on the dev timelines, ranked no better than these
  weights (docs/notes/summaries-and-timelines.md).
- An article with no dated sentence within NEAR_PUBLICATION_DAYS of its publication
  contributes its lead sentence dated its publication day (unless the lead is already
  an event), so the days of a small story are on its timeline; these rank after days
  that articles name.
- A day's event is the fact most of its mentions agree on (`same_fact`), citing every
  article that states it; its text is the member most of the others agree with.
- Events known only to a week, month, season or year are kept when two articles or
  more tell them, or while the timeline is short of MIN_EVENTS (at most a quarter as
  many as the days, and at least 3).
- Events ending more than BACKGROUND_DAYS before the story's first article are
  background (earlier strikes, earlier truces...).
- Order: by the last day the event can have been (`chronological_key`), so "this
  year" told in November sits after a May event, and a month after its own days.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.coherence import needs_antecedent
from desktop_reader.core.stories.sentence_similarity import same_fact, terms
from desktop_reader.core.stories.sentences import (
    Sentence,
    content_sentences,
    rejection_reason,
    split_sentences,
    strip_dateline,
    word_count,
)
from desktop_reader.core.stories.summary import SentenceSource, first_person
from desktop_reader.core.stories.temporal import PRECISIONS, ResolvedDate, find_dates, format_label

BACKGROUND_DAYS = 14
NEAR_PUBLICATION_DAYS = 3  # an event this close to publication is the article's own news
MAX_EVENT_WORDS = 35  # longer sentences are trimmed to the clause holding the cue
MILESTONE_LAG_DAYS = 7  # an article naming a day this long after it looks back at a milestone
PUBLISHED_WEIGHT = 1  # an article published that day counts as one naming it
LATER_WEIGHT = 2  # an article naming the day a week or more later counts this much more
MIN_RECALLERS = 10  # a recall share is read over at least this many later articles
MILESTONE_WEIGHT = 4  # auto count: days at least this heavy (see the rules)
ARTICLES_PER_DAY = 5  # auto count: at most one day for every five dated articles...
RECALLED_BY = 2  # ...unless this many articles recall more days a week or more later
MIN_EVENTS = 12  # auto count: fewer only when the story has fewer dated days
STORY_START_MARGIN_DAYS = 3  # the first report may come a few days after the first event
# Days in the opening tenth of a story's span weigh double in the ranking: journalists'
# timelines hold a story's first days about twice as often as its coverage names them
# (every dev topic; the coverage is still building up then). Not in the count.
OPENING_SHARE = 0.1
OPENING_WEIGHT = 2.0
LONG_PARAGRAPH = 6
MAX_DAY_MENTIONS = 40  # sentences: article text, not a caption, whatever credit it holds
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|told|announced|added|reported|wrote|posted)"
    r"(?:\s+\w+)?\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_STARTING_POINT = re.compile(
    r"\b(?:since|previous(?:ly)?|record set|last time)\b[^,.;]{0,40}$", re.IGNORECASE
)
# "31% above its closing price on Friday": a reference point, not the event.
_REFERENCE_POINT = re.compile(
    r"\b(?:closing price|close|closing level|price)"
    r"\s+(?:(?:on|of)\s+)?$",
    re.IGNORECASE,
)
# "this year's competition": the current period as a scope, not a date.
_CURRENT_PERIOD = re.compile(r"(?i)this\s+(?:year|season|month|week)$")
_POSSESSIVE = re.compile(r"['’]s?\b")
# Page furniture flattened into the text: "Last updated at 17:57 GMT", "16:55 UK time,
# Tuesday": the page's own time, not an event.
# Also a wire dateline's "Mon Mar 7 , 2011 2:49 pm EST", a related link's "updated : Thu
# May 03 2012" and a reader comment's "June 10 , 2010 11:32 PM | Report abuse".
_STAMP = re.compile(
    r"(?i)\blast updated\b|\bupdated\s+at\b|\bupdated\s*:|\|\s*report abuse\b|\b\d{1,2}[:.]\d{2}\s*"
    r"(?:[ap]\.?m\.?\s*)?(?:GMT|BST|UTC|UK|ET|EST|EDT|CET)\b"
)
# Before an event's first word of prose: a clock time ("4:49 PM"), a dash, a page's
# "Last updated" stamp with its date and "Help" link ("29 September 2011 Last updated at
# 17:57 GMT Help", "Page last updated at 10:39 GMT , Wednesday , 28 September 2011 11:39
# UK"), and the closing quote mark a split quotation left behind ("'' The concert...").
_DAY_MONTH_YEAR = r"\d{1,2}\s+[A-Z][a-z]+\s*,?\s+\d{4}"
_LEADING_FURNITURE = re.compile(
    r"(?:\d{1,2}:\d{2}\s*[AP]\.?M\.?\s+|[-—–]{1,2}\s+|(?:''|”)\s+"
    rf"|(?:{_DAY_MONTH_YEAR}\s+)?(?:Page\s+)?[Ll]ast\s+updated\s+at\s+\d{{1,2}}[:.]\d{{2}}"
    r"(?:\s*(?:GMT|BST|UTC|UK|ET|EST|EDT))?"
    rf"(?:\s*,\s*[A-Z][a-z]+day\s*,\s*{_DAY_MONTH_YEAR})?"
    r"(?:\s+\d{1,2}[:.]\d{2}(?:\s*(?:GMT|BST|UK))?)?(?:\s+Help)?\s+)+"
)
STAMP_REACH = 30
# The tail of a sentence cut at an abbreviation: a closing bracket (tokenised "-RRB-") or
# an all-lower-case first word ("Sen. Mary Landrieu (D-La.) , who visited..." cut after "La.").
_FRAGMENT = re.compile(r"-R[RS]B-|[)\]]|[a-z]+\b")
_CLAUSE_BREAK = re.compile(r";\s+|\s[—–]\s")


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date  # start of the range the text names
    end: dt.date
    precision: str
    label: str
    text: str
    citations: tuple[int, ...]  # 1-based Sources numbers, ascending
    sources: tuple[SentenceSource, ...]  # [0] holds `text` verbatim
    background: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
            "label": self.label,
            "text": self.text,
            "citations": list(self.citations),
            "sources": [s.to_dict() for s in self.sources],
            "background": self.background,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimelineEvent:
        return cls(
            dt.date.fromisoformat(d["date"]),
            dt.date.fromisoformat(d["end"]),
            d["precision"],
            d["label"],
            d["text"],
            tuple(int(c) for c in d["citations"]),
            tuple(SentenceSource.from_dict(s) for s in d["sources"]),
            bool(d.get("background", False)),
        )


@dataclass(frozen=True)
class Timeline:
    events: tuple[TimelineEvent, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"events": [e.to_dict() for e in self.events]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Timeline:
        return cls(tuple(TimelineEvent.from_dict(e) for e in d.get("events", ())))


@dataclass
class _Mention:
    article: int
    item: NewsItem
    sentence: Sentence  # possibly trimmed to a clause
    when: ResolvedDate
    rank: int
    terms: list[str]
    lead: bool = False  # a lead dated only by its article's publication

    @property
    def standalone(self) -> bool:
        """Readable on its own line: an event is never next to the sentence it leans on
        ("They won...", "The company said on Monday...", "But..."). Like an article's
        opening sentence it stands under the story's headline, so a definite reference to
        what the story is about ("The dam failed...") may stay. A first-person sentence
        ("I believe the judge will...") is someone's words, not an event; the tail of a
        sentence the splitter cut ("-RRB- , who visited Louisiana on Friday .") is none."""
        text = self.sentence.text
        return not (
            needs_antecedent(text, opening=True) or first_person(text) or _FRAGMENT.match(text)
        )

    @property
    def key(self) -> tuple[date, date]:
        return self.when.start, self.when.end


def chronological_key(event: TimelineEvent) -> tuple[date, date, tuple[int, ...]]:
    """Timeline order: the last day the event can have been, then its first."""
    return event.end, event.date, event.citations


def build_timeline(items: Sequence[NewsItem], *, max_events: int | None = None) -> Timeline:
    """The dated events of one story (articles in Sources order), oldest first.

    `max_events=None` lets the story set the number of events (see the rules).
    """
    mentions: list[_Mention] = []
    for n, item in enumerate(items, 1):
        mentions.extend(_mentions(n, item))
    by_day: dict[date, list[_Mention]] = defaultdict(list)
    coarse: list[_Mention] = []
    for m in mentions:
        if m.when.precision == "day":
            by_day[m.when.start].append(m)
        elif not m.when.planned and m.standalone:
            coarse.append(m)
    dates = [i.published.date() for i in items if i.published is not None]
    first_day = min(dates) if dates else None
    features = _day_features(by_day, items)
    ranked = rank_days(features, items)
    if max_events is None:
        n_days = auto_day_count(features, ranked, items)
        n_coarse = max(3, n_days // 4)
    else:
        n_days = n_coarse = max_events
    # A day whose every mention leans on the sentence before it has no event to show:
    # the next day takes its place.
    groups: list[list[_Mention]] = []
    for d in ranked:
        if len(groups) >= n_days:
            break
        standalone = [m for m in by_day[d] if m.standalone]
        if standalone:
            groups.append(_day_event(standalone))
    # Coarse events: those told twice first; one told once only fills a small timeline.
    by_support = sorted(
        _group(coarse),
        key=lambda g: (
            -len({m.article for m in g}),
            PRECISIONS.index(g[0].when.precision),
            g[0].rank,
            g[0].article,
        ),
    )
    kept = 0
    for g in by_support:
        if kept >= n_coarse:
            break
        if len({m.article for m in g}) >= 2 or max_events is not None or len(groups) < MIN_EVENTS:
            groups.append(g)
            kept += 1
    if max_events is not None:
        groups.sort(
            key=lambda g: (
                -len({m.article for m in g}),
                PRECISIONS.index(g[0].when.precision),
                g[0].rank,
                g[0].article,
            )
        )
        groups = groups[:max_events]
    events = [_event(g, first_day) for g in groups]
    events.sort(key=chronological_key)
    return Timeline(tuple(events))


@dataclass(frozen=True)
class DayFeatures:
    """What the coverage says about one day (the date features of the published systems)."""

    named: int  # articles with a sentence dated that day (publication leads excluded)
    named_later: int  # of those, published MILESTONE_LAG_DAYS or more after it
    published: int  # articles published that day
    told: int  # articles naming it or led by it (the tie-break)
    could_recall: int = 0  # the story's articles published MILESTONE_LAG_DAYS or more after it
    dated: int = 0  # the story's articles with a publication date

    def recalled(self, min_recallers: int = MIN_RECALLERS) -> float:
        """`named_later` as a share of the articles that could recall the day, scaled to the
        whole story: how many articles would recall it had they all come a week later. A
        day late in a story has few articles after it; raw counts favour early days."""
        if not min_recallers or not self.dated:
            return float(self.named_later)
        return (
            self.named_later * self.dated / max(self.could_recall, min(min_recallers, self.dated))
        )

    def weight(
        self,
        later_weight: float = LATER_WEIGHT,
        published_weight: float = PUBLISHED_WEIGHT,
        min_recallers: int = MIN_RECALLERS,
    ) -> float:
        return (
            self.named
            + later_weight * self.recalled(min_recallers)
            + published_weight * self.published
        )


def day_features(items: Sequence[NewsItem]) -> dict[date, DayFeatures]:
    """The features of every day a story's articles name (for measuring the ranking)."""
    by_day: dict[date, list[_Mention]] = defaultdict(list)
    for n, item in enumerate(items, 1):
        for m in _mentions(n, item):
            if m.when.precision == "day":
                by_day[m.when.start].append(m)
    return _day_features(by_day, items)


def _day_features(
    by_day: dict[date, list[_Mention]], items: Sequence[NewsItem]
) -> dict[date, DayFeatures]:
    published = Counter(i.published.date() for i in items if i.published is not None)
    pub_days = sorted(published.elements())
    out = {}
    for day, mentions in by_day.items():
        named = {m.article for m in mentions if not m.lead}
        later = {
            m.article
            for m in mentions
            if not m.lead
            and m.item.published is not None
            and (m.item.published.date() - day).days >= MILESTONE_LAG_DAYS
        }
        could_recall = len(pub_days) - bisect_left(pub_days, day + timedelta(MILESTONE_LAG_DAYS))
        out[day] = DayFeatures(
            len(named),
            len(later),
            published[day],
            len({m.article for m in mentions}),
            could_recall,
            len(pub_days),
        )
    return out


def rank_days(
    features: dict[date, DayFeatures],
    items: Sequence[NewsItem],
    *,
    later_weight: float = LATER_WEIGHT,
    published_weight: float = PUBLISHED_WEIGHT,
    min_recallers: int = MIN_RECALLERS,
    opening_weight: float = OPENING_WEIGHT,
) -> list[date]:
    """Days heaviest first, those of the story's opening tenth (or before) weighing
    `opening_weight` times; days well before its first article rank after its own."""
    dates = [i.published.date() for i in items if i.published is not None]
    early = min(dates) - timedelta(days=STORY_START_MARGIN_DAYS) if dates else date.min
    start = min(dates) if dates else date.min
    opening_days = OPENING_SHARE * ((max(dates) - start).days + 1) if dates else 0.0
    weights = {
        d: f.weight(later_weight, published_weight, min_recallers)
        * (opening_weight if (d - start).days < opening_days else 1.0)
        for d, f in features.items()
    }
    return sorted(features, key=lambda d: (d < early, -weights[d], -features[d].told, d))


def auto_day_count(
    features: dict[date, DayFeatures],
    ranked: Sequence[date],
    items: Sequence[NewsItem],
    *,
    milestone_weight: float = MILESTONE_WEIGHT,
    articles_per_day: float = ARTICLES_PER_DAY,
    later_weight: float = LATER_WEIGHT,
    published_weight: float = PUBLISHED_WEIGHT,
    min_recallers: int = MIN_RECALLERS,
) -> int:
    """How many days the story's timeline shows: its days of weight `milestone_weight` or
    more within its span, at most one for every `articles_per_day` dated articles unless
    RECALLED_BY articles recall more of them a week or more later, and at least
    MIN_EVENTS when it has that many days."""
    dates = [i.published.date() for i in items if i.published is not None]
    early = min(dates) - timedelta(days=STORY_START_MARGIN_DAYS) if dates else date.min
    heavy = sum(
        1
        for d in ranked
        if features[d].weight(later_weight, published_weight, min_recallers) >= milestone_weight
        and d >= early
    )
    # Days the coverage keeps returning to are all shown; other heavy days are cut to
    # the story's size (on the dev timelines, more of them added events, not F1).
    recalled = sum(1 for d in ranked if features[d].named_later >= RECALLED_BY and d >= early)
    cap = round(len(dates) / articles_per_day) if dates and articles_per_day else heavy
    return max(min(heavy, max(cap, recalled)), min(MIN_EVENTS, len(ranked)))


def _day_event(mentions: list[_Mention]) -> list[_Mention]:
    """The fact most of a day's mentions agree on, with the mentions that agree."""
    # The earliest-placed mentions are enough to find the day's main fact: grouping is
    # quadratic, and a day of a long story can have hundreds.
    groups = _group(sorted(mentions, key=lambda m: (m.rank, m.article))[:MAX_DAY_MENTIONS])
    return max(groups, key=lambda g: (len({m.article for m in g}), -g[0].rank, -g[0].article))


def _mentions(n: int, item: NewsItem) -> list[_Mention]:
    out: list[_Mention] = []
    sentences = _event_sentences(item.text or "")
    for rank, sentence in enumerate(sentences):
        when = _dating_cue(sentence.text, item)
        if when is None:
            continue
        clause = _clause(sentence, when)
        out.append(_Mention(n, item, clause, when, rank, terms(clause.text)))
    pub = item.published.date() if item.published else None
    near = timedelta(days=NEAR_PUBLICATION_DAYS)
    if (
        pub
        and sentences
        and sentences[0].position not in {m.sentence.position for m in out}
        and not any(m.when.start <= pub + near and m.when.end >= pub - near for m in out)
    ):
        lead = _without_furniture(sentences[0])
        when = ResolvedDate(pub, pub, "day", format_label(pub, pub, "day"), "", 0, 0)
        out.append(_Mention(n, item, lead, when, 0, terms(lead.text), lead=True))
    return out


def _event_sentences(text: str) -> tuple[Sentence, ...]:
    """`content_sentences`, except that a long paragraph is never dropped whole as a
    caption: pages flattened to one paragraph carry a photo credit somewhere in it,
    and each of its sentences is judged on its own (`rejection_reason` still rejects
    the credit line itself)."""
    sentences = [strip_dateline(s) for s in split_sentences(text)]
    sizes = Counter(s.paragraph for s in sentences)
    long = [
        s for s in sentences if sizes[s.paragraph] >= LONG_PARAGRAPH and rejection_reason(s) is None
    ]
    if len(long) == len(sentences) or all(sizes[s.paragraph] >= LONG_PARAGRAPH for s in sentences):
        return tuple(long)
    short = [s for s in content_sentences(text) if sizes[s.paragraph] < LONG_PARAGRAPH]
    return tuple(sorted(long + short, key=lambda s: s.position))


def _dating_cue(text: str, item: NewsItem) -> ResolvedDate | None:
    cues = [
        d
        for d in find_dates(text, item.published)
        if not _STARTING_POINT.search(text[: d.cue_start])
        and not _REFERENCE_POINT.search(text[: d.cue_start])
        and not d.cue.lower().startswith("since")
        and not (d.planned and d.precision != "day")
        and not (_CURRENT_PERIOD.match(d.cue) and _POSSESSIVE.match(text, d.cue_end))
        and not _STAMP.search(text, max(0, d.cue_start - STAMP_REACH), d.cue_end + STAMP_REACH)
    ]
    if not cues:
        return None
    direct = [d for d in cues if not _ATTRIBUTED.search(text[: d.cue_start])]
    best = min(direct or cues, key=lambda d: (PRECISIONS.index(d.precision), d.cue_start))
    told = [d for d in cues if d not in direct and d.precision == "day"]
    if told and PRECISIONS.index(best.precision) > PRECISIONS.index("week"):
        # "X said on Monday it would buy Y, the biggest deal this year": the telling is the
        # news; a vaguer cue elsewhere in the sentence is not its date.
        return told[0]
    return best


def _without_furniture(sentence: Sentence) -> Sentence:
    """The sentence from its first word of prose: a page's "4:49 PM" or "-- " before it
    goes (moving `start`, so the text stays verbatim)."""
    m = _LEADING_FURNITURE.match(sentence.text)
    if not m or m.end() >= len(sentence.text):
        return sentence
    return Sentence(
        sentence.text[m.end() :],
        sentence.start + m.end(),
        sentence.end,
        sentence.paragraph,
        sentence.position,
    )


def _clause(sentence: Sentence, when: ResolvedDate) -> Sentence:
    cut = _without_furniture(sentence)
    shift = cut.start - sentence.start  # the cue's offsets are in the uncut sentence
    sentence = cut
    if word_count(sentence.text) <= MAX_EVENT_WORDS:
        return sentence
    start, end = 0, len(sentence.text)
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        if m.end() <= when.cue_start - shift:
            start = m.end()
        elif m.start() >= when.cue_end - shift:
            end = m.start()
            break
    text = sentence.text[start:end]
    if word_count(text) < 6:
        return sentence
    return Sentence(
        text, sentence.start + start, sentence.start + end, sentence.paragraph, sentence.position
    )


def _group(mentions: list[_Mention]) -> list[list[_Mention]]:
    groups: list[list[_Mention]] = []
    for m in mentions:
        for group in groups:
            if _same_when(group[0].when, m.when) and any(
                same_fact(m.terms, o.terms, [m.key], [o.key]) for o in group
            ):
                group.append(m)
                break
        else:
            groups.append([m])
    out = []
    for group in groups:
        leader = max(
            group,
            key=lambda m: (
                sum(same_fact(m.terms, o.terms, [m.key], [o.key]) for o in group if o is not m),
                -m.article,
            ),
        )
        agreeing = [
            o
            for o in group
            if o is not leader and same_fact(leader.terms, o.terms, [leader.key], [o.key])
        ]
        out.append([leader, *agreeing])
        out.extend([o] for o in group if o is not leader and o not in agreeing)
    return out


def _same_when(a: ResolvedDate, b: ResolvedDate) -> bool:
    """Same date range, or overlapping day ranges ("yesterday" vs "overnight")."""
    if a.precision in ("day", "days") and b.precision in ("day", "days"):
        return a.start <= b.end and b.start <= a.end
    return (a.start, a.end, a.precision) == (b.start, b.end, b.precision)


def _event(group: list[_Mention], first_day: date | None) -> TimelineEvent:
    leader = group[0]
    sources: list[_Mention] = [leader]
    for m in group[1:]:
        if m.article not in {s.article for s in sources}:
            sources.append(m)
    when = leader.when
    return TimelineEvent(
        date=when.start,
        end=when.end,
        precision=when.precision,
        label=when.label,
        text=" ".join(leader.sentence.text.split()),
        citations=tuple(sorted({m.article for m in group})),
        sources=tuple(SentenceSource(m.item.id, m.sentence.start, m.sentence.end) for m in sources),
        background=first_day is not None and when.end < first_day - timedelta(BACKGROUND_DAYS),
    )

"""Dated, cited timeline of a story.

Each content sentence that carries a date cue (see `temporal`) is an event dated by
its cue, read against its own article's publication date. Rules:
- The cue that dates a sentence is its most precise one, first in the text on a tie;
  cues in an attribution ("said on Friday") count only when there is no other, and
  cues that name a starting point ("since 1968", "the previous high set in 2019") or
  a reporting time are not events.
- Long sentences are trimmed to the clause holding the cue (split at ";" and dashes);
  the text stays verbatim, with its offsets.
- The same event in several articles (same or overlapping day range, and `same_fact`)
  is one event citing all of them; its text is the member most of the others agree with.
- An article with no dated sentence within NEAR_PUBLICATION_DAYS of its publication
  contributes its lead sentence dated its publication day (unless the lead is already
  an event), so the days of the story itself are on the timeline.
- Events ending more than BACKGROUND_DAYS before the story's first article are
  background (earlier strikes, earlier truces...).
- At most `max_events` are kept, preferring events cited by more articles, then more
  precise ones, then earlier sentences; the result is oldest first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
import datetime as dt
from datetime import date, timedelta
from typing import Any

from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.sentence_similarity import same_fact, terms
from desktop_reader.core.stories.sentences import Sentence, content_sentences, word_count
from desktop_reader.core.stories.summary import SentenceSource
from desktop_reader.core.stories.temporal import PRECISIONS, ResolvedDate, find_dates, format_label

BACKGROUND_DAYS = 14
NEAR_PUBLICATION_DAYS = 3  # an event this close to publication is the article's own news
MAX_EVENT_WORDS = 35  # longer sentences are trimmed to the clause holding the cue
_ATTRIBUTED = re.compile(r"\b(?:said|says|told|announced|added|reported|wrote|posted)"
                         r"(?:\s+\w+)?\s+(?:on\s+)?$", re.IGNORECASE)
_STARTING_POINT = re.compile(r"\b(?:since|previous(?:ly)?|record set|last time)\b[^,.;]{0,40}$",
                             re.IGNORECASE)
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
        return {"date": self.date.isoformat(), "end": self.end.isoformat(),
                "precision": self.precision, "label": self.label, "text": self.text,
                "citations": list(self.citations),
                "sources": [s.to_dict() for s in self.sources], "background": self.background}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimelineEvent:
        return cls(dt.date.fromisoformat(d["date"]), dt.date.fromisoformat(d["end"]),
                   d["precision"],
                   d["label"], d["text"], tuple(int(c) for c in d["citations"]),
                   tuple(SentenceSource.from_dict(s) for s in d["sources"]),
                   bool(d.get("background", False)))


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

    @property
    def key(self) -> tuple[date, date]:
        return self.when.start, self.when.end


def build_timeline(items: Sequence[NewsItem], *, max_events: int = 12) -> Timeline:
    """The dated events of one story (articles in Sources order), oldest first."""
    mentions: list[_Mention] = []
    for n, item in enumerate(items, 1):
        mentions.extend(_mentions(n, item))
    groups = _group(mentions)
    groups.sort(key=lambda g: (-len({m.article for m in g}), PRECISIONS.index(
        g[0].when.precision), g[0].rank, g[0].article))
    kept = groups[:max_events]
    dates = [i.published.date() for i in items if i.published is not None]
    first_day = min(dates) if dates else None
    events = [_event(g, first_day) for g in kept]
    events.sort(key=lambda e: (e.date, e.end, e.citations))
    return Timeline(tuple(events))


def _mentions(n: int, item: NewsItem) -> list[_Mention]:
    out: list[_Mention] = []
    sentences = content_sentences(item.text or "")
    for rank, sentence in enumerate(sentences):
        when = _dating_cue(sentence.text, item)
        if when is None:
            continue
        clause = _clause(sentence, when)
        out.append(_Mention(n, item, clause, when, rank, terms(clause.text)))
    pub = item.published.date() if item.published else None
    near = timedelta(days=NEAR_PUBLICATION_DAYS)
    if pub and sentences and sentences[0].position not in {m.sentence.position for m in out} \
            and not any(m.when.start <= pub + near and m.when.end >= pub - near for m in out):
        lead = sentences[0]
        when = ResolvedDate(pub, pub, "day", format_label(pub, pub, "day"), "", 0, 0)
        out.append(_Mention(n, item, lead, when, 0, terms(lead.text)))
    return out


def _dating_cue(text: str, item: NewsItem) -> ResolvedDate | None:
    cues = [d for d in find_dates(text, item.published)
            if not _STARTING_POINT.search(text[:d.cue_start])
            and not d.cue.lower().startswith("since")]
    if not cues:
        return None
    direct = [d for d in cues if not _ATTRIBUTED.search(text[:d.cue_start])] or cues
    return min(direct, key=lambda d: (PRECISIONS.index(d.precision), d.cue_start))


def _clause(sentence: Sentence, when: ResolvedDate) -> Sentence:
    if word_count(sentence.text) <= MAX_EVENT_WORDS:
        return sentence
    start, end = 0, len(sentence.text)
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        if m.end() <= when.cue_start:
            start = m.end()
        elif m.start() >= when.cue_end:
            end = m.start()
            break
    text = sentence.text[start:end]
    if word_count(text) < 6:
        return sentence
    return Sentence(text, sentence.start + start, sentence.start + end, sentence.paragraph,
                    sentence.position)


def _group(mentions: list[_Mention]) -> list[list[_Mention]]:
    groups: list[list[_Mention]] = []
    for m in mentions:
        for group in groups:
            if _same_when(group[0].when, m.when) and any(
                    same_fact(m.terms, o.terms, [m.key], [o.key]) for o in group):
                group.append(m)
                break
        else:
            groups.append([m])
    out = []
    for group in groups:
        leader = max(group, key=lambda m: (sum(same_fact(m.terms, o.terms, [m.key], [o.key])
                                               for o in group if o is not m), -m.article))
        agreeing = [o for o in group if o is not leader
                    and same_fact(leader.terms, o.terms, [leader.key], [o.key])]
        out.append([leader] + agreeing)
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
        date=when.start, end=when.end, precision=when.precision, label=when.label,
        text=" ".join(leader.sentence.text.split()),
        citations=tuple(sorted({m.article for m in group})),
        sources=tuple(SentenceSource(m.item.id, m.sentence.start, m.sentence.end)
                      for m in sources),
        background=first_day is not None and when.end < first_day - timedelta(BACKGROUND_DAYS))

"""Cited extractive summary of a story: short sections of verbatim article sentences.

How it works (all of it deterministic, no model):
1. Candidates are the content sentences of every article (see `sentences`).
2. Candidates that report the same fact (`sentence_similarity.same_fact`: many shared
   content terms, or some and the same resolved day) form one *fact*; its text is the
   member the others agree with most, and it cites every article it was found in.
   Leader clustering, so facts never chain.
3. A fact scores by centrality (TF-IDF cosine to the story centroid, where each article
   and each title weigh the same), coverage (share of the story's articles reporting
   it) and position (leads carry the news).
4. Facts are picked best first, skipping any that say nearly the same as one already
   picked (REDUNDANT), up to the sentence budget and `max_words`.
5. Picked facts are grouped into sections by average-link clustering of their TF-IDF
   vectors (at most 3 per section); the section holding the best fact comes first.
6. Each heading is compressed from the section's best non-quote sentence.

`SummarySentence.sources[0]` is where `text` appears verbatim; further sources are the
sentences of the other cited articles that report the same fact in their own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.headings import make_heading
from desktop_reader.core.stories.sentence_similarity import (
    TfIdf, centroid, cosine, overlap, same_fact, terms)
from desktop_reader.core.stories.temporal import find_dates
from desktop_reader.core.stories.sentences import (
    Sentence, content_sentences, rejection_reason, split_sentences, strip_dateline, word_count)

REDUNDANT = 0.45  # TF-IDF cosine above which a second fact adds too little
MAX_PER_SECTION = 3
WORDS_PER_SECTION = 40  # with a word cap, one section per this many words
HEADING_WORDS = 8  # what a heading is expected to take from a word cap
QUOTE_MARKS = "\"“'‘"
QUOTE_PENALTY = 0.85
# Only day-precise dates say which event a sentence reports ("in 2019" is background).
DAY_PRECISIONS = ("day", "days")


@dataclass(frozen=True)
class SentenceSource:
    article_id: str
    start: int  # character offsets in that article's text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SentenceSource:
        return cls(str(d["article_id"]), int(d["start"]), int(d["end"]))


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[int, ...]  # 1-based numbers in the story's Sources, ascending
    sources: tuple[SentenceSource, ...]  # [0] holds `text` verbatim

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": list(self.citations),
                "sources": [s.to_dict() for s in self.sources]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SummarySentence:
        return cls(d["text"], tuple(int(c) for c in d["citations"]),
                   tuple(SentenceSource.from_dict(s) for s in d["sources"]))

    def cited_text(self) -> str:
        return self.text + " " + "".join(f"[{n}]" for n in self.citations)


@dataclass(frozen=True)
class SummarySection:
    heading: str
    sentences: tuple[SummarySentence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "sentences": [s.to_dict() for s in self.sentences]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SummarySection:
        return cls(d["heading"], tuple(SummarySentence.from_dict(s) for s in d["sentences"]))


@dataclass(frozen=True)
class Summary:
    sections: tuple[SummarySection, ...]

    @property
    def sentences(self) -> tuple[SummarySentence, ...]:
        return tuple(s for section in self.sections for s in section.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {"sections": [s.to_dict() for s in self.sections]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Summary:
        return cls(tuple(SummarySection.from_dict(s) for s in d.get("sections", ())))

    def to_text(self, max_words: int | None = None) -> str:
        """"Heading\\nSentence [1][2] Sentence [2]" blocks; whole sentences only, at most
        `max_words` words (the first sentence is always given)."""
        blocks: list[str] = []
        used = 0
        for section in self.sections:
            lines: list[str] = []
            for sentence in section.sentences:
                cost = word_count(sentence.text) + (0 if lines else word_count(section.heading))
                if max_words is not None and used + cost > max_words and (blocks or lines):
                    break
                lines.append(sentence.cited_text())
                used += cost
            if not lines:
                break
            blocks.append(section.heading + "\n" + " ".join(lines))
        return "\n\n".join(blocks)


@dataclass
class _Candidate:
    article: int  # 1-based
    item: NewsItem
    sentence: Sentence
    terms: list[str]
    rank: int  # 0 = first content sentence of its article
    vector: dict[str, float]
    dates: frozenset[tuple[object, object]]
    score: float = 0.0


@dataclass
class _Fact:
    members: list[_Candidate]
    score: float = 0.0

    @property
    def leader(self) -> _Candidate:
        return self.members[0]

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({m.article for m in self.members}))


def summarize(items: Sequence[NewsItem], *, max_sections: int = 5,
              max_words: int | None = None) -> Summary:
    """The cited summary of one story (articles in Sources order: article n cites [n])."""
    candidates = _candidates(items)
    if not candidates:
        return Summary(())
    n_articles = len({c.article for c in candidates})
    facts = _facts(candidates, len(items))
    section_limit = max(1, min(max_sections, {1: 2, 2: 4}.get(n_articles, max_sections)))
    sentence_limit = 3 if n_articles == 1 else min(2 * section_limit + 1, 3 * section_limit)
    budget = None
    if max_words is not None:
        # A short summary is a few sentences under one or two headings, not five headings.
        section_limit = max(1, min(section_limit, max_words // WORDS_PER_SECTION))
        sentence_limit = min(sentence_limit, MAX_PER_SECTION * section_limit)
        budget = max(1, max_words - HEADING_WORDS * section_limit)
    picked = _pick(facts, sentence_limit, budget)
    groups = _sections(picked, section_limit, min(3, section_limit))
    sections = []
    used_headings: set[str] = set()
    for group in groups:
        heading = _heading(group, used_headings)
        used_headings.add(heading.lower())
        sections.append(SummarySection(heading, tuple(_to_sentence(f) for f in group)))
    return Summary(tuple(sections))


def _candidates(items: Sequence[NewsItem]) -> list[_Candidate]:
    raw: list[tuple[int, NewsItem, Sentence, int]] = []
    for n, item in enumerate(items, 1):
        for rank, sentence in enumerate(content_sentences(item.text or "")):
            raw.append((n, item, sentence, rank))
    if not raw:
        raw = _fallback(items)
    docs = [terms(s.text) for _, _, s, _ in raw]
    titles = [terms(item.title or "") for item in items]
    tfidf = TfIdf(docs + titles)
    out = [_Candidate(n, item, s, doc, rank, tfidf.vector(doc),
                      frozenset((d.start, d.end) for d in find_dates(s.text, item.published)
                                if d.precision in DAY_PRECISIONS))
           for (n, item, s, rank), doc in zip(raw, docs)]
    # Every article (its sentences together) and every title weigh the same in the centroid.
    per_article = {c.article: 0 for c in out}
    for c in out:
        per_article[c.article] += 1
    vectors = [c.vector for c in out] + [tfidf.vector(t) for t in titles]
    weights = [1.0 / per_article[c.article] for c in out] + [1.0] * len(titles)
    center = centroid(vectors, weights)
    for c in out:
        c.score = 0.7 * cosine(c.vector, center) + 0.3 / (1 + 0.5 * c.rank)
        if c.sentence.text[:1] in QUOTE_MARKS:
            c.score *= QUOTE_PENALTY  # quotes colour a story; reported facts carry it
    return out


def _fallback(items: Sequence[NewsItem]) -> list[tuple[int, NewsItem, Sentence, int]]:
    # A short article whose only sentences fail the length rule still gets a summary:
    # take its first sentence that is not boilerplate, caption or byline.
    for n, item in enumerate(items, 1):
        for sentence in split_sentences(item.text or ""):
            sentence = strip_dateline(sentence)
            if rejection_reason(sentence) in (None, "too short", "no sentence ending") \
                    and word_count(sentence.text) >= 3:
                return [(n, item, sentence, 0)]
    return []


def _facts(candidates: list[_Candidate], n_items: int) -> list[_Fact]:
    facts: list[_Fact] = []
    for c in sorted(candidates, key=lambda c: -c.score):
        best, best_sim = None, 0.0
        for fact in facts:
            sim = overlap(c.terms, fact.leader.terms)
            if sim > best_sim and same_fact(c.terms, fact.leader.terms, c.dates,
                                            fact.leader.dates):
                best, best_sim = fact, sim
        if best is None:
            facts.append(_Fact([c]))
        else:
            best.members.append(c)
    for fact in facts:
        # The text shown is the member that best represents the others (a medoid), so
        # every cited article reports what the shown sentence says.
        members = list(fact.members)
        leader = max(members, key=lambda m: (_agreeing(m, members), _attested(m, members)
                                             + 0.1 * m.score))
        # Keep only what the shown sentence itself agrees with: no transitive citations.
        fact.members = [leader] + [m for m in members if m is not leader and same_fact(
            leader.terms, m.terms, leader.dates, m.dates)]
        coverage = (len(fact.articles) - 1) / (n_items - 1) if n_items > 1 else 0.0
        fact.score = max(m.score for m in fact.members) + 0.25 * coverage
    return sorted(facts, key=lambda f: -f.score)


def _agreeing(member: _Candidate, members: list[_Candidate]) -> int:
    return sum(same_fact(member.terms, o.terms, member.dates, o.dates)
               for o in members if o is not member)


def _attested(member: _Candidate, members: list[_Candidate]) -> float:
    """How much of `member`'s wording the other members' sentences share."""
    own = set(member.terms)
    others = [set(o.terms) for o in members if o is not member]
    if not own or not others:
        return 0.0
    return sum(len(own & o) / len(own) for o in others) / len(others)


def _pick(facts: list[_Fact], limit: int, max_words: int | None) -> list[_Fact]:
    picked: list[_Fact] = []
    words = 0
    for fact in facts:
        if len(picked) >= limit:
            break
        if any(cosine(fact.leader.vector, p.leader.vector) >= REDUNDANT
               or same_fact(fact.leader.terms, p.leader.terms, fact.leader.dates,
                            p.leader.dates) for p in picked):
            continue
        cost = word_count(fact.leader.sentence.text)
        if max_words is not None and picked and words + cost > max_words:
            continue
        picked.append(fact)
        words += cost
    return picked


def _sections(picked: list[_Fact], limit: int, minimum: int) -> list[list[_Fact]]:
    """Average-link clustering of the picked facts into `target` groups of <= 3."""
    target = max(min(minimum, len(picked)), min(limit, (len(picked) + 1) // 2))
    groups = [[f] for f in picked]

    def link(a: list[_Fact], b: list[_Fact]) -> float:
        sims = [cosine(x.leader.vector, y.leader.vector) for x in a for y in b]
        return sum(sims) / len(sims)

    while len(groups) > target:
        best: tuple[float, int, int] | None = None
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if len(groups[i]) + len(groups[j]) <= MAX_PER_SECTION:
                    sim = link(groups[i], groups[j])
                    if best is None or sim > best[0]:
                        best = (sim, i, j)
        if best is None:
            break
        _, i, j = best
        groups[i] = groups[i] + groups[j]
        del groups[j]
    rank = {id(f): k for k, f in enumerate(picked)}
    for group in groups:
        group.sort(key=lambda f: rank[id(f)])
    groups.sort(key=lambda g: rank[id(g[0])])
    return groups[:limit]


def _heading(group: list[_Fact], used: set[str]) -> str:
    texts = [f.leader.sentence.text for f in group]
    # Quotes make poor headings; a reported statement reads as one.
    ordered = ([t for t in texts if t[:1] not in QUOTE_MARKS]
               + [t for t in texts if t[:1] in QUOTE_MARKS])
    for text in ordered:
        heading = make_heading(text)
        if heading and heading.lower() not in used:
            return heading
    return make_heading(ordered[0]) or "Summary"


def _to_sentence(fact: _Fact) -> SummarySentence:
    sources = [fact.leader]
    for m in fact.members[1:]:
        if m.article not in {s.article for s in sources}:
            sources.append(m)
    return SummarySentence(
        " ".join(fact.leader.sentence.text.split()),
        fact.articles,
        tuple(SentenceSource(c.item.id, c.sentence.start, c.sentence.end) for c in sources))

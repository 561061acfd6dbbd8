"""Cited extractive summary of a story: short sections of verbatim article sentences.

How it works (deterministic, no model):
1. Candidates are the content sentences of every article (see `sentences`), and its
   title when the title is itself a complete sentence (wire copy often carries its lead
   sentence as the title).
2. Selection is a concept-coverage integer program (`concepts`): the sentences that
   cover the most word pairs repeated across the story's articles within the word
   budget. Two sentences that say the same (TF-IDF cosine >= REDUNDANT, or the same fact
   by `sentence_similarity.same_fact`) are never both taken, and a sentence that opens on
   a reference its own words do not resolve ("They...", "The company...") is taken only
   with the sentence before it in its article (`coherence`).
3. Sentences are put in the order of events: publication time, then position.
4. They are cut into sections of two or more consecutive sentences where the topic
   changes most; each section gets a heading (`headings`).
5. Each sentence cites the article it is quoted from first, then every other article
   with a sentence that states the same fact, the closest first.

`SummarySentence.sources[k]` is the sentence of article `citations[k]` that backs it;
`sources[0]` holds `text` verbatim (in the article's text, or its title when
`field == "title"`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.coherence import event_order, needs_antecedent, split_sections
from desktop_reader.core.stories.concepts import Unit, select
from desktop_reader.core.stories.headings import section_heading
from desktop_reader.core.stories.sentence_similarity import TfIdf, cosine, overlap, same_fact, terms
from desktop_reader.core.stories.sentences import (
    Sentence,
    content_sentences,
    rejection_reason,
    split_sentences,
    strip_dateline,
    title_sentence,
    word_count,
)
from desktop_reader.core.stories.temporal import find_dates

REDUNDANT = 0.45  # TF-IDF cosine above which a second sentence adds too little
# "Joe Scarborough, a conservative from Florida.": a name and its description, the tail of
# a quote the splitter cut off -- every part after the name describes it, none states.
_NAME_HEAD = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*")
_DESCRIBING = re.compile(r"(?:a|an|the|who|whose|which|[A-Z]-[A-Z.]+|[a-z]+ of)\b")
# Candidate sentences the selection weighs at most: every sentence of a story of ten long
# articles (cutting to the leads lost concepts told further down); a guard for big stories.
MAX_POOL = 500
_FIRST_PERSON = re.compile(r"\b(?:we|We|my|My|our|Our|us|me)\b")
# "I" after a capitalised word is a Roman numeral ("World War I", "Henry I", "Part I")
# unless that word is one that opens a clause before the pronoun ("When I", "But I").
_CAPITAL_I = re.compile(r"(?:(\S+)\s+)?\bI\b(['’][a-z]+)?")
_OPENS_CLAUSE = frozenset(
    "when then if as and but so now today yesterday tonight here there because while after "
    "before since until unless once what where why how who which whether although though "
    "yet still also again maybe perhaps sometimes yes no oh well like or that do did can "
    "could should would will must may might shall am was were have had monday tuesday "
    "wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december".split()
)


def first_person(text: str) -> bool:
    """Whether `text` speaks in the first person: someone's words, quoted with or without
    marks. The Roman numeral of "World War I" or "Henry I" is not the pronoun."""
    if _FIRST_PERSON.search(text):
        return True
    for m in _CAPITAL_I.finditer(text):
        if m.group(2):  # "I'm", "I've"
            return True
        before = (m.group(1) or "").strip("\"'“”‘’([—-")
        named = before[:1].isupper() and before.isalpha()
        if not named or before.lower() in _OPENS_CLAUSE:
            return True
    return False


SENTENCES_PER_SECTION = 3  # about; a section never has fewer than two
# Words of sentences when no cap is given, by the number of articles (0: more).
DEFAULT_WORDS = {1: 80, 2: 120, 0: 160}
# Only day-precise dates say which event a sentence reports ("in 2019" is background).
DAY_PRECISIONS = ("day", "days")


def summary_words(text: str) -> int:
    """Words as a budget counts them: what whitespace separates ("U.S." and "10,000" are
    one word each), as `wc -w` and the ROUGE length limit count."""
    return len(text.split())


@dataclass(frozen=True)
class SentenceSource:
    article_id: str
    start: int  # character offsets in that article's text (or title: see `field`)
    end: int
    field: str = "text"  # "title" when the sentence is the article's title

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article_id": self.article_id, "start": self.start, "end": self.end}
        if self.field != "text":
            out["field"] = self.field
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SentenceSource:
        return cls(
            str(d["article_id"]), int(d["start"]), int(d["end"]), str(d.get("field", "text"))
        )


@dataclass(frozen=True)
class SummarySentence:
    text: str
    # 1-based numbers in the story's Sources: the article quoted first, then the others
    # that state the same fact, the closest first.
    citations: tuple[int, ...]
    sources: tuple[SentenceSource, ...]  # sources[k] backs citations[k]; [0] holds `text`

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": list(self.citations),
            "sources": [s.to_dict() for s in self.sources],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SummarySentence:
        return cls(
            d["text"],
            tuple(int(c) for c in d["citations"]),
            tuple(SentenceSource.from_dict(s) for s in d["sources"]),
        )

    def cited_text(self, shown: int = 3) -> str:
        """ "Text [3][1][4] +2 more": the quoted article first, at most `shown` numbers."""
        more = len(self.citations) - shown
        return (
            self.text
            + " "
            + "".join(f"[{n}]" for n in self.citations[:shown])
            + (f" +{more} more" if more > 0 else "")
        )


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
        """ "Heading\nSentence [1][2] Sentence [2]" blocks; whole sentences only, at most
        `max_words` words of sentences (headings do not count; the first sentence is
        always given)."""
        blocks: list[str] = []
        used = 0
        for section in self.sections:
            lines: list[str] = []
            for sentence in section.sentences:
                cost = summary_words(sentence.text)
                if max_words is not None and used + cost > max_words and (blocks or lines):
                    break
                lines.append(sentence.cited_text())
                used += cost
            if not lines:
                break
            blocks.append(section.heading + "\n" + " ".join(lines))
        return "\n\n".join(blocks)


@dataclass(eq=False)
class _Candidate:
    article: int  # 1-based
    item: NewsItem
    sentence: Sentence
    field: str  # "text" or "title": where the sentence stands
    terms: list[str]
    rank: int  # 0 = first content sentence of its article
    words: int
    vector: dict[str, float]
    dates: frozenset[tuple[object, object]]


def summarize(
    items: Sequence[NewsItem], *, max_sections: int = 5, max_words: int | None = None
) -> Summary:
    """The cited summary of one story (articles in Sources order: article n cites [n]).

    `max_words` caps the words of the sentences (headings are not counted); without it
    the summary takes `DEFAULT_WORDS`, less for a story of one or two articles.
    """
    candidates = _candidates(items)
    if not candidates:
        return Summary(())
    n_articles = len({c.article for c in candidates})
    budget = max_words if max_words is not None else DEFAULT_WORDS.get(n_articles, DEFAULT_WORDS[0])
    picked = _pick(candidates, max(1, budget))
    keys = [event_order(c.item.published, c.article, c.sentence.position) for c in picked]
    picked = [picked[i] for i in sorted(range(len(picked)), key=lambda i: keys[i])]
    follows = {id(a): id(b) for a, b in _antecedents(candidates).items()}
    ranges = split_sections(
        len(picked),
        max(1, min(max_sections, round(len(picked) / SENTENCES_PER_SECTION))),
        lambda i, j: cosine(picked[i].vector, picked[j].vector),
        lambda i: follows.get(id(picked[i])) == id(picked[i - 1]),
    )
    sections = []
    used_headings: set[str] = set()
    for start, end in ranges:
        group = picked[start:end]
        heading = _heading(group, used_headings)
        used_headings.add(heading.lower())
        sections.append(SummarySection(heading, tuple(_to_sentence(c, candidates) for c in group)))
    return Summary(tuple(sections))


def _pick(candidates: list[_Candidate], budget: int) -> list[_Candidate]:
    """The sentences covering the most story concepts within `budget` words, with no
    two saying the same and none without the sentence its opening leans on."""
    # First-person sentences are someone's words (a quote, marks or not): a summary reports.
    pool = [
        c
        for c in candidates
        if not first_person(c.sentence.text) and not _name_only(c.sentence.text)
    ] or candidates
    if len(pool) > MAX_POOL:
        # A big story: its articles' opening sentences, leads of every article first.
        pool = sorted(
            sorted(pool, key=lambda c: (c.rank, c.article))[:MAX_POOL],
            key=lambda c: (c.article, c.rank),
        )
    index = {id(c): i for i, c in enumerate(pool)}
    units = [Unit(c.article, c.rank, c.words, c.sentence.text) for c in pool]
    exclusive = [(i, j) for i, j in _sharing_pairs(pool) if _same(pool[i], pool[j])]
    requires = {}
    for needy, antecedent in _antecedents(candidates).items():
        if id(needy) in index:
            requires[index[id(needy)]] = index.get(id(antecedent), -1)
    return [pool[i] for i in select(units, budget, exclusive=exclusive, requires=requires)]


def _name_only(text: str) -> bool:
    parts = text.split(", ")
    return (
        len(parts) >= 2
        and len(text.split()) <= 14
        and _NAME_HEAD.fullmatch(parts[0]) is not None
        and all(_DESCRIBING.match(p) for p in parts[1:])
    )


def _sharing_pairs(pool: list[_Candidate]) -> list[tuple[int, int]]:
    """Pairs of sentences sharing two or more terms: the only ones that can say the same
    (both tests need shared terms), found without comparing every pair."""
    postings: dict[str, list[int]] = {}
    for i, c in enumerate(pool):
        for t in set(c.terms):
            postings.setdefault(t, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        shared.update(itertools.combinations(ids, 2))
    return sorted(pair for pair, n in shared.items() if n >= 2)


def _same(a: _Candidate, b: _Candidate) -> bool:
    return cosine(a.vector, b.vector) >= REDUNDANT or same_fact(a.terms, b.terms, a.dates, b.dates)


def _antecedents(candidates: list[_Candidate]) -> dict[_Candidate, _Candidate | None]:
    """Each sentence that leans on the one before it -> that sentence (None: not a
    candidate, so the needy sentence cannot be shown)."""
    by_place = {(c.article, c.sentence.position): c for c in candidates}
    first: dict[int, int] = {}
    for c in candidates:
        first.setdefault(c.article, c.sentence.position)  # candidates are in article order
    out: dict[_Candidate, _Candidate | None] = {}
    for c in candidates:
        opening = (
            c.sentence.position == first[c.article]
            and c.rank == 0
            and (c.field == "title" or c.sentence.position == 0)
        )
        if needs_antecedent(c.sentence.text, opening=opening):
            out[c] = by_place.get((c.article, c.sentence.position - 1))
    return out


def _candidates(items: Sequence[NewsItem]) -> list[_Candidate]:
    raw: list[tuple[int, NewsItem, Sentence, str]] = []
    for n, item in enumerate(items, 1):
        lead = title_sentence(item.title or "", item.text or "")
        if lead is not None:
            raw.append((n, item, lead, "title"))
        for sentence in content_sentences(item.text or ""):
            raw.append((n, item, sentence, "text"))
    if not raw:
        raw = _fallback(items)
    docs = [terms(s.text) for _, _, s, _ in raw]
    tfidf = TfIdf(docs + [terms(item.title or "") for item in items])
    ranks: dict[int, int] = {}
    out = []
    for (n, item, s, field), doc in zip(raw, docs, strict=True):
        rank = ranks.get(n, 0)
        ranks[n] = rank + 1
        dates = frozenset(
            (d.start, d.end)
            for d in find_dates(s.text, item.published)
            if d.precision in DAY_PRECISIONS
        )
        out.append(
            _Candidate(
                n, item, s, field, doc, rank, summary_words(s.text), tfidf.vector(doc), dates
            )
        )
    return out


def _fallback(items: Sequence[NewsItem]) -> list[tuple[int, NewsItem, Sentence, str]]:
    # A short article whose only sentences fail the length rule still gets a summary:
    # take its first sentence that is not boilerplate, caption or byline.
    for n, item in enumerate(items, 1):
        for sentence in split_sentences(item.text or ""):
            sentence = strip_dateline(sentence)
            if (
                rejection_reason(sentence) in (None, "too short", "no sentence ending")
                and word_count(sentence.text) >= 3
            ):
                return [(n, item, sentence, "text")]
    return []


def _heading(group: list[_Candidate], used: set[str]) -> str:
    return section_heading(
        [c.sentence.text for c in group], [c.item.title or "" for c in group], used
    )


def _to_sentence(chosen: _Candidate, candidates: list[_Candidate]) -> SummarySentence:
    """The sentence, citing its own article first, then each other article that states
    the same fact (its closest sentence), the closest first."""
    support: dict[int, tuple[float, _Candidate]] = {}
    for c in candidates:
        if c.article == chosen.article or not same_fact(
            chosen.terms, c.terms, chosen.dates, c.dates
        ):
            continue
        strength = overlap(chosen.terms, c.terms)
        if c.article not in support or strength > support[c.article][0]:
            support[c.article] = (strength, c)
    backing = [chosen] + [
        c for _, c in sorted(support.values(), key=lambda p: (-p[0], p[1].article))
    ]
    return SummarySentence(
        " ".join(chosen.sentence.text.split()),
        tuple(c.article for c in backing),
        tuple(
            SentenceSource(c.item.id, c.sentence.start, c.sentence.end, c.field) for c in backing
        ),
    )

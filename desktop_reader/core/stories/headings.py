"""Section headings compressed from a section's own key sentence.

A heading is the sentence's main clause, cut down: leading scene-setting phrases
("On Monday,", "After the vote,"), date cues, parentheticals, appositives
(", the Kremlin spokesman,"), trailing attribution (", police said") and everything
after the first clause boundary (", which", " as ", "; ", " — ") go; what is left is
cut before a preposition or conjunction so it stays at most 10 words, stripped of
dangling function words and put in title case. No word is invented: a heading is
always the sentence's own words, in order.
"""

from __future__ import annotations

import re

from desktop_reader.core.stories.temporal import find_dates

MAX_WORDS = 10

_SMALL = frozenset("a an the and or but nor of in on at to for by with as from into onto "
                   "over than via vs per".split())
# Words a heading must not end on (a dangling "and", "the", "was"...).
_DANGLING = _SMALL | frozenset(
    "is are was were be been has have had will would could should can may might that "
    "which who whom whose this these those its their his her our your my after before "
    "while when where about against between during under amid despite since until "
    "not no very also just more most up said says told".split())
_CUT_BEFORE = frozenset("in on at for with from into after before while as amid despite "
                        "since until during because through over near against under "
                        "and but or so which who that where when including following".split())
_CLAUSE_WORDS = frozenset("who which that where when and but after before while as because "
                          "following including amid despite".split())
_SUBJECT_PREPS = frozenset("in on at of from for with near".split())
_COMMON_VERBS = frozenset(
    "is are was were has have had will would can could may might must began begun left took "
    "made hit won lost fell rose said says told gave went came ran met sent set cut put "
    "shut struck stole broke fled kept held led paid sold saw found became brought "
    "seek seeks calls call plans plan wants want faces face".split())
_LEAD_IN = re.compile(
    r"^(?:(?:After|Before|In|On|At|Despite|Following|Amid|As|While|When|Since|During|By|"
    r"Earlier|Later|Meanwhile|However|Still|Instead|Overnight|True to|Speaking|Sitting|"
    r"Asked|According to)\b[^,]{0,80},\s+|(?:But|And|So|Yet|Also|Now|Then)\s+)")
_CLAUSE_END = re.compile(
    r"(?:,\s+(?:which|who|where|saying|adding|noting|after|as|while|but|and|although|"
    r"though|because|according|citing|prompting|leaving|sparking|[a-z]+ing)\b|;|:|"
    r"\s[—–]\s|\s--\s|"
    r"\s(?:because|although|whereas)\s|,\s*[“\"])")
_ATTRIBUTION = re.compile(r",?\s+(?:(?:[A-Za-z.’'\-]+\s+){0,4})(?:said|says|told|reported|"
                          r"announced|confirmed)\b[^,]*$")
_APPOSITIVE = re.compile(r"(?<=[a-z]),\s+(?:the|a|an|who|which|whose|its|his|her|former|[a-z]+ed)\s"
                         r"[^,]{2,60},\s+")
_REPORTED_THAT = re.compile(r"\b(said|says|told \w+|announced|claimed|warned|clarified|"
                            r"insisted|argued|stated|added|confirmed) that\b")
_PAREN = re.compile(r"\s*\([^)]*\)")
_WORD = re.compile(r"\S+")
_QUOTED_LEAD = re.compile(r"^[“\"'‘](?P<quote>[^”\"]{8,})[”\"'’],?\s*")


def _relative_cues(text: str) -> tuple[tuple[int, int], ...]:
    # Cues that need a publication date are removed too (find_dates without one skips
    # them): weekdays, "yesterday", "overnight", "last week"...
    pattern = re.compile(
        r"\s*\b(?:(?:on|early|late|last|this|next|overnight)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|"
        r"Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|"
        r"tonight|overnight|(?:last|this|next|earlier this)\s+(?:week|month|year)|"
        r"(?:(?:on|until|by|since)\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
        r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?!\d))\b")
    return tuple((m.start(), m.end()) for m in pattern.finditer(text))


def make_heading(sentence: str) -> str:
    """A heading of at most 10 words built from `sentence`'s own words."""
    text = " ".join(sentence.split())
    quoted = _QUOTED_LEAD.match(text)
    if quoted:
        text = quoted["quote"].rstrip(",.!")
    text = _PAREN.sub("", text)
    for _ in range(2):
        text = _LEAD_IN.sub("", text, count=1)
    text = _APPOSITIVE.sub(" ", text)
    text = _strip_dates_spans(text)
    clause = _CLAUSE_END.search(text)
    if clause and len(text[:clause.start()].split()) >= 3:
        text = text[:clause.start()]
    attribution = _ATTRIBUTION.search(text)
    if attribution and len(text[:attribution.start()].split()) >= 3:
        text = text[:attribution.start()]
    text = _REPORTED_THAT.sub(r"\1", text)
    words = _WORD.findall(text)
    if len(words) > MAX_WORDS:
        words = words[: _cut_point(words)]
    while len(words) > 1 and _bare(words[-1]).lower() in _DANGLING:
        words.pop()
    return _title_case(words)


def _strip_dates_spans(text: str) -> str:
    spans = [(d.cue_start, d.cue_end) for d in find_dates(text, None)]
    spans += list(_relative_cues(text))
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + text[end:]
    text = re.sub(r"\s+(?:on|in|since|until|by|from)(?=\s*[,.;]|\s*$)", "", text)
    return re.sub(r"\s+,", ",", " ".join(text.split())).strip(" ,")


def _cut_point(words: list[str]) -> int:
    """Where to cut a long clause: after its verb and object, before a modifier."""
    bare = [_bare(w).lower() for w in words]
    verb = next((i for i, w in enumerate(bare) if _looks_like_verb(w, i)), 1)
    # A long subject loses its prepositional tail: "Police [in Meriden] are searching".
    prep = next((i for i in range(1, verb) if bare[i] in _SUBJECT_PREPS), None)
    if prep is not None and len(words) > MAX_WORDS:
        del words[prep:verb]
        del bare[prep:verb]
        verb = prep
        if len(words) <= MAX_WORDS:
            return len(words)
    cuts = [i for i in range(max(3, verb + 2), MAX_WORDS + 1) if bare[i] in _CUT_BEFORE]
    strong = [i for i in cuts if bare[i] in _CLAUSE_WORDS]
    if strong:
        return strong[-1]  # a relative or conjunction ends a constituent cleanly
    return cuts[0] if cuts else MAX_WORDS


def _looks_like_verb(word: str, index: int) -> bool:
    return index > 0 and (word in _COMMON_VERBS or (word.endswith("ed") and len(word) > 4))


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"“”'‘’()[]")


def _title_case(words: list[str]) -> str:
    out = []
    for i, raw in enumerate(words):
        word = _bare(raw) if i == len(words) - 1 else raw.strip("\"“”‘()[]")
        word = word.rstrip(",;:") if i == len(words) - 1 else word
        if not word:
            continue
        lower = word.lower()
        if i > 0 and lower in _SMALL:
            out.append(lower)
        elif word[:1].islower() and not any(c.isupper() or c.isdigit() for c in word[1:]):
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
        else:
            out.append(word)
    return " ".join(out).rstrip(",;:")


def section_heading(sentences: list[str], titles: list[str], used: set[str]) -> str:
    for text in sentences:
        heading = make_heading(text)
        if heading and heading.lower() not in used:
            return heading
    return make_heading(sentences[0]) or "Summary"

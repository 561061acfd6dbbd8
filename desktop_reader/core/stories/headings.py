"""Section headings that read like a newspaper's: whole phrases, never fragments.

A heading is built from its own section, in this order of preference:
1. the main clause of one of the section's sentences: leading scene-setting phrases
   ("On Monday,", "After the vote,"), parentheticals and appositives
   (", the Kremlin spokesman,") go; the clause ends at its first boundary -- a comma
   before "which"/"who"/"-ing", a semicolon or dash, trailing attribution
   (", police said"), a date cue ("on Tuesday", "Oct. 16") -- and, when still longer
   than MAX_WORDS, only before a preposition or conjunction that opens a new phrase
   (never inside a name such as "Bank of England", never between two capitalised words);
2. a title of one of the section's articles, when it is a headline (not a sentence) of
   at most MAX_WORDS words that shares the section's words, label prefixes stripped;
3. the longest name the section repeats ("Hun Sen", "Asian Games").
A clause that cannot be ended cleanly within MAX_WORDS is not used: no heading is cut
mid-phrase. Words are the section's own, in order (a reported "said that" loses only
"that"), put in title case; the first letter is always upper case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from desktop_reader.core.stories.coherence import needs_antecedent
from desktop_reader.core.stories.temporal import find_dates
from desktop_reader.core.stories.wordclass import base_verb, ends_phrase, only_verb

MAX_WORDS = 10
MIN_WORDS = 3

_SMALL = frozenset(
    "a an the and or but nor of in on at to for by with as from into onto "
    "over than via vs per".split()
)
# Words a heading must not end on (a dangling "and", "the", "was"...).
_DANGLING = _SMALL | frozenset(
    "is are was were be been has have had will would could should can may might that "
    "which who whom whose this these those its their his her our your my after before "
    "while when where about against between during under amid despite since until "
    "not no very also just more most up said says told such other another each every "
    "some any all both several many few former new top".split()
)
_CUT_BEFORE = frozenset(
    "in on at for with from into after before while as amid despite "
    "since until during because through over near against under "
    "and but or so which who where when including following".split()
)
_COMMON_VERBS = frozenset(
    "is are was were has have had will would can could may might must began begun left took "
    "made hit won lost fell rose said says told gave went came ran met sent set cut put "
    "shut struck stole broke fled kept held led paid sold saw found became brought "
    "seek seeks calls call plans plan wants want faces face".split()
)
_LEAD_IN = re.compile(
    r"^(?!At (?:least|most)\b|In (?:all|total)\b)"  # a count, not a scene: "At least a dozen..."
    r"(?:(?:After|Before|In|On|At|Despite|Following|Amid|As|While|When|Since|During|By|"
    r"Earlier|Later|Meanwhile|However|Still|Instead|Overnight|True to|Speaking|Sitting|"
    r"Asked|According to|For|With|Under|Last|This|Next)\b[^,]{0,80},\s+|"
    r"(?:But|And|So|Yet|Also|Now|Then)\s+)"
)
_CLAUSE_END = re.compile(
    r"(?:,\s+(?:which|who|where|saying|adding|noting|after|as|while|but|and|although|"
    r"though|because|according|citing|prompting|leaving|sparking|[a-z]+ing)\b|;|:|"
    r"\s[—–]\s|\s--\s|\s(?:because|although|whereas)\s|,\s*[“\"]|,\s+(?:[A-Za-z.’'\-]+\s+)"
    r"{0,4}(?:said|says|told|reported|announced|confirmed)\b)"
)
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:[A-Za-z.’'\-]+\s+){0,4})(?:said|says|told|reported|"
    r"announced|confirmed)\b[^,]*$"
)
_APPOSITIVE = re.compile(
    r"(?<=[a-z]),\s+(?:the|a|an|who|which|whose|its|his|her|former|"
    r"[a-z]+ed)\s[^,]{2,60},\s+"
)
_REPORTED_THAT = re.compile(
    r"\b(said|says|told \w+|announced|claimed|warned|clarified|"
    r"insisted|argued|stated|added|confirmed) that\b"
)
# A phrase that promises what follows it: "the first time [that...]", "the way [to...]".
_OPEN_ENDING = re.compile(
    r"\bthe\s+(?:first|last|only|second|next)\s+\S+$|"
    r"\bthe\s+(?:way|reason|fact|idea|chance|need|right)$"
)
_REPORTED_ONLY = re.compile(r"\b(?:said|says|told|reported|announced)(?:\s+\S+){0,3}$")
_PAREN = re.compile(r"\s*\([^)]*\)")
_WORD = re.compile(r"\S+")
_QUOTE_START = re.compile(r"^[“\"'‘]")
_MEASURES = frozenset(
    "seconds minutes hours days weeks months years miles kilometres "
    "kilometers km metres meters feet percent points times yards".split()
)
_ADVERB_START = frozenset("even only just also still already again here there".split())
_TIME = re.compile(
    r"\s+(?:(?:at|after|before|around|about|shortly after|just after|until)\s+)*"
    r"\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?m\.?|GMT|UTC|local time)\b",
    re.IGNORECASE,
)
_RELATIVE_CUE = re.compile(
    r"\s*\b(?:(?:on|early|late|last|this|next|overnight)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|"
    r"Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|"
    r"tonight|overnight|(?:last|this|next|earlier this)\s+(?:week|month|year))\b"
)
_NAME = re.compile(
    r"\b(?:[A-Z][\w’'.-]*[a-z][\w’'-]*|[A-Z]{2,})"
    r"(?:\s+(?:(?:of|de|the|on|for|and)\s+)?"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
    r"Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)"
    r"(?:[A-Z][\w’'.-]*[a-z][\w’'-]*|[A-Z]{2,}))*"
)
# "Analysis:", "LIVE:", "Opinion |", "UPDATE 2-", "EXCLUSIVE-": labels, not headline words.
_LABEL_WORDS = (
    "live updates|live update|live|watch|video|breaking news|breaking|exclusive|"
    "opinion|analysis|explainer|factbox|comment|editorial|review|interview|"
    "updated|update|refile|corrected|correction|listen|podcast|quiz|photos|"
    "in pictures|the big read|fact check"
)
_SPACE = r"\s+"
_ANY_CASE = "(?:" + _LABEL_WORDS.replace(" ", _SPACE) + r")(?:\s*\d+)?"
_CAPITALS = "(?:" + _LABEL_WORDS.upper().replace(" ", _SPACE) + r")(?:\s*\d+)?"
# A colon, bar or spaced dash after a label in any case; a bare hyphen only after a wire
# label in capitals ("UPDATE 2-", "EXCLUSIVE-"), so "Live-streamed..." keeps its word.
TITLE_LABEL = re.compile(
    r"^\s*(?:(?i:" + _ANY_CASE + r")\s*(?:[:|]|\s[–—-]\s)|" + _CAPITALS + r"-(?=\S))\s*"
)


def strip_label(title: str) -> str:
    """The title without its leading labels ("UPDATE 2-EXCLUSIVE-" goes whole)."""
    previous = None
    while previous != title:
        previous = title
        title = TITLE_LABEL.sub("", title, count=1)
    return title.strip()


def upper_first(text: str) -> str:
    """`text` with its first letter upper case ("iPhone"-style words are left alone)."""
    first = text.split(" ", 1)[0]
    if first[:1].islower() and not any(c.isupper() for c in first[1:]):
        return text[:1].upper() + text[1:]
    return text


def make_heading(sentence: str) -> str:
    """A heading of MIN_WORDS..MAX_WORDS words from `sentence`'s main clause ("" if its
    clause cannot be ended cleanly in that many words, or the sentence is a quote)."""
    text = " ".join(sentence.split())
    if _QUOTE_START.match(text):
        return ""  # a quote's words are someone's, not a heading's
    text = _PAREN.sub("", text)
    for _ in range(2):
        text = _LEAD_IN.sub("", text, count=1)
    text = _APPOSITIVE.sub(" ", text)
    text = text[: _first_date_cue(text)]
    clause = _CLAUSE_END.search(text)
    if clause and len(text[: clause.start()].split()) >= MIN_WORDS:
        text = text[: clause.start()]
    attribution = _ATTRIBUTION.search(text)
    if attribution and len(text[: attribution.start()].split()) >= MIN_WORDS:
        text = text[: attribution.start()]
    comma = re.search(r",\s", text)  # whatever the comma opens, the heading ends before it
    if comma:
        text = text[: comma.start()]
    # "Suggestions were made that in the future": an opened clause ends before its opener.
    opener = re.search(
        r"(?<!\bsuch)(?<!\bas well)\s(?:that|whether|if|because|when|while|"
        r"although|as|so)\s(?!well\b|far\b|much\b|many\b)",
        text,
    )
    if opener and len(text[: opener.start()].split()) >= MIN_WORDS:
        text = text[: opener.start()]
        if only_verb(_bare(text.split()[-1])):
            return ""  # "Alatas Questioned [whether...]": the verb needs its clause
    text = _REPORTED_THAT.sub(r"\1", text).rstrip(" ,;:.!")
    words = _WORD.findall(text)
    if len(words) > MAX_WORDS:
        cut = _cut_point(words)
        if cut is None:
            return ""
        words = words[:cut]
    if words and (
        needs_antecedent(upper_first(" ".join(words)), opening=True)
        or _bare(words[0]).lower() in _ADVERB_START
    ):
        return ""  # "They Have Faced...": a heading must say who
    if words and re.fullmatch(r"\d+", _bare(words[-1])):
        rest = " ".join(sentence.split())
        at = rest.find(" ".join(words[-2:]))
        after = rest[at + len(" ".join(words[-2:])) :] if at >= 0 else ""
        if re.match(r"[.:,]\d|\s*[ap]\.m\.", after):
            return ""  # "at About 5" of "at about 5.40 a.m.": a number cut in two
    if not words or _bare(words[-1]).lower() in _DANGLING or len(words) < MIN_WORDS:
        return ""
    if _REPORTED_ONLY.search(" ".join(words)):
        return ""  # "Maskhadov Said in Grozny": who spoke, not what was said
    last = _bare(words[-1])
    if (
        not ends_phrase(last)
        or _OPEN_ENDING.search(" ".join(words).lower())
        or (len(words) > 1 and only_verb(_bare(words[-2])) and base_verb(last))
    ):
        # "...Attempt Came", "Suggestions Were Made", "Marked the First Time",
        # "Charge Salim Helped Finance": each leaves its phrase open
        return ""
    if _bare(words[0]).lower() in _DANGLING - {"the", "a", "an"}:
        return ""
    return _title_case(words)


def section_heading(sentences: Sequence[str], titles: Sequence[str], used: set[str]) -> str:
    """The heading of a section: a clause of its sentences, else a fitting headline of
    its articles, else the name it repeats most; never one already in `used`."""
    for text in sentences:
        heading = make_heading(text)
        if heading and heading.lower() not in used:
            return heading
    words = {w.lower() for s in sentences for w in re.findall(r"[A-Za-z]{4,}", s)}
    for title in titles:
        head = strip_label(" ".join(title.split()))
        shared = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", head)} & words
        if (
            head
            and not head.endswith((".", "?", "!", "…"))
            and MIN_WORDS <= len(head.split()) <= MAX_WORDS + 2
            and len(shared) >= 2
            and head.lower() not in used
        ):
            return upper_first(head)
    names: Counter[str] = Counter()
    for s in sentences:
        for m in _NAME.finditer(s):
            parts = m.group().split()
            while parts and parts[0].lower() in _ADVERB_START | _DANGLING:
                parts.pop(0)  # "Even Speaker Newt Gingrich": a sentence's first word
            if parts:
                names[" ".join(parts)] += 1
    for name, count in sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]))):
        if (
            name.lower() not in used
            and len(name.split()) <= MAX_WORDS
            and (count >= 2 or " " in name)
        ):
            return name
    for title in titles:  # a title that is a sentence lends its main clause, word for word
        head = make_heading(strip_label(title))
        if head and head.lower() not in used and head.lower() in " ".join(title.split()).lower():
            return head
    for title in titles:  # a whole title is a whole phrase, however long
        head = upper_first(strip_label(" ".join(title.split())))
        if head and head.lower() not in used:
            return head
    return upper_first(strip_label(" ".join(titles[0].split()))) if titles else ""


def _first_date_cue(text: str) -> int:
    """Where the first date cue starts, with its preposition ("on Tuesday", "in October")."""
    starts = [d.cue_start for d in find_dates(text, None)]
    starts += [m.start() for m in _RELATIVE_CUE.finditer(text)]
    starts += [m.start() for m in _TIME.finditer(text)]
    starts += [
        m.start()
        for m in re.finditer(
            r"\s\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d", text
        )
    ]
    cut = min([s for s in starts if len(text[:s].split()) >= MIN_WORDS], default=len(text))
    prep = re.search(
        r"\s+(?:on|in|since|until|by|from|at|during|of|last|early|late)\s*$", text[:cut]
    )
    return prep.start() if prep else cut


def _cut_point(words: list[str]) -> int | None:
    """Where to end a long clause: before a word that opens a new phrase, after the verb
    and its first word, not inside a name. None when there is no such place."""
    bare = [_bare(w) for w in words]
    lower = [b.lower() for b in bare]
    verb = next((i for i, w in enumerate(lower) if _looks_like_verb(w, i)), 1)
    cuts = []
    for i in range(max(MIN_WORDS, verb + 2), min(MAX_WORDS, len(words) - 1) + 1):
        if lower[i] not in _CUT_BEFORE:
            continue
        inside_name = (
            bare[i - 1][:1].isupper()
            and i + 1 < len(bare)
            and bare[i + 1][:1].isupper()
            and lower[i] in ("of", "and", "for", "on", "in", "at")
        )
        measure = lower[i - 1] in _MEASURES  # "seven minutes | from the end" is one phrase
        if not inside_name and not measure and lower[i - 1] not in _DANGLING:
            cuts.append(i)
    return cuts[-1] if cuts else None


def _looks_like_verb(word: str, index: int) -> bool:
    return index > 0 and (word in _COMMON_VERBS or (word.endswith("ed") and len(word) > 4))


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"“”'‘’()[]")


def _title_case(words: list[str]) -> str:
    out = []
    for i, raw in enumerate(words):
        word = _bare(raw) if i == len(words) - 1 else raw.strip('"“”‘()[]')
        if not word:
            continue
        lower = word.lower()
        if i > 0 and lower in _SMALL:
            out.append(lower)
        elif word[:1].islower() and not any(c.isupper() or c.isdigit() for c in word[1:]):
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
        else:
            out.append(word)
    return upper_first(" ".join(out).rstrip(",;:"))

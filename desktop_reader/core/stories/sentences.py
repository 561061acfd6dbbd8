"""Sentences of an article with character offsets, and the filter that keeps content.

Segmentation is syntok's (rule-based, handles "U.S.", "Gen.", "Jan. 30", initials,
decimals and quotes; about 7x faster than pysbd on our text). This module is the only
one that imports syntok. Each paragraph (and each single line inside one: captions and
headlines often sit on their own line) is segmented on its own, so a sentence never
spans a line break -- except "No.\n1 ...", an abbreviation cut from its number.

The filter rejects what a summary or timeline must never show: datelines (stripped
when a sentence follows them, by moving `start` past them so the text stays verbatim),
bylines, photo captions and credits, calls to action ("Read more", "Sign up"...),
copyright lines, questions and teasers, and fragments too short or too long to be a
reported fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from syntok import segmenter  # type: ignore[import-untyped]

MIN_WORDS = 6  # shorter is a fragment ("He declined.") or a label
MAX_WORDS = 60  # longer is usually a run-on list or a broken paragraph


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text == article_text[start:end]` exactly."""

    text: str
    start: int
    end: int
    paragraph: int  # 0-based paragraph number in the article
    position: int  # 0-based sentence number in the article (all sentences, kept or not)


_LINE = re.compile(r"[^\n]+")

# "KYIV, Ukraine (AP) — ", "WASHINGTON — ", "LONDON (Reuters) -", "Paris, Jan 30 (AFP) –"
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\([A-Za-z .&]{2,30}\))?\s*[—–-]{1,2}\s+)"
)
_BYLINE = re.compile(
    r"^(?:By|BY|Written by|Reporting by|Editing by|Additional reporting by)\s+"
    r"[A-Z]",
    re.UNICODE,
)
_CREDIT = re.compile(
    r"(?:\b(?:Photo|Photograph|Image|Picture|Illustration|Video)\s*(?:credit)?\s*:|"
    r"\((?:Photo|Image)\b|/\s*(?:AP|AFP|Reuters|Getty Images|EPA|Shutterstock)\b|"
    r"\b(?:REUTERS|AP|AFP|EPA)\s*/|"
    r"\bvia (?:AP|Getty Images|Reuters)\b|\bGetty Images\b|\bFile photo\b|"
    r"^\s*(?:Pictured|Above|Top|Left|Right|Below)\s*:)",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"\b(?:read more|read the full|sign up|subscribe|click here|follow us|follow (?:him|her) on|"
    r"newsletter|download (?:our|the) app|share this|related:|recommended:|advertisement|"
    r"watch:|listen:|more on this story|anyone with information|tip line|"
    r"this story has been updated|contributed to this report|"
    r"all rights reserved|copyright|©|\(c\) \d{4})",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9À-ɏ’'\-]+")
_ENDS_SENTENCE = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")
_QUESTION = re.compile(
    r"""\?["'”’)\]]*\s*$|\?["”’],?\s+(?:[\w.’'-]+\s+){0,4}"""
    r"""(?:asked|wondered|said|says)\b"""
)
_TEASER = re.compile(
    r"^(?:Here'?s|Here’s|This is|What (?:we|you) know|Everything you need)\b|"
    r"\byou(?:'|’)ll never guess\b|\bfind out\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """All sentences of `text`, in order, with exact offsets (leading/trailing space trimmed).

    Cached: a story's summary and timeline split each member's text several times, and
    syntok is most of their cost. Sentences are frozen, so sharing them is safe."""
    out: list[Sentence] = []
    paragraph = 0
    for block in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        for line in _LINE.finditer(block.group()):
            base = block.start() + line.start()
            chunk = line.group()
            if not chunk.strip():
                continue
            for para in segmenter.analyze(chunk):
                for sent in para:
                    tokens = list(sent)
                    if not tokens:
                        continue
                    start = base + tokens[0].offset
                    end = base + tokens[-1].offset + len(tokens[-1].value)
                    out.append(Sentence(text[start:end], start, end, paragraph, len(out)))
        paragraph += 1
    return tuple(_merge_quote_tails(text, out))


_TITLE_ONLY = re.compile(r"^(?:[A-Z][a-z]{0,4}\.\s*){1,3}$")  # "Det. Sgt." split off a name
# "...whether the Dec." | "6-20 games..." and "No." | "3": an abbreviation before a number.
_ABBREVIATION_END = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|"
    r"Nos|Art|Sec|Vol|Fig|approx|ca)\.$"
)

# "...cleared Cmndr." | "Zejnil Delalic..." and "Louisiana Gov." | "Bobby Jindal": a title
# that stands before a name never ends a sentence.
_NAME_TITLE_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|Gov|Sen|Rep|Gen|Lt|Col|Maj|Capt|Cmdr|"
    r"Cmndr|Adm|Sgt|Cpl|Det|Insp|Supt|Pres|Amb|Hon|Fr|Sr|Jr|St)\.$"
)

# "President B.J." | "Habibie on Tuesday...": a name's initials, cut from the surname.
_NAME_INITIALS_END = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z]\.){1,2}$")
_COUNTRY_INITIALS = frozenset({"U.S.", "U.N.", "U.K.", "E.U."})
_SENTENCE_OPENERS = frozenset(
    "a an the he she it its they we i you this that these those there his her their "
    "but and or so yet in on at for if when while after before as".split()
)


def _initials_of_name(before: str, after: str) -> bool:
    """`before` ends on a name's initials ("Michael A.") and `after` goes on with the
    surname ("Young, the lawyer...") or another initial, not a new sentence ("He...")."""
    if not _NAME_INITIALS_END.search(before) or before.split()[-1] in _COUNTRY_INITIALS:
        return False
    first = after.split()[0] if after.split() else ""
    if re.fullmatch(r"[A-Z]\.", first):
        return True
    word = first.strip(",.;:").lower()
    return first[:1].isupper() and word.isalpha() and word not in _SENTENCE_OPENERS


def _merge_quote_tails(text: str, sents: list[Sentence]) -> list[Sentence]:
    # syntok may end a sentence inside a quote ('"We won." he said.') or after a title
    # ("Det. Sgt. Amira Haddad"); glue the pieces back so no words are lost.
    out: list[Sentence] = []
    for s in sents:
        prev = out[-1] if out else None
        gap = text[prev.end : s.start] if prev is not None else ""
        if (
            prev is not None
            and prev.paragraph == s.paragraph
            and (
                ((s.text[:1].islower() or _TITLE_ONLY.match(prev.text)) and "\n" not in gap)
                # "No.\n1 Intermediate Court": a line broken after the abbreviation
                or (
                    s.text[:1].isdigit()
                    and _ABBREVIATION_END.search(prev.text)
                    and gap.count("\n") <= 1
                )
                or (
                    s.text[:1].isupper()
                    and _NAME_TITLE_END.search(prev.text)
                    and gap.count("\n") <= 1
                )
                or (_initials_of_name(prev.text, s.text) and gap.count("\n") <= 1)
            )
        ):
            out[-1] = Sentence(
                text[prev.start : s.end], prev.start, s.end, prev.paragraph, prev.position
            )
        else:
            out.append(Sentence(s.text, s.start, s.end, s.paragraph, len(out)))
    return out


def strip_dateline(sentence: Sentence) -> Sentence:
    """The sentence without a leading dateline ("KYIV, Ukraine (AP) — "), offsets moved."""
    match = _DATELINE.match(sentence.text)
    if not match:
        return sentence
    rest = sentence.text[match.end() :]
    if not rest[:1].isupper() and rest[:1] not in "\"“'‘":
        return sentence  # "DEAL - what it means" is a headline, not a dateline
    cut = match.end()
    return Sentence(rest, sentence.start + cut, sentence.end, sentence.paragraph, sentence.position)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def rejection_reason(sentence: Sentence) -> str | None:
    """Why `sentence` is not content (None when it is). Expects the dateline stripped."""
    text = sentence.text.strip()
    words = word_count(text)
    if words < MIN_WORDS:
        return "too short"
    if words > MAX_WORDS:
        return "too long"
    if _BYLINE.match(text) or re.match(r"^[A-Z][a-z]+ [A-Z][a-z]+,? (?:Reuters|AP|AFP)\b", text):
        return "byline"
    if _CALL_TO_ACTION.search(text):
        return "boilerplate"
    if _CREDIT.search(text):
        return "caption"
    if _QUESTION.search(text) or _TEASER.search(text):
        return "question or teaser"
    if not _ENDS_SENTENCE.search(text):
        return "no sentence ending"  # headlines, captions, list items
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return "shouting"
    return None


def content_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of `text` that may appear in a summary or timeline."""
    sentences = [strip_dateline(s) for s in split_sentences(text)]
    # A paragraph holding a photo credit is a caption; a paragraph that is nothing but a
    # credit makes the paragraph just before it the caption.
    credited = {s.paragraph for s in sentences if _CREDIT.search(s.text)}
    credit_only = {
        p
        for p in credited
        if all(
            _CREDIT.search(s.text) or word_count(s.text) < MIN_WORDS
            for s in sentences
            if s.paragraph == p
        )
    }
    captions = credited | {p - 1 for p in credit_only}
    return tuple(
        s for s in sentences if s.paragraph not in captions and rejection_reason(s) is None
    )


def title_sentence(title: str, text: str) -> Sentence | None:
    """The title as a sentence of the article, when it is one: some feeds (wire copy,
    short news) carry the lead sentence as the title and start the text after it. A
    headline ("Quake hits Taiwan"), a cut-off title or a title the text repeats is not."""
    stripped = title.strip()
    if not stripped:
        return None
    start = title.index(stripped)
    sentence = Sentence(stripped, start, start + len(stripped), -1, -1)
    if rejection_reason(sentence) is not None or len(split_sentences(stripped)) != 1:
        return None
    if " ".join(stripped.split()) in " ".join(text.split()[:80]):
        return None  # the text opens with it: that copy is the sentence
    return sentence

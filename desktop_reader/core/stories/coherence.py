"""Rules that keep sentences taken from different articles readable side by side.

- A sentence that opens on something it does not name -- a pronoun ("They won..."),
  a definite reference with a generic head ("The company said...", "The two men..."),
  or a connective that answers the sentence before ("But...", "However,...") -- reads
  true only right after the sentence it leans on: `needs_antecedent`.
- Sentences go in the order of events: the article's publication time, then where
  the sentence stands in it (`event_order`).
- Sections are runs of consecutive sentences, two or more each, cut where the topic
  changes most and never between a sentence and its antecedent (`split_sections`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

_PRONOUN = re.compile(
    r"^[\"“‘']?(?:He|She|They|It|We|I|His|Her|Their|Its|Them|Him|This|These|Those|That|"
    r"Such|Both|Neither|Either|Others|Another|The latter|The former|One|Each|"
    r"All (?:two|three|four|five|six|of them)|(?:Some|Many|Most|None|Several) of them)\b(?![-’'])"
)
# "In the post-season, it gets tougher": a pronoun subject after a scene-setting phrase.
_LEAD_PRONOUN = re.compile(
    r"^[\"“‘']?[A-Z][^,.;:]{0,60},\s+(?:he|she|they|it|we|his|her|their|"
    r"its)\s+(?!(?:is|was)\s+(?:said|reported|understood)\b)"
)
# "The United Nations, however, does not...": a connective set inside the subject.
_INNER_CONNECTIVE = re.compile(
    r"^[^,.;:]{1,60},\s+(?:however|meanwhile|though|in turn|"
    r"instead|nevertheless|too|in response),\s"
)
_CONNECTIVE = re.compile(
    r"^[\"“‘']?(?:But|And|Or|Nor|Yet|So|Still|However|Instead|Nevertheless|Nonetheless|"
    r"Meanwhile|"
    r"Moreover|Furthermore|Also|Otherwise|Then|Thus|Therefore|Besides|Likewise|Similarly|"
    r"In addition|In contrast|By contrast|On the other hand|Even so|As a result|"
    r"At the same time|In response|Later|Afterward|Afterwards)\b"
)
# "The company", "The two men", "The 32-year-old", "The move": a head noun that names no one.
_GENERIC_HEADS = (
    "company|companies|firm|group|groups|man|men|woman|women|boy|boys|girl|girls|child|"
    "children|couple|pair|family|families|official|officials|spokesman|spokeswoman|"
    "spokesperson|agency|club|team|side|player|players|country|city|town|state|region|"
    "plan|move|deal|decision|report|statement|bill|measure|proposal|agreement|attack|"
    "incident|accident|victim|victims|suspect|suspects|driver|pilot|crew|officer|officers|"
    "leader|leaders|minister|president|chairman|government|party|organisation|organization|"
    "court|judge|ruling|case|operation|project|band|singer|actor|actress|star|company's|"
    "latter|former|others|two|three|four|five|six|seven|eight|nine|ten|"
    "same|new one|one|idea|issue|problem|talks|meeting|vote|election|visit|trip|event|"
    "announcement|news|decision|offer|bid|sale|takeover|merger|rule|law|policy|program|"
    "programme|scheme|system|storm|quake|earthquake|fire|blast|explosion|crash|disease|"
    "virus|outbreak|strike|protest|protesters|demonstrators|rebels|troops|soldiers|forces|"
    "police|authorities|researchers|scientists|doctors|experts|analysts|investigators|"
    "prosecutors|lawyers|residents|people|workers|staff|members|fans|voters|students"
)
_DEFINITE = re.compile(
    r"^[\"“‘']?(?:The|This|That|These|Those|Such)\s+(?:(?:\d+-year-old|[a-z]+-[a-z]+|"
    r"two|three|four|five|six|seven|eight|nine|ten|other|same|new|former|latter|"
    r"whole|entire|first|second|third|last|final)\s+)?(?:" + _GENERIC_HEADS + r")\b"
)
_NUMBER_HEAD = re.compile(r"^[\"“‘']?The\s+\d+-year-old\b")
# "The procedure is...", "The two were...": a subject of common nouns only, then its verb.
_BARE_SUBJECT = re.compile(
    r"^[\"“‘']?(?:The|This|That|These|Those)(?:\s+[a-z][a-z’'-]*){1,3}\s+(?:is|was|are|were|"
    r"has|had|have|will|would|could|can|may|might|must|did|does|do|should|said|says|"
    r"[a-z]{3,}ed)\b"
)


def needs_antecedent(text: str, *, opening: bool = False) -> bool:
    """Whether `text` opens on a reference or link that only the sentence before it resolves.

    `opening`: the sentence opens its article. A writer introduces what an opening
    sentence names ("The competition regulator said..."), so only pronouns, connectives
    and generic heads ("The company") count there.
    """
    text = text.lstrip()
    return bool(
        _PRONOUN.match(text)
        or _CONNECTIVE.match(text)
        or _DEFINITE.match(text)
        or _LEAD_PRONOUN.match(text)
        or _INNER_CONNECTIVE.match(text)
        or _NUMBER_HEAD.match(text)
        or (not opening and _BARE_SUBJECT.match(text))
    )


def split_sections(
    count: int, sections: int, similar: Callable[[int, int], float], joined: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """Cut `count` ordered sentences into at most `sections` runs of two or more.

    `similar(i, j)`: how alike sentences i and j are; `joined(i)`: sentence i may not be
    separated from sentence i - 1. Cuts go where the sentences on either side are least
    alike. Returns (start, end) ranges; fewer sections when the rules leave no room.
    """
    if count == 0:
        return []
    allowed = [i for i in range(2, count - 1) if not joined(i)]
    for k in range(min(sections, count // 2), 1, -1):
        best: tuple[float, tuple[int, ...]] | None = None
        for cuts in itertools.combinations(allowed, k - 1):
            bounds = (0, *cuts, count)
            if any(b - a < 2 for a, b in itertools.pairwise(bounds)):
                continue
            cost = sum(_gap(cut, similar) for cut in cuts)
            if best is None or cost < best[0]:
                best = (cost, cuts)
        if best is not None:
            bounds = (0, *best[1], count)
            return list(itertools.pairwise(bounds))
    return [(0, count)]


def _gap(cut: int, similar: Callable[[int, int], float]) -> float:
    return similar(cut - 1, cut)


def event_order(published: object, article: int, position: int) -> tuple[int, object, int, int]:
    """Sort key: dated articles by time (undated after), then by article, then position."""
    return (published is None, published if published is not None else 0, article, position)


def ordered(keys: Sequence[tuple[int, object, int, int]]) -> list[int]:
    return sorted(range(len(keys)), key=lambda i: keys[i])

"""Choosing a story's headline from its members' titles.

The best title is the most central one (closest to the story's centroid: it names
what the sources agree on) that is also a plain statement: questions, teasers,
ALL-CAPS shouting, "LIVE:" tickers and "WATCH:" labels lose points; as shown, an outlet
suffix (" - The Courier") and label prefixes ("Analysis:", "UPDATE 2-") are removed and
the first letter is upper case.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop_reader.core.stories import text as tx
from desktop_reader.core.stories import vectors as vx
from desktop_reader.core.stories.headings import TITLE_LABEL, strip_label, upper_first

_TEASERS = re.compile(
    r"\b(you won'?t believe|here'?s (what|why|how)|what (we know|to know|you need)|"
    r"everything you need|this is why|find out|things to know|explained|the truth about|"
    r"revealed|latest updates|as it happened)\b",
    re.I,
)


@dataclass(frozen=True)
class Candidate:
    article_id: int
    title: str
    vector: Mapping[str, float]


@lru_cache(maxsize=65536)  # a story's titles are scored again whenever it grows
def penalty(title: str) -> float:
    """How much a title reads like something other than a plain news headline."""
    cost = 0.0
    words = title.split()
    if title.rstrip().endswith("?"):
        cost += 0.5
    if TITLE_LABEL.match(title):
        cost += 0.4
    if _TEASERS.search(title):
        cost += 0.4
    letters = "".join(filter(str.isalpha, title))
    if letters and sum(map(str.isupper, letters)) / len(letters) > 0.7 and len(letters) > 8:
        cost += 0.5
    if len(words) < 4:
        cost += 0.3
    elif len(words) > 22:
        cost += 0.2
    if title.rstrip().endswith(("...", "…")):
        cost += 0.2
    return cost


@lru_cache(maxsize=65536)
def _title_penalty(title: str) -> float:
    """`penalty` of the title without its outlet suffix."""
    return penalty(tx.clean_title(title))


def tidy(title: str) -> str:
    """The title as shown: outlet suffix and leading labels ("Analysis:", "LIVE:",
    "Opinion |", "UPDATE 2-") removed, first letter upper case."""
    title = tx.clean_title(title)
    stripped = strip_label(title)
    return upper_first(stripped if len(stripped.split()) >= 3 else title)


def choose(candidates: Sequence[Candidate], centroid: Mapping[str, float]) -> Candidate | None:
    """The member title to show; ties go to the earlier article (stable headlines)."""
    best: tuple[float, int, Candidate] | None = None
    unit = _unit(centroid, candidates)
    for order, cand in enumerate(candidates):
        if not cand.title.strip():
            continue
        value = vx.cosine(cand.vector, unit) - _title_penalty(cand.title)
        key = (value, -order)
        if best is None or key > (best[0], -best[1]):
            best = (value, order, cand)
    return best[2] if best else None


def _unit(centroid: Mapping[str, float], candidates: Sequence[Candidate]) -> dict[str, float]:
    """The centroid at unit length, as `vx.cap` over all its terms gives it. The norm
    adds the squares heaviest first, as `cap` does (equal weights are equal numbers, so
    sorting the weights alone gives the same sum); the terms need cap's order only when
    a title's vector is the longer one, which `cosine` then iterates the centroid for."""
    if any(len(c.vector) > len(centroid) for c in candidates):
        return vx.cap(centroid, len(centroid) or 1)
    norm = math.sqrt(sum(w * w for w in sorted(centroid.values(), reverse=True))) or 1.0
    return {t: w / norm for t, w in centroid.items()}

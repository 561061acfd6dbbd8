"""Which word classes an English word can be, from LemmInflect's lexicon (shipped in its
wheel, no download). Headings use it to refuse an ending that leaves a phrase open:
"...Attempt Came", "Suggestions Were Made", "Mubarak Met Here"."""

from __future__ import annotations

from functools import lru_cache

import lemminflect

from desktop_reader.core import long_lived


def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """LemmInflect's lemmas of `word`, by word class; the lexicon is loaded once."""
    if not _loaded:
        _load()
    return lemminflect.getAllLemmas(word)  # type: ignore[no-any-return]


_loaded: list[bool] = []


def _load() -> None:
    # The lexicon loads on first use (about a second, many thousand objects that live for
    # the session): out of the collector's full passes from then on, which were long
    # pauses of the window during a refresh.
    lemminflect.getAllLemmas("be")
    long_lived.freeze(collect=False)
    _loaded.append(True)


@lru_cache(maxsize=8192)
def classes(word: str) -> frozenset[str]:
    """The universal POS tags `word` (lower case) can have: NOUN, VERB, ADJ, ADV..."""
    return frozenset(lemmas(word.lower()))


# Verbs that leave a clause open without what follows them: "the attempt came [as...]",
# "suggestions were made [that...]". A verb such as "began" or "resigned" ends a clause.
NEEDS_COMPLEMENT = frozenset(
    "be have do come go make take put get give set keep bring become seem remain say tell "
    "mark find see show call want need try include mean hold let consider describe put "
    "lead send reach turn leave expect allow ask urge use decide plan hope vow promise "
    "refuse fail seek intend aim threaten pledge manage question warn".split()
)


# Adverbs that point at context a heading lacks ("met here", "is still").
_DEICTIC = frozenset(
    "here there now then still also too even yet so just only further "
    "instead though however thus meanwhile".split()
)


def ends_phrase(word: str) -> bool:
    """Whether a heading can end on `word` as its sentence writes it: not an adverb ("met
    here") or a verb that needs a complement ("came", "were made"). Capitalised words
    (names) and numbers always can."""
    if word[:1].isupper() or any(c.isdigit() for c in word):
        return True
    by_class = lemmas(word.lower())
    found = set(by_class)
    if found == {"ADV"} and word.lower() in _DEICTIC:
        return False
    if found == {"VERB"}:
        return not set(by_class["VERB"]) & NEEDS_COMPLEMENT
    return True


def only_verb(word: str) -> bool:
    """A lower-case word the lexicon knows only as a verb ("helped", "came")."""
    return word[:1].islower() and classes(word) == {"VERB"}


def base_verb(word: str) -> bool:
    """A lower-case word that can be a verb's bare form ("finance", "meet")."""
    return word[:1].islower() and word.lower() in lemmas(word.lower()).get("VERB", ())

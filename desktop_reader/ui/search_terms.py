"""The words of a search, found again in a title or an article's text to highlight them.

They match as the library's full-text index matches them (core/storage/articles.py,
FTS5 unicode61 with diacritics removed): each word of the query is a token compared
without case or accents, and the last one also matches as a prefix (results as you
type), so "harb" highlights "Harbour".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from PySide6.QtGui import QColor

_WORD = re.compile(r"\w+")
MARK_BACKGROUND = QColor("#ffd54f")  # the same on light and dark themes…
MARK_TEXT = QColor("#1a1a1a")  # …with dark text, readable on it either way


def fold(word: str) -> str:
    """A word as the index compares it: no case, no accents."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class SearchTerms:
    exact: frozenset[str]
    prefix: str  # the query's last word ("" if none)

    @classmethod
    def from_query(cls, query: str) -> SearchTerms:
        tokens = [fold(t) for t in _WORD.findall(query)]
        return cls(frozenset(tokens[:-1]), tokens[-1] if tokens else "")

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefix)

    def matches(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.exact or (bool(self.prefix) and folded.startswith(self.prefix))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every word of `text` the search matched."""
        return [(m.start(), m.end()) for m in _WORD.finditer(text) if self.matches(m.group())]

"""What a write changed, as a value: the UI redraws only what it names.

Every writing call of the `Reader` facade (and the refresh pipeline's stages) returns a
`Changes`; the GUI's one dispatcher (ui/change_dispatcher.py) turns it into model
updates. Changes combine with `|`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    feeds: frozenset[int] = frozenset()  # feeds whose articles, counts or status changed
    articles: frozenset[int] = frozenset()  # articles whose read/starred state or text changed
    stories: frozenset[int] = frozenset()  # stories whose members, read state or star changed
    feed_list: bool = False  # feeds, folders or saved searches added, removed or renamed
    starred: bool = False  # the Starred nodes' lists or counts
    everything: bool = False  # too broad to say (imports, clean-up): redraw it all

    @classmethod
    def of(cls, *, feeds: Iterable[int] = (), articles: Iterable[int] = (),
           stories: Iterable[int] = (), feed_list: bool = False, starred: bool = False,
           everything: bool = False) -> Changes:
        return cls(frozenset(feeds), frozenset(articles), frozenset(stories), feed_list,
                   starred, everything)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.feeds | other.feeds, self.articles | other.articles,
                       self.stories | other.stories, self.feed_list or other.feed_list,
                       self.starred or other.starred, self.everything or other.everything)

    def __bool__(self) -> bool:
        return bool(self.feeds or self.articles or self.stories or self.feed_list
                    or self.starred or self.everything)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)

"""What a write changed, as a value: the UI redraws only what it names.

Every writing call of the `Reader` facade (and the refresh pipeline's stages) returns a
`Changes`; the GUI's one dispatcher (ui/change_dispatcher.py) turns it into model
updates. Changes combine with `|`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_reader.core.models import RefreshSummary


@dataclass(frozen=True)
class Changes:
    feeds: frozenset[int] = frozenset()  # feeds whose articles, counts or status changed
    articles: frozenset[int] = frozenset()  # articles whose read/starred state changed
    stories: frozenset[int] = frozenset()  # stories whose members, read state or star changed
    feed_list: bool = False  # feeds, folders or saved searches added, removed or renamed
    starred: bool = False  # the Starred nodes' lists or counts
    everything: bool = False  # too broad to say (imports, clean-up): redraw it all
    content: bool = False  # article pages or images arrived: an open article may read anew
    new_articles: frozenset[int] = frozenset()  # articles added (lists may grow)

    @classmethod
    def of(
        cls,
        *,
        feeds: Iterable[int] = (),
        articles: Iterable[int] = (),
        stories: Iterable[int] = (),
        feed_list: bool = False,
        starred: bool = False,
        everything: bool = False,
        content: bool = False,
        new_articles: Iterable[int] = (),
    ) -> Changes:
        return cls(
            frozenset(feeds),
            frozenset(articles),
            frozenset(stories),
            feed_list,
            starred,
            everything,
            content,
            frozenset(new_articles),
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.feeds | other.feeds,
            self.articles | other.articles,
            self.stories | other.stories,
            self.feed_list or other.feed_list,
            self.starred or other.starred,
            self.everything or other.everything,
            self.content or other.content,
            self.new_articles | other.new_articles,
        )

    def __bool__(self) -> bool:
        return bool(
            self.feeds
            or self.articles
            or self.stories
            or self.feed_list
            or self.starred
            or self.everything
            or self.content
            or self.new_articles
        )


def refresh_changes(summary: RefreshSummary) -> Changes:
    """What storing feeds changed: every feed fetched (status, counts) and new articles."""
    return Changes.of(
        feeds=[r.feed_id for r in summary.results],
        new_articles=summary.new_article_ids,
        starred=bool(summary.new_article_ids),
    )  # filter rules may star them


def completion_changes(changed_stories: Iterable[int]) -> Changes:
    """What completing articles changed: their pages and images, and the stories that grew."""
    return Changes.of(stories=changed_stories, content=True)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)

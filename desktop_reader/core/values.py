"""The value types the UI is handed by the `Reader` facade, in one place.

They are plain frozen dataclasses and enums, defined next to the queries that build
them (core/models.py, core/storage/*); the UI imports them from here so that it never
depends on the storage modules themselves.
"""

from desktop_reader.core.models import (
    Article,
    DiscoveredFeed,
    Feed,
    FeedStatus,
    OutlineFeed,
    StoredImage,
)
from desktop_reader.core.pipeline.opml_io import OpmlImport
from desktop_reader.core.pipeline.page_retries import status_line
from desktop_reader.core.pipeline.retention import CleanupReport, LibrarySizes
from desktop_reader.core.pipeline.story_alerts import StoryAlert, alert_text
from desktop_reader.core.storage.articles import ArticleRow
from desktop_reader.core.storage.filters import FilterRule, RuleAction, RuleField, RuleMatch
from desktop_reader.core.storage.media import MEDIA_SCHEME, MediaCache
from desktop_reader.core.storage.saved_searches import (
    EVERYWHERE,
    SavedSearch,
    feed_scope,
    folder_scope,
)
from desktop_reader.core.storage.settings import (
    FEED_DEADLINE,
    FETCH_FULL,
    KEEP_ARTICLES,
    KEEP_DAYS,
    NOTIFY_OUTLETS,
    REFRESH_MINUTES,
    THEME,
    Setting,
)
from desktop_reader.core.storage.stories import StoryDetail, StoryImage, StoryMember, StoryRow

__all__ = [
    "EVERYWHERE",
    "FEED_DEADLINE",
    "FETCH_FULL",
    "KEEP_ARTICLES",
    "KEEP_DAYS",
    "MEDIA_SCHEME",
    "NOTIFY_OUTLETS",
    "REFRESH_MINUTES",
    "THEME",
    "Article",
    "ArticleRow",
    "CleanupReport",
    "DiscoveredFeed",
    "Feed",
    "FeedStatus",
    "FilterRule",
    "LibrarySizes",
    "MediaCache",
    "OpmlImport",
    "OutlineFeed",
    "RuleAction",
    "RuleField",
    "RuleMatch",
    "SavedSearch",
    "Setting",
    "StoredImage",
    "StoryAlert",
    "StoryDetail",
    "StoryImage",
    "StoryMember",
    "StoryRow",
    "alert_text",
    "feed_scope",
    "folder_scope",
    "status_line",
]

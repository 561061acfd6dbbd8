"""The value types the UI is handed by the `Reader` facade, in one place.

They are plain frozen dataclasses and enums, defined next to the queries that build
them (core/models.py, core/storage/*, core/stories/*); the UI imports them from here so
that it never depends on the modules that make them. So are the errors the UI catches,
and where the bundled resources (icons, starter feeds) are.
"""

from typing import TYPE_CHECKING

from desktop_reader.core.errors import Cancelled, ReaderError, StorageError
from desktop_reader.core.models import (
    Article,
    DiscoveredFeed,
    Feed,
    FeedStatus,
    OutlineFeed,
    RefreshProgress,
    RefreshSummary,
    StoredImage,
    SyncSummary,
)
from desktop_reader.core.paths import resources_dir
from desktop_reader.core.pipeline.opml_io import OpmlImport
from desktop_reader.core.pipeline.page_retries import status_line
from desktop_reader.core.pipeline.retention import CleanupReport, LibrarySizes
from desktop_reader.core.pipeline.story_alerts import StoryAlert, alert_text
from desktop_reader.core.storage.accounts import Account
from desktop_reader.core.storage.articles import ArticleRow
from desktop_reader.core.storage.filters import FilterRule, RuleAction, RuleField, RuleMatch
from desktop_reader.core.storage.media import MEDIA_SCHEME, MediaCache
from desktop_reader.core.storage.read_state import ReadState
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
    STORY_OPEN_MARKS,
    THEME,
    Setting,
)
from desktop_reader.core.storage.stories import StoryDetail, StoryImage, StoryMember, StoryRow
from desktop_reader.core.stories.summary import SentenceSource, Summary
from desktop_reader.core.stories.timeline import Timeline, TimelineEvent, chronological_key
from desktop_reader.core.undo import UndoableAction

if TYPE_CHECKING:
    # The type only (annotations in the UI): the network stack loads when a task first
    # needs a client (`reader.open_fetcher()`), not at start-up.
    from desktop_reader.core.fetch import Fetcher

__all__ = [
    "EVERYWHERE",
    "FEED_DEADLINE",
    "FETCH_FULL",
    "KEEP_ARTICLES",
    "KEEP_DAYS",
    "MEDIA_SCHEME",
    "NOTIFY_OUTLETS",
    "REFRESH_MINUTES",
    "STORY_OPEN_MARKS",
    "THEME",
    "Account",
    "Article",
    "ArticleRow",
    "Cancelled",
    "CleanupReport",
    "DiscoveredFeed",
    "Feed",
    "FeedStatus",
    "Fetcher",
    "FilterRule",
    "LibrarySizes",
    "MediaCache",
    "OpmlImport",
    "OutlineFeed",
    "ReadState",
    "ReaderError",
    "RefreshProgress",
    "RefreshSummary",
    "RuleAction",
    "RuleField",
    "RuleMatch",
    "SavedSearch",
    "SentenceSource",
    "Setting",
    "StorageError",
    "StoredImage",
    "StoryAlert",
    "StoryDetail",
    "StoryImage",
    "StoryMember",
    "StoryRow",
    "Summary",
    "SyncSummary",
    "Timeline",
    "TimelineEvent",
    "UndoableAction",
    "alert_text",
    "chronological_key",
    "feed_scope",
    "folder_scope",
    "resources_dir",
    "status_line",
]

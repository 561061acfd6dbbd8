"""What the user chose for a feed, applied to its new entries before they are stored.

Filters (hide, mark read, star), then the feed's download choice: with "fetch full
articles and images" off, entries are not queued for their page (PageState.SKIPPED)
and their images are not listed, so nothing more is downloaded for them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace

from desktop_reader.core.models import PageState
from desktop_reader.core.pipeline.filters import FilterOutcome, apply_filters, compile_rules
from desktop_reader.core.storage import filters, settings
from desktop_reader.core.storage.articles import NewEntry


def apply_feed_policy(
    conn: sqlite3.Connection, feed_id: int, entries: Sequence[NewEntry]
) -> FilterOutcome:
    outcome = apply_filters(entries, compile_rules(filters.rules_for_feed(conn, feed_id)))
    if settings.read(conn, settings.FETCH_FULL, feed_id):
        return outcome
    chosen = [
        replace(
            entry,
            entry=replace(entry.entry, images=()),
            page_state=(
                PageState.SKIPPED if entry.page_state is PageState.PENDING else entry.page_state
            ),
        )
        for entry in outcome.entries
    ]
    return FilterOutcome(chosen, outcome.hidden)

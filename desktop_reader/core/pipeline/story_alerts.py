"""Deciding which stories to tell the user about: new ones that reached a chosen breadth.

A story is worth a notification once, when it is recent and at least `min_outlets`
outlets cover it — not for every article that joins it. Stories told about are
recorded, so a refresh only reports those that crossed the line since the last one.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from desktop_reader.core.storage import story_build

#: Only stories with a member added this recently are news; older ones are just recorded.
RECENT_SECONDS = 24 * 3600


@dataclass(frozen=True)
class StoryAlert:
    story_id: int
    headline: str
    outlet_count: int
    article_count: int


def new_broad_stories(
    conn: sqlite3.Connection, min_outlets: int, *, now: float | None = None
) -> list[StoryAlert]:
    """Stories that reached `min_outlets` since the last call, broadest first.

    Every story found is recorded as told, including old ones that are not
    returned, so none is reported later. `min_outlets` <= 0 turns alerts off.
    """
    if min_outlets <= 0:
        return []
    now = time.time() if now is None else now
    rows = story_build.untold_broad_stories(conn, min_outlets)
    if not rows:
        return []
    story_build.record_alerts(conn, [(r[0], r[2]) for r in rows], now)
    return [StoryAlert(r[0], r[1], r[2], r[3]) for r in rows if r[4] >= now - RECENT_SECONDS]


def alert_text(alerts: list[StoryAlert], limit: int = 3) -> tuple[str, str]:
    """One notification for all of them: (title, message)."""
    if not alerts:
        return "", ""
    first = alerts[0]
    if len(alerts) == 1:
        return (f"Covered by {first.outlet_count} outlets", first.headline)
    lines = [f"• {a.headline} ({a.outlet_count} outlets)" for a in alerts[:limit]]
    if len(alerts) > limit:
        lines.append(f"and {len(alerts) - limit} more")
    return f"{len(alerts)} stories widely covered", "\n".join(lines)

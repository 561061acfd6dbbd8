"""Filter rules (killfiles): per-feed or global, on an article's title or text.

A rule says where to look (title, text or either), how to match (contains, case
insensitive, or a regular expression) and what to do with a match: hide it (never
stored), mark it read, or star it. Rules are checked here when saved, so a broken
pattern is refused with a message instead of failing a refresh later.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from enum import Enum

from desktop_reader.core.errors import StorageError


class RuleField(str, Enum):
    TITLE = "title"
    TEXT = "text"
    ANY = "any"


class RuleMatch(str, Enum):
    CONTAINS = "contains"
    REGEX = "regex"


class RuleAction(str, Enum):
    HIDE = "hide"
    MARK_READ = "mark_read"
    STAR = "star"


@dataclass(frozen=True)
class FilterRule:
    id: int
    feed_id: int | None  # None: every feed
    field: RuleField
    match: RuleMatch
    pattern: str
    action: RuleAction
    enabled: bool = True


def _rule(row: sqlite3.Row) -> FilterRule:
    return FilterRule(
        row["id"],
        row["feed_id"],
        RuleField(row["field"]),
        RuleMatch(row["match"]),
        row["pattern"],
        RuleAction(row["action"]),
        bool(row["enabled"]),
    )


def check_pattern(match: RuleMatch, pattern: str) -> str:
    """The pattern as stored, or StorageError saying what is wrong with it."""
    if not pattern.strip():
        raise StorageError("A filter needs something to look for.")
    if match is RuleMatch.REGEX:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise StorageError(f"“{pattern}” is not a valid regular expression: {exc}.") from exc
        return pattern
    return pattern.strip()


def add_rule(
    conn: sqlite3.Connection,
    *,
    pattern: str,
    action: RuleAction,
    field: RuleField = RuleField.TITLE,
    match: RuleMatch = RuleMatch.CONTAINS,
    feed_id: int | None = None,
    enabled: bool = True,
) -> FilterRule:
    pattern = check_pattern(match, pattern)
    cur = conn.execute(
        "INSERT INTO filter_rules(feed_id, field, match, pattern, action, enabled, created) "
        "VALUES (?,?,?,?,?,?,?)",
        (feed_id, field.value, match.value, pattern, action.value, int(enabled), time.time()),
    )
    return FilterRule(int(cur.lastrowid or 0), feed_id, field, match, pattern, action, enabled)


def update_rule(conn: sqlite3.Connection, rule: FilterRule) -> None:
    pattern = check_pattern(rule.match, rule.pattern)
    conn.execute(
        "UPDATE filter_rules SET feed_id = ?, field = ?, match = ?, pattern = ?, action = ?, "
        "enabled = ? WHERE id = ?",
        (
            rule.feed_id,
            rule.field.value,
            rule.match.value,
            pattern,
            rule.action.value,
            int(rule.enabled),
            rule.id,
        ),
    )


def delete_rule(conn: sqlite3.Connection, rule_id: int) -> None:
    conn.execute("DELETE FROM filter_rules WHERE id = ?", (rule_id,))


def list_rules(conn: sqlite3.Connection) -> list[FilterRule]:
    """Every rule: global ones first, then by feed, in the order they were made."""
    return [
        _rule(r)
        for r in conn.execute(
            "SELECT * FROM filter_rules ORDER BY feed_id IS NOT NULL, feed_id, id"
        )
    ]


def rules_for_feed(conn: sqlite3.Connection, feed_id: int) -> list[FilterRule]:
    """The enabled rules that apply to one feed (global and its own)."""
    return [
        _rule(r)
        for r in conn.execute(
            "SELECT * FROM filter_rules WHERE enabled = 1 AND (feed_id IS NULL OR feed_id = ?) "
            "ORDER BY id",
            (feed_id,),
        )
    ]

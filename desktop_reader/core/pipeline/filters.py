"""Applying filter rules to a feed's new entries before they are stored.

Hidden entries are dropped (like Newsboat's ignore-article); the others may come
in already read or starred. Matching is case-insensitive; "contains" ignores
differences in spacing so a title split over lines still matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop_reader.core.storage.articles import NewEntry
from desktop_reader.core.storage.filters import FilterRule, RuleAction, RuleField, RuleMatch


@dataclass(frozen=True)
class CompiledRule:
    rule: FilterRule
    regex: re.Pattern[str]

    def matches(self, entry: NewEntry) -> bool:
        title, text = entry.entry.title, entry.text
        field = self.rule.field
        haystacks = (
            [title]
            if field is RuleField.TITLE
            else [text]
            if (field is RuleField.TEXT)
            else [title, text]
        )
        return any(self.regex.search(" ".join(h.split())) for h in haystacks)


def compile_rules(rules: Sequence[FilterRule]) -> list[CompiledRule]:
    """Enabled rules ready to match; a rule whose pattern no longer compiles is skipped."""
    compiled = []
    for rule in rules:
        if not rule.enabled:
            continue
        source = (
            rule.pattern
            if rule.match is RuleMatch.REGEX
            else re.escape(" ".join(rule.pattern.split()))
        )
        try:
            compiled.append(CompiledRule(rule, re.compile(source, re.IGNORECASE)))
        except re.error:
            continue  # saved before validation existed: ignore rather than fail a refresh
    return compiled


@dataclass(frozen=True)
class FilterOutcome:
    entries: list[NewEntry]  # what to store, with read/starred set by the rules
    hidden: int = 0


def apply_filters(entries: Sequence[NewEntry], rules: Sequence[CompiledRule]) -> FilterOutcome:
    if not rules:
        return FilterOutcome(list(entries))
    kept: list[NewEntry] = []
    hidden = 0
    for entry in entries:
        actions = {r.rule.action for r in rules if r.matches(entry)}
        if RuleAction.HIDE in actions:
            hidden += 1
            continue
        if actions:
            entry = replace(
                entry,
                read=entry.read or RuleAction.MARK_READ in actions,
                starred=entry.starred or RuleAction.STAR in actions,
            )
        kept.append(entry)
    return FilterOutcome(kept, hidden)

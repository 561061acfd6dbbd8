"""Undo and redo of read and starred changes: what each user action changed, exactly.

The `Reader` captures the state of the articles and stories an action may touch
before and after writing; `UndoHistory.record` keeps only what really changed, so
undoing "Mark All Read" puts back the articles that were unread and no others, and
articles that arrived since are left alone. Pure logic: the Reader reads and writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from desktop_reader.core.storage.read_state import ReadState

UNDO_DEPTH = 100  # actions kept; the oldest are forgotten beyond that

K = TypeVar("K")
V = TypeVar("V")


def _changed(before: Mapping[K, V], after: Mapping[K, V]) -> tuple[dict[K, V], dict[K, V]]:
    keys = [k for k in before if k in after and before[k] != after[k]]
    return {k: before[k] for k in keys}, {k: after[k] for k in keys}


def difference(before: ReadState, after: ReadState) -> tuple[ReadState, ReadState]:
    """The two states narrowed to the articles and stories whose state differs."""
    read = _changed(before.article_read, after.article_read)
    starred = _changed(before.article_starred, after.article_starred)
    seen = _changed(before.story_seen, after.story_seen)
    stars = _changed(before.story_starred, after.story_starred)
    return (
        ReadState(read[0], starred[0], seen[0], stars[0]),
        ReadState(read[1], starred[1], seen[1], stars[1]),
    )


def combine(first: ReadState, then: ReadState) -> ReadState:
    """One state from two captures: `then` wins where both name the same thing."""
    return ReadState(
        {**first.article_read, **then.article_read},
        {**first.article_starred, **then.article_starred},
        {**first.story_seen, **then.story_seen},
        {**first.story_starred, **then.story_starred},
    )


def is_empty(state: ReadState) -> bool:
    return not (
        state.article_read or state.article_starred or state.story_seen or state.story_starred
    )


def article_ids(state: ReadState) -> set[int]:
    return set(state.article_read) | set(state.article_starred)


def story_ids(state: ReadState) -> set[int]:
    return set(state.story_seen) | set(state.story_starred)


@dataclass(frozen=True)
class UndoableAction:
    """One user action: its menu name ("Mark All Read") and the state on either side."""

    name: str
    before: ReadState
    after: ReadState


class UndoHistory:
    """The actions that can be undone (newest last) and those undone that can be redone."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._done: list[UndoableAction] = []
        self._undone: list[UndoableAction] = []

    def record(self, name: str, before: ReadState, after: ReadState) -> UndoableAction | None:
        """Keep an action if it changed anything; a new action ends what could be redone."""
        changed_before, changed_after = difference(before, after)
        if is_empty(changed_before):
            return None
        action = UndoableAction(name, changed_before, changed_after)
        self._done.append(action)
        del self._done[: -self.depth]
        self._undone.clear()
        return action

    def take_undo(self) -> UndoableAction | None:
        if not self._done:
            return None
        action = self._done.pop()
        self._undone.append(action)
        return action

    def take_redo(self) -> UndoableAction | None:
        if not self._undone:
            return None
        action = self._undone.pop()
        self._done.append(action)
        return action

    @property
    def newest(self) -> UndoableAction | None:
        """The action Undo would reverse."""
        return self._done[-1] if self._done else None

    @property
    def next_redo(self) -> UndoableAction | None:
        """The action Redo would make again."""
        return self._undone[-1] if self._undone else None

    @property
    def undo_name(self) -> str | None:
        return self._done[-1].name if self._done else None

    @property
    def redo_name(self) -> str | None:
        return self._undone[-1].name if self._undone else None

    def __len__(self) -> int:
        return len(self._done)

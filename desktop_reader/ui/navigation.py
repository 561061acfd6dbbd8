"""Back and Forward in the story pane: the places the reader went, in order.

A story chosen in the list starts a new trail; a citation (or a Sources title, or an
image's "Source") adds the cited article to it, dropping any places ahead of the
current one, as a browser does. Back and Forward walk the trail without adding to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar


@dataclass(frozen=True)
class StoryPlace:
    story_id: int


@dataclass(frozen=True)
class CitedPlace:
    """A stored article, with the span that was cited (-1, -1: none)."""

    article_id: int
    start: int = -1
    end: int = -1
    number: int | None = None
    field: str = "text"


Place = TypeVar("Place")


class History(Generic[Place]):
    def __init__(self) -> None:
        self._places: list[Place] = []
        self._index = -1

    @property
    def current(self) -> Place | None:
        return self._places[self._index] if self._places else None

    def start(self, place: Place) -> None:
        """A new trail (a story picked from the list): nothing behind, nothing ahead."""
        self._places, self._index = [place], 0

    def visit(self, place: Place) -> None:
        del self._places[self._index + 1 :]
        self._places.append(place)
        self._index = len(self._places) - 1

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index + 1 < len(self._places)

    def back(self) -> Place | None:
        if not self.can_go_back():
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Place | None:
        if not self.can_go_forward():
            return None
        self._index += 1
        return self._places[self._index]

    def replace(self, old: Place, new: Place) -> None:
        """A place that changed name (a story merged into another) wherever it is."""
        self._places = [new if place == old else place for place in self._places]

"""Show Unread Only in story lists: read stories leave Top Headlines, across pages."""

from __future__ import annotations

import pytest

from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.ui.models import story_list


@pytest.fixture
def demo_window(make_window, library):  # type: ignore[no-untyped-def]
    load_demo(library)
    return make_window()


def _ids(window) -> list[int]:  # type: ignore[no-untyped-def]
    model = window.stories.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.story_row(r).id for r in range(model.rowCount())]


def test_read_stories_leave_top_headlines_when_unread_only(
    demo_window, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    monkeypatch.setattr(story_list, "PAGE_SIZE", 2)  # several pages, each partly read
    window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
    every = _ids(window)
    assert len(every) >= 5
    read = every[::2]  # every other story: each page keeps some, drops some
    for story_id in read:
        window.changes.apply(window.reader.mark_story_read(story_id, True))
    window.unread_filter.set_on(True)
    assert window.stories.active
    assert _ids(window) == [s for s in every if s not in read]  # same order, none lost
    window.unread_filter.set_on(False)
    assert _ids(window) == every

"""How `details.conflicting_parts` parts a story, on invented members: the names a report
repeats are what it reports on; names it says once are background it may or may not
give, so they weigh less in the parting and never define a part alone."""

from __future__ import annotations

import random

from desktop_reader.core.stories import details, index

# The newer casting's reports repeat their own names; the older casting's short undated
# reports name the role and the cast once each.
REPORTED = ["nora fenwick", "simon achterberg", "hollow bench", "rowan studios"]
SHARED = ["captain vale", "ellis crane", "star deck", "marcus dell"]
GUESTS = [f"guest {k}" for k in range(30)]


def _member(article_id: int, once: list[str], repeated: list[str], dated: bool) -> index.Member:
    return index.Member(
        article_id,
        {},
        1.7e9 + article_id if dated else None,
        frozenset(once) | frozenset(repeated),
        frozenset(repeated),
    )


def _castings(seed: int) -> list[index.Member]:
    draw = random.Random(seed)
    newer = [
        _member(
            k,
            draw.sample(GUESTS, 8) + draw.sample(SHARED, 2),  # guests and background, once
            REPORTED if k % 2 else [*REPORTED[:3], "captain vale"],
            dated=k < 3,
        )
        for k in range(7)
    ]
    older = [
        _member(10 + k, draw.sample(SHARED, draw.choice((1, 2, 3))), [], dated=False)
        for k in range(7)
    ]
    members = newer + older
    draw.shuffle(members)
    return members


def test_the_newer_casting_is_parted_whole_by_the_names_its_reports_repeat() -> None:
    """Each newer report names many guests once, so by every name alike two newer
    reports look as unlike as a newer and an older one, and the parting took an older
    report along; by what they repeat, the newer reports are one part, exactly."""
    found = details.conflicting_parts(_castings(19))
    assert found is not None
    moved, evidence = found
    assert sorted(m.article_id for m in moved) == list(range(7))
    assert "nora fenwick" in evidence["names"]  # type: ignore[operator]


def test_names_said_once_never_define_a_part() -> None:
    """Two halves of one story's undated reports, each half naming its own background
    once (a neighbour, a street / a team, a hospital): no part reports a name of its own,
    so the story is not parted."""
    core = ["aaron milsom", "victor delacroix", "greyford"]
    first = [_member(k, ["ruth calder", "joliet avenue"], core, dated=False) for k in range(4)]
    second = [
        _member(10 + k, ["harbor county", "mercy general"], core, dated=False) for k in range(4)
    ]
    assert details.conflicting_parts(first + second) is None
    # The same names, repeated by the reports that give them, do part it.
    first = [_member(k, [], [*core, "ruth calder", "joliet avenue"], False) for k in range(4)]
    second = [
        _member(10 + k, [], [*core, "harbor county", "mercy general"], False) for k in range(4)
    ]
    assert details.conflicting_parts(first + second) is not None

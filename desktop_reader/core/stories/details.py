"""Stories parted by their details: two instances of one kind of event (two title
defences of one champion, two heists in one city, two patches for one browser) that grew
into one story. Their reports share vocabulary, actors and often each other's names, so
no similarity over words tells them apart (ECB+'s merged siblings are as alike across as
within); and when one instance's reports carry no date, time cannot either. What does is
the names each instance's reports keep to themselves: the other opponent, the victims,
the venue. A story whose recent members part in two by the names they mention, each part
with names the other never uses, and one part wholly undated, is two stories.

A name a report repeats is one it reports on; a name it gives once may be background
(the district attorney, the street, the previous holder of a role), which any report of
one event may or may not give, and which the later instance's reports give of the
earlier one. So the parting weighs a name said once less, and a part's own names count
only when some of its members repeat one (the stored count of each name: no migration).
"""

from __future__ import annotations

from desktop_reader.core.stories import index
from desktop_reader.core.stories import vectors as vx

SPLIT_MIN_PART = 3  # each part of a story parted by its details holds this many members
SPLIT_DEFINING = 2  # ... and this many names of its own the other part never mentions
# The later instance's reports recall the earlier one (its opponent, its town), while the
# earlier reports cannot name what came later: a dated part with this many names of its
# own, a full name among them, is enough when the undated part has none of its own.
RECALLED_DEFINING = 4
DEFINING_SHARE = 0.5  # a part's own name is named by at least this share of its members
# ... and a part's own names are reported, not given in passing: this many of its members
# name one of them more than once.
REPORTED_MEMBERS = 2
# In the parting, a name a member says once weighs this much of one it repeats.
ONCE_WEIGHT = 0.6


def conflicting_parts(
    members: list[index.Member],
) -> tuple[list[index.Member], dict[str, object]] | None:
    """Two instances of one kind of event grown into one story, or None: its members
    (newest first) part in two by the names they mention, one part is wholly undated (so
    time, which keeps dated instances apart, could not), and each part has names of its
    own that the other never mentions (the other opponent, the other victim, the other
    town) -- or the dated part has RECALLED_DEFINING of them. Returns the part holding
    the newest member, and the evidence."""
    n = len(members)
    if n < 2 * SPLIT_MIN_PART:
        return None
    if sum(m.published is None for m in members) < SPLIT_MIN_PART:
        return None  # no part can be wholly undated: a story of dated reports costs nothing
    names = [m.names for m in members]
    parts = _two_parts(_similarities(members))
    if min(len(p) for p in parts) < SPLIT_MIN_PART:
        return None
    undated = [all(members[k].published is None for k in part) for part in parts]
    if not any(undated):
        return None
    own = [_defining(names, part, other) for part, other in (parts, parts[::-1])]
    # Among a part's own names, one of two words or more (a person, a street, a company):
    # a single capitalised word is as often a generic one ("Department", "Phone"); and
    # some of the part's members report one of them (say it more than once).
    full = [
        any(" " in key for key in o) and _reported(members, part, o)
        for part, o in zip(parts, own, strict=True)
    ]
    both = min(len(o) for o in own) >= SPLIT_DEFINING and all(full)
    recalled = any(not undated[i] and len(own[i]) >= RECALLED_DEFINING and full[i] for i in (0, 1))
    if not (both or recalled):
        return None
    newest = 0 if 0 in parts[0] else 1
    evidence: dict[str, object] = {
        "names": sorted(own[newest])[:4],
        "other_names": sorted(own[1 - newest])[:4],
    }
    return [members[k] for k in sorted(parts[newest])], evidence


def _reported(members: list[index.Member], part: set[int], own: list[str]) -> bool:
    """Whether enough of the part's members name one of its own names more than once."""
    return sum(bool(members[k].repeated.intersection(own)) for k in part) >= REPORTED_MEMBERS


def _similarities(members: list[index.Member]) -> list[list[float]]:
    """How alike each two members are by the names they mention, a repeated name
    weighing 1 and a name said once ONCE_WEIGHT (weighted Jaccard)."""
    weights = [{key: 1.0 if key in m.repeated else ONCE_WEIGHT for key in m.names} for m in members]
    return [[_weighted_jaccard(a, b) for b in weights] for a in weights]


def _weighted_jaccard(a: dict[str, float], b: dict[str, float]) -> float:
    shared = sum(min(w, b[k]) for k, w in a.items() if k in b)
    total = sum(a.values()) + sum(b.values()) - shared
    return shared / total if total else 0.0


def _two_parts(sims: list[list[float]]) -> tuple[set[int], set[int]]:
    """Members parted around the two least alike by the names they mention."""
    n = len(sims)
    first, second = min(
        ((i, j) for i in range(n) for j in range(i + 1, n)), key=lambda p: (sims[p[0]][p[1]], p)
    )
    parts = ({first}, {second})
    for _ in range(6):  # each member to the part it is closer to on average
        moved = ({first}, {second})
        for k in range(n):
            if k not in (first, second):
                near = [_mean(sims[k], part - {k}) for part in parts]
                moved[0 if near[0] >= near[1] else 1].add(k)
        if moved == parts:
            break
        parts = moved
    return parts


def _mean(row: list[float], part: set[int]) -> float:
    return sum(row[j] for j in part) / len(part) if part else 0.0


def _defining(names: list[frozenset[str]], part: set[int], other: set[int]) -> list[str]:
    """Names a share of `part` mentions and no member of `other` does, even in part."""
    counts: dict[str, int] = {}
    for k in part:
        for key in names[k]:
            counts[key] = counts.get(key, 0) + 1
    theirs = frozenset().union(*(names[k] for k in other))
    their_words = frozenset().union(*map(vx.name_tokens, theirs))
    least = max(2, DEFINING_SHARE * len(part))
    return [
        key
        for key, count in counts.items()
        if count >= least and key not in theirs and not (vx.name_tokens(key) & their_words)
    ]

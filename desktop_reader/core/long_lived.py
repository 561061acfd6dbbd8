"""Objects that live for the whole session, kept out of the collector's full passes.

A full (generation 2) collection walks every tracked object and stops every thread of
the process meanwhile, the window's included: with the imports, Qt's wrappers and
LemmInflect's lexicon alive, each took 130–500 ms during a big refresh.
`gc.freeze()` moves what is alive now to a generation the collector never walks; those
objects are still freed by reference counting, only cycles among them stay.
"""

from __future__ import annotations

import gc


def freeze(*, collect: bool = True) -> None:
    """Keep every object alive now out of later collections. `collect` first frees the
    garbage cycles there are (one full pass), so none of them is kept for the session:
    right after startup; without it where a pause would hurt (a worker thread in a
    refresh), at the cost of keeping the few cycles waiting at that moment."""
    if collect:
        gc.collect()
    gc.freeze()

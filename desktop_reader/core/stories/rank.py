"""Top Headlines order: coverage breadth and freshness in one sortable number.

    rank_key = log2(breadth) + hours(last_published) / FRESHNESS_HALF_LIFE_HOURS
    breadth  = distinct_outlets + 0.2 * min(articles - distinct_outlets, 10)

This is the logarithm of `breadth * 2 ** (-age_hours / 18)`: a story's weight halves
every 18 hours without new coverage, and twice the outlets is worth 18 hours of
freshness. Because the age enters as a constant offset for every story, the order
does not depend on "now", so the key is computed when a story changes and stored
in an index — no re-scoring at display time. Extra articles from outlets already
counted add a little (follow-ups show a story is developing) but are capped so one
prolific outlet cannot buy the top spot. Only stories with two or more outlets are
Top Headlines; single-outlet stories still appear under their feed.
"""

from __future__ import annotations

import math

FRESHNESS_HALF_LIFE_HOURS = 18.0
MIN_OUTLETS = 2


def breadth(outlets: int, articles: int) -> float:
    return max(outlets, 1) + 0.2 * min(max(articles - outlets, 0), 10)


def rank_key(outlets: int, articles: int, last_published: float | None) -> float:
    hours = (last_published or 0.0) / 3600.0
    return math.log2(breadth(outlets, articles)) + hours / FRESHNESS_HALF_LIFE_HOURS

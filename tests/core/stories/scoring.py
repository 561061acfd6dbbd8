"""Clustering quality: BCubed and pairwise precision, recall and F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(predicted: Mapping[str, object], truth: Mapping[str, object]) -> tuple[float, ...]:
    """(precision, recall, F1) averaged over items (Amigó et al. 2009)."""
    ids = [i for i in truth if i in predicted]
    pair = Counter((predicted[i], truth[i]) for i in ids)
    pred_size = Counter(predicted[i] for i in ids)
    true_size = Counter(truth[i] for i in ids)
    p = sum(pair[(predicted[i], truth[i])] / pred_size[predicted[i]] for i in ids) / len(ids)
    r = sum(pair[(predicted[i], truth[i])] / true_size[truth[i]] for i in ids) / len(ids)
    return p, r, _f1(p, r)


def pairwise(predicted: Mapping[str, object], truth: Mapping[str, object]) -> tuple[float, ...]:
    """(precision, recall, F1) over all pairs of items put together."""
    ids = [i for i in truth if i in predicted]

    def pairs(counter: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = pairs(Counter((predicted[i], truth[i]) for i in ids))
    pred = pairs(Counter(predicted[i] for i in ids))
    true = pairs(Counter(truth[i] for i in ids))
    p = both / pred if pred else 1.0
    r = both / true if true else 1.0
    return p, r, _f1(p, r)

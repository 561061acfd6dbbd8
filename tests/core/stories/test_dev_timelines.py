"""Timeline date selection on real news: three Timeline17 dev timelines.

Reads ../shared/corpora/news-dev (never copied here) and skips with the reason when it
is absent. The subset keeps the test near 15 s; `benchmarks/timeline_eval.py` scores all
13 dev timelines with the shared scorer.
"""

from collections import Counter

import pytest

from benchmarks import timeline_eval as ev
from desktop_reader.core.stories.coherence import needs_antecedent
from desktop_reader.core.stories.timeline import build_timeline

SUBSET = {"MJ_bbc", "bpoil_bbc", "bpoil_washingtonpost"}
F1_FLOOR = 0.54  # measured 0.562 on 2026-12-05 (whole dev set: 0.370, was 0.15); 0.523 before
# later recalls were read as a share of the articles that could recall the day

pytestmark = pytest.mark.skipif(not ev.available(), reason="../shared/corpora/news-dev is absent")


@pytest.fixture(scope="module")
def collections():
    return ev.load_collections(SUBSET)


def _busiest_days(items, k: int) -> list[str]:
    counts = Counter(i.published.date().isoformat() for i in items if i.published)
    return [d for d, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:k]]


def test_date_f1_beats_the_floor_and_the_busiest_days(collections) -> None:
    pred = ev.predict(collections)
    gold = ev.gold_timelines(SUBSET)
    ours = ev.macro_f1(pred, gold)
    busiest = ev.macro_f1(
        {c: _busiest_days(items, len(pred[c])) for c, items in collections.items()}, gold
    )
    assert ours >= F1_FLOOR, ours
    assert ours > busiest + 0.1, (ours, busiest)
    assert all(len(days) > 12 for days in pred.values())  # the story sets the count...
    # ...from its size: no longer every day the coverage names four times (~140 here)
    assert all(len(pred[c]) <= len(items) / 4 for c, items in collections.items()), {
        c: len(d) for c, d in pred.items()
    }


def test_every_event_is_a_cited_verbatim_sentence(collections) -> None:
    items = collections["bpoil_washingtonpost"]
    by_id = {i.id: i for i in items}
    events = build_timeline(items).events
    assert events
    for e in events:
        first = e.sources[0]
        assert " ".join(by_id[first.article_id].text[first.start : first.end].split()) == e.text
        assert e.citations and all(1 <= n <= len(items) for n in e.citations)
        assert not needs_antecedent(e.text, opening=True), e.text  # stands on its own line

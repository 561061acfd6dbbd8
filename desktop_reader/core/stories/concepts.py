"""Which sentences a word-capped summary takes: the most story concepts in the fewest words.

The method is the concept-coverage integer program of Gillick & Favre ("A Scalable Global
Model for Summarization", 2009; the ICSI summariser at TAC). A *concept* is a pair of
adjacent stemmed words (at least one of them not a stopword). A concept is worth the
number of articles that contain it -- what many outlets repeat is what the story is
about -- with a bonus when it stands in an article's opening sentences, where news
writing puts the news. Single content words are concepts too, at 0.25 of the worth.
Concepts too rare to carry the story (in fewer than a third of the articles) are worth
nothing; when that leaves fewer than MIN_CONCEPTS word pairs (a story told from many
angles repeats little), the bar is lowered one article at a time. The program picks
sentences so that the worth of the distinct concepts covered is largest while their words
fit the budget; a concept counts once however often it is repeated, so redundancy costs
words and gains nothing. Further constraints come from the caller: pairs that must not
both be picked (two sentences that say the same) and sentences that may only be picked
with another (a sentence whose subject needs the sentence before it).

HiGHS (the `highspy` package) solves the program exactly; a story is a few hundred
sentences, solved in well under a second. A greedy fallback (best gain per word)
is used if the solver gives no solution in time.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import highspy

from desktop_reader.core.stories.sentence_similarity import STOPWORDS, stem

LEAD_SENTENCES = 3  # an article's first sentences carry its news
LEAD_BONUS = 1.0  # extra worth of a concept for each article that has it in its lead
# A single content word is a concept too, worth this share of a pair: it rewards the
# story's key words in a sentence that words them differently.
UNIGRAM_WEIGHT = 0.25
# A concept counts when at least this share of the articles (and at least two) have it.
MIN_SHARE = 1 / 3
MIN_CONCEPTS = 40  # ...lowered (to two articles at least) until this many word pairs count
PER_WORD = 0.2  # (see _solve)
MIP_GAP = 1e-6
# The solver stops at a node count, not a clock, so a busy machine gets the same summary;
# the time limit is only a guard against a pathological story (past it: best so far).
MAX_NODES = 20000
TIME_LIMIT = 10.0

_TOKEN = re.compile(r"[a-z0-9]+")
# Words that make no concept on their own side: function words, reporting verbs.
_FUNCTION = STOPWORDS | frozenset("s t".split())


@dataclass(frozen=True)
class Unit:
    """One candidate sentence as the program sees it."""

    article: int  # any id of its article
    rank: int  # 0 = its article's first candidate sentence
    words: int  # what it costs from the budget
    text: str


def tokens(text: str) -> list[str]:
    return [stem(t) for t in _TOKEN.findall(text.lower().replace("’", "'"))]


def concepts(text: str) -> set[tuple[str, str]]:
    words = tokens(text)
    out = {(a, b) for a, b in itertools.pairwise(words) if not (a in _FUNCTION and b in _FUNCTION)}
    if UNIGRAM_WEIGHT:
        out |= {("", w) for w in words if w not in _FUNCTION}
    return out


def weights(units: Sequence[Unit], min_articles: int) -> dict[tuple[str, str], float]:
    """Each concept's worth: articles containing it, plus a bonus for article leads."""
    in_articles: dict[tuple[str, str], set[int]] = {}
    in_leads: dict[tuple[str, str], set[int]] = {}
    for u in units:
        for c in concepts(u.text):
            in_articles.setdefault(c, set()).add(u.article)
            if u.rank < LEAD_SENTENCES:
                in_leads.setdefault(c, set()).add(u.article)
    return {
        c: (len(arts) + LEAD_BONUS * len(in_leads.get(c, ())))
        * (UNIGRAM_WEIGHT if not c[0] else 1.0)
        for c, arts in in_articles.items()
        if len(arts) >= min_articles
    }


def _shared_weights(units: Sequence[Unit], n_articles: int) -> dict[tuple[str, str], float]:
    """Concepts shared by a third of the articles; fewer when that leaves too few word
    pairs to tell sentences apart (a story of many angles repeats little)."""
    threshold = max(2, math.ceil(n_articles * MIN_SHARE))
    while True:
        worth = weights(units, threshold)
        if threshold <= 2 or sum(1 for c in worth if c[0]) >= MIN_CONCEPTS:
            return worth
        threshold -= 1


def single_article_weights(units: Sequence[Unit]) -> dict[tuple[str, str], float]:
    """With one article, a concept is worth the sentences repeating it, leads counting more."""
    counts: dict[tuple[str, str], float] = {}
    for u in units:
        for c in concepts(u.text):
            counts[c] = counts.get(c, 0.0) + 1.0 + (LEAD_BONUS if u.rank < LEAD_SENTENCES else 0.0)
    return {c: w for c, w in counts.items() if w >= 1.5}


def select(
    units: Sequence[Unit],
    budget: int,
    *,
    exclusive: Sequence[tuple[int, int]] = (),
    requires: Mapping[int, int] | None = None,
) -> list[int]:
    """Indexes into `units` of the sentences to take, at most `budget` words in all.

    `exclusive`: pairs of which at most one is taken. `requires[i] = j`: i only with j.
    """
    if not units:
        return []
    requires = dict(requires or {})
    n_articles = len({u.article for u in units})
    worth = _shared_weights(units, n_articles) if n_articles >= 3 else single_article_weights(units)
    # Sorted: the solver's columns in a fixed order, so ties break the same way every run.
    has = [sorted(c for c in concepts(u.text) if c in worth) for u in units]
    fits = [i for i, u in enumerate(units) if u.words <= budget]
    if not worth or not fits:
        return _leads(units, budget)
    chosen = _solve(units, budget, worth, has, fits, exclusive, requires)
    if chosen is None:
        chosen = _greedy(units, budget, worth, has, fits, exclusive, requires)
    return sorted(chosen)


def _leads(units: Sequence[Unit], budget: int) -> list[int]:
    order = sorted(range(len(units)), key=lambda i: (units[i].rank, i))
    out, used = [], 0
    for i in order:
        if units[i].rank == 0 and used + units[i].words <= budget:
            out.append(i)
            used += units[i].words
    return out or order[:1]


def _solve(
    units: Sequence[Unit],
    budget: int,
    worth: Mapping[tuple[str, str], float],
    has: list[list[tuple[str, str]]],
    fits: list[int],
    exclusive: Sequence[tuple[int, int]],
    requires: Mapping[int, int],
) -> list[int] | None:
    h = _highs()
    h.setOptionValue("output_flag", False)
    # One thread: a story is small, and the app runs stories beside other work. (HiGHS
    # keeps one thread pool a process, so every solver must ask for the same count.)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", TIME_LIMIT)
    h.setOptionValue("mip_max_nodes", MAX_NODES)
    h.setOptionValue("mip_rel_gap", MIP_GAP)
    inf = highspy.kHighsInf
    # Concepts held by exactly the same sentences behave as one: one column for each such
    # group (its worth summed), and a group of one sentence is simply worth to that sentence.
    holders: dict[tuple[str, str], list[int]] = {}
    for i in fits:
        for c in has[i]:
            holders.setdefault(c, []).append(i)
    groups: dict[tuple[int, ...], float] = {}
    for c, holding in holders.items():
        groups[tuple(holding)] = groups.get(tuple(holding), 0.0) + worth[c]
    own = {i: 0.0 for i in fits}
    for group, value in list(groups.items()):
        if len(group) == 1:
            own[group[0]] += value
            del groups[group]
    column: dict[int, int] = {}  # unit index -> column
    for i in fits:
        # A whisper of position: among equal covers, the earlier sentences read better;
        # and of length: among equal covers, the fuller summary uses its budget.
        column[i] = len(column)
        h.addCol(
            own[i] + 0.01 / (1 + units[i].rank) + PER_WORD * units[i].words, 0.0, 1.0, 0, [], []
        )
    integer = [highspy.HighsVarType.kInteger] * len(column)
    h.changeColsIntegrality(len(column), list(range(len(column))), integer)  # type: ignore[arg-type]
    for group, value in groups.items():
        h.addCol(value, 0.0, 1.0, 0, [], [])
        # A group counts only when a picked sentence holds it: g - sum(x) <= 0.
        h.addRow(
            -inf,
            0.0,
            len(group) + 1,
            [h.getNumCol() - 1, *(column[i] for i in group)],
            [1.0] + [-1.0] * len(group),
        )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    cols = [column[i] for i in fits]
    h.addRow(-inf, float(budget), len(cols), cols, [float(units[i].words) for i in fits])
    for a, b in exclusive:
        if a in column and b in column:
            h.addRow(-inf, 1.0, 2, [column[a], column[b]], [1.0, 1.0])
    for a, b in requires.items():
        if a in column:
            if b in column:
                h.addRow(-inf, 0.0, 2, [column[a], column[b]], [1.0, -1.0])
            else:
                h.changeColBounds(column[a], 0.0, 0.0)
    h.run()
    solution = h.getSolution()
    if not solution.value_valid:
        return None
    values = solution.col_value
    return [i for i in fits if values[column[i]] > 0.5]


_banner_shown = threading.Lock()
_quiet = False


def _highs() -> highspy.Highs:
    """A solver; the first one of a process is made with stdout silenced, because HiGHS
    prints its banner there on creation (it would end up in `summarize`'s output)."""
    global _quiet
    with _banner_shown:
        if not _quiet:
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "w") as null:
                    os.dup2(null.fileno(), 1)
                    solver = highspy.Highs()  # type: ignore[no-untyped-call]
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _quiet = True
            return solver
    return highspy.Highs()  # type: ignore[no-untyped-call]


def _greedy(
    units: Sequence[Unit],
    budget: int,
    worth: Mapping[tuple[str, str], float],
    has: list[list[tuple[str, str]]],
    fits: list[int],
    exclusive: Sequence[tuple[int, int]],
    requires: Mapping[int, int],
) -> list[int]:
    banned: dict[int, set[int]] = {i: set() for i in fits}
    for a, b in exclusive:
        banned.setdefault(a, set()).add(b)
        banned.setdefault(b, set()).add(a)
    covered: set[tuple[str, str]] = set()
    chosen: list[int] = []
    used = 0
    while True:
        best, best_gain = None, 0.0
        for i in fits:
            if i in chosen or used + units[i].words > budget or banned[i] & set(chosen):
                continue
            if i in requires and requires[i] not in chosen:
                continue
            gain = sum(worth[c] for c in set(has[i]) - covered) / units[i].words
            if gain > best_gain:
                best, best_gain = i, gain
        if best is None:
            return chosen
        chosen.append(best)
        used += units[best].words
        covered.update(has[best])

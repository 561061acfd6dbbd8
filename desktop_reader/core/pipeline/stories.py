"""Keeping stories current: cluster new articles, then refresh the changed stories.

`update_stories` is what a refresh calls with its new article ids; `rebuild_stories`
forgets every story and clusters the whole library again in the same order
(published, undated last), which gives the same stories as the refreshes did.

Describing a story (its summary ILP and timeline, ~0.45 s of CPU) is most of a big
refresh's work, so the app's refresh only groups (`summaries=False`): a story whose
members changed is left stale (`stories.dirty`) and described when first shown
(`describe_stories`, in a task), or ahead of time for the few stories a reader opens
first (`describe_ahead`, after the refresh). A story is described from its members
alone, so describing it later gives what describing it at once did.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

from desktop_reader.core.models import NewsItem, RefreshProgress
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.workers import CpuPool
from desktop_reader.core.storage import grouping_features, story_build
from desktop_reader.core.storage.database import transaction, writing
from desktop_reader.core.storage.stories import top_headlines
from desktop_reader.core.storage.story_index import StoryIndexStore
from desktop_reader.core.stories import headline as hl
from desktop_reader.core.stories import prepared, rank
from desktop_reader.core.stories.cluster import Clusterer
from desktop_reader.core.stories.summary import summarize
from desktop_reader.core.stories.timeline import build_timeline

#: Articles per transaction: the GUI sees progress, a crash loses little, and a write of
#: the GUI thread (mark read) never waits long for the grouping's transaction.
BATCH = 25
STORY_ENTITIES = 20
FACT_MEMBERS = 40  # newest members read for the story's entities
HEADLINE_MEMBERS = 20  # and the newest of those whose titles compete for the headline
#: Stories to describe before worker processes pay for their start (~0.1 s of CPU a story).
DESCRIBE_IN_PROCESSES = 8
#: Top Headlines described after a refresh, before anyone asks: about the first screen
#: of the list (~8 rows at the default size), what a reader is likely to open first.
#: Small on purpose: each costs ~0.45 s of CPU, and the rest are described when opened.
#: Fewer than DESCRIBE_IN_PROCESSES, so it starts no worker processes and stays one
#: thread's gentle work beside the window.
DESCRIBE_AHEAD = 6

Progress = Callable[[RefreshProgress], None]


def _order(conn: sqlite3.Connection, article_ids: Sequence[int]) -> list[sqlite3.Row]:
    """Unclustered articles among `article_ids`, published order, undated last."""
    rows = story_build.unclustered_rows(conn, article_ids)
    rows.sort(key=lambda r: (r["date_is_guess"], r["published"], r["id"]))
    return rows


def update_stories(
    conn: sqlite3.Connection,
    article_ids: Sequence[int],
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    summaries: bool = True,
) -> list[int]:
    """Cluster these articles into stories; returns the ids of stories that changed.

    Articles already in a story are skipped. Work is proportional to the number of
    articles given (index lookups in a time window), not to the library size. Each
    batch is committed on its own; on cancel, committed batches stay and
    `Cancelled` is raised.
    """
    store = StoryIndexStore(conn)
    with store.roomy_cache():
        return _update(conn, store, _order(conn, article_ids), progress, cancel, summaries)


def _update(
    conn: sqlite3.Connection,
    store: StoryIndexStore,
    rows: list[sqlite3.Row],
    progress: Progress | None,
    cancel: CancelToken | None,
    summaries: bool,
) -> list[int]:
    changed: set[int] = set()
    clusterer: Clusterer | None = None  # one for the call: it keeps stories decoded
    done = 0
    while done < len(rows):
        if cancel is not None:
            cancel.raise_if_cancelled()
        batch_changed: set[int] = set()
        placed_ids: list[int] = []
        with transaction(conn):
            clusterer = clusterer or Clusterer(store)
            batch = rows[done : done + BATCH]
            ahead = grouping_features.stored_features(conn, [row["id"] for row in batch])
            for row in batch:
                title, text = row["title"] or "", row["text"] or ""
                published = None if row["date_is_guess"] else row["published"]
                placed = clusterer.place(
                    row["id"],
                    title,
                    text,
                    published,
                    row["outlet"] or "",
                    _prepared(ahead.get(row["id"]), title, text, published),
                )
                placed_ids.append(row["id"])
                batch_changed.add(placed.story_id)
                batch_changed.update(placed.merged)  # gone: their lists must drop them
                batch_changed.update(placed.split)  # new: split off a drifted story
                done += 1
                if writing().wanted():
                    break  # the window waits to write (mark read): commit what is placed
            clusterer.flush()
            grouping_features.forget_features(conn, placed_ids)
            for story_id in sorted(batch_changed):
                refresh_facts(conn, story_id)
        changed |= batch_changed
        if progress is not None:
            progress(RefreshProgress(done, len(rows), "Grouping articles into stories"))
    if summaries:
        describe_stories(conn, sorted(changed), cancel=cancel)
    return sorted(changed)


def _prepared(
    stored: tuple[bytes, bytes] | None, title: str, text: str, published: float | None
) -> prepared.Prepared | None:
    """The features a page worker computed for this article, if they were computed from
    what the grouping reads of it now (same title, text and date); None otherwise."""
    if stored is None or stored[0] != prepared.inputs_key(title, text, published):
        return None
    return prepared.decode(stored[1])


def rebuild_stories(
    conn: sqlite3.Connection,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    summaries: bool = True,
) -> list[int]:
    """Forget all stories (and their read state) and cluster every article again."""
    ids = story_build.forget_stories(conn)
    return update_stories(conn, ids, progress=progress, cancel=cancel, summaries=summaries)


def refresh_facts(conn: sqlite3.Connection, story_id: int) -> None:
    """Headline, counts, entities and rank key of one story, from its members.

    Counts come from SQL aggregates; entities from the newest FACT_MEMBERS members and
    the headline from the newest HEADLINE_MEMBERS only, so refreshing a story of thousands
    of articles costs no more than one of a hundred (both are functions of the membership alone, so
    refreshes and a rebuild agree)."""
    inputs = story_build.fact_inputs(conn, story_id, FACT_MEMBERS, HEADLINE_MEMBERS)
    if inputs is None:
        return
    count, outlets, members = inputs.count, inputs.outlets, inputs.members
    chosen = hl.choose(
        [hl.Candidate(m[0], m[1], m[2]) for m in members[-HEADLINE_MEMBERS:]], inputs.centroid
    )
    mentions: Counter[str] = Counter()
    forms: dict[str, tuple[str, str, str | None]] = {}
    for member in members:
        seen: set[str] = set()
        for name, kind, _count, ticker in json.loads(member[3]):
            if kind == "other":
                continue
            key = " ".join(name.lower().split())
            if key not in seen:
                seen.add(key)
                mentions[key] += 1  # articles mentioning it, not raw mentions
                form = forms.setdefault(key, (name, kind, ticker))
                if ticker and not form[2]:  # one article stating the ticker is enough
                    forms[key] = (form[0], form[1], ticker)
    top = sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_ENTITIES]
    entities = [
        {"name": forms[k][0], "kind": forms[k][1], "articles": n, "ticker": forms[k][2]}
        for k, n in top
    ]
    story_build.write_facts(
        conn,
        story_id,
        story_build.StoryFacts(
            hl.tidy(chosen.title) if chosen else "",
            chosen.article_id if chosen else None,
            outlets,
            count,
            rank.rank_key(outlets, count, inputs.last_published),
            json.dumps(entities, ensure_ascii=False),
            [(k, forms[k][0], forms[k][1], n, forms[k][2]) for k, n in top],
        ),
        inputs.entities_json,
    )


def describe_ahead(
    conn: sqlite3.Connection, *, limit: int = DESCRIBE_AHEAD, cancel: CancelToken | None = None
) -> list[int]:
    """Describe the stale ones among the first `limit` Top Headlines, one at a time
    (cancel is checked between them); returns the ids described."""
    described = []
    for row in top_headlines(conn, limit=limit):
        if cancel is not None:
            cancel.raise_if_cancelled()
        if describe_stories(conn, [row.id], cancel=cancel):
            described.append(row.id)
    return described


def story_items(conn: sqlite3.Connection, story_id: int) -> list[NewsItem]:
    """Members as NewsItems in Sources order (oldest first, undated last)."""
    rows = story_build.member_rows(conn, story_id)
    return [
        NewsItem(
            id=str(r[0]),
            title=r[1],
            text=r[2],
            published=None if r[6] else datetime.fromtimestamp(r[3], UTC),
            source=r[4],
            url=r[5],
        )
        for r in rows
    ]


def describe_stories(
    conn: sqlite3.Connection,
    story_ids: Sequence[int],
    *,
    cancel: CancelToken | None = None,
    min_articles: int = 2,
) -> int:
    """Recompute summary and timeline of the dirty stories among `story_ids`.

    Stories of fewer than `min_articles` stay dirty: most single-article stories are
    read as the article itself, so their summary is made when one is first shown
    (`min_articles=1` from the story pane). That saves most of a refresh's work.

    Describing is pure CPU (sentence splitting, an ILP per summary): many stories are
    described in worker processes while this thread reads members and writes results.
    A failure in one story leaves its columns as they were and its dirty flag set.
    Returns how many stories were described.
    """
    due: list[tuple[int, int]] = []
    for story_id in story_ids:
        row = story_build.description_state(conn, story_id)
        if row is not None and row[1] and row[2] >= min_articles:
            due.append((story_id, row[0]))
    if not due:
        return 0

    def calls() -> Iterator[tuple[list[NewsItem]]]:
        for story_id, _version in due:
            if cancel is not None:
                cancel.raise_if_cancelled()
            yield (story_items(conn, story_id),)

    done = 0
    cpu = CpuPool(len(due), min_jobs=DESCRIBE_IN_PROCESSES)
    try:
        for (story_id, version), described in zip(due, cpu.map(describe, calls()), strict=False):
            if described is None:
                continue
            # Through the process's writer lock, queued behind other writers, not
            # retried by SQLite's busy handler (stories are described beside the GUI).
            with transaction(conn):
                story_build.write_description(conn, story_id, version, *described)
            done += 1
    finally:
        cpu.close(wait=cancel is None or not cancel.cancelled)
    return done


def describe(items: list[NewsItem]) -> tuple[str, str] | None:
    """(summary JSON, timeline JSON) of a story's members, None when describing failed."""
    try:
        summary = summarize(items).to_dict()
        timeline = build_timeline(items).to_dict()
    except Exception:  # noqa: BLE001 - a describer bug must not stop clustering
        return None
    return json.dumps(summary, ensure_ascii=False), json.dumps(timeline, ensure_ascii=False)

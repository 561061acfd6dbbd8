"""Keeping stories current: cluster new articles, then refresh the changed stories.

`update_stories` is what a refresh calls with its new article ids; `rebuild_stories`
forgets every story and clusters the whole library again in the same order
(published, undated last), which gives the same stories as the refreshes did.
Summaries and timelines are recomputed only for stories whose membership changed
(`stories.dirty`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from desktop_reader.core.models import NewsItem, RefreshProgress
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.storage.database import transaction
from desktop_reader.core.stories import headline as hl
from desktop_reader.core.stories import rank
from desktop_reader.core.stories.cluster import Clusterer
from desktop_reader.core.stories.summary import summarize
from desktop_reader.core.stories.timeline import build_timeline

BATCH = 200  # articles per transaction: the GUI sees progress, a crash loses little
STORY_ENTITIES = 20
FACT_MEMBERS = 40  # newest members read for the story's entities
HEADLINE_MEMBERS = 20  # and the newest of those whose titles compete for the headline

Progress = Callable[[RefreshProgress], None]


def _order(conn: sqlite3.Connection, article_ids: Sequence[int]) -> list[sqlite3.Row]:
    """Unclustered articles among `article_ids`, published order, undated last."""
    rows: list[sqlite3.Row] = []
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows.extend(conn.execute(
            "SELECT a.id, a.title, a.text, a.published, a.date_is_guess, a.outlet "
            "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
            f"WHERE sa.article_id IS NULL AND a.id IN ({','.join('?' * len(chunk))})",
            chunk))
    rows.sort(key=lambda r: (r["date_is_guess"], r["published"], r["id"]))
    return rows


def update_stories(
    conn: sqlite3.Connection, article_ids: Sequence[int], *,
    progress: Progress | None = None, cancel: CancelToken | None = None,
    summaries: bool = True,
) -> list[int]:
    """Cluster these articles into stories; returns the ids of stories that changed.

    Articles already in a story are skipped. Work is proportional to the number of
    articles given (index lookups in a time window), not to the library size. Each
    batch is committed on its own; on cancel, committed batches stay and
    `Cancelled` is raised.
    """
    rows = _order(conn, article_ids)
    changed: set[int] = set()
    clusterer: Clusterer | None = None  # one for the call: it keeps stories decoded
    for start in range(0, len(rows), BATCH):
        if cancel is not None:
            cancel.raise_if_cancelled()
        batch = rows[start:start + BATCH]
        batch_changed: set[int] = set()
        with transaction(conn):
            clusterer = clusterer or Clusterer(conn)
            for row in batch:
                published = None if row["date_is_guess"] else row["published"]
                placed = clusterer.place(row["id"], row["title"] or "", row["text"] or "",
                                         published, row["outlet"] or "")
                batch_changed.add(placed.story_id)
            clusterer.flush()
            for story_id in sorted(batch_changed):
                refresh_facts(conn, story_id)
        changed |= batch_changed
        if progress is not None:
            progress(RefreshProgress(min(start + BATCH, len(rows)), len(rows),
                                     "Grouping articles into stories"))
    if summaries:
        describe_stories(conn, sorted(changed), cancel=cancel)
    return sorted(changed)


def rebuild_stories(
    conn: sqlite3.Connection, *, progress: Progress | None = None,
    cancel: CancelToken | None = None, summaries: bool = True,
) -> list[int]:
    """Forget all stories (and their read state) and cluster every article again."""
    with transaction(conn):
        for table in ("story_terms", "story_fingerprints", "story_entities", "story_articles",
                      "stories", "story_df", "story_meta"):
            conn.execute(f"DELETE FROM {table}")
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    return update_stories(conn, ids, progress=progress, cancel=cancel, summaries=summaries)


def refresh_facts(conn: sqlite3.Connection, story_id: int) -> None:
    """Headline, counts, entities and rank key of one story, from its members.

    Counts come from SQL aggregates; entities from the newest FACT_MEMBERS members and
    the headline from the newest HEADLINE_MEMBERS only, so refreshing a story of thousands
    of articles costs no more than one of a hundred (both are functions of the membership alone, so
    refreshes and a rebuild agree)."""
    story = conn.execute("SELECT centroid_json, last_published FROM stories WHERE id = ?",
                         (story_id,)).fetchone()
    if story is None:
        return
    count, outlets = conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN outlet != '' THEN outlet END) "
        "+ COUNT(CASE WHEN outlet = '' THEN 1 END) FROM story_articles WHERE story_id = ?",
        (story_id,)).fetchone()
    members = conn.execute(
        "SELECT sa.article_id, a.title, sa.vector_json, sa.entities_json "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.story_id = ? ORDER BY sa.position DESC LIMIT ?",
        (story_id, FACT_MEMBERS)).fetchall()[::-1]
    centroid = json.loads(story[0])
    chosen = hl.choose([hl.Candidate(m[0], m[1], json.loads(m[2]))
                        for m in members[-HEADLINE_MEMBERS:]], centroid)
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
    entities = [{"name": forms[k][0], "kind": forms[k][1], "articles": n,
                 "ticker": forms[k][2]} for k, n in top]
    conn.execute(
        "UPDATE stories SET headline = ?, headline_article_id = ?, outlet_count = ?, "
        "article_count = ?, rank_key = ?, entities_json = ? WHERE id = ?",
        (hl.tidy(chosen.title) if chosen else "", chosen.article_id if chosen else None,
         outlets, count, rank.rank_key(outlets, count, story[1]),
         json.dumps(entities, ensure_ascii=False), story_id))
    conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO story_entities(story_id, key, name, kind, count, ticker) "
        "VALUES (?,?,?,?,?,?)",
        [(story_id, k, forms[k][0], forms[k][1], n, forms[k][2]) for k, n in top])


def story_items(conn: sqlite3.Connection, story_id: int) -> list[NewsItem]:
    """Members as NewsItems in Sources order (oldest first, undated last)."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.text, a.published, a.outlet, a.url, a.date_is_guess "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
        "ORDER BY a.date_is_guess, a.published, a.id", (story_id,)).fetchall()
    return [NewsItem(id=str(r[0]), title=r[1], text=r[2],
                     published=None if r[6] else datetime.fromtimestamp(r[3], UTC),
                     source=r[4], url=r[5]) for r in rows]


def describe_stories(conn: sqlite3.Connection, story_ids: Sequence[int], *,
                     cancel: CancelToken | None = None, min_articles: int = 2) -> int:
    """Recompute summary and timeline of the dirty stories among `story_ids`.

    Stories of fewer than `min_articles` stay dirty: most single-article stories are
    read as the article itself, so their summary is made when one is first shown
    (`min_articles=1` from the story pane). That saves most of a refresh's work.

    A failure in one story leaves its columns as they were and its dirty flag set. Returns how many
    stories were described.
    """
    done = 0
    for story_id in story_ids:
        if cancel is not None:
            cancel.raise_if_cancelled()
        row = conn.execute("SELECT version, dirty, article_count FROM stories WHERE id = ?",
                           (story_id,)).fetchone()
        if row is None or not row[1] or row[2] < min_articles:
            continue
        items = story_items(conn, story_id)
        try:
            summary = summarize(items).to_dict()
            timeline = build_timeline(items).to_dict()
        except Exception:  # noqa: BLE001 - a describer bug must not stop clustering
            continue
        conn.execute(
            "UPDATE stories SET summary_json = ?, timeline_json = ?, dirty = 0 "
            "WHERE id = ? AND version = ?",
            (json.dumps(summary, ensure_ascii=False), json.dumps(timeline, ensure_ascii=False),
             story_id, row[0]))
        done += 1
    return done

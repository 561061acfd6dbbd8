-- Stories: clusters of articles about one event, their index and their read state.
CREATE TABLE stories (
    id               INTEGER PRIMARY KEY,
    language         TEXT NOT NULL DEFAULT 'en',
    created          REAL NOT NULL,
    first_published  REAL,              -- NULL while every member is undated
    last_published   REAL,
    last_added       REAL NOT NULL,     -- when the newest member joined (wall clock)
    article_count    INTEGER NOT NULL DEFAULT 0,
    outlet_count     INTEGER NOT NULL DEFAULT 0,
    headline         TEXT NOT NULL DEFAULT '',
    headline_article_id INTEGER,
    centroid_json    TEXT NOT NULL DEFAULT '{}',  -- decayed term weights, top terms only
    rank_key         REAL NOT NULL DEFAULT 0,     -- Top Headlines order (see core/stories/rank.py)
    entities_json    TEXT,
    summary_json     TEXT,
    timeline_json    TEXT,
    version          INTEGER NOT NULL DEFAULT 0,  -- +1 whenever membership changes
    dirty            INTEGER NOT NULL DEFAULT 1,  -- summary/timeline older than `version`
    seen_count       INTEGER NOT NULL DEFAULT 0   -- article_count when last marked read
);
CREATE INDEX stories_rank ON stories(rank_key DESC) WHERE outlet_count >= 2;
CREATE INDEX stories_dirty ON stories(id) WHERE dirty = 1;
CREATE INDEX stories_last ON stories(last_published);

-- Membership, with why the article joined (score and shared entities/terms).
CREATE TABLE story_articles (
    article_id       INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id         INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    published        REAL,              -- NULL when the article's date is a guess
    outlet           TEXT NOT NULL DEFAULT '',
    score            REAL NOT NULL,
    reasons_json     TEXT NOT NULL DEFAULT '{}',
    vector_json      TEXT NOT NULL DEFAULT '{}',
    entities_json    TEXT NOT NULL DEFAULT '[]',
    position         INTEGER NOT NULL   -- arrival order, for incremental == rebuild checks
);
CREATE INDEX story_articles_story ON story_articles(story_id, published);

-- Inverted index: a story's centroid terms, for candidate retrieval by time window.
CREATE TABLE story_terms (
    term             TEXT NOT NULL,
    story_id         INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    weight           REAL NOT NULL,
    last_published   REAL NOT NULL
);
CREATE INDEX story_terms_lookup ON story_terms(term, last_published);
CREATE INDEX story_terms_story ON story_terms(story_id);

-- Text fingerprints of members: republished copies join the same story.
CREATE TABLE story_fingerprints (
    fingerprint      TEXT PRIMARY KEY,
    story_id         INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Document frequencies of terms over clustered articles (IDF for the vectors).
CREATE TABLE story_df (
    term             TEXT PRIMARY KEY,
    df               INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE story_meta (
    key              TEXT PRIMARY KEY,
    value            REAL NOT NULL
) WITHOUT ROWID;

-- A story's people, organisations and places; shared keys make stories related.
CREATE TABLE story_entities (
    story_id         INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    key              TEXT NOT NULL,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    count            INTEGER NOT NULL,
    ticker           TEXT,
    PRIMARY KEY (story_id, key)
) WITHOUT ROWID;
CREATE INDEX story_entities_key ON story_entities(key);

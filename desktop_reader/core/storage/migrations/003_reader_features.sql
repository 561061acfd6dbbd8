-- Everyday reader features: saved searches, killfile-style filters, starred stories,
-- and which broad stories the user was already told about.
CREATE TABLE saved_searches (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    query           TEXT NOT NULL,
    scope           TEXT NOT NULL DEFAULT '',  -- '' every feed, 'folder:<path>', 'feed:<id>'
    position        INTEGER NOT NULL DEFAULT 0,
    created         REAL NOT NULL
);

CREATE TABLE filter_rules (
    id              INTEGER PRIMARY KEY,
    feed_id         INTEGER REFERENCES feeds(id) ON DELETE CASCADE,  -- NULL: every feed
    field           TEXT NOT NULL,      -- 'title' | 'text' | 'any'
    match           TEXT NOT NULL,      -- 'contains' | 'regex'
    pattern         TEXT NOT NULL,
    action          TEXT NOT NULL,      -- 'hide' | 'mark_read' | 'star'
    enabled         INTEGER NOT NULL DEFAULT 1,
    created         REAL NOT NULL
);
CREATE INDEX filter_rules_feed ON filter_rules(feed_id);

CREATE TABLE story_stars (
    story_id        INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    starred_at      REAL NOT NULL
);

CREATE TABLE story_alerts (
    story_id        INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    outlet_count    INTEGER NOT NULL,
    alerted_at      REAL NOT NULL
);

CREATE INDEX article_state_starred ON article_state(article_id) WHERE starred = 1;

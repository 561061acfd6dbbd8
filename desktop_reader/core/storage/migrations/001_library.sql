-- Feeds, articles, their read state, images and the full-text index.
CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL DEFAULT '',
    folder          TEXT NOT NULL DEFAULT '',
    site_url        TEXT,
    status          TEXT NOT NULL DEFAULT 'new',
    status_message  TEXT NOT NULL DEFAULT '',
    etag            TEXT,
    last_modified   TEXT,
    body_hash       TEXT,
    last_checked    REAL,
    retry_after     REAL,
    icon_hash       TEXT,
    position        INTEGER NOT NULL DEFAULT 0,
    created         REAL NOT NULL
);

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    feed_id         INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid            TEXT NOT NULL UNIQUE,
    url             TEXT,
    title           TEXT NOT NULL DEFAULT '',
    author          TEXT NOT NULL DEFAULT '',
    published       REAL NOT NULL,
    first_seen      REAL NOT NULL,
    date_is_guess   INTEGER NOT NULL DEFAULT 0,
    summary_html    TEXT NOT NULL DEFAULT '',
    content_html    TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL DEFAULT '',
    page_state      TEXT NOT NULL DEFAULT 'pending',
    page_error      TEXT NOT NULL DEFAULT '',
    page_etag       TEXT,
    page_last_modified TEXT,
    language        TEXT,
    outlet          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_feed_published ON articles(feed_id, published DESC);
CREATE INDEX articles_published ON articles(published DESC);
CREATE INDEX articles_page_state ON articles(page_state) WHERE page_state = 'pending';

-- An article listed by several feeds (wire copies) is stored once, listed in each.
CREATE TABLE feed_articles (
    feed_id         INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published       REAL NOT NULL,
    PRIMARY KEY (feed_id, article_id)
) WITHOUT ROWID;
CREATE INDEX feed_articles_list ON feed_articles(feed_id, published DESC, article_id);
CREATE INDEX feed_articles_article ON feed_articles(article_id);

-- Read/starred state apart from content (NetNewsWire): rewriting content keeps state.
CREATE TABLE article_state (
    article_id      INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    read            INTEGER NOT NULL DEFAULT 0,
    starred         INTEGER NOT NULL DEFAULT 0,
    changed         REAL
);
CREATE INDEX article_state_unread ON article_state(article_id) WHERE read = 0;

-- Content-addressed image cache: one row per distinct image file.
CREATE TABLE media (
    sha256          TEXT PRIMARY KEY,
    mime            TEXT NOT NULL,
    width           INTEGER,
    height          INTEGER,
    bytes           INTEGER NOT NULL,
    has_thumb       INTEGER NOT NULL DEFAULT 0,
    created         REAL NOT NULL
);

-- Images as used by an article, with their caption and credit.
CREATE TABLE article_images (
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    source_url      TEXT NOT NULL,
    sha256          TEXT REFERENCES media(sha256),
    caption         TEXT NOT NULL DEFAULT '',
    credit          TEXT NOT NULL DEFAULT '',
    alt             TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL DEFAULT 'inline',
    error           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_images_pending ON article_images(article_id) WHERE sha256 IS NULL AND error = '';
CREATE INDEX article_images_sha ON article_images(sha256);

-- Full-text index over titles and text (external content; kept current by triggers).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE settings (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);

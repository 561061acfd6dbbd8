-- Sync accounts (Google Reader API servers), how their feeds and items map onto the
-- library, and the queue of local changes the server has not taken yet.
-- An account's feeds are ordinary rows of `feeds` (so articles, stories, pages and images
-- work as for local feeds) whose url is `sync://ACCOUNT/STREAM`: never fetched by a
-- refresh (not http), never equal to a local feed's url.
CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL DEFAULT 'greader',
    name            TEXT NOT NULL,
    server_url      TEXT NOT NULL,     -- what the user typed
    api_url         TEXT NOT NULL,     -- where the API answered
    user            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'new',   -- new | ok | error
    status_message  TEXT NOT NULL DEFAULT '',
    last_sync       REAL,              -- start of the last complete sync (epoch seconds)
    since_server    INTEGER,           -- the server's clock then: next sync asks for newer
    position        INTEGER NOT NULL DEFAULT 0,
    created         REAL NOT NULL
);

CREATE TABLE sync_feeds (
    feed_id         INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    stream_id       TEXT NOT NULL,     -- the server's id: "feed/12"
    feed_url        TEXT NOT NULL,     -- the feed's own address, as the server has it
    UNIQUE (account_id, stream_id)
);

-- server_read / server_starred: the item's state on the server as of the last sync, so
-- a change on the server is told apart from one of ours (docs/notes/sync.md).
CREATE TABLE sync_items (
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    item_id         TEXT NOT NULL,     -- short (decimal) form
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    server_read     INTEGER NOT NULL,
    server_starred  INTEGER NOT NULL,
    PRIMARY KEY (account_id, item_id)
) WITHOUT ROWID;
CREATE INDEX sync_items_article ON sync_items(article_id);

-- Local changes in the order they were made, until the server has taken them.
-- op: read | starred (item_id, value 0/1) · subscribe (arg url, value folder, title) ·
-- unsubscribe (stream_id) · rename (stream_id, title) · move (stream_id, value folder,
-- arg old folder) · mark_all (stream_id, value = older-than in microseconds).
CREATE TABLE sync_queue (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    op              TEXT NOT NULL,
    item_id         TEXT,
    stream_id       TEXT,
    value           TEXT,
    arg             TEXT,
    title           TEXT,
    made_at         REAL NOT NULL
);
CREATE INDEX sync_queue_account ON sync_queue(account_id, id);

-- A row here, inside a transaction, says "this change comes from the server": the
-- triggers below then queue nothing. It never outlives its transaction.
CREATE TABLE sync_applying (
    marker          INTEGER PRIMARY KEY
);

-- Every path that changes read/starred state (list, story pane, CLI, filters) is queued
-- by these triggers, in the same transaction as the change.
CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON article_state
WHEN old.read != new.read AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_queue(account_id, op, item_id, value, made_at)
    SELECT account_id, 'read', item_id, new.read,
           COALESCE(new.changed, (julianday('now') - 2440587.5) * 86400.0)
    FROM sync_items WHERE article_id = new.article_id;
END;
CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON article_state
WHEN old.starred != new.starred AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_queue(account_id, op, item_id, value, made_at)
    SELECT account_id, 'starred', item_id, new.starred,
           COALESCE(new.changed, (julianday('now') - 2440587.5) * 86400.0)
    FROM sync_items WHERE article_id = new.article_id;
END;
CREATE TRIGGER sync_queue_rename AFTER UPDATE OF title ON feeds
WHEN old.title != new.title AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_queue(account_id, op, stream_id, title, made_at)
    SELECT account_id, 'rename', stream_id, new.title, (julianday('now') - 2440587.5) * 86400.0
    FROM sync_feeds WHERE feed_id = new.id;
END;
CREATE TRIGGER sync_queue_move AFTER UPDATE OF folder ON feeds
WHEN old.folder != new.folder AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_queue(account_id, op, stream_id, value, arg, made_at)
    SELECT account_id, 'move', stream_id, new.folder, old.folder,
           (julianday('now') - 2440587.5) * 86400.0
    FROM sync_feeds WHERE feed_id = new.id;
END;
CREATE TRIGGER sync_queue_unsubscribe BEFORE DELETE ON feeds
WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_queue(account_id, op, stream_id, made_at)
    SELECT account_id, 'unsubscribe', stream_id, (julianday('now') - 2440587.5) * 86400.0
    FROM sync_feeds WHERE feed_id = old.id;
END;

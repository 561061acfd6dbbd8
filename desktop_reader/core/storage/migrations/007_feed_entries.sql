-- An entry's GUID identifies it only within its feed: two feeds that both number their
-- entries "1", "2"… are different articles. `feed_entries` maps (feed, GUID) to the
-- stored article; `articles.guid` stays a unique storage key (the GUID itself when it
-- is free, else the GUID with the feed's id appended). The same article arriving
-- through several feeds is still found, by a permalink GUID or its link.
CREATE TABLE feed_entries (
    feed_id         INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid            TEXT NOT NULL,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (feed_id, guid)
) WITHOUT ROWID;
CREATE INDEX feed_entries_article ON feed_entries(article_id);

-- What libraries stored before: each article under the GUID it was stored with, for
-- its own feed and every feed that listed it (they matched it by that GUID or link).
INSERT OR IGNORE INTO feed_entries(feed_id, guid, article_id)
    SELECT feed_id, guid, id FROM articles;
INSERT OR IGNORE INTO feed_entries(feed_id, guid, article_id)
    SELECT fa.feed_id, a.guid, a.id FROM feed_articles fa JOIN articles a ON a.id = fa.article_id;

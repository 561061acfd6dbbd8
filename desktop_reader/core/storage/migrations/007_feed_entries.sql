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

-- Feeds imported before OPML import checked addresses: feed: URIs become the http(s)
-- address they stand for; javascript:, file:, ftp: or relative ones, never fetched,
-- say so instead of staying "new" without a word.
UPDATE feeds SET url = substr(url, 6)
WHERE lower(url) LIKE 'feed:http%'
  AND NOT EXISTS (SELECT 1 FROM feeds other WHERE other.url = substr(feeds.url, 6));
UPDATE feeds SET url = 'http://' || substr(url, 8)
WHERE lower(url) LIKE 'feed://%'
  AND NOT EXISTS (SELECT 1 FROM feeds other WHERE other.url = 'http://' || substr(feeds.url, 8));
UPDATE feeds SET status = 'error',
    status_message = 'Not a web address, so it cannot be refreshed: remove it, '
                     || 'or subscribe to its http(s) address'
WHERE lower(url) NOT LIKE 'http://%' AND lower(url) NOT LIKE 'https://%';

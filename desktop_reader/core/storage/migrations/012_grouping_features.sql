-- Grouping features computed by the page workers at extraction time
-- (core/stories/prepared.py), kept until the article is placed in a story: `inputs`
-- is the digest of the title, text and date they were computed from, `features` the
-- encoded features. Rows are transient (deleted once the article is grouped).
CREATE TABLE article_features (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    inputs      BLOB NOT NULL,
    features    BLOB NOT NULL
);

-- Article pages that failed for a passing reason (5xx, 429, timeout, reset) are tried
-- again later: `page_attempts` counts tries, `page_retry_after` is when the next is due
-- (epoch seconds) for articles in page_state 'retrying'.
ALTER TABLE articles ADD COLUMN page_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN page_retry_after REAL;

-- Never-tried pages are taken newest first: walking this index stops at the batch size
-- instead of sorting every pending article.
DROP INDEX IF EXISTS articles_page_state;
CREATE INDEX articles_pending_pages ON articles(published DESC) WHERE page_state = 'pending';
-- Retries that are due: a range scan over the few articles waiting to be retried.
CREATE INDEX articles_page_retries ON articles(page_retry_after) WHERE page_state = 'retrying';

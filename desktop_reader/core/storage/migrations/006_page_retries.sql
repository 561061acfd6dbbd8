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

-- Pages that failed for a passing reason before retries existed get another try at the
-- next refresh (the texts are the fetcher's own messages, core/fetch/messages.py).
UPDATE articles SET page_state = 'retrying', page_attempts = 1, page_retry_after = 0
WHERE page_state = 'failed' AND (
    page_error LIKE 'Server error (%' OR page_error LIKE 'Server busy (%'
    OR page_error IN ('Server unavailable (503)', 'Too many requests (429)',
                      'The server timed out waiting (408)', 'Connection reset by the server',
                      'Could not connect (connection refused)',
                      'The server closed the connection before the download finished',
                      'The server closed the connection without answering')
    OR page_error LIKE 'Timed out after %' OR page_error LIKE 'Network error%');

-- Reading a story's newest members and counting its distinct outlets use these
-- indexes alone, not every member row: refreshing a story of thousands of
-- articles costs what refreshing one of ten does.
CREATE INDEX story_articles_outlet ON story_articles(story_id, outlet);
CREATE INDEX story_articles_position ON story_articles(story_id, position);

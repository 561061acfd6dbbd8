-- Stored term vectors (each member's and each story's centroid) as compact blobs
-- (core/storage/vector_codec.py) instead of JSON: clustering decodes them for every
-- candidate story it scores. `vector_blob` is the codec, registered by migrate().
ALTER TABLE story_articles ADD COLUMN vector BLOB NOT NULL DEFAULT x'';
UPDATE story_articles SET vector = vector_blob(vector_json);
ALTER TABLE story_articles DROP COLUMN vector_json;
ALTER TABLE stories ADD COLUMN centroid BLOB NOT NULL DEFAULT x'';
UPDATE stories SET centroid = vector_blob(centroid_json);
ALTER TABLE stories DROP COLUMN centroid_json;

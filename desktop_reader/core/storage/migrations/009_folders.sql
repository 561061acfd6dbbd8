-- Folders the user made: a folder otherwise exists only while a feed is in it, and a
-- new folder starts empty (feeds are dragged in afterwards).
CREATE TABLE folders (
    path    TEXT PRIMARY KEY,   -- "World" or "World/Europe"
    created REAL NOT NULL
);

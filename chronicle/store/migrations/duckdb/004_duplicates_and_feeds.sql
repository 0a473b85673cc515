-- Duplicates and feeds. IF NOT EXISTS: a store made before versioned migrations may have these already.
-- Exact copies (same content hash) are stored once; every URL and source they were seen at is a sighting.
-- Near-copies (the same story with small edits) point to their story's first article: `duplicate_of` is that
-- article's content hash, `story` is it too (or the article's own hash when it starts a story).
-- Story-starting articles keep their MinHash signature and its LSH band buckets, so that later articles, in
-- this run or another, find them.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS story VARCHAR;
UPDATE articles SET story = content_hash WHERE story IS NULL;
CREATE TABLE IF NOT EXISTS article_urls (
    content_hash VARCHAR NOT NULL, url VARCHAR NOT NULL, source VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (content_hash, url, source));
INSERT INTO article_urls
    SELECT content_hash, coalesce(url, ''), coalesce(source, ''), stored_at FROM articles
    ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS article_minhash (content_hash VARCHAR PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS article_bands (content_hash VARCHAR NOT NULL, band SMALLINT NOT NULL, bucket BIGINT NOT NULL);
-- No index on the buckets: a batch's look-up is one scan and hash join (Store._story_starts), as fast without
-- one, while an ART index more than doubles the time to load the bands (measured on 3.2 million rows).
-- Feed entries `chronicle watch` has taken, so that a later poll (or a restarted watcher) skips them.
CREATE TABLE IF NOT EXISTS feed_entries (feed VARCHAR NOT NULL, entry_key VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (feed, entry_key));

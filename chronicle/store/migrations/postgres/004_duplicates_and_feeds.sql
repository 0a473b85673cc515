-- Duplicates and feeds. IF NOT EXISTS: a store made before versioned migrations may have these already.
-- Exact copies (same content hash) are stored once; every URL and source they were seen at is a sighting.
-- Near-copies (the same story with small edits) point to their story's first article: `duplicate_of` is that
-- article's content hash, `story` is it too (or the article's own hash when it starts a story).
-- Story-starting articles keep their MinHash signature and its LSH band buckets, so that later articles, in
-- this run or another, find them.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS duplicate_of TEXT COLLATE "C", ADD COLUMN IF NOT EXISTS story TEXT COLLATE "C";
UPDATE articles SET story = content_hash WHERE story IS NULL;
CREATE INDEX IF NOT EXISTS articles_story ON articles (story);
CREATE TABLE IF NOT EXISTS article_urls (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, url TEXT NOT NULL,
    source TEXT NOT NULL, first_seen TIMESTAMP NOT NULL, PRIMARY KEY (content_hash, url, source));
INSERT INTO article_urls
    SELECT content_hash, coalesce(url, ''), coalesce(source, ''), stored_at FROM articles
    ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS article_minhash (
    content_hash TEXT COLLATE "C" PRIMARY KEY REFERENCES articles ON DELETE CASCADE, signature BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS article_bands (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, band SMALLINT NOT NULL,
    bucket BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS article_bands_bucket ON article_bands (bucket, band);
-- Feed entries `chronicle watch` has taken, so that a later poll (or a restarted watcher) skips them.
CREATE TABLE IF NOT EXISTS feed_entries (feed TEXT NOT NULL, entry_key TEXT NOT NULL, first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (feed, entry_key));

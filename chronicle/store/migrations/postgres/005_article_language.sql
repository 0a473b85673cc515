-- Articles carry their detected language as a column: listing a page of articles then reads no JSON record
-- (reading the record of each listed article was most of the time of GET /api/articles).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS language TEXT;
UPDATE articles SET language = record->>'language';

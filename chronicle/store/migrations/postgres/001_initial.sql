-- The first schema: one row per article keyed by content hash, one table per record type, the full records as JSON.
-- Keys and codes use the C collation, so that their b-tree indexes also answer prefix (LIKE 'RUS%') queries.
CREATE TABLE articles (
    content_hash TEXT COLLATE "C" PRIMARY KEY, id TEXT, title TEXT, date DATE, url TEXT,
    source TEXT, text TEXT, record JSON, stored_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE events (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, n INTEGER NOT NULL,
    article_id TEXT, article_date DATE,
    source_code TEXT COLLATE "C", source_name TEXT, source_text TEXT,
    target_code TEXT COLLATE "C", target_name TEXT, target_text TEXT,
    code TEXT COLLATE "C", plover TEXT, mode TEXT, negated BOOLEAN, modality TEXT, confidence DOUBLE PRECISION,
    trigger TEXT, evidence_start INTEGER, evidence_end INTEGER, evidence TEXT, record JSON,
    PRIMARY KEY (content_hash, n));
CREATE TABLE entities (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, n INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text TEXT, label TEXT, origin TEXT, mention TEXT, actor TEXT,
    PRIMARY KEY (content_hash, n));
CREATE TABLE actors (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, n INTEGER NOT NULL,
    code TEXT, name TEXT, country TEXT, sector TEXT, mentions INTEGER, PRIMARY KEY (content_hash, n));
CREATE TABLE quotes (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, n INTEGER NOT NULL,
    kind TEXT, speaker TEXT, speaker_code TEXT, cue TEXT, content TEXT, record JSON, PRIMARY KEY (content_hash, n));
CREATE TABLE places (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, n INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    geonameid BIGINT, country TEXT, admin1 TEXT, kind TEXT, PRIMARY KEY (content_hash, n));
CREATE TABLE times (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, n INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text TEXT, type TEXT, value TEXT, PRIMARY KEY (content_hash, n));
CREATE TABLE quantities (
    content_hash TEXT COLLATE "C" NOT NULL REFERENCES articles ON DELETE CASCADE, n INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text TEXT, value DOUBLE PRECISION, unit TEXT, approx BOOLEAN,
    PRIMARY KEY (content_hash, n));
CREATE INDEX articles_id ON articles (id);
CREATE INDEX articles_stored_at ON articles (stored_at);

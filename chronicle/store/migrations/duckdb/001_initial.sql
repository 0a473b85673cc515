-- The first schema: one row per article keyed by content hash, one table per record type, the full records as JSON.
-- IF NOT EXISTS: stores made before versioned migrations already have these tables.
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY, id VARCHAR, title VARCHAR, date DATE, url VARCHAR,
    source VARCHAR, text VARCHAR, record JSON, stored_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS events (
    content_hash VARCHAR, n INTEGER, article_id VARCHAR, article_date DATE,
    source_code VARCHAR, source_name VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_name VARCHAR, target_text VARCHAR,
    code VARCHAR, plover VARCHAR, mode VARCHAR, negated BOOLEAN, modality VARCHAR, confidence DOUBLE,
    trigger VARCHAR, evidence_start INTEGER, evidence_end INTEGER, evidence VARCHAR, record JSON,
    PRIMARY KEY (content_hash, n));
CREATE TABLE IF NOT EXISTS entities (
    content_hash VARCHAR, n INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR, label VARCHAR,
    origin VARCHAR, mention VARCHAR, actor VARCHAR, PRIMARY KEY (content_hash, n));
CREATE TABLE IF NOT EXISTS actors (
    content_hash VARCHAR, n INTEGER, code VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR,
    mentions INTEGER, PRIMARY KEY (content_hash, n));
CREATE TABLE IF NOT EXISTS quotes (
    content_hash VARCHAR, n INTEGER, kind VARCHAR, speaker VARCHAR, speaker_code VARCHAR, cue VARCHAR,
    content VARCHAR, record JSON, PRIMARY KEY (content_hash, n));
CREATE TABLE IF NOT EXISTS places (
    content_hash VARCHAR, n INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR, lat DOUBLE, lon DOUBLE,
    geonameid BIGINT, country VARCHAR, admin1 VARCHAR, kind VARCHAR, PRIMARY KEY (content_hash, n));
CREATE TABLE IF NOT EXISTS times (
    content_hash VARCHAR, n INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR, type VARCHAR,
    value VARCHAR, PRIMARY KEY (content_hash, n));
CREATE TABLE IF NOT EXISTS quantities (
    content_hash VARCHAR, n INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR, value DOUBLE,
    unit VARCHAR, approx BOOLEAN, PRIMARY KEY (content_hash, n));

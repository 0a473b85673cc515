-- Events carry their own date (TIMEX3 value) and location, so that they can be queried by place;
-- indexes for the queries `Store.events` makes: by actor (source or target, prefix), code (prefix),
-- date and place.
ALTER TABLE events
    ADD COLUMN event_date TEXT,
    ADD COLUMN place TEXT,
    ADD COLUMN place_country TEXT COLLATE "C",
    ADD COLUMN geonameid BIGINT,
    ADD COLUMN lat DOUBLE PRECISION,
    ADD COLUMN lon DOUBLE PRECISION;
UPDATE events SET
    event_date = record->>'date_value',
    place = record->'location'->>'text',
    place_country = record->'location'->>'country',
    geonameid = (record->'location'->>'geonameid')::BIGINT,
    lat = (record->'location'->>'lat')::DOUBLE PRECISION,
    lon = (record->'location'->>'lon')::DOUBLE PRECISION
WHERE record IS NOT NULL;
CREATE INDEX events_source_code ON events (source_code);
CREATE INDEX events_target_code ON events (target_code);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_article_date ON events (article_date DESC NULLS LAST, content_hash, n);
CREATE INDEX events_place ON events (lower(place));
CREATE INDEX events_place_country ON events (place_country);
CREATE INDEX places_country ON places (country);
CREATE INDEX places_geonameid ON places (geonameid);

-- Events carry their own date (TIMEX3 value) and location, so that they can be queried by place.
-- DuckDB answers these filters from its per-block min/max statistics; secondary (ART) indexes would only
-- slow bulk loading, so none are made. Rows stored before this migration are filled from their JSON record.
ALTER TABLE events ADD COLUMN event_date VARCHAR;
ALTER TABLE events ADD COLUMN place VARCHAR;
ALTER TABLE events ADD COLUMN place_country VARCHAR;
ALTER TABLE events ADD COLUMN geonameid BIGINT;
ALTER TABLE events ADD COLUMN lat DOUBLE;
ALTER TABLE events ADD COLUMN lon DOUBLE;
UPDATE events SET
    event_date = record->>'$.date_value',
    place = record->>'$.location.text',
    place_country = record->>'$.location.country',
    geonameid = CAST(record->>'$.location.geonameid' AS BIGINT),
    lat = CAST(record->>'$.location.lat' AS DOUBLE),
    lon = CAST(record->>'$.location.lon' AS DOUBLE);

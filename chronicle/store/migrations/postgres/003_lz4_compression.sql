-- Large values (article text, JSON records) are compressed with LZ4 rather than pglz: faster to write and read.
-- Applies to rows written from now on; PostgreSQL 14 or later, built with LZ4 (Debian's and the official images are).
ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN record SET COMPRESSION lz4;
ALTER TABLE events ALTER COLUMN record SET COMPRESSION lz4;
ALTER TABLE quotes ALTER COLUMN record SET COMPRESSION lz4;

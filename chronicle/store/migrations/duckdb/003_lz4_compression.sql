-- Nothing to do for DuckDB: its columns are compressed by DuckDB itself. (PostgreSQL's migration 3 sets LZ4
-- compression; the numbers of both backends are kept in step so that one version names one schema.)
SELECT 1;

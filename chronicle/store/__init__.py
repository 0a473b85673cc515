"""Store: documents and their records, in an embedded DuckDB file or a shared PostgreSQL database.

`Store(db)` opens either: a ``postgresql://`` address selects PostgreSQL, a file path DuckDB, and no
address $CHRONICLE_DB or ``chronicle.duckdb``. See `chronicle.store.base` for the interface.
"""

from chronicle.store.base import (DEFAULT_DB, TABLES, MissingStore, Store, StoreError, copy_store, event_json,
                                  is_postgres, resolve_db)

__all__ = ["DEFAULT_DB", "TABLES", "MissingStore", "Store", "StoreError", "copy_store", "event_json", "is_postgres",
           "resolve_db"]

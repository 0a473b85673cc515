"""Store: documents and their records in an embedded DuckDB file."""

from chronicle.store.duck import DEFAULT_DB, Store, event_json

__all__ = ["DEFAULT_DB", "Store", "event_json"]

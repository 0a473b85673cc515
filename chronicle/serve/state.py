"""The store as the server owns it: one writer, many readers, one NLP pipeline.

DuckDB lets one process write a file, so the server opens it once, for writing, and every write goes
through `write` under one lock. Readers use their own cursor of the same database (one per thread), which
sees only committed transactions: an article and all its records are one transaction (`Store.add_many`),
so a reader never sees half of one. With PostgreSQL each thread gets its own read-only connection.
spaCy's pipeline is not safe to run from several threads at once; `process` takes turns.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Iterable

from chronicle.records import Document
from chronicle.serve.cache import AnswerCache, json_bytes
from chronicle.serve.index import EventIndex
from chronicle.store import Store, StoreError, inuse, is_postgres, queries, resolve_db

TITLES_KEPT = 200_000
EVENT_BYTES_KEPT = 96 * 2**20  # encoded event rows kept in memory (about 200,000 events)
EVENTS_KEPT = 1_000_000  # a bound on their number too; the bytes bound comes first
EVENTS_WARMED = 100_000  # the newest events read into memory when the server starts
_UNKNOWN = object()
log = logging.getLogger("chronicle.serve")
QUERY_THREADS = 1
WRITE_WAIT = 30.0  # seconds a write waits for the store before the client is told it is busy


class Busy(StoreError):
    """The store (or the pipeline) stayed busy longer than a request may wait."""


class ServedStore:
    def __init__(self, db: str | None) -> None:
        self.db = resolve_db(db)
        self.store = Store(self.db)
        if not is_postgres(self.db):
            # Many requests run at once, each on its own cursor: one thread per query does more in total
            # than queries that each spread over every core and fight for them.
            self.store.con.execute(f"SET threads = {QUERY_THREADS}")
        self._write_lock = threading.Lock()
        self._nlp_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[Any] = []
        self._readers_lock = threading.Lock()
        self.generation = 0  # bumped by every write that stores something: cached answers older than it are stale
        self._claimed = False
        self._titles: dict[str, str | None] = {}  # articles never change once stored: their titles can be kept
        # Nor do their events: each one's JSON by (content hash, n), ready to join into a page.
        self._events = AnswerCache(EVENTS_KEPT, max_bytes=EVENT_BYTES_KEPT)
        self.warmed = threading.Event()  # set once `warm` is done (or has given up)
        self.index: EventIndex | None = None  # event pages from memory (see serve/index.py)
        self._indexing = threading.Lock()

    @property
    def backend(self) -> str:
        return self.store.backend

    def describe(self) -> str:
        return self.store.describe()

    def _reader(self) -> Any:
        reader = getattr(self._local, "reader", None)
        if reader is None:
            if is_postgres(self.db):
                reader = Store(self.db, read_only=True)
            else:
                reader = self.store.con.cursor()
            self._local.reader = reader
            with self._readers_lock:
                self._readers.append(reader)
        return reader

    def query(self, sql: str, args: Iterable[Any] = ()) -> tuple[list[str], list[tuple]]:
        """A read query on this thread's own cursor (``?`` placeholders)."""
        reader = self._reader()
        if isinstance(reader, Store):
            return reader._query(sql, args)
        cur = reader.execute(sql, list(args))
        return [d[0] for d in cur.description], cur.fetchall()

    def titles(self, query, hashes: list[str]) -> dict[str, str | None]:
        """Article titles by content hash, from memory where known (see `queries.titles`)."""
        known = self._titles
        found = {h: known.get(h, _UNKNOWN) for h in hashes}
        missing = [h for h, title in found.items() if title is _UNKNOWN]
        if missing:
            fetched = queries.titles(query, missing)
            if len(known) > TITLES_KEPT:
                known.clear()
            known.update(fetched)
            found.update((h, fetched.get(h)) for h in missing)
        return found

    def event_json(self, keys: list[tuple[str, int]]) -> list[bytes]:
        """The JSON of the events `keys` (content hash, n), in order, from memory where known."""
        found = {key: row for key in keys if (row := self._events.peek(key)) is not None}
        missing = {h for h, n in keys if (h, n) not in found}
        if missing:
            for key, row in queries.event_rows(self.query, sorted(missing), self.titles).items():
                found[key] = json_bytes(row)
                self._events.put(key, found[key])
        return [found[key] for key in keys if key in found]

    def kept_event_json(self, keys: list[tuple[str, int]]) -> list[bytes] | None:
        """The JSON of the events `keys`, in order, when all are in memory; else None (no query is made)."""
        rows = []
        for key in keys:
            row = self._events.peek(key)
            if row is None:
                return None
            rows.append(row)
        return rows

    def warm(self, limit: int = EVENTS_WARMED) -> None:
        """Read the newest events into memory (a start-up task: pages of recent events are the common ones).

        Rows a request has read meanwhile stay as they are, and the newest rows end up the last to go."""
        try:
            rows = queries.newest_event_rows(self.query, limit)
            for row in rows:
                self._events.put((row["content_hash"], row["n"]), json_bytes(row), replace=False)
        except Exception as exc:  # the server closing meanwhile, or a store that went away: only speed is lost
            log.debug("event rows not warmed: %s", exc)
        self.build_index()
        self.warmed.set()

    def build_index(self) -> None:
        """Read the event columns the filters use into memory, for the store as it is now (one build at a time)."""
        if not self._indexing.acquire(blocking=False):
            return
        try:
            generation = self.generation
            if self.index is None or self.index.generation != generation:
                index = EventIndex.load(self.query, generation)
                if self.generation == generation:  # else a write came meanwhile: built again when asked
                    self.index = index
        except Exception as exc:  # as above: the store answers instead
            log.debug("event index not built: %s", exc)
        finally:
            self._indexing.release()

    def event_index(self) -> EventIndex | None:
        """The index, if it shows the store as it is; after a write, None while a new one is built."""
        index = self.index
        if index is not None and index.generation == self.generation:
            return index
        if self.warmed.is_set() and not self._indexing.locked():
            threading.Thread(target=self.build_index, name="chronicle-index", daemon=True).start()
        return None

    def counts(self) -> dict[str, int]:
        from chronicle.store import TABLES

        return {t: self.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLES}

    def write(self, docs: list[Document]) -> list[bool]:
        """Store documents (one transaction); for each, whether it was new."""
        if not self._write_lock.acquire(timeout=WRITE_WAIT):
            raise Busy(f"the store {self.describe()} is busy writing; try again")
        try:
            added = self.store.add_many(docs)
            if any(added):
                self.generation += 1
            return added
        finally:
            self._write_lock.release()

    def process(self, raws: list, wait: float = WRITE_WAIT) -> list[Document]:
        """Run the pipeline over raw articles, one caller at a time."""
        from chronicle.pipeline import process_many

        if not self._nlp_lock.acquire(timeout=wait):
            raise Busy("the pipeline is busy with other articles; try again")
        try:
            return list(process_many(raws))
        finally:
            self._nlp_lock.release()

    def claim(self, url: str) -> None:
        """Mark a DuckDB store as held by this server at `url` until `close` (PostgreSQL needs no marker)."""
        if not is_postgres(self.db):
            inuse.claim(self.db, url)
            self._claimed = True

    def close(self) -> None:
        if self._claimed:
            inuse.release(self.db)
            self._claimed = False
        with self._readers_lock:
            for reader in self._readers:
                try:
                    reader.close()
                except Exception:  # a reader of a thread that is gone: closing is best effort
                    pass
            self._readers.clear()
        self.store.close()


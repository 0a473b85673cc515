"""The storage interface, and what every backend shares.

`Store(db)` opens the store that `db` names: a ``postgresql://`` (or
``postgres://``) address opens PostgreSQL, anything else is a DuckDB file.
With no `db`, the ``CHRONICLE_DB`` environment variable is used, else
``chronicle.duckdb``. Both backends have the same methods (`add`,
`add_many`, `events`, `find`, `documents`, `count`, ...) and the same
tables; what differs (connecting, bulk loading, upserts) lives in
`duck.py` and `postgres.py`.

The schema is made by numbered SQL files, ``migrations/<backend>/NNN_name.sql``,
applied in order and recorded in the ``chronicle_schema`` table. Opening a
store for writing applies the pending ones; opening it read-only checks that
none is pending.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from chronicle.records import Document
from chronicle.store import dedupe

DEFAULT_DB = "chronicle.duckdb"
MIGRATIONS = Path(__file__).parent / "migrations"

# Every table's columns, in the order rows are built. The first two of each child table are the article's
# content hash and the record's position in the article, which together are its primary key.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("content_hash", "id", "title", "date", "url", "source", "text", "record", "stored_at",
                 "duplicate_of", "story", "language"),
    "events": ("content_hash", "n", "article_id", "article_date", "source_code", "source_name", "source_text",
               "target_code", "target_name", "target_text", "code", "plover", "mode", "negated", "modality",
               "confidence", "trigger", "evidence_start", "evidence_end", "evidence", "record",
               "event_date", "place", "place_country", "geonameid", "lat", "lon", "background"),
    "entities": ("content_hash", "n", "start_char", "end_char", "text", "label", "origin", "mention", "actor"),
    "actors": ("content_hash", "n", "code", "name", "country", "sector", "mentions"),
    "quotes": ("content_hash", "n", "kind", "speaker", "speaker_code", "cue", "content", "record"),
    "places": ("content_hash", "n", "start_char", "end_char", "text", "lat", "lon", "geonameid", "country", "admin1",
               "kind"),
    "times": ("content_hash", "n", "start_char", "end_char", "text", "type", "value"),
    "quantities": ("content_hash", "n", "start_char", "end_char", "text", "value", "unit", "approx"),
}
TABLES = tuple(COLUMNS)
# Written with the records, in the same transaction, but not records themselves (`chronicle.store.dedupe`):
# where each article was seen, and the MinHash signature and LSH buckets of each story's first article.
COLUMNS.update({"article_urls": ("content_hash", "url", "source", "first_seen"),
                "article_minhash": ("content_hash", "signature"),
                "article_bands": ("content_hash", "band", "bucket")})
# Floating-point columns: a backend that infers types from values must not read 1 and 0.5 as different types.
FLOATS: dict[str, frozenset[str]] = {"events": frozenset({"confidence", "lat", "lon"}),
                                     "places": frozenset({"lat", "lon"}), "quantities": frozenset({"value"})}


class StoreError(Exception):
    """A store that cannot be opened or used: unreachable server, bad address, schema too old or too new."""


class MissingStore(StoreError, FileNotFoundError):
    """A store opened for reading that does not exist (yet)."""


def resolve_db(db: str | os.PathLike[str] | None) -> str:
    """The store to use: `db`, else $CHRONICLE_DB, else the default DuckDB file."""
    if db is None or str(db) == "":
        return os.environ.get("CHRONICLE_DB") or DEFAULT_DB
    return str(db)


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class Store:
    """Documents and their records, keyed by content hash: adding the same article again adds nothing.

    Subclasses implement the backend; `Store(db)` itself picks the subclass that `db` names.
    """

    backend = "?"

    def __new__(cls, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> "Store":
        if cls is Store:
            if is_postgres(resolve_db(path)):
                from chronicle.store.postgres import PostgresStore
                cls = PostgresStore
            else:
                from chronicle.store.duck import DuckStore
                cls = DuckStore
        return super().__new__(cls)

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> None:
        self.path = resolve_db(path)
        self.read_only = read_only
        # Estimated Jaccard similarity from which a new article is a copy of an earlier story (writers only).
        try:
            self.near_threshold = None if read_only else dedupe.threshold_from_env()
        except ValueError as exc:
            raise StoreError(str(exc)) from None

    # --- what each backend provides -------------------------------------------------------------------------

    def close(self) -> None:
        raise NotImplementedError

    def _write(self, docs: list[Prepared], rows: dict[str, list[tuple]]) -> set[str]:
        """Write documents and their rows in one transaction; the content hashes this call inserted.

        Articles another writer stored first are skipped, with all their rows. On any failure the
        transaction is rolled back and the exception raised.
        """
        raise NotImplementedError

    def _query(self, sql: str, args: Iterable[Any] = ()) -> tuple[list[str], list[tuple]]:
        """Run a read query (``?`` placeholders); column names and rows."""
        raise NotImplementedError

    def _stream(self, sql: str, batch: int = 500, args: Iterable[Any] = ()) -> Iterator[tuple]:
        """Rows of a read query, fetched in batches rather than all at once."""
        raise NotImplementedError

    def _execute(self, sql: str, args: Iterable[Any] = ()) -> None:
        """Run one writing statement (``?`` placeholders) as a transaction of its own."""
        raise NotImplementedError

    def _script(self, sql: str) -> None:
        """Run a migration script (several statements) inside the current transaction."""
        raise NotImplementedError

    def _migration_transaction(self):
        """A context manager: one transaction that holds the store's migration lock."""
        raise NotImplementedError

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    # --- schema ---------------------------------------------------------------------------------------------

    @classmethod
    def migrations(cls) -> list[tuple[int, str, Path]]:
        """(version, name, file) of this backend's migrations, in order."""
        found = []
        for path in sorted((MIGRATIONS / cls.backend).glob("*.sql")):
            match = re.fullmatch(r"(\d+)_(\w+)\.sql", path.name)
            if match:
                found.append((int(match[1]), match[2], path))
        versions = [v for v, _, _ in found]
        assert versions == list(range(1, len(found) + 1)), f"migrations must be numbered 1, 2, ...: {versions}"
        return found

    def schema_version(self) -> int:
        if not self._has_table("chronicle_schema"):
            return 0
        _, rows = self._query("SELECT max(version) FROM chronicle_schema")
        return rows[0][0] or 0

    def _check_schema(self) -> None:
        """Writable: apply pending migrations. Read-only: refuse a store whose schema is not this version's."""
        latest = len(self.migrations())
        if self.read_only:
            version = self.schema_version()
            if version == 0 and not self._has_table("articles"):
                raise MissingStore(f"no Chronicle store in {self.describe()}: run `chronicle run` first")
            self._check_version(version, latest)
            return
        with self._migration_transaction():
            if not self._has_table("chronicle_schema"):
                self._script("CREATE TABLE chronicle_schema (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                             "applied_at TIMESTAMP NOT NULL)")
            version = self.schema_version()
            if version > latest:
                self._check_version(version, latest)
            for number, name, path in self.migrations()[version:]:
                self._script(path.read_text(encoding="utf-8"))
                self._script(f"INSERT INTO chronicle_schema VALUES ({number}, '{name}', "
                             f"TIMESTAMP '{_now():%Y-%m-%d %H:%M:%S}')")

    def _check_version(self, version: int, latest: int) -> None:
        if version > latest:
            raise StoreError(f"{self.describe()} has schema version {version}, newer than this Chronicle knows "
                             f"({latest}): upgrade Chronicle")
        if version < latest:
            raise StoreError(f"{self.describe()} has schema version {version}, this Chronicle needs {latest}: "
                             f"upgrade it with `chronicle migrate --to {self.describe()}`")

    def describe(self) -> str:
        """The store's address as it may be shown: no password."""
        return self.path

    # --- the interface --------------------------------------------------------------------------------------

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, content_hash: str) -> bool:
        return bool(self._known([content_hash]))

    def add(self, doc: Document) -> bool:
        """Store a document and its records; False (and no change) when it is already stored."""
        return self.add_many([doc])[0]

    def add_many(self, docs: list[Document | Prepared]) -> list[bool]:
        """Store documents (or their `Prepared` rows) in one transaction; for each, whether this call stored it.

        All or nothing: if the batch cannot be written, nothing of it is, and the documents are retried
        one by one so that only the bad one fails. An article stored by another writer meanwhile, even one
        writing the same batch at the same moment, counts as known and is not written again.
        """
        self._writable()
        known = self._known([d.content_hash for d in docs])
        fresh: dict[str, Document | Prepared] = {}
        for d in docs:
            if d.content_hash not in known:
                fresh.setdefault(d.content_hash, d)
        if known:  # exact copies: stored once, but every URL they were seen at is kept
            self.add_sightings([(d.content_hash, d.url, d.source) for d in docs if d.content_hash in known])
        if not fresh:
            return [False] * len(docs)
        try:
            inserted = self._write_new(docs, fresh)
        except Exception:
            if len(fresh) == 1:
                raise
            inserted, failure = set(), None
            for d in fresh.values():  # isolate the failing document; the others are stored
                try:
                    if self.add_many([d])[0]:
                        inserted.add(d.content_hash)
                except Exception as exc:
                    failure = failure or exc
            if failure is not None:
                raise failure
        # Articles another writer stored first: their copies here are sightings of the stored one.
        if len(inserted) < len(fresh):
            self.add_sightings([(d.content_hash, d.url, d.source) for d in docs
                                if d.content_hash in fresh and d.content_hash not in inserted])
        added = []
        for d in docs:
            added.append(d.content_hash in inserted)
            inserted.discard(d.content_hash)  # a repeat within the batch is not new
        return added

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.describe()} is open read-only")

    def _write_new(self, docs: list[Document | Prepared], fresh: dict[str, Document | Prepared]) -> set[str]:
        """Write new articles: their records, every URL they came with, and their place in a story."""
        # Rows and signatures made where the articles were processed (a Dask worker) are used as they are.
        items = {h: prepare(d) for h, d in fresh.items()}
        found = dedupe.assign({h: p.minhash() for h, p in items.items()}, self._story_starts, self.near_threshold)
        linked = [p.linked(found.duplicate_of[h]) for h, p in items.items()]
        rows = rows_of(linked)
        rows["article_urls"] = sighting_rows((d.content_hash, d.url, d.source) for d in docs
                                             if d.content_hash in fresh)
        rows["article_minhash"] = found.signatures
        rows["article_bands"] = found.bands
        return self._write(linked, rows)

    def _story_starts(self, buckets: list[int]) -> Iterator[tuple[int, dedupe.Candidate]]:
        """(bucket, candidate) for the stored story starts in any of these LSH buckets."""
        # The buckets go as one array: DuckDB answers that with one scan and a hash join (a long IN list of
        # parameters is several times slower), PostgreSQL with its bucket index. Few buckets match, so the
        # signatures are fetched afterwards, for the matching articles only.
        _, found = self._query("SELECT bucket, content_hash FROM article_bands "
                               "WHERE bucket IN (SELECT unnest(CAST(? AS BIGINT[])))", [buckets])
        if not found:
            return
        _, signed = self._query("SELECT content_hash, signature FROM article_minhash "
                                "WHERE content_hash IN (SELECT unnest(CAST(? AS VARCHAR[])))",
                                [sorted({h for _, h in found})])
        candidates = {h: dedupe.Candidate(h, dedupe.from_bytes(sig)) for h, sig in signed}
        for bucket, content_hash in found:
            yield bucket, candidates[content_hash]

    def _query_in(self, sql: str, values: list[Any], before: list[Any] = ()) -> Iterator[tuple]:
        """Rows of a query whose ``IN ({})`` list takes `values`, asked a thousand values at a time."""
        for start in range(0, len(values), 1000):
            chunk = values[start:start + 1000]
            yield from self._query(sql.format(", ".join("?" * len(chunk))), [*before, *chunk])[1]

    def _insert_values(self, sql: str, row_marks: str, rows: list[tuple]) -> None:
        """Run an insert whose ``VALUES {}`` takes `rows` (each written as `row_marks`), 500 rows at a time."""
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            self._execute(sql.format(", ".join([row_marks] * len(chunk))), [x for row in chunk for x in row])

    def add_sightings(self, sightings: Iterable[tuple[str, str | None, str | None]]) -> None:
        """Record that stored articles were seen (again) at a URL or source: (content hash, url, source).

        For an article met again and not re-processed (an exact copy, a resumed run). Sightings already
        recorded, and content hashes that are not stored, are ignored.
        """
        self._writable()
        self._insert_values("INSERT INTO article_urls (content_hash, url, source, first_seen) "
                            "SELECT v.h, v.u, v.s, v.t FROM (VALUES {}) AS v (h, u, s, t) "
                            "WHERE EXISTS (SELECT 1 FROM articles a WHERE a.content_hash = v.h) "
                            "ON CONFLICT DO NOTHING", "(?, ?, ?, CAST(? AS TIMESTAMP))", sighting_rows(sightings))

    def urls(self, content_hash: str) -> list[dict[str, Any]]:
        """Where an article was seen: {url, source, first_seen}, first sighting first."""
        _, rows = self._query("SELECT url, source, first_seen FROM article_urls WHERE content_hash = ? "
                              "ORDER BY first_seen, url, source", [content_hash])
        return [{"url": url or None, "source": source or None, "first_seen": seen} for url, source, seen in rows]

    def story(self, content_hash: str) -> list[str]:
        """The content hashes of the articles in this article's story, first article first."""
        _, rows = self._query("SELECT a.content_hash FROM articles a JOIN articles me ON a.story = me.story "
                              "WHERE me.content_hash = ? ORDER BY a.stored_at, a.content_hash", [content_hash])
        return [r[0] for r in rows]

    def story_sightings(self, stories: Iterable[str]) -> dict[str, list[tuple[str, str, str]]]:
        """For each story (its first article's hash): (content hash, url, source) of every sighting of its articles."""
        stories = sorted(set(stories))
        found: dict[str, list[tuple[str, str, str]]] = {s: [] for s in stories}
        for story, content_hash, url, source in self._query_in(
                "SELECT a.story, u.content_hash, u.url, u.source FROM article_urls u "
                "JOIN articles a ON a.content_hash = u.content_hash WHERE a.story IN ({})", stories):
            found[story].append((content_hash, url, source))
        return found

    def seen_entries(self, feed: str, keys: Iterable[str]) -> set[str]:
        """Which of these feed entry keys (ids or links) were taken from `feed` before."""
        return {r[0] for r in self._query_in("SELECT entry_key FROM feed_entries WHERE feed = ? AND entry_key IN ({})",
                                             sorted(set(keys)), [feed])}

    def mark_entries(self, feed: str, keys: Iterable[str]) -> None:
        """Remember feed entries as taken (repeats ignored)."""
        self._writable()
        stamp = _now()
        self._insert_values("INSERT INTO feed_entries (feed, entry_key, first_seen) VALUES {} ON CONFLICT DO NOTHING",
                            "(?, ?, CAST(? AS TIMESTAMP))", [(feed, key, stamp) for key in sorted(set(keys))])

    def _known(self, hashes: list[str]) -> set[str]:
        known: set[str] = set()
        for start in range(0, len(hashes), 1000):
            chunk = hashes[start:start + 1000]
            marks = ", ".join("?" * len(chunk))
            _, rows = self._query(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk)
            known.update(r[0] for r in rows)
        return known

    def count(self, table: str = "articles") -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table}")
        _, rows = self._query(f"SELECT count(*) FROM {table}")
        return rows[0][0]

    def counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in TABLES}

    def events(self, actor: str | None = None, code: str | None = None, since: str | None = None,
               until: str | None = None, limit: int | None = None, place: str | None = None,
               per_story: bool = False) -> list[dict[str, Any]]:
        """Events, newest article first.

        `actor` matches the source or target code by prefix, `code` the CAMEO code by prefix, `since` and
        `until` the article's date, `place` the event's location by name (any case) or country code.
        `per_story`: only the events of each story's first article, not those of its copies.
        """
        sql, args = _events_sql(EVENT_FIELDS, actor, code, since, until, place, per_story)
        if limit:
            sql += f" LIMIT {int(limit)}"
        cols, rows = self._query(sql, args)
        return [dict(zip(cols, row)) for row in rows]

    def stream_events(self, actor: str | None = None, code: str | None = None, since: str | None = None,
                      until: str | None = None, place: str | None = None, per_story: bool = False,
                      batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Like `events`, read in batches (bounded memory), with every event column and the article's
        url, title, story and `duplicate_of`."""
        sql, args = _events_sql(EXPORT_FIELDS, actor, code, since, until, place, per_story)
        names = [f.rsplit(" ", 1)[-1].split(".")[-1] for f in EXPORT_FIELDS]
        for row in self._stream(sql, batch, args):
            yield dict(zip(names, row))

    def find(self, key: str) -> list[Document]:
        """Documents whose id is `key`, or whose content hash starts with it (6 characters or more)."""
        # A hash prefix must be long enough not to catch unrelated articles by accident.
        prefix = _prefix(key.lower()) if len(key) >= 6 else "\x01"
        _, rows = self._query("SELECT record FROM articles WHERE id = ? OR content_hash LIKE ? ESCAPE '!' "
                              "ORDER BY stored_at, content_hash", [key, prefix])
        return [Document.model_validate_json(r[0]) for r in rows]

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest first, read in batches."""
        for (record,) in self._stream("SELECT record FROM articles ORDER BY stored_at, content_hash"):
            yield Document.model_validate_json(record)


def _prefix(value: str) -> str:
    """A LIKE pattern matching strings that start with `value` (escape character '!')."""
    return re.sub(r"([!%_])", r"!\1", value) + "%"


EVENT_FIELDS = ("e.article_id", "CAST(e.article_date AS VARCHAR) AS date", "e.source_code", "e.target_code", "e.code",
                "e.plover", "e.negated", "e.modality", "e.background", "e.confidence", "e.trigger", "e.evidence",
                "e.content_hash", "e.record", "e.event_date", "e.place", "e.place_country")
EXPORT_FIELDS = ("e.content_hash", "e.n", "e.article_id", "CAST(e.article_date AS VARCHAR) AS date", "e.source_code",
                 "e.source_name", "e.source_text", "e.target_code", "e.target_name", "e.target_text", "e.code",
                 "e.plover", "e.mode", "e.negated", "e.modality", "e.background", "e.confidence", "e.trigger",
                 "e.evidence", "e.event_date", "e.place", "e.place_country", "e.geonameid", "e.lat", "e.lon",
                 "e.record", "a.url", "a.title", "a.source AS article_source", "a.story", "a.duplicate_of",
                 "CAST(a.stored_at AS VARCHAR) AS stored_at")


def _events_sql(fields: Iterable[str], actor: str | None, code: str | None, since: str | None, until: str | None,
                place: str | None, per_story: bool) -> tuple[str, list[Any]]:
    """The query for events matching the filters of `Store.events`, newest article first."""
    where, args = [], []
    if actor:
        where.append("(e.source_code LIKE ? ESCAPE '!' OR e.target_code LIKE ? ESCAPE '!')")
        args += [_prefix(actor.upper())] * 2
    if code:
        where.append("e.code LIKE ? ESCAPE '!'")
        args.append(_prefix(code))
    if since:
        where.append("e.article_date >= CAST(? AS DATE)")
        args.append(since)
    if until:
        where.append("e.article_date <= CAST(? AS DATE)")
        args.append(until)
    if place:
        where.append("(lower(e.place) = ? OR e.place_country = ?)")
        args += [place.lower(), place.upper()]
    if per_story:
        where.append("a.duplicate_of IS NULL")
    sql = f"SELECT {', '.join(fields)} FROM events e"
    if per_story or any(f.startswith("a.") for f in fields):
        sql += " JOIN articles a ON a.content_hash = e.content_hash"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY e.article_date DESC NULLS LAST, e.content_hash, e.n", args


def sighting_rows(sightings: Iterable[tuple[str, str | None, str | None]]) -> list[tuple]:
    """Rows of `article_urls`, once each: a missing URL or source is stored as '' (a key column cannot be NULL)."""
    stamp = _now()
    unique = dict.fromkeys((h, url or "", source or "") for h, url, source in sightings)
    return [(h, url, source, stamp) for h, url, source in unique]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# Positions in an `articles` row (`COLUMNS["articles"]`) that are settled only when the article is written.
RECORD, STORED_AT, DUPLICATE_OF, STORY = (COLUMNS["articles"].index(c) for c in ("record", "stored_at",
                                                                                  "duplicate_of", "story"))


@dataclass(eq=False)
class Prepared:
    """A document as the store writes it: its rows of every table and its MinHash signature.

    Made where the article was processed (`prepare`), on a Dask worker too, so that the one writing process
    only inserts: unpickling a `Document` (nested pydantic models) costs it about 3 ms an article, these
    plain tuples 0.1 ms, and the rows and signature are another 1 ms saved. The articles row waits for
    `stored_at` (set by `rows_of` at writing) and, should the article be a near-copy, its story (`linked`).
    """
    content_hash: str
    url: str | None
    source: str | None
    language: str | None
    rows: dict[str, list[tuple]]  # table -> rows, in `COLUMNS` order; one articles row
    signature: bytes | None  # `dedupe.to_bytes` of the MinHash signature; None for a text without words
    doc: Document | None = field(default=None, repr=False)  # the record, in the process that made it

    def __getstate__(self) -> dict[str, Any]:
        # The record travels as the JSON of its articles row only: not pickled twice.
        return {**self.__dict__, "doc": None}

    def document(self) -> Document:
        """The record: the one this was made from, or (after a trip between processes) read from its row."""
        if self.doc is None:
            self.doc = Document.model_validate_json(self.rows["articles"][0][RECORD])
        return self.doc

    def minhash(self):
        return None if self.signature is None else dedupe.from_bytes(self.signature)

    def linked(self, duplicate_of: str | None) -> "Prepared":
        """This article placed in its story: `duplicate_of` the story's first article, or None to start one."""
        row = self.rows["articles"][0]
        if row[DUPLICATE_OF] == duplicate_of:
            return self
        doc = self.document().model_copy(update={"duplicate_of": duplicate_of})
        article = (*row[:RECORD], doc.model_dump_json(), row[STORED_AT], duplicate_of, duplicate_of or row[0],
                   *row[STORY + 1:])
        return replace(self, rows={**self.rows, "articles": [article]}, doc=doc)


def prepare(doc: Document | Prepared) -> Prepared:
    """The rows and signature a store writes for a document (as they are, when already prepared)."""
    if isinstance(doc, Prepared):
        return doc
    sig = dedupe.signature(dedupe.story_text(doc))
    return Prepared(doc.content_hash, doc.url, doc.source, doc.language, _document_rows(doc),
                    None if sig is None else dedupe.to_bytes(sig), doc)


def rows_of(docs: Iterable[Document | Prepared]) -> dict[str, list[tuple]]:
    """The rows of every table for documents, in `COLUMNS` order. Articles get increasing `stored_at` times."""
    tables: dict[str, list[tuple]] = {t: [] for t in TABLES}
    stamp = _now()
    for i, doc in enumerate(docs):
        rows = doc.rows if isinstance(doc, Prepared) else _document_rows(doc)
        for table, table_rows in rows.items():
            tables[table] += table_rows
        row = tables["articles"][-1]
        tables["articles"][-1] = (*row[:STORED_AT], stamp + timedelta(microseconds=i), *row[STORED_AT + 1:])
    return tables


def _document_rows(doc: Document) -> dict[str, list[tuple]]:
    """The rows of every table for one document; its articles row has no `stored_at` yet."""
    h = doc.content_hash
    tables: dict[str, list[tuple]] = {t: [] for t in TABLES}
    tables["articles"].append((h, doc.id, doc.title, doc.date, doc.url, doc.source, doc.text, doc.model_dump_json(),
                               None, doc.duplicate_of, doc.duplicate_of or h, doc.language))
    for n, e in enumerate(doc.events):
        src, tgt, loc = e.source, e.target, e.location
        tables["events"].append((
            h, n, doc.id, doc.date,
            src.code if src else None, src.name if src else None, src.text if src else None,
            tgt.code if tgt else None, tgt.name if tgt else None, tgt.text if tgt else None,
            e.code, e.plover, e.mode, e.negated, e.modality, float(e.confidence), e.trigger.text,
            e.evidence[0].start, e.evidence[0].end, e.evidence[0].text, e.model_dump_json(),
            e.date_value, loc.text if loc else None, loc.country if loc else None,
            loc.geonameid if loc else None, _float(loc.lat) if loc else None, _float(loc.lon) if loc else None,
            e.background))
    tables["entities"] += [(h, n, e.start, e.end, e.text, e.label, e.origin, e.mention, e.actor)
                           for n, e in enumerate(doc.entities)]
    tables["actors"] += [(h, n, a.code, a.name, a.country, a.sector, len(a.mentions))
                         for n, a in enumerate(doc.actors)]
    tables["quotes"] += [(h, n, q.kind, q.speaker.text if q.speaker else None, getattr(q.speaker, "code", None),
                          q.cue.text if q.cue else None, q.content.text, q.model_dump_json())
                         for n, q in enumerate(doc.quotes)]
    tables["places"] += [(h, n, p.start, p.end, p.text, _float(p.lat), _float(p.lon), p.geonameid, p.country,
                          p.admin1, p.kind) for n, p in enumerate(doc.places)]
    tables["times"] += [(h, n, t.start, t.end, t.text, t.type, t.value) for n, t in enumerate(doc.times)]
    tables["quantities"] += [(h, n, q.start, q.end, q.text, _float(q.value), q.unit, q.approx)
                             for n, q in enumerate(doc.quantities)]
    return tables


def row_counts(doc: Document) -> dict[str, int]:
    """How many rows of each table a document makes."""
    return {"articles": 1, "events": len(doc.events), "entities": len(doc.entities), "actors": len(doc.actors),
            "quotes": len(doc.quotes), "places": len(doc.places), "times": len(doc.times),
            "quantities": len(doc.quantities)}


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """An event row of `Store.events` for JSON output: the stored record nested under "event"."""
    out = {k: v for k, v in row.items() if k != "record"}
    out["event"] = json.loads(row["record"]) if row.get("record") else None
    return out


def copy_store(source: str, target: str, batch: int = 500, progress=None) -> dict[str, dict[str, int]]:
    """Copy every document of one store into another (either backend) and verify the counts.

    Articles the target already has are left as they are. Verified: every source article is in the
    target, and each table of the target grew by exactly the rows of the articles copied. Returns the
    counts: source, target before, target after, and articles copied / already there.
    """
    with Store(source, read_only=True) as src, Store(target) as dst:
        if src.describe() == dst.describe():
            raise StoreError(f"--from and --to are the same store: {src.describe()}")
        before = dst.counts()
        expected = dict.fromkeys(TABLES, 0)
        copied = already = 0
        pending: list[Document] = []

        def flush() -> None:
            nonlocal copied, already
            for doc, new in zip(pending, dst.add_many(pending)):
                if new:
                    copied += 1
                    for table, n in row_counts(doc).items():
                        expected[table] += n
                else:
                    already += 1
            pending.clear()
            if progress:
                progress(copied + already)

        for doc in src.documents():
            pending.append(doc)
            if len(pending) >= batch:
                flush()
        flush()
        # Every URL an article was seen at, not only the one it came with.
        sightings: list[tuple[str, str, str]] = []
        for sighting in src._stream("SELECT content_hash, url, source FROM article_urls ORDER BY first_seen"):
            sightings.append(sighting)
            if len(sightings) >= batch:
                dst.add_sightings(sightings)
                sightings.clear()
        dst.add_sightings(sightings)
        source_counts, after = src.counts(), dst.counts()
    problems = [f"{t}: target has {after[t]}, expected {before[t] + expected[t]}"
                for t in TABLES if after[t] != before[t] + expected[t]]
    if copied + already != source_counts["articles"]:
        problems.append(f"articles: read {copied + already} of {source_counts['articles']}")
    if problems:
        raise StoreError("copy verification failed: " + "; ".join(problems))
    return {"source": source_counts, "before": before, "after": after,
            "articles": {"copied": copied, "already": already}}

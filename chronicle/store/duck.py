"""The DuckDB store.

One row per article, keyed by content hash, so running the same input again
adds nothing. Each record type has its own table for querying, and the full
document record is kept as JSON so that nothing is lost. An article and all
its records are written in one transaction: a failure leaves no half-stored
article behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import duckdb
import numpy as np

from chronicle.records import Document

DEFAULT_DB = "chronicle.duckdb"

SCHEMA = """
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
"""


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}: run `chronicle run` first")
        self.con = duckdb.connect(self.path, read_only=read_only)
        self._column_cache: dict[str, list[tuple[str, str]]] = {}
        if not read_only:
            self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, content_hash: str) -> bool:
        return bool(self._known([content_hash]))

    def add(self, doc: Document) -> bool:
        """Store a document and its records; False (and no change) when it is already stored."""
        return self.add_many([doc])[0]

    def add_many(self, docs: list[Document]) -> list[bool]:
        """Store documents in one transaction; for each, whether it was new.

        All or nothing: if the batch cannot be written, nothing of it is, and
        the documents are retried one by one so that only the bad one fails.
        """
        known = self._known([d.content_hash for d in docs])
        fresh: dict[str, Document] = {}
        added: list[bool] = []
        for d in docs:
            new = d.content_hash not in known and d.content_hash not in fresh
            if new:
                fresh[d.content_hash] = d
            added.append(new)
        if not fresh:
            return added
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert(list(fresh.values()))
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            if len(fresh) == 1:
                raise
            failure: Exception | None = None
            for d in fresh.values():  # isolate the failing document; the others are stored
                try:
                    self.add_many([d])
                except Exception as exc:
                    failure = failure or exc
            if failure is not None:
                raise failure
        return added

    def _known(self, hashes: list[str]) -> set[str]:
        rows = self.con.execute("SELECT content_hash FROM articles WHERE list_contains(?, content_hash)",
                                [hashes]).fetchall()
        return {r[0] for r in rows}

    def _insert(self, docs: list[Document]) -> None:
        tables: dict[str, list[list[Any]]] = {t: [] for t in
                                              ("articles", "events", "entities", "actors", "quotes", "places", "times",
                                               "quantities")}
        for doc in docs:
            h = doc.content_hash
            tables["articles"].append([h, doc.id, doc.title, doc.date, doc.url, doc.source, doc.text,
                                       doc.model_dump_json()])
            tables["events"] += [
                [h, i, doc.id, doc.date,
                 e.source.code if e.source else None, e.source.name if e.source else None, e.source.text if e.source else None,
                 e.target.code if e.target else None, e.target.name if e.target else None, e.target.text if e.target else None,
                 e.code, e.plover, e.mode, e.negated, e.modality, e.confidence, e.trigger.text,
                 e.evidence[0].start, e.evidence[0].end, e.evidence[0].text, e.model_dump_json()]
                for i, e in enumerate(doc.events)]
            tables["entities"] += [[h, i, e.start, e.end, e.text, e.label, e.origin, e.mention, e.actor]
                                   for i, e in enumerate(doc.entities)]
            tables["actors"] += [[h, i, a.code, a.name, a.country, a.sector, len(a.mentions)]
                                 for i, a in enumerate(doc.actors)]
            tables["quotes"] += [[h, i, q.kind, q.speaker.text if q.speaker else None, getattr(q.speaker, "code", None),
                                  q.cue.text if q.cue else None, q.content.text, q.model_dump_json()]
                                 for i, q in enumerate(doc.quotes)]
            tables["places"] += [[h, i, p.start, p.end, p.text, p.lat, p.lon, p.geonameid, p.country, p.admin1, p.kind]
                                 for i, p in enumerate(doc.places)]
            tables["times"] += [[h, i, t.start, t.end, t.text, t.type, t.value] for i, t in enumerate(doc.times)]
            tables["quantities"] += [[h, i, q.start, q.end, q.text, q.value, q.unit, q.approx]
                                     for i, q in enumerate(doc.quantities)]
        for table, rows in tables.items():
            self._many(table, rows)

    def _many(self, table: str, rows: list[list[Any]]) -> None:
        # Rows go in column-wise, as NumPy object arrays that DuckDB scans directly: a multi-row INSERT with
        # a parameter per value spends most of its time binding parameters, executemany runs a statement per row.
        if not rows:
            return
        columns = self._columns(table)[:len(rows[0])]
        _chronicle_rows = {}
        for (name, kind), values in zip(columns, zip(*rows)):
            if kind == "DOUBLE":  # ints and floats mixed in one column must not be read as integers
                values = [None if v is None else float(v) for v in values]
            array = np.empty(len(values), dtype=object)
            array[:] = values
            _chronicle_rows[name] = array
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _chronicle_rows")

    def _columns(self, table: str) -> list[tuple[str, str]]:
        """(name, type) of a table's columns, in order."""
        if table not in self._column_cache:
            self._column_cache[table] = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "AND table_schema = current_schema() ORDER BY ordinal_position", [table]).fetchall()
        return self._column_cache[table]

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "events", "entities", "actors", "quotes", "places", "times", "quantities"):
            raise ValueError(f"unknown table {table}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def events(self, actor: str | None = None, code: str | None = None, since: str | None = None,
               until: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Events, newest article first. `actor` matches source or target code by prefix."""
        where, args = [], []
        if actor:
            where.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
            args += [actor.upper(), actor.upper()]
        if code:
            where.append("starts_with(code, ?)")
            args.append(code)
        if since:
            where.append("article_date >= CAST(? AS DATE)")
            args.append(since)
        if until:
            where.append("article_date <= CAST(? AS DATE)")
            args.append(until)
        sql = ("SELECT article_id, CAST(article_date AS VARCHAR) AS date, source_code, target_code, code, plover, "
               "negated, modality, confidence, trigger, evidence, content_hash, record FROM events")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY article_date DESC NULLS LAST, content_hash, n"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, args)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def find(self, key: str) -> list[Document]:
        """Documents whose id is `key`, or whose content hash starts with it (6 characters or more)."""
        # A hash prefix must be long enough not to catch unrelated articles by accident.
        prefix = key.lower() if len(key) >= 6 else "\x00"
        rows = self.con.execute(
            "SELECT record FROM articles WHERE id = ? OR starts_with(content_hash, ?) ORDER BY stored_at",
            [key, prefix]).fetchall()
        return [Document.model_validate_json(r[0]) for r in rows]

    def documents(self) -> Iterator[Document]:
        for (record,) in self.con.execute("SELECT record FROM articles ORDER BY stored_at").fetchall():
            yield Document.model_validate_json(record)


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """An event row of `Store.events` for JSON output: the stored record nested under "event"."""
    out = {k: v for k, v in row.items() if k != "record"}
    out["event"] = json.loads(row["record"]) if row.get("record") else None
    return out

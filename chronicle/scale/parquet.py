"""Partitioned Parquet output that Spark, DuckDB and pandas read.

    DIR/<table>/year=YYYY/month=M/part-<batch>.parquet

One folder per store table (articles, events, entities, actors, quotes, places, times, quantities) with the
store's columns (`COLUMNS`) and types, partitioned (Hive style) by the year and month of the article's date;
undated articles go to ``year=__HIVE_DEFAULT_PARTITION__``, which readers take as null.

Each batch of articles is written by an in-memory DuckDB into a hidden folder of DIR, then its files are
renamed into place (an atomic step), articles last, and a marker ``_batches/<batch>`` commits the batch.
Opening DIR removes what a killed run left: the hidden folders and the files of batches with no marker. So
an article is in DIR with all its rows or not at all, and its content hash says it is there (`known`).
One writer at a time per DIR.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Iterable

import duckdb

from chronicle.records import Document
from chronicle.store.base import COLUMNS, TABLES, Prepared, rows_of

COMMITTED = "_batches"


class ParquetSink:
    """A folder of partitioned Parquet tables that articles are added to in batches, each article once."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise ValueError(f"{self.path} is a file: --out with --format parquet needs a directory")
        (self.path / COMMITTED).mkdir(parents=True, exist_ok=True)
        self._clean_up()
        from chronicle.store.duck import DuckStore

        # The store's own schema, in memory: each batch is loaded into it and copied out with its types.
        self._mem = DuckStore(":memory:")
        self._hashes = self._stored_hashes()

    def describe(self) -> str:
        return str(self.path)

    def _clean_up(self) -> None:
        """Remove what a run killed while writing left behind: temporary folders, uncommitted batches."""
        for tmp in self.path.glob(".tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)
        committed = {p.name for p in (self.path / COMMITTED).iterdir()}
        for table in TABLES:
            for file in (self.path / table).glob("**/part-*.parquet"):
                if _batch_of(file) not in committed:
                    file.unlink()

    def _stored_hashes(self) -> set[str]:
        if not any((self.path / "articles").glob("**/*.parquet")):
            return set()
        pattern = str(self.path / "articles" / "**" / "*.parquet")
        rows = duckdb.execute("SELECT content_hash FROM read_parquet(?, hive_partitioning = true)", [pattern])
        return {h for (h,) in rows.fetchall()}

    def known(self, hashes: Iterable[str]) -> set[str]:
        return {h for h in hashes if h in self._hashes}

    def add_many(self, docs: list[Document | Prepared]) -> list[bool]:
        """Write the documents (or their `Prepared` rows) not yet in DIR as one batch; for each, whether this
        call wrote it."""
        fresh: dict[str, Document | Prepared] = {}
        for d in docs:
            if d.content_hash not in self._hashes:
                fresh.setdefault(d.content_hash, d)
        if fresh:
            self._write_batch(list(fresh.values()))
        added = []
        for d in docs:
            added.append(d.content_hash in fresh and d.content_hash not in self._hashes)
            self._hashes.add(d.content_hash)
        return added

    def _write_batch(self, docs: list[Document | Prepared]) -> None:
        batch = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"  # unique, and in order of writing
        tmp = self.path / f".tmp-{batch}"
        tmp.mkdir()
        con = self._mem.con
        rows = rows_of(docs)
        try:
            con.execute("BEGIN TRANSACTION")
            for table in TABLES:
                self._mem._many(table, rows[table])
            for table in TABLES:
                if not rows[table]:
                    continue
                columns = ", ".join(f"t.{c}" for c in COLUMNS[table])
                source = "articles t" if table == "articles" else f"{table} t JOIN articles a USING (content_hash)"
                date = "t.date" if table == "articles" else "a.date"
                target = str(tmp / table).replace("'", "''")
                con.execute(f"COPY (SELECT {columns}, year({date}) AS year, month({date}) AS month FROM {source}) "
                            f"TO '{target}' (FORMAT parquet, PARTITION_BY (year, month))")
        finally:
            con.execute("ROLLBACK")  # the in-memory tables only carry one batch
        # Articles last: a batch is only known once its articles are in place, and only kept once committed.
        for table in sorted(TABLES, key=lambda t: t == "articles"):
            for n, file in enumerate(sorted((tmp / table).glob("**/*.parquet"))):
                partition = file.parent.relative_to(tmp)
                (self.path / partition).mkdir(parents=True, exist_ok=True)
                os.replace(file, self.path / partition / f"part-{batch}-{n}.parquet")
        (self.path / COMMITTED / batch).touch()
        shutil.rmtree(tmp, ignore_errors=True)

    def close(self) -> None:
        self._mem.close()


def _batch_of(file: Path) -> str:
    """The batch id of a file named part-<batch>-<n>.parquet."""
    return file.stem[len("part-"):].rsplit("-", 1)[0]

"""The DuckDB store: an embedded file, the default.

One process at a time opens the file for writing (DuckDB locks it), with
any number of connections; readers open it read-only. An article and all its records are written in one transaction,
so a failure or a crash leaves no half-stored article behind.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb
import numpy as np

from chronicle.records import Document
from chronicle.store import inuse
from chronicle.store.base import COLUMNS, DEFAULT_DB, FLOATS, MissingStore, Store, StoreError, event_json

__all__ = ["DEFAULT_DB", "DuckStore", "Store", "event_json"]
RETRIES = 5


class DuckStore(Store):
    backend = "duckdb"

    def __init__(self, path: str | Path | None = DEFAULT_DB, read_only: bool = False) -> None:
        super().__init__(path, read_only)
        inuse.check(self.path)  # a clear message, rather than DuckDB's lock error, when `chronicle serve` holds it
        if read_only and not Path(self.path).exists():
            raise MissingStore(f"no store at {self.path}: run `chronicle run` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open DuckDB store {self.path}: {exc}") from None
        try:
            self._check_schema()
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def _has_table(self, name: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = ? "
                                     "AND table_schema = current_schema()", [name]).fetchall())

    @contextlib.contextmanager
    def _migration_transaction(self):
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _script(self, sql: str) -> None:
        self.con.execute(sql)

    def _query(self, sql: str, args: Iterable[Any] = ()) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, list(args))
        return [d[0] for d in cur.description], cur.fetchall()

    def _stream(self, sql: str, batch: int = 500, args: Iterable[Any] = ()) -> Iterator[tuple]:
        cur = self.con.cursor()
        try:
            cur.execute(sql, list(args))
            while rows := cur.fetchmany(batch):
                yield from rows
        finally:
            cur.close()

    def _execute(self, sql: str, args: Iterable[Any] = ()) -> None:
        self.con.execute(sql, list(args))

    def _write(self, docs: list[Document], rows: dict[str, list[tuple]]) -> set[str]:
        # Another process cannot write to the file while this one has it open, but other connections of this
        # process can: when one stores some of these articles first, the commit conflicts, and the batch is
        # retried without them.
        pending = {d.content_hash for d in docs}
        for attempt in range(RETRIES):
            self.con.execute("BEGIN TRANSACTION")
            try:
                for table, table_rows in rows.items():
                    self._many(table, table_rows if attempt == 0 else [r for r in table_rows if r[0] in pending])
                self.con.execute("COMMIT")
                return pending
            except (duckdb.ConstraintException, duckdb.TransactionException):
                self._rollback()
                pending -= self._known(list(pending))
                if not pending:
                    return pending
                if attempt == RETRIES - 1:
                    raise
                time.sleep(0.01 * 2 ** attempt)
            except BaseException:
                self._rollback()
                raise
        raise AssertionError("unreachable")

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.TransactionException:  # a failed COMMIT has already ended the transaction
            pass

    def _many(self, table: str, rows: list[tuple]) -> None:
        # Rows go in column-wise, as NumPy object arrays that DuckDB scans directly: a multi-row INSERT with
        # a parameter per value spends most of its time binding parameters, executemany runs a statement per row.
        if not rows:
            return
        _chronicle_rows = {}
        floats = FLOATS.get(table, frozenset())
        for name, values in zip(COLUMNS[table], zip(*rows)):
            if name in floats:  # ints and floats mixed in one column must not be read as integers
                values = [None if v is None else float(v) for v in values]
            array = np.empty(len(values), dtype=object)
            array[:] = values
            _chronicle_rows[name] = array
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _chronicle_rows")

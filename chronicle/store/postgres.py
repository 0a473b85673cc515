"""The PostgreSQL store: a shared database for many writers and readers.

Writers may run at once (one connection each): a batch is one transaction;
its articles go in with ``INSERT ... ON CONFLICT (content_hash) DO NOTHING``,
and only the articles that insert returns get their records, loaded with
COPY. Two writers given the same article therefore store it once: the second
waits on the first's key and then skips it. Articles are inserted in hash
order, so that two batches with the same articles cannot deadlock; a batch
that still meets a deadlock or serialisation failure is retried.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any, Iterable, Iterator

import psycopg
from psycopg import errors, sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.string import TextLoader

from chronicle.records import Document
from chronicle.store.base import COLUMNS, Store, StoreError

RETRIES = 5
CHILD_TABLES = [t for t in COLUMNS if t != "articles"]
MIGRATION_LOCK = 0x43485231  # pg_advisory_xact_lock key: one migrating writer at a time


def describe_dsn(dsn: str) -> str:
    """A PostgreSQL address without its password, for messages."""
    try:
        parts = conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "PostgreSQL database (unparsable address)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


class PostgresStore(Store):
    backend = "postgres"

    def __init__(self, path: str | None = None, read_only: bool = False) -> None:
        super().__init__(path, read_only)
        try:
            self.con = psycopg.connect(self.path, autocommit=True, connect_timeout=10,
                                       application_name="chronicle")
        except psycopg.Error as exc:
            reason = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or type(exc).__name__
            raise StoreError(f"cannot connect to PostgreSQL database {self.describe()}: {reason}") from None
        # JSON comes back as the text it was stored as, as DuckDB gives it.
        self.con.adapters.register_loader("json", TextLoader)
        self.con.adapters.register_loader("jsonb", TextLoader)
        try:
            if read_only:
                self.con.execute("SET default_transaction_read_only = on")
            self._check_schema()
        except BaseException:
            self.con.close()
            raise

    def describe(self) -> str:
        return describe_dsn(self.path)

    def close(self) -> None:
        self.con.close()

    def _has_table(self, name: str) -> bool:
        return self.con.execute("SELECT to_regclass(%s) IS NOT NULL", [name]).fetchone()[0]

    @contextlib.contextmanager
    def _migration_transaction(self):
        with self.con.transaction():
            # Writers that start together: the first migrates, the others wait and then find nothing to do.
            self.con.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
            yield

    def _script(self, script: str) -> None:
        self.con.execute(script.encode())  # bytes: no parameters, several statements allowed

    def _query(self, query: str, args: Iterable[Any] = ()) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(query.replace("?", "%s"), list(args))
        return [d.name for d in cur.description], cur.fetchall()

    def _stream(self, query: str, batch: int = 500, args: Iterable[Any] = ()) -> Iterator[tuple]:
        with self.con.transaction(), self.con.cursor(name="chronicle_stream") as cur:
            cur.itersize = batch
            cur.execute(query.replace("?", "%s"), list(args))
            yield from cur

    def _execute(self, query: str, args: Iterable[Any] = ()) -> None:
        self.con.execute(query.replace("?", "%s"), list(args))

    def _write(self, docs: list[Document], rows: dict[str, list[tuple]]) -> set[str]:
        for attempt in range(RETRIES):
            try:
                return self._write_once(rows)
            except (errors.DeadlockDetected, errors.SerializationFailure):
                if attempt == RETRIES - 1:
                    raise
                time.sleep(0.05 * 2 ** attempt)
        raise AssertionError("unreachable")

    def _write_once(self, rows: dict[str, list[tuple]]) -> set[str]:
        articles = sorted(rows["articles"], key=lambda r: r[0])
        columns = sql.SQL(", ").join(map(sql.Identifier, COLUMNS["articles"]))
        with self.con.transaction(), self.con.cursor() as cur:
            # Articles: staged with COPY, then inserted in key order, skipping those another writer stored.
            cur.execute(sql.SQL("CREATE TEMP TABLE IF NOT EXISTS chronicle_incoming "
                                "(LIKE articles INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"))
            with cur.copy(sql.SQL("COPY chronicle_incoming ({}) FROM STDIN").format(columns)) as copy:
                for row in articles:
                    copy.write_row(row)
            cur.execute(sql.SQL("INSERT INTO articles ({cols}) SELECT {cols} FROM chronicle_incoming "
                                "ORDER BY content_hash ON CONFLICT (content_hash) DO NOTHING RETURNING content_hash")
                        .format(cols=columns))
            inserted = {r[0] for r in cur.fetchall()}
            for table in CHILD_TABLES:
                mine = [r for r in rows.get(table, ()) if r[0] in inserted]
                if not mine:
                    continue
                query = sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, COLUMNS[table])))
                with cur.copy(query) as copy:
                    for row in mine:
                        copy.write_row(row)
        return inserted

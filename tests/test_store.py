"""The store, over both backends: idempotent by content, queryable, all-or-nothing per article, safe with
concurrent writers, versioned schema.

Every test taking `db` runs on DuckDB and on PostgreSQL. The PostgreSQL runs need a server: set
CHRONICLE_TEST_PG to its address (`.ci/run` starts one and does); without it they skip. Each PostgreSQL
test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pytest

import chronicle
from chronicle.store import MissingStore, Store, StoreError, copy_store

PG = os.environ.get("CHRONICLE_TEST_PG")
NO_PG = "CHRONICLE_TEST_PG is not set: no PostgreSQL server to test against (.ci/run starts one)"


def pg_schema_dsn(schema: str) -> str:
    sep = "&" if "?" in PG else "?"
    return f"{PG}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture()
def pg() -> str:
    """The address of an empty PostgreSQL store: a fresh schema on the test server."""
    if not PG:
        pytest.skip(NO_PG)
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    yield pg_schema_dsn(schema)
    with psycopg.connect(PG, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["duckdb", "postgres"])
def db(request, tmp_path: Path) -> str:
    """An empty store of each backend."""
    if request.param == "postgres":
        return request.getfixturevalue("pg")
    return str(tmp_path / "test.duckdb")


@pytest.fixture(scope="module")
def docs():
    return [chronicle.process("Russian warplanes bombed Islamic State targets in Raqqa.", date="2015-11-20", id="a"),
            chronicle.process("Venezuelan police arrested 40 protesters in Caracas on Monday.", date="2019-02-04", id="b")]


@pytest.fixture(scope="module")
def many():
    """Forty distinct articles, made cheaply from two processed ones."""
    base = [chronicle.process("Russian warplanes bombed Islamic State targets in Raqqa.", date="2015-11-20"),
            chronicle.process("Venezuelan police arrested 40 protesters in Caracas on Monday.", date="2019-02-04")]
    return [base[i % 2].model_copy(update={"id": f"m{i}", "content_hash": f"{i:064x}"}) for i in range(40)]


def test_adding_the_same_article_twice_stores_it_once(db, docs):
    with Store(db) as store:
        assert store.add(docs[0]) is True
        assert store.add(docs[0]) is False
        assert store.count() == 1
        assert store.count("events") == len(docs[0].events)


def test_reopening_keeps_what_was_stored(db, docs):
    with Store(db) as store:
        for d in docs:
            store.add(d)
    with Store(db, read_only=True) as store:
        assert store.count() == 2
        [doc] = store.find("b")
        assert doc == docs[1]  # the full record round-trips
        assert store.find(docs[0].content_hash[:10])[0].id == "a"
        assert store.find(docs[0].content_hash[:3]) == []  # too short a prefix to mean one article
        assert list(store.documents()) == docs
        with pytest.raises(StoreError, match="read-only"):
            store.add(docs[0].model_copy(update={"content_hash": "f" * 64}))


def test_event_queries_filter_by_actor_code_date_and_place(db, docs):
    with Store(db) as store:
        for d in docs:
            store.add(d)
        assert {r["article_id"] for r in store.events(actor="RUS")} == {"a"}
        assert {r["article_id"] for r in store.events(code="17")} == {"b"}
        assert store.events(since="2019-01-01", code="19") == []
        assert {r["article_id"] for r in store.events(until="2016-01-01")} == {"a"}
        assert {r["article_id"] for r in store.events(place="raqqa")} == {"a"}
        assert {r["article_id"] for r in store.events(place="VEN")} == {"b"}
        assert store.events(actor="R%") == []  # LIKE characters are taken literally
        [row] = store.events(actor="RUS", limit=1)
        assert row["date"] == "2015-11-20" and row["place"] == "Raqqa" and row["place_country"] == "SYR"
        assert row["record"].startswith("{")  # the event's JSON, as text, on both backends


def test_a_failed_write_leaves_nothing_behind(db, docs):
    broken = docs[0].model_copy(update={"content_hash": "x" * 64, "events": docs[0].events + [None]})
    with Store(db) as store:
        with pytest.raises(Exception):
            store.add(broken)
        assert store.count() == 0 and store.count("events") == 0
        assert store.add(docs[0])


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="chronicle run"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_an_empty_postgres_database_opened_for_reading_is_a_clear_error(pg):
    with pytest.raises(MissingStore, match="no Chronicle store in postgresql://.*chronicle run"):
        Store(pg, read_only=True)


def test_an_unreachable_server_or_bad_address_is_a_clear_error():
    with pytest.raises(StoreError, match=r"cannot connect to PostgreSQL database postgresql://someone@127\.0\.0\.1:1/"
                                         r"records") as caught:
        Store("postgresql://someone:hunter2@127.0.0.1:1/records")
    assert "hunter2" not in str(caught.value)
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL database"):
        Store("postgresql://127.0.0.1:99999999/x")


def test_the_address_selects_the_backend(tmp_path, pg, monkeypatch):
    assert Store(tmp_path / "x.duckdb").backend == "duckdb"
    with Store(pg) as store:
        assert store.backend == "postgres"
    monkeypatch.setenv("CHRONICLE_DB", pg)
    with Store() as store:
        assert store.backend == "postgres"


def test_batches_store_each_article_once_and_isolate_a_bad_one(db, docs):
    broken = docs[0].model_copy(update={"content_hash": "y" * 64, "events": [None]})
    with Store(db) as store:
        assert store.add_many([docs[0], docs[0], docs[1]]) == [True, False, True]
        assert store.count() == 2
        assert store.add_many([]) == []
    other = chronicle.process("Chinese coast guard ships blocked a Philippine supply boat.", date="2024-02-01", id="c")
    with Store(db) as store:
        with pytest.raises(Exception):
            store.add_many([broken, other])
        assert store.count() == 3 and [d.id for d in store.find(other.content_hash)] == ["c"]


def test_the_schema_is_versioned_and_checked_on_opening(db, docs):
    with Store(db) as store:
        latest = len(store.migrations())
        assert latest >= 2 and store.schema_version() == latest
        store.add(docs[0])
    with Store(db) as store:  # opening again applies nothing twice
        assert store.schema_version() == latest and store.count() == 1
        store._script(f"INSERT INTO chronicle_schema VALUES ({latest + 1}, 'future', TIMESTAMP '2030-01-01 00:00:00')")
    for read_only in (False, True):
        with pytest.raises(StoreError, match=f"schema version {latest + 1}, newer than this Chronicle"):
            Store(db, read_only=read_only)


def test_a_store_from_before_versioned_migrations_is_upgraded(tmp_path, docs):
    import duckdb

    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add(docs[0])
    with duckdb.connect(str(path)) as con:  # back to the unversioned layout of the first release
        con.execute("DROP TABLE chronicle_schema")
        for column in ("event_date", "place", "place_country", "geonameid", "lat", "lon"):
            con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    with pytest.raises(StoreError, match="schema version 0, this Chronicle needs .*chronicle migrate --to"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.schema_version() == len(store.migrations())
        assert store.count() == 1
        [row] = store.events(place="Raqqa")  # filled from the stored JSON record
        assert row["place_country"] == "SYR" and row["event_date"] == "2015-11-20"


def test_concurrent_writers_store_each_article_once(db, many):
    """Four writers, each with its own connection, all given the same articles in different orders."""
    Store(db).close()  # schema first, so the writers race on articles only
    results: list[list[bool]] = []
    failures: list[BaseException] = []

    def worker(k: int) -> None:
        order = many[k * 7:] + many[:k * 7]
        try:
            with Store(db) as store:
                flags = []
                for start in range(0, len(order), 8):
                    flags += store.add_many(order[start:start + 8])
                results.append(flags)
        except BaseException as exc:  # noqa: BLE001  (reported below)
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert sum(sum(flags) for flags in results) == len(many)  # each article stored by exactly one writer
    with Store(db, read_only=True) as store:
        assert store.count() == len(many)
        assert store.count("events") == sum(len(d.events) for d in many)


CRASHING_WRITER = textwrap.dedent("""
    import sys
    import chronicle
    from chronicle.store import Store
    base = chronicle.process("Russian warplanes bombed Islamic State targets in Raqqa.", date="2015-11-20")
    with Store(sys.argv[1]) as store:
        print("ready", flush=True)
        for b in range(10**6):
            batch = [base.model_copy(update={"id": f"{b}.{i}", "content_hash": f"{b:032x}{i:032x}",
                                             "events": base.events * 50}) for i in range(20)]
            store.add_many(batch)
            print("stored", b, flush=True)
""")


def test_a_writer_killed_mid_batch_leaves_no_partial_article(db, tmp_path):
    Store(db).close()
    script = tmp_path / "writer.py"
    script.write_text(CRASHING_WRITER)
    proc = subprocess.Popen([sys.executable, str(script), db], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    for _ in range(3):  # some batches in, then a kill at a moment that is most likely mid-batch
        assert proc.stdout.readline().startswith("stored")
    time.sleep(0.03)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db, read_only=True) as store:
        stored = store.count()
        assert stored >= 60 and stored % 20 == 0  # whole batches only
        assert store.count("events") == stored * 50  # and every stored article has all its events
        _, orphans = store._query("SELECT count(*) FROM events WHERE content_hash NOT IN "
                                  "(SELECT content_hash FROM articles)")
        assert orphans[0][0] == 0


def test_migrate_copies_between_backends_and_verifies_counts(tmp_path, pg, docs, cli):
    duck, back = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    with Store(duck) as store:
        store.add_many(docs)
        counts = store.counts()
    result = cli("migrate", "--from", duck, "--to", pg)
    assert result.exit_code == 0, result.output
    assert "copied 2 articles" in result.stderr and "counts verified" in result.stderr
    with Store(pg, read_only=True) as store:
        assert store.counts() == counts and list(store.documents()) == docs
    again = copy_store(duck, pg)  # copying again adds nothing
    assert again["articles"] == {"copied": 0, "already": 2} and again["after"] == counts
    assert copy_store(pg, back)["after"] == counts
    with Store(back, read_only=True) as store:
        assert list(store.documents()) == docs
    missing = cli("migrate", "--from", str(tmp_path / "none.duckdb"), "--to", pg)
    assert missing.exit_code != 0 and "no store at" in missing.stderr


def test_the_cli_works_on_postgres(cli, samples, pg, monkeypatch):
    first = cli("run", str(samples), "--db", pg, "--format", "jsonl")
    assert first.exit_code == 0 and "0 failed" in first.stderr
    assert "stored in postgresql://" in first.stderr
    monkeypatch.setenv("CHRONICLE_DB", pg)  # the environment names the store when --db does not
    again = cli("run", str(samples), "--format", "jsonl")
    assert "0 stored in postgresql://" in again.stderr
    events = cli("events", "--actor", "RUS", "--format", "jsonl")
    assert events.exit_code == 0 and events.stdout.strip()
    some_id = events.stdout.splitlines()[0].split('"article_id": "')[1].split('"')[0]
    shown = cli("show", some_id, "--format", "json")
    assert shown.exit_code == 0 and some_id in shown.stdout
    bad = cli("events", "--db", "postgresql://someone@127.0.0.1:1/records")
    assert bad.exit_code != 0 and "cannot connect to PostgreSQL database postgresql://someone@127.0.0.1:1/records" \
        in bad.stderr

"""Resumable runs: `chronicle run` killed with SIGKILL halfway, then run again, ends with exactly what an
uninterrupted run stores: every article once, with all its records. A real process, a real kill."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from chronicle.scale.parquet import ParquetSink
from chronicle.store import Store
from chronicle.store.base import TABLES
from tests.test_scale import parquet_count, stored, write_corpus

ARTICLES = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("resume") / "corpus.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("whole") / "whole.duckdb")
    rerun([str(corpus), "--db", db])
    return db


def run_and_kill(args: list[str], at_least: int = 6) -> int:
    """Start `chronicle run ARGS --progress` in a process, SIGKILL it once `at_least` articles are done (its
    progress lines on stderr say so); how many were done then."""
    command = [sys.executable, "-m", "chronicle.cli", "run", *args, "--progress", "--chunk-size", "2", "--batch", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    done, seen = 0, []
    try:
        for line in process.stderr:
            seen.append(line)
            match = re.match(r"articles (\d+)/", line)
            if match and int(match[1]) >= at_least:
                done = int(match[1])
                os.kill(process.pid, signal.SIGKILL)
                break
    finally:
        process.wait(timeout=60)
    assert done, "the run ended before it could be killed:\n" + "".join(seen)
    assert process.returncode == -signal.SIGKILL
    assert done < ARTICLES
    return done


def rerun(args: list[str]):
    """The same command again, to completion (in this process: the pipeline is already loaded here)."""
    from click.testing import CliRunner

    from chronicle.cli import main

    result = CliRunner().invoke(main, ["run", *args, "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result


def test_a_killed_run_into_the_store_is_finished_by_running_it_again(corpus, uninterrupted, tmp_path):
    db = str(tmp_path / "killed.duckdb")
    args = [str(corpus), "--db", db]
    done = run_and_kill(args)
    partial = stored(db)
    assert done <= len(partial) < ARTICLES  # what was reported done was stored; not everything was
    result = rerun(args)
    assert f"{ARTICLES - len(partial)} stored" in result.stderr
    assert f"{len(partial)} already stored" in result.stderr
    assert stored(db) == stored(uninterrupted)
    with Store(db, read_only=True) as store, Store(uninterrupted, read_only=True) as whole:
        assert store.counts() == whole.counts()


def test_a_killed_run_writing_parquet_is_finished_by_running_it_again(corpus, uninterrupted, tmp_path):
    out = tmp_path / "parquet"
    args = [str(corpus), "--no-store", "--format", "parquet", "--out", str(out)]
    run_and_kill(args)
    ParquetSink(out).close()  # as the rerun will: drop what the killed run left half-written
    partial = parquet_count(out, "articles")
    assert 0 < partial < ARTICLES
    result = rerun(args)
    assert f"{ARTICLES - partial} stored" in result.stderr and f"{partial} already stored" in result.stderr
    with Store(uninterrupted, read_only=True) as whole:
        expected = whole.counts()
    for table in TABLES:
        assert parquet_count(out, table) == expected[table], table
        pattern = str(out / table / "**" / "*.parquet")
        # No record twice: (content hash, n) is each table's key, as in the store.
        distinct = "count(DISTINCT content_hash)" if table == "articles" else "count(DISTINCT (content_hash, n))"
        assert duckdb.execute(f"SELECT {distinct} FROM read_parquet(?)", [pattern]).fetchone()[0] == expected[table]
    events = duckdb.execute("SELECT content_hash, count(*) FROM read_parquet(?) GROUP BY 1",
                            [str(out / "events" / "**" / "*.parquet")]).fetchall()
    assert dict(events) == {h: n for h, n in stored(uninterrupted).items() if n}

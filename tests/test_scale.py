"""Scale: Dask workers (local cluster and an existing scheduler), partitioned Parquet output, progress, streaming.

Results of every engine are compared with an in-process run of the same short articles; the Dask tests start
real clusters (a few seconds each), so there are only two of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from chronicle.ingest import InputError, RawArticle, read_paths
from chronicle.records import Document
from chronicle.runner import run_articles
from chronicle.scale.engine import process_chunk
from chronicle.store.base import Prepared
from chronicle.scale.progress import count_articles
from chronicle.store import Store
from chronicle.store.base import TABLES

ACTORS = ("Russian warplanes", "Rebel fighters", "Kenyan police", "Israeli forces", "Ukrainian troops", "Protesters",
          "Turkish soldiers")
ACTIONS = ("attacked a convoy near {}", "shelled positions outside {}", "met government officials in {}",
           "arrested a dozen people in {}", "clashed with police in {}")
PLACES = ("Aleppo", "Goma", "Nairobi", "Gaza", "Kharkiv", "Tbilisi")


def write_corpus(path: Path, n: int, undated: int = 1) -> Path:
    """`n` distinct short articles as JSONL, spread over two years of months; the last `undated` have no date."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = (f"{ACTORS[i % 7]} {ACTIONS[i % 5].format(PLACES[i % 6])} on Monday, officials said. "
                    f"The ministry said {i + 2} people were killed.")
            line = {"id": f"a{i}", "text": text}
            if i < n - undated:
                line["date"] = f"{2015 + i % 2}-{1 + i % 12:02d}-{10 + i % 9}"
            handle.write(json.dumps(line) + "\n")
    return path


def stored(db: str) -> dict[str, int]:
    """content hash -> number of events, for every stored article."""
    with Store(db, read_only=True) as store:
        return {doc.content_hash: len(doc.events) for doc in store.documents()}


def languages(db: str) -> dict[str, str | None]:
    """content hash -> language, for every stored article."""
    with Store(db, read_only=True) as store:
        return {doc.content_hash: doc.language for doc in store.documents()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale") / "corpus.jsonl", 8)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> str:
    """A store filled in this process, the way `chronicle run` always did."""
    from click.testing import CliRunner

    from chronicle.cli import main

    db = str(tmp_path_factory.mktemp("reference") / "in_process.duckdb")
    result = CliRunner().invoke(main, ["run", str(corpus), "--db", db, "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return db


def test_two_local_workers_store_the_same_records_as_one_process(cli, corpus, reference, tmp_path, monkeypatch):
    from chronicle.ingest import language

    detected_here: list[str] = []  # languages detected in this process (the workers' processes are not patched)
    detect = language.detect_language
    monkeypatch.setattr(language, "detect_language", lambda text: detected_here.append(text) or detect(text))
    db = str(tmp_path / "workers.duckdb")
    result = cli("run", str(corpus), "--db", db, "--workers", "2", "--chunk-size", "2", "--batch", "3",
                 "--no-progress")
    assert result.exit_code == 0, result.stderr
    assert "8 stored" in result.stderr and "local Dask cluster of 2 workers" in result.stderr
    assert "peak memory per worker" in result.stderr
    expected = stored(reference)
    assert len(expected) == 8 and sum(expected.values()) > 0
    assert stored(db) == expected
    # Read here without detecting languages (`ReadOptions.detect_language`): the workers detected them.
    assert languages(db) == languages(reference) == dict.fromkeys(expected, "en")
    assert detected_here == []


def most_read_ahead(corpus: Path, engine, chunk_size: int) -> tuple[int, int]:
    """Run the corpus through `run_articles`; (most articles read but not yet finished at any time, records)."""
    from chronicle.ingest import read_paths

    read = finished = ahead = 0

    def items():
        nonlocal read
        for item in read_paths([corpus]):
            read += 1
            yield item

    def done(n: int) -> None:
        nonlocal finished, ahead
        ahead = max(ahead, read - finished)
        finished += n

    stats = run_articles(items(), engine=engine, chunk_size=chunk_size, on_progress=done)
    return ahead, stats.processed


def test_input_is_streamed(corpus):
    assert most_read_ahead(corpus, None, chunk_size=2) == (2, 8)  # in this process: one chunk at a time


def test_an_existing_scheduler_does_the_work(cli, corpus, reference):
    from distributed import Client, LocalCluster

    from chronicle.scale.engine import DaskEngine

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = cli("run", str(corpus), "--scheduler", cluster.scheduler_address, "--no-store", "--format", "jsonl",
                     "--no-progress")
        with Client(cluster) as client:
            # The worker process loaded the pipeline itself (once): the work was done there.
            loaded = client.run(lambda: __import__("chronicle.annotate").annotate.load_nlp.cache_info().currsize)
        # The library twin, with one chunk in flight: the input is read only a chunk or two ahead of the results.
        engine = DaskEngine(scheduler=cluster.scheduler_address, inflight=1)
        try:
            ahead, processed = most_read_ahead(corpus, engine, chunk_size=2)
            # What comes back is what the store writes, made on the worker: rows and signature, the record
            # as JSON in its row (read back here only when asked for), never a pickled record.
            raws = [raw for raw in read_paths([corpus]) if isinstance(raw, RawArticle)][:2]
            [(_, results)] = list(engine.map([raws]))
        finally:
            engine.close()
    assert all(isinstance(r, Prepared) and r.doc is None and r.signature for r in results)
    assert [r.document() for r in results] == [r.document() for r in process_chunk(raws)]
    assert [r.rows for r in results] == [r.rows for r in process_chunk(raws)]
    assert processed == 8 and ahead <= 4
    assert result.exit_code == 0, result.stderr
    assert f"the Dask cluster at {cluster.scheduler_address} of 1 worker" in result.stderr
    assert list(loaded.values()) == [1]
    docs = [Document.model_validate_json(line) for line in result.stdout.splitlines()]
    assert {d.content_hash: len(d.events) for d in docs} == stored(reference)
    assert {d.content_hash: d.language for d in docs} == languages(reference)


def test_workers_and_scheduler_together_and_parquet_without_a_directory_are_usage_errors(cli, corpus):
    both = cli("run", str(corpus), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1", "--no-store")
    assert both.exit_code == 2 and "not both" in both.stderr
    no_dir = cli("run", str(corpus), "--format", "parquet", "--no-store")
    assert no_dir.exit_code == 2 and "--out DIR" in no_dir.stderr


def parquet_count(root: Path, table: str, where: str = "true") -> int:
    pattern = str(root / table / "**" / "*.parquet")
    return duckdb.execute(f"SELECT count(*) FROM read_parquet(?, hive_partitioning = true) WHERE {where}",
                          [pattern]).fetchone()[0]


def test_parquet_output_is_partitioned_by_month_and_holds_what_the_store_holds(cli, corpus, tmp_path):
    db, out = str(tmp_path / "x.duckdb"), tmp_path / "parquet"
    args = ("run", str(corpus), "--db", db, "--format", "parquet", "--out", str(out), "--batch", "3",
            "--chunk-size", "3", "--no-progress")
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    with Store(db, read_only=True) as store:
        counts = store.counts()
    assert counts["events"] > 0 and counts["entities"] > 0
    for table in TABLES:
        assert parquet_count(out, table) == counts[table], table
    # Hive partitions: year=YYYY/month=M from the article's date; the undated article under the default partition.
    assert (out / "events" / "year=2015" / "month=1").is_dir()
    assert list((out / "articles" / "year=__HIVE_DEFAULT_PARTITION__").glob("*/*.parquet"))
    assert parquet_count(out, "articles", "year IS NULL") == 1
    assert parquet_count(out, "articles", "year = year(date) AND month = month(date)") == counts["articles"] - 1
    assert parquet_count(out, "events", "year = year(article_date) AND month = month(article_date)") == \
        parquet_count(out, "events", "article_date IS NOT NULL")
    # Several batches, each file committed; running again adds nothing.
    assert len(list((out / "_batches").iterdir())) == 3
    again = cli(*args)
    assert "0 stored" in again.stderr and "8 already stored" in again.stderr
    for table in TABLES:
        assert parquet_count(out, table) == counts[table], table


def test_progress_goes_to_stderr_and_leaves_jsonl_on_stdout_intact(cli, corpus):
    result = cli("run", str(corpus), "--no-store", "--format", "jsonl", "--progress")
    assert result.exit_code == 0, result.stderr
    docs = [Document.model_validate_json(line) for line in result.stdout.splitlines()]
    assert len(docs) == 8
    assert "articles 8/8" in result.stderr and "articles/s" in result.stderr
    quiet = cli("run", str(corpus), "--no-store", "--format", "jsonl", "--no-progress")
    assert "articles/s" not in quiet.stderr and len(quiet.stdout.splitlines()) == 8


def test_the_total_is_counted_when_cheap(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}', encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\n1,one\n2,two\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an input", encoding="utf-8")
    assert count_articles([str(tmp_path)]) == 6
    assert count_articles([str(tmp_path / "c.txt"), str(tmp_path / "a.jsonl")]) == 4
    assert count_articles([str(tmp_path), "https://example.org/feed.xml"]) is None
    duckdb.execute(f"COPY (SELECT range AS id, 'text' AS text FROM range(5)) TO '{tmp_path / 'e.parquet'}' "
                   "(FORMAT parquet)")
    assert count_articles([str(tmp_path)]) == 11
    (tmp_path / "d.warc.gz").write_bytes(b"")
    assert count_articles([str(tmp_path)]) is None


def test_one_failing_article_fails_alone_and_errors_pass_through(db):
    good = RawArticle(text="Rebel fighters attacked a convoy near Goma on Monday.", id="good", source="t.jsonl",
                      date="2020-01-06")
    bad = RawArticle(text="Kenyan police arrested a dozen people in Nairobi.", id="bad", source="t.jsonl",
                     date="2020-02-30")  # a library caller's date that no reader would have let through
    unreadable = InputError("t.jsonl:3", "not valid JSON")
    errors: list[InputError] = []
    done: list[int] = []
    with Store(db) as store:
        stats = run_articles([good, bad, unreadable], store=store, on_error=errors.append, on_progress=done.append)
        assert store.count() == 1 and store.find("good")
    assert (stats.processed, stats.stored, stats.failed) == (1, 1, 2)
    assert sum(done) == 3
    assert [e.source for e in errors] == ["t.jsonl:3", "t.jsonl (bad)"]
    assert "day is out of range" in errors[1].message


def story_page(paragraphs: int) -> str:
    body = "".join(f"<p>Rebel fighters attacked a convoy near Goma on Monday, officials said ({i}).</p>"
                   for i in range(paragraphs))
    return f"<html><head><title>Convoy attacked</title></head><body><article>{body}</article></body></html>"


def test_html_over_the_size_cap_is_refused_by_name(tmp_path, monkeypatch):
    from chronicle.ingest import html, read_paths

    page = tmp_path / "huge.html"
    page.write_text(story_page(400), encoding="utf-8")
    ok = list(read_paths([page]))
    assert isinstance(ok[0], RawArticle)
    monkeypatch.setattr(html, "MAX_HTML_CHARS", 10_000)
    [error] = list(read_paths([page]))
    assert isinstance(error, InputError) and error.source == str(page)
    assert "million characters" in error.message


def test_slow_html_extraction_is_given_up_and_leaves_no_timer_behind(tmp_path, monkeypatch):
    import signal

    from chronicle.ingest import html, read_paths

    page = tmp_path / "slow.html"
    page.write_text(story_page(3000), encoding="utf-8")  # ~250 kB: far longer to extract than the limit below
    handler = signal.getsignal(signal.SIGALRM)
    monkeypatch.setattr(html, "EXTRACT_SECONDS", 0.002)
    [error] = list(read_paths([page]))
    assert isinstance(error, InputError) and error.source == str(page) and "gave up" in error.message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler
    # A caller's own timer is left alone: then there is no time bound here.
    signal.setitimer(signal.ITIMER_REAL, 300)
    try:
        [article] = list(read_paths([page]))
    finally:
        left = signal.setitimer(signal.ITIMER_REAL, 0)[0]
    assert isinstance(article, RawArticle) and 0 < left <= 300


def test_a_copy_skipped_before_processing_keeps_its_url(cli, tmp_path):
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "x1", "text": "Rebel fighters attacked a convoy near Goma on Monday.",
                                 "url": "https://one.example/a"}) + "\n", encoding="utf-8")
    copy = tmp_path / "copy.jsonl"
    copy.write_text(json.dumps({"id": "x2", "text": "Rebel fighters  attacked a convoy near Goma on Monday.\n",
                                "url": "https://two.example/b"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert cli("run", str(first), "--db", db, "--no-progress").exit_code == 0
    again = cli("run", str(copy), "--db", db, "--no-progress")
    assert "0 articles processed, 0 stored" in again.stderr and "1 already stored" in again.stderr
    with Store(db, read_only=True) as store:
        [doc] = list(store.documents())
        assert {u["url"] for u in store.urls(doc.content_hash)} == {"https://one.example/a", "https://two.example/b"}

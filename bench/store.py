"""Store benchmark: DuckDB against PostgreSQL, writing and querying events through `chronicle.store.Store`.

    python bench/store.py [--events N] [--per-article K] [--batch B] [--pg postgresql://...] [--repeat R]

The issue asks for 1,000,000 events (`--events 1000000`); the default is 200,000, which runs in a few
minutes. Articles are made from the events of the bundled samples, processed once: a pool of 2,000
articles with K events each (and no other records), whose actors, codes, places and dates are drawn at random (seeded), copied
under new content hashes until N events are reached. Both backends get the same articles, written with
`Store.add_many` in batches of B (one transaction each), then queried with `Store.events`.

PostgreSQL: --pg, else $CHRONICLE_BENCH_PG, else $CHRONICLE_TEST_PG; the benchmark works in a schema of
its own and drops it afterwards. Without an address only DuckDB is measured.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ["RUS", "RUSGOV", "RUSMIL", "USA", "USAGOV", "UKR", "UKRMIL", "SYR", "SYRGOV", "IRN", "ISR", "ISRMIL",
          "CHN", "FRA", "GBR", "TUR", "IMGMUSISI", "VEN", "VENCOP", "KEN", "ETH", "PHL", "DEU", "IND", "PAK"]
CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "071", "111", "112", "120", "130",
         "138", "1384", "141", "145", "160", "172", "173", "180", "183", "190", "193", "194", "195", "200"]
POOL = 2000


def templates():
    """Real events and a real article, from the bundled samples."""
    import chronicle
    from chronicle.ingest import RawArticle, read_paths

    docs = [chronicle.process(a.text, date=a.date or "2015-11-20", id=a.id)
            for a in read_paths([ROOT / "chronicle" / "samples"]) if isinstance(a, RawArticle)]
    events = [e for d in docs for e in d.events if e.source is not None and e.target is not None]
    places = [p for d in docs for p in d.places if p.country]
    # An article that carries events only, so that what is measured is events: a full sample article's
    # other records (entities, times, ...) would triple the JSON to write.
    lean = docs[0].model_copy(update={"furniture": [], "captions": [], "entities": [], "actors": [], "quotes": [],
                                      "places": [], "times": [], "quantities": []})
    return lean, events, places


def article_pool(per_article: int, seed: int = 8):
    base, events, places = templates()
    rng = random.Random(seed)
    pool = []
    for i in range(POOL):
        made = []
        for _ in range(per_article):
            e = rng.choice(events)
            made.append(e.model_copy(update={
                "source": e.source.model_copy(update={"code": rng.choice(ACTORS)}),
                "target": e.target.model_copy(update={"code": rng.choice(ACTORS)}),
                "code": rng.choice(CODES),
                "location": rng.choice(places) if rng.random() < 0.7 else None}))
        date = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        pool.append(base.model_copy(update={"events": made, "date": date}))
    return pool


def articles(pool, n_events: int, per_article: int) -> Iterator:
    for i in range(-(-n_events // per_article)):
        yield pool[i % POOL].model_copy(update={"id": f"bench-{i}", "content_hash": f"{i:064x}"})


def batches(pool, n_events: int, per_article: int, size: int) -> Iterator[list]:
    batch = []
    for doc in articles(pool, n_events, per_article):
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


QUERIES = [
    ("actor RUS, newest 100", dict(actor="RUS", limit=100)),
    ("actor IMGMUSISI, all", dict(actor="IMGMUSISI")),
    ("code 19 (force), newest 100", dict(code="19", limit=100)),
    ("code 1384, all", dict(code="1384")),
    ("one month of dates, all", dict(since="2015-11-01", until="2015-11-30")),
    ("place SYR, newest 100", dict(place="SYR", limit=100)),
    ("actor USA + code 04 + since 2020, all", dict(actor="USA", code="04", since="2020-01-01")),
]


def measure(label: str, db: str, pool, args) -> dict:
    from chronicle.store import Store
    from chronicle.store.base import rows_of

    out: dict = {"label": label}
    with Store(db) as store:
        start = time.perf_counter()
        for batch in batches(pool, args.events, args.per_article, args.batch):
            store.add_many(batch)
        out["write_s"] = time.perf_counter() - start
        out["articles"], out["events"] = store.count(), store.count("events")
        if store.backend == "postgres":
            store._script("ANALYZE")
        out["queries"] = []
        for name, query in QUERIES:
            times, rows = [], 0
            for _ in range(args.repeat):
                t = time.perf_counter()
                rows = len(store.events(**query))
                times.append(time.perf_counter() - t)
            out["queries"].append((name, rows, statistics.median(times)))
        t = time.perf_counter()
        again = store.add_many(next(batches(pool, args.events, args.per_article, args.batch)))
        out["rewrite_known_s"] = time.perf_counter() - t
        assert not any(again)
    if store.backend == "duckdb":
        out["size_mb"] = Path(db).stat().st_size / 2 ** 20
    else:
        import psycopg

        with psycopg.connect(db) as con:
            out["size_mb"] = con.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace "
                                         "s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() "
                                         "AND c.relkind = 'r'").fetchone()[0] / 2 ** 20
    # The Python side common to both: turning documents into rows (JSON records included).
    start = time.perf_counter()
    for batch in batches(pool, min(args.events, 100_000), args.per_article, args.batch):
        rows_of(batch)
    out["rows_s_per_100k"] = (time.perf_counter() - start) * 100_000 / min(args.events, 100_000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200_000, help="events to write (default 200,000)")
    parser.add_argument("--per-article", type=int, default=10, help="events per article (default 10)")
    parser.add_argument("--batch", type=int, default=500, help="articles per add_many transaction (default 500)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query; the median is shown")
    parser.add_argument("--pg", default=os.environ.get("CHRONICLE_BENCH_PG") or os.environ.get("CHRONICLE_TEST_PG"),
                        help="PostgreSQL server address")
    args = parser.parse_args()

    t = time.perf_counter()
    pool = article_pool(args.per_article)
    print(f"article pool: {POOL} articles x {args.per_article} events, built in {time.perf_counter() - t:.1f} s",
          file=sys.stderr)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(measure("DuckDB", str(Path(tmp) / "bench.duckdb"), pool, args))
    if args.pg:
        import psycopg

        schema = "bench_" + uuid.uuid4().hex[:8]
        with psycopg.connect(args.pg, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
            version = con.execute("SHOW server_version").fetchone()[0]
        try:
            sep = "&" if "?" in args.pg else "?"
            results.append(measure(f"PostgreSQL {version.split()[0]}", f"{args.pg}{sep}options=-csearch_path%3D{schema}",
                                   pool, args))
        finally:
            with psycopg.connect(args.pg, autocommit=True) as con:
                con.execute(f"DROP SCHEMA {schema} CASCADE")
    else:
        print("no PostgreSQL address (--pg, $CHRONICLE_BENCH_PG, $CHRONICLE_TEST_PG): DuckDB only", file=sys.stderr)

    print(f"\n{args.events:,} events in articles of {args.per_article}, batches of {args.batch} articles; "
          f"queries: median of {args.repeat}")
    print(f"{'':44}" + "".join(f"{r['label']:>22}" for r in results))
    print(f"{'write (s)':44}" + "".join(f"{r['write_s']:>22.1f}" for r in results))
    print(f"{'write (events/s)':44}" + "".join(f"{r['events'] / r['write_s']:>22,.0f}" for r in results))
    print(f"{'  of which rows built in Python (s/100k ev)':44}" + "".join(f"{r['rows_s_per_100k']:>22.1f}"
                                                                       for r in results))
    print(f"{'re-adding a stored batch (ms)':44}" + "".join(f"{r['rewrite_known_s'] * 1000:>22.1f}" for r in results))
    print(f"{'stored: articles / events':44}" + "".join(f"{r['articles']:>12,} / {r['events']:<,}".rjust(22)
                                                        for r in results))
    print(f"{'size (MB)':44}" + "".join(f"{r['size_mb']:>22.0f}" for r in results))
    for i, (name, _) in enumerate(QUERIES):
        cells = "".join(f"{r['queries'][i][2] * 1000:>13.1f} ms {r['queries'][i][1]:>5}" for r in results)
        print(f"{'query: ' + name:44}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

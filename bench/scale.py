"""Scale benchmark: `chronicle run` on a local Dask cluster of 1 and of 2 workers (and, with --in-process, in
this process), end to end on the same articles.

    .venv/bin/python bench/scale.py [--limit N] [--rounds R] [--in-process] [--json]

Each setup reads the JSONL corpus, processes it and stores the records in its own fresh DuckDB file, exactly
as `chronicle run --workers N` does (`chronicle.runner.run_articles` with a `DaskEngine`). The setups are all
started first, then take turns on R consecutive slices of the corpus, so that a shared machine's changing
load falls on each alike. Printed: articles/s and words/s of each setup, the speed-up of 2 workers over 1,
each worker's peak resident memory (VmHWM), the CPU seconds the workers and the client spent, and the Dask
start-up cost (cluster start to the first worker ready, then the model load on each worker), which is not
counted in the throughput. The load average is printed too: on a shared machine other work takes CPU from
the workers. Default corpus: ../shared/corpus/news_articles.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def worker_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Setup:
    """One way of running: a Dask cluster of `workers` (kept up between rounds), or this process (0)."""

    def __init__(self, workers: int) -> None:
        from chronicle.scale.engine import DaskEngine, InProcess, load_models

        self.workers = workers
        started = time.perf_counter()
        if workers:
            self.engine = DaskEngine(workers=workers)
            self.startup = {"cluster_start_s": self.engine.start_seconds, "model_load_s": self.engine.load_seconds}
        else:
            self.engine = InProcess()
            self.startup = {"model_load_s": {"this process": load_models()}}
        self.startup["ready_s"] = time.perf_counter() - started
        self.folder = tempfile.mkdtemp(prefix="chronicle-scale-")
        self.db = Path(self.folder) / "scale.duckdb"
        self.seconds = self.worker_cpu = self.client_cpu = 0.0
        self.articles = self.failed = 0

    def close(self) -> None:
        self.engine.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def cpu(self) -> float:
        if self.workers:
            return sum(self.engine.on_each_worker(worker_cpu_seconds).values())
        return worker_cpu_seconds()

    def run(self, path: Path) -> None:
        """Process one slice of the corpus end to end, into this setup's store."""
        from chronicle.ingest import ReadOptions, read_paths
        from chronicle.runner import run_articles
        from chronicle.store import Store

        # Read as `chronicle run --workers` reads: language detection is left to the workers.
        options = ReadOptions(detect_language=not self.workers)
        cpu_before, client_before = self.cpu(), worker_cpu_seconds()
        start = time.perf_counter()
        with Store(self.db) as store:
            stats = run_articles(read_paths([path], options=options), store=store, engine=self.engine)
        self.seconds += time.perf_counter() - start
        self.client_cpu += worker_cpu_seconds() - client_before
        self.worker_cpu += self.cpu() - cpu_before
        self.articles += stats.processed
        self.failed += stats.failed

    def finish(self, words: int) -> dict:
        from chronicle.scale.engine import peak_rss_mb

        memory = self.engine.peak_rss_mb() if self.workers else {"this process": peak_rss_mb()}
        return {"workers": self.workers, "articles": self.articles, "failed": self.failed, "seconds": self.seconds,
                "articles_per_s": self.articles / self.seconds, "words_per_s": words / self.seconds,
                "worker_cpu_s": self.worker_cpu, "client_cpu_s": self.client_cpu if self.workers else None,
                "peak_rss_mb": memory, **self.startup}


def slices(path: Path, rounds: int) -> list[Path]:
    """The corpus cut into `rounds` JSONL files of consecutive articles, beside it."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    size = -(-len(lines) // rounds)
    out = []
    for n in range(0, len(lines), size):
        part = path.parent / f"slice{n}.jsonl"
        part.write_text("\n".join(lines[n:n + size]) + "\n", encoding="utf-8")
        out.append(part)
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from throughput import SHARED_CORPUS, corpus_file  # the corpus slice the throughput benchmark uses

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=120, help="use the first N articles (default 120; 0: all)")
    parser.add_argument("--in-process", action="store_true", help="also run in this process, without Dask")
    parser.add_argument("--rounds", type=int, default=3, help="slices of the corpus the setups take turns on")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    path, count, words = corpus_file(args.limit or None)
    load_before = os.getloadavg()
    # Every setup is up at once and they take turns on each slice, so that changes in the load of a shared
    # machine fall on all of them alike.
    setups = [Setup(n) for n in ((0,) if args.in_process else ()) + (1, 2)]
    try:
        for part in slices(path, args.rounds):
            for setup in setups:
                setup.run(part)
        runs = [setup.finish(words) for setup in setups]
    finally:
        for setup in setups:
            setup.close()
        shutil.rmtree(path.parent, ignore_errors=True)
    load_after = os.getloadavg()
    by_workers = {r["workers"]: r for r in runs}
    speedup = by_workers[2]["articles_per_s"] / by_workers[1]["articles_per_s"]
    cpu_ratio = by_workers[1]["worker_cpu_s"] / by_workers[2]["worker_cpu_s"] if by_workers[2]["worker_cpu_s"] else 0
    figures = {"articles": count, "words": words, "runs": runs, "speedup_2_vs_1": speedup, "cpus": os.cpu_count(),
               "load_average_before": load_before, "load_average_after": load_after}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    source = "shared corpus" if SHARED_CORPUS.exists() else "bundled samples"
    print(f"corpus: {count} articles, {words:,} words ({source}); {os.cpu_count()} CPUs; load average "
          f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (1 min)")
    print(f"{'':<12}{'seconds':>8}{'articles/s':>11}{'words/s':>9}{'worker CPU s':>13}{'CPU/worker':>11}"
          f"{'client CPU s':>13}{'peak RSS MB, each worker':>26}")
    for r in runs:
        name = f"{r['workers']} worker{'s' if r['workers'] > 1 else ''}" if r["workers"] else "in-process"
        rss = ", ".join(f"{v:.0f}" for v in r["peak_rss_mb"].values())
        # The share of a CPU each worker got: below 1, other processes (or the client) took the rest.
        share = r["worker_cpu_s"] / (r["seconds"] * max(r["workers"], 1))
        client = "-" if r["client_cpu_s"] is None else f"{r['client_cpu_s']:.1f}"
        print(f"{name:<12}{r['seconds']:>8.1f}{r['articles_per_s']:>11.2f}{r['words_per_s']:>9,.0f}"
              f"{r['worker_cpu_s']:>13.1f}{share:>11.2f}{client:>13}{rss:>26}")
    print(f"speed-up, 2 workers vs 1: {speedup:.2f}x (target >= 1.8x); worker CPU seconds 1 vs 2: {cpu_ratio:.2f} "
          f"(near 1 means the same work, so a low speed-up is CPU taken by others)")
    # Not a measurement: what the CPU seconds imply if each worker had a whole CPU (client and others aside).
    print(f"projected speed-up with a whole CPU per worker: {2 * cpu_ratio:.2f}x (2 x the CPU seconds ratio)")
    worst = max(max(r["peak_rss_mb"].values()) for r in runs if r["workers"])
    print(f"peak memory per worker: {worst:.0f} MB at most (target <= 1024 MB)")
    for r in runs:
        if r["workers"]:
            loads = ", ".join(f"{v:.1f}" for v in r["model_load_s"].values())
            print(f"Dask start-up, {r['workers']} worker(s): cluster start to first worker ready "
                  f"{r['cluster_start_s']:.1f} s; model load per worker {loads} s (in parallel); "
                  f"ready to process after {r['ready_s']:.1f} s")
    failed = sum(r["failed"] for r in runs)
    if failed:
        print(f"{failed} articles failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

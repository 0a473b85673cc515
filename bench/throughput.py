"""Throughput benchmark: Chronicle end to end versus spaCy alone, on the same texts.

    python bench/throughput.py [--corpus FILE.jsonl] [--limit N]

End to end means: read the JSONL corpus, clean, annotate, extract every
record type and store in a fresh DuckDB file. "spaCy alone" runs the same
English model (no Chronicle components) over the same texts. Each run is a
separate process, so peak memory (max RSS) is measured for each on its own.
Default corpus: ../shared/corpus/news_articles.jsonl, or the bundled samples.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "news_articles.jsonl"


def corpus_file(limit: int | None) -> tuple[Path, int, int]:
    """A JSONL file with the articles to use, their count and word count."""
    source = SHARED_CORPUS if SHARED_CORPUS.exists() else None
    if source is None:
        from chronicle.ingest import RawArticle, read_paths

        out = Path(tempfile.mkdtemp()) / "samples.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            for item in read_paths([ROOT / "chronicle" / "samples"]):
                if isinstance(item, RawArticle):
                    handle.write(json.dumps({"id": item.id, "text": item.text, "date": item.date}) + "\n")
        source = out
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        lines = lines[:limit]
    path = Path(tempfile.mkdtemp()) / "bench.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    return path, len(lines), words


def cpu_seconds() -> float:
    """User plus system CPU time of this process: steadier than wall time when other work shares the machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_chronicle(path: str, queue: mp.Queue) -> None:
    from chronicle.annotate import load_nlp
    from chronicle.ingest import RawArticle, read_paths
    from chronicle.pipeline import process_many
    from chronicle.store import Store

    from chronicle.extract import EXTRACTORS

    load_nlp()  # model loading is reported separately, not counted in throughput
    spent: dict[str, float] = {}

    def timed(name, func):  # wall time in each extractor, to set it against parsing alone
        def run(ctx):
            began = time.perf_counter()
            func(ctx)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - began
        return run

    for name in list(EXTRACTORS):
        EXTRACTORS[name] = timed(name, EXTRACTORS[name])
    db = Path(tempfile.mkdtemp()) / "bench.duckdb"
    start, cpu = time.perf_counter(), cpu_seconds()
    n = events = 0
    with Store(db) as store:
        raws = (i for i in read_paths([path]) if isinstance(i, RawArticle))
        batch = []
        for doc in process_many(raws):
            batch.append(doc)
            n += 1
            events += len(doc.events)
            if len(batch) == 16:
                store.add_many(batch)
                batch = []
        store.add_many(batch)
    queue.put({"seconds": time.perf_counter() - start, "cpu_seconds": cpu_seconds() - cpu, "articles": n, "events": events,
               "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "extractors": spent})


def run_spacy(path: str, queue: mp.Queue) -> None:
    from chronicle.annotate.pipeline import load_base_nlp

    nlp = load_base_nlp()
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
    start, cpu = time.perf_counter(), cpu_seconds()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    queue.put({"seconds": time.perf_counter() - start, "cpu_seconds": cpu_seconds() - cpu, "articles": n,
               "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def measure(target, path: Path) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(str(path), queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    path, count, words = corpus_file(args.limit)
    chron = measure(run_chronicle, path)
    base = measure(run_spacy, path)
    figures = {"articles": count, "words": words,
               "chronicle": {**chron, "words_per_s": words / chron["seconds"], "articles_per_s": count / chron["seconds"]},
               "spacy": {**base, "words_per_s": words / base["seconds"], "articles_per_s": count / base["seconds"]}}
    figures["time_ratio"] = chron["seconds"] / base["seconds"]
    figures["cpu_ratio"] = chron["cpu_seconds"] / base["cpu_seconds"]
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"corpus: {count} articles, {words:,} words ({'shared corpus' if SHARED_CORPUS.exists() else 'bundled samples'})")
    print(f"{'':<22}{'seconds':>9}{'CPU s':>9}{'words/s':>10}{'articles/s':>12}{'peak RSS MB':>13}")
    for name, key in (("chronicle end to end", "chronicle"), ("spaCy alone", "spacy")):
        f = figures[key]
        print(f"{name:<22}{f['seconds']:>9.1f}{f['cpu_seconds']:>9.1f}{f['words_per_s']:>10,.0f}{f['articles_per_s']:>12.2f}{f['max_rss_mb']:>13.0f}")
    print(f"chronicle / spaCy time ratio: {figures['time_ratio']:.2f}, CPU time ratio: {figures['cpu_ratio']:.2f}  "
          f"({chron['events']} events stored)")
    print("time in each extractor: seconds, % of spaCy alone (parsing), % of end to end")
    for name, seconds in sorted(chron["extractors"].items(), key=lambda kv: -kv[1]):
        print(f"  {name:<14}{seconds:>8.2f}{100 * seconds / base['seconds']:>8.1f}%{100 * seconds / chron['seconds']:>8.1f}%")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

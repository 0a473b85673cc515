"""The processing loop of `chronicle run`, as a library function: `run_articles(items, store, ...)`.

Articles stream through: they are read lazily, looked up by content hash in chunks, processed by an engine
(this process, or a Dask cluster: `chronicle.scale.engine`) and written in batches to the store and/or a
Parquet folder (`chronicle.scale.parquet`), one transaction per batch.

Resumable: an article whose content hash is already in every target is skipped before any NLP (counted as
already stored), so running a killed command again finishes the work and duplicates nothing. With a Dask
engine, records come back in the order chunks finish, not in input order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, Protocol

from chronicle.ingest import InputError, RawArticle, is_english
from chronicle.pipeline import content_hash
from chronicle.records import Document
from chronicle.scale.engine import InProcess
from chronicle.store.base import Prepared

STORE_BATCH = 64  # articles per write: one transaction (or one Parquet file per partition) each
CHUNK = 16  # articles looked up together, and sent together to a worker


class Target(Protocol):
    """Where records go: a `Store`, or a `ParquetSink`."""

    def add_many(self, docs: list[Document | Prepared]) -> list[bool]: ...


@dataclass
class RunStats:
    processed: int = 0  # articles that went through the pipeline
    stored: int = 0  # new in the first target
    known: int = 0  # already there: skipped before processing, or a copy of an article stored in this run
    failed: int = 0  # input errors and articles that could not be processed
    uncoded: Counter = field(default_factory=Counter)  # language -> articles kept but not coded


def run_articles(items: Iterable[RawArticle | InputError], store: Target | None = None,
                 out: Target | None = None, engine=None, batch: int = STORE_BATCH, chunk_size: int = CHUNK,
                 on_document: Callable[[Document], None] | None = None,
                 on_error: Callable[[InputError], None] | None = None,
                 on_progress: Callable[[int], None] | None = None) -> RunStats:
    """Process articles (input errors pass through to `on_error`) and write their records to the targets.

    `on_document` sees each new record, `on_error` each error, `on_progress` the number of input items
    finished (processed, skipped or failed) as they finish.
    """
    engine = engine or InProcess()
    targets = [t for t in (store, out) if t is not None]
    stats = RunStats()
    pending: list[Prepared] = []

    def fail(error: InputError) -> None:
        stats.failed += 1
        if on_error:
            on_error(error)

    def progress(n: int) -> None:
        if on_progress and n:
            on_progress(n)

    def flush() -> None:
        if pending and targets:
            counted = [t.add_many(pending) for t in targets][0]
            stats.stored += sum(counted)
            stats.known += len(counted) - sum(counted)
        pending.clear()

    def chunks() -> Iterator[list[RawArticle]]:
        for group in _groups(items, chunk_size):
            raws = [item for item in group if isinstance(item, RawArticle)]
            for item in group:
                if isinstance(item, InputError):
                    fail(item)
            progress(len(group) - len(raws))
            todo = _skip_known(raws, targets, store, stats)
            progress(len(raws) - len(todo))
            if todo:
                yield todo

    for chunk, results in engine.map(chunks()):
        for result in results:
            if isinstance(result, InputError):
                fail(result)
                continue
            stats.processed += 1
            if not is_english(result.language):
                stats.uncoded[result.language] += 1
            pending.append(result)
            if on_document:
                on_document(result.document())
        if len(pending) >= batch:
            flush()
        progress(len(chunk))
    flush()
    return stats


def _skip_known(raws: list[RawArticle], targets: list[Target], store, stats: RunStats) -> list[RawArticle]:
    """The articles still to process: those not already in every target. The others are counted as known,
    and their URL is recorded as a sighting when the store keeps them."""
    if not raws or not targets:
        return raws
    hashes = [content_hash(raw.text) for raw in raws]
    known = set.intersection(*(_known_in(t, hashes) for t in targets))
    if not known:
        return raws
    seen = [(h, raw) for h, raw in zip(hashes, raws) if h in known]
    stats.known += len(seen)
    add_sightings = getattr(store, "add_sightings", None)
    if add_sightings is not None:
        add_sightings([(h, raw.url, raw.source) for h, raw in seen])
    return [raw for h, raw in zip(hashes, raws) if h not in known]


def _known_in(target: Target, hashes: list[str]) -> set[str]:
    # A Store answers in batched queries (its `_known`); a ParquetSink from the hashes it holds.
    lookup = getattr(target, "known", None) or getattr(target, "_known")
    return lookup(hashes)


def _groups(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while group := list(islice(it, n)):
        yield group

"""Where articles are processed: in this process, or on the workers of a Dask distributed cluster.

An engine maps chunks of raw articles to their records. Each result is a `Prepared` document (its record, and
the rows and MinHash signature the store writes, made where it was processed), or an `InputError` for an
article that could not be processed: one bad article never fails its chunk, and a chunk lost with its worker
fails only its own articles.

On a cluster, each worker process loads the spaCy pipeline and the knowledge once (they are cached per
process) and keeps them: tasks name `process_chunk` by reference, so no model is ever pickled. At most
`inflight` chunks are out at a time, so memory stays bounded whatever the size of the input. Chunks come
back in the order they finish, not the order they were sent.
"""

from __future__ import annotations

import logging
import os
import resource
import time
from typing import Iterable, Iterator, Sequence

from chronicle.ingest import InputError, RawArticle
from chronicle.store.base import Prepared, prepare

Result = Prepared | InputError


def article_name(raw: RawArticle) -> str:
    """How an article is named in error messages: where it came from and its id."""
    where = raw.source or raw.url or "article"
    return f"{where} ({raw.id})" if raw.id and raw.id not in where else where


def process_chunk(raws: Sequence[RawArticle]) -> list[Result]:
    """Records of a chunk of articles, in order; an article that fails becomes an error naming it."""
    from chronicle.pipeline import process_many

    # The store's rows and signature are made here, on the worker: the one writing process then only inserts
    # them, and plain tuples cost it far less to unpickle than the pydantic records.
    try:
        return [prepare(doc) for doc in process_many(raws)]
    except Exception:  # find the article at fault: the others of the chunk are processed on their own
        results: list[Result] = []
        for raw in raws:
            try:
                results.extend(prepare(doc) for doc in process_many([raw]))
            except Exception as exc:
                results.append(InputError(article_name(raw), f"processing failed ({type(exc).__name__}: {exc})"))
        return results


WARM_UP = ("Russian warplanes bombed targets near Raqqa in Syria on Friday, killing 12 people, and Kenyan police "
           "arrested protesters in Nairobi. \u201cWe will continue,\u201d President Vladimir Putin told reporters.")


def load_models() -> float:
    """Load this process's pipeline and knowledge; the seconds it took (about 0 when already loaded).

    One short article goes through the whole pipeline too: some parts are built on first use.
    """
    from chronicle.pipeline import process

    start = time.perf_counter()
    process(WARM_UP, date="2020-01-01")
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class InProcess:
    """Chunks processed one after the other in this process, in input order."""

    workers = 1

    def map(self, chunks: Iterable[list[RawArticle]]) -> Iterator[tuple[list[RawArticle], list[Result]]]:
        for chunk in chunks:
            yield chunk, process_chunk(chunk)

    def describe(self) -> str:
        return "in this process"

    def close(self) -> None:
        pass


# Every Dask server (here the scheduler, a nanny per worker and the client, all in this process; and each worker)
# checks its event loop every 20 ms and samples system metrics every 0.5 s: at rest, about 1% of a CPU taken
# from the workers. These only feed warnings and the dashboard, which coarser checks serve as well.
QUIET = {"distributed.admin.tick.interval": "500ms", "distributed.admin.system-monitor.interval": "2s"}


class DaskEngine:
    """Chunks processed on a Dask cluster: a local one with `workers` processes, or the one at `scheduler`."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None, inflight: int | None = None,
                 warm: bool = True) -> None:
        import dask
        from distributed import Client, LocalCluster

        start = time.perf_counter()
        self.cluster, self.scheduler = None, scheduler
        with dask.config.set(QUIET):  # read when the servers start (nannies hand it on to their workers)
            if scheduler:
                try:
                    self.client = Client(scheduler, timeout="20s")
                except (OSError, TimeoutError) as exc:
                    raise RuntimeError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
            else:
                # One thread per worker process: spaCy holds the GIL, so more threads would not run in parallel.
                # The scheduler's HTTP server takes a free port: a fixed one would clash with other clusters.
                self.cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        try:
            self.client.wait_for_workers(1, timeout=120)
            self.start_seconds = time.perf_counter() - start  # cluster start to a worker ready
            self.workers = len(self.client.scheduler_info()["workers"])
            self.inflight = inflight or 2 * self.workers
            # Models load on every worker now, so that their cost is known and the first chunks are not slow.
            self.load_seconds = self.on_each_worker(load_models) if warm else {}
        except Exception as exc:
            self.close()
            raise RuntimeError(f"the Dask workers could not start Chronicle ({type(exc).__name__}: {exc}); "
                               "is Chronicle, with its spaCy model, installed where they run?") from None

    def on_each_worker(self, func) -> dict[str, float]:
        futures = {address: self.client.submit(func, workers=[address], allow_other_workers=False, pure=False)
                   for address in self.client.scheduler_info()["workers"]}
        return {address: future.result() for address, future in futures.items()}

    def peak_rss_mb(self) -> dict[str, float]:
        """Each worker's peak resident memory so far, in MB."""
        return self.on_each_worker(peak_rss_mb)

    def map(self, chunks: Iterable[list[RawArticle]]) -> Iterator[tuple[list[RawArticle], list[Result]]]:
        from distributed import as_completed

        chunks = iter(chunks)
        sent: dict[str, list[RawArticle]] = {}
        finished = as_completed()

        def send() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                future = self.client.submit(process_chunk, chunk, pure=False)
                sent[future.key] = chunk
                finished.add(future)

        for _ in range(self.inflight):
            send()
        for future in finished:
            chunk = sent.pop(future.key)
            try:
                results = future.result()
            except Exception as exc:  # the worker died or the task could not run: fail its articles only
                results = [InputError(article_name(raw), f"worker failed ({type(exc).__name__}: {exc})")
                           for raw in chunk]
            future.release()
            send()
            yield chunk, results

    def describe(self) -> str:
        where = "a local Dask cluster" if self.cluster else f"the Dask cluster at {self.scheduler}"
        return f"{where} of {self.workers} worker{'s' if self.workers != 1 else ''}"

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

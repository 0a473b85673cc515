"""Uploaded files, processed one at a time by a background worker, with progress to poll.

The queue is bounded: when it is full an upload is refused (503) rather than piling up work and disk.
Finished jobs are kept for polling, the oldest forgotten beyond `KEEP`.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.ingest import InputError, ReadOptions, read_paths
from chronicle.serve.state import ServedStore

BATCH = 8  # articles processed and stored together: progress moves in steps this size
KEEP = 200  # finished jobs remembered


class QueueFull(Exception):
    pass


@dataclass
class Job:
    id: str
    filename: str
    path: Path
    status: str = "queued"
    done: int = 0
    total: int | None = None
    stored: int = 0
    errors: list[str] = field(default_factory=list)

    def view(self) -> dict:
        return {"id": self.id, "status": self.status, "filename": self.filename, "done": self.done,
                "total": self.total, "stored": self.stored, "errors": list(self.errors)}


class Jobs:
    def __init__(self, served: ServedStore, allow_private: bool = False, max_queued: int = 8) -> None:
        self.served = served
        self.allow_private = allow_private
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=max_queued)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._dir = Path(tempfile.mkdtemp(prefix="chronicle-uploads-"))
        self._worker = threading.Thread(target=self._work, name="chronicle-jobs", daemon=True)
        self._worker.start()

    def upload_path(self, filename: str) -> Path:
        """Where to save an upload: a fresh directory, the client's file name reduced to a safe base name."""
        name = Path(filename or "upload.txt").name.lstrip(".") or "upload.txt"
        folder = self._dir / uuid.uuid4().hex
        folder.mkdir()
        return folder / name[-120:]

    def submit(self, filename: str, path: Path) -> Job:
        job = Job(id=uuid.uuid4().hex[:16], filename=filename, path=path)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            shutil.rmtree(path.parent, ignore_errors=True)
            raise QueueFull(f"{self._queue.maxsize} uploads are already waiting; try again later") from None
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].status in ("queued", "running"):
                    break
                del self._jobs[oldest]
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                self._run(job)
            except Exception as exc:  # the worker must survive any one job: report it in the job
                job.errors.append(f"{job.filename}: {type(exc).__name__}: {exc}")
                job.status = "failed"
            finally:
                shutil.rmtree(job.path.parent, ignore_errors=True)

    def _run(self, job: Job) -> None:
        job.status = "running"
        raws = []
        # Reading is quick next to NLP: read everything first, so that the progress has a total.
        for item in read_paths([job.path], options=ReadOptions(allow_private=self.allow_private)):
            if isinstance(item, InputError):
                job.errors.append(str(item).replace(str(job.path), job.filename))
            else:
                raws.append(item)
        job.total = len(raws)
        for start in range(0, len(raws), BATCH):
            docs = self.served.process(raws[start:start + BATCH], wait=3600)
            job.stored += sum(self.served.write(docs))
            job.done += len(docs)
        job.status = "failed" if job.errors and not job.done else "done"

    def close(self) -> None:
        try:
            self._queue.put_nowait(None)
        except queue.Full:
            pass
        shutil.rmtree(self._dir, ignore_errors=True)

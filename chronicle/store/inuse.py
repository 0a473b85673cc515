"""A marker file beside a DuckDB store that a running `chronicle serve` owns.

DuckDB lets one process at a time open a file for writing, and then no other process can open it at all,
so a CLI command against a served store would fail with DuckDB's bare lock error. The server writes
``<store>.serve.json`` (its pid and address) while it runs; opening the store elsewhere reads it first and
says what to do instead. A marker left by a process that is gone is stale and ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from chronicle.store.base import StoreError


class StoreInUse(StoreError):
    """The store is held by a running `chronicle serve`."""


def marker_path(db: str | os.PathLike[str]) -> Path:
    path = Path(db)
    return path.with_name(path.name + ".serve.json")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def holder(db: str | os.PathLike[str]) -> dict | None:
    """The live server (pid, url) holding the store, or None; this process never counts as another holder."""
    try:
        info = json.loads(marker_path(db).read_text(encoding="utf-8"))
        pid = int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if pid == os.getpid() or not _alive(pid):
        return None
    return info


def check(db: str | os.PathLike[str]) -> None:
    """Raise `StoreInUse` with what to do when a running server holds the store."""
    info = holder(db)
    if info:
        raise StoreInUse(f"store {db} is in use by `chronicle serve` (pid {info['pid']}, {info.get('url', '?')}): "
                         f"post articles to its API (`chronicle run --server {info.get('url', 'URL')}`, POST "
                         f"/api/articles or /api/upload), or stop it")


def claim(db: str | os.PathLike[str], url: str) -> Path:
    """Write the marker for this process; the caller removes it with `release` on shutdown."""
    path = marker_path(db)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"pid": os.getpid(), "url": url}), encoding="utf-8")
    os.replace(tmp, path)  # readers never see a half-written marker
    return path


def release(db: str | os.PathLike[str]) -> None:
    """Remove the marker if it is this process's."""
    path = marker_path(db)
    try:
        if int(json.loads(path.read_text(encoding="utf-8"))["pid"]) == os.getpid():
            path.unlink()
    except (OSError, ValueError, KeyError, TypeError):
        pass

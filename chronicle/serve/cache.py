"""Kept answers of the server: one bounded, least-recently-used map, and the one way answers become JSON.

The server keeps two kinds of things in it: whole read answers (keyed by the request and the store's write
generation) and the JSON of single events (which never change once stored).
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from typing import Any, Callable

CACHE_SIZE = 4096
CACHE_BYTES = 128 * 2**20


def json_bytes(value: Any) -> bytes:
    """`value` as compact JSON (UTF-8); bytes are taken as JSON already."""
    if isinstance(value, bytes):
        return value
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def _size(value: Any) -> int:
    return len(value) if isinstance(value, bytes) else 0


class AnswerCache:
    """At most `size` values, the least recently used going first; encoded values (bytes) together take at
    most `max_bytes`. With `ttl` (seconds) a value is also dropped when that old: a PostgreSQL store has
    other writers. None is never kept (it means "not kept")."""

    def __init__(self, size: int = CACHE_SIZE, ttl: float | None = None, max_bytes: int = CACHE_BYTES) -> None:
        self.size = size
        self.ttl = ttl
        self.max_bytes = max_bytes
        self._bytes = 0
        self._items: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: Any) -> Any:
        """The kept value for `key`, or None."""
        if not self.size:
            return None
        with self._lock:
            found = self._items.get(key)
            if found is None or (self.ttl is not None and time.monotonic() - found[0] >= self.ttl):
                return None
            self._items.move_to_end(key)
            return found[1]

    def put(self, key: Any, value: Any, replace: bool = True) -> None:
        """Keep `value` as the newest; with `replace` false, a value already kept for `key` stays as it is."""
        if not self.size:
            return
        with self._lock:
            if not replace and key in self._items:
                return
            old = self._items.pop(key, None)
            self._bytes += _size(value) - (_size(old[1]) if old else 0)
            self._items[key] = (time.monotonic(), value)
            while len(self._items) > self.size or (self._bytes > self.max_bytes and len(self._items) > 1):
                self._bytes -= _size(self._items.popitem(last=False)[1][1])

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The kept value for `key`, else `compute()`, kept."""
        value = self.peek(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

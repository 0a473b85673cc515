"""Watching feeds: poll RSS/Atom feeds and process only the entries not taken before.

Each entry is known by its id (else its link); the entries taken from each
feed are kept in the store (`feed_entries`), so a restarted watcher goes on
where it stopped. An entry counts as taken once its article is in the store:
one whose page could not be fetched or processed is tried again at the next
poll. A feed that cannot be fetched is reported, and polled again next time.
Articles go through the same path as `chronicle run` (`runner.run_articles`).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from chronicle.ingest import InputError, RawArticle, ReadOptions
from chronicle.ingest.base import read_bytes
from chronicle.ingest.web import (FEED_TYPES, HTML_TYPES, TEXT_TYPES, FeedEntry, entry_article, feed_entries, fetch,
                                  make_client)
from chronicle.store import Store

UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'90s', '15m', '2h', '1d' or a number of seconds -> seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match or float(match[1]) <= 0:
        raise ValueError(f"unreadable interval {text!r}: expected a positive number with s, m, h or d, e.g. 15m")
    return float(match[1]) * UNITS[match[2]]


@dataclass
class Poll:
    """What one poll of one feed found and did."""
    feed: str
    entries: int = 0  # in the feed now
    new: int = 0  # not taken before
    stored: int = 0  # new articles stored
    known: int = 0  # articles the store already had (copies), entries taken all the same
    failed: int = 0  # entries whose article could not be fetched or processed: tried again next poll
    error: str | None = None  # the feed itself could not be read

    def line(self) -> str:
        if self.error:
            return f"{self.feed}: cannot read the feed: {self.error} (tried again at the next poll)"
        return (f"{self.feed}: {self.entries} entries, {self.new} new: {self.stored} stored, "
                f"{self.known} already stored, {self.failed} failed")


def _feed_document(client, feed: str) -> tuple[bytes, str | None]:
    if re.match(r"(?i)https?://", feed):
        page = fetch(client, feed, FEED_TYPES | HTML_TYPES | TEXT_TYPES)
        return page.body, page.url
    path = Path(feed)
    if not path.is_file():
        raise ValueError("no such file, and not an http(s) URL")
    return read_bytes(path), None


def poll_feed(store: Store, feed: str, options: ReadOptions, client,
              on_error: Callable[[InputError], None] | None = None) -> Poll:
    """Fetch a feed, process the entries the store has not taken from it, remember those taken."""
    from chronicle.pipeline import content_hash
    from chronicle.runner import run_articles

    result = Poll(feed)
    try:
        data, base = _feed_document(client, feed)
        entries = list(feed_entries(data, feed, base, options))
    except ValueError as exc:
        result.error = str(exc)
        return result
    result.entries = len(entries)
    readable = [e for e in entries if isinstance(e, FeedEntry)]
    seen = store.seen_entries(feed, [e.key for e in readable])
    fresh = list({e.key: e for e in readable if e.key not in seen}.values())
    result.new = len(fresh)
    fetched: list[tuple[FeedEntry, RawArticle]] = []

    def articles() -> Iterator[RawArticle | InputError]:
        for entry in fresh:
            item = entry_article(client, entry)
            if isinstance(item, RawArticle):
                fetched.append((entry, item))
            yield item

    def failed(error: InputError) -> None:
        if on_error:
            on_error(error)

    for error in entries:
        if isinstance(error, InputError):
            failed(error)
    stats = run_articles(articles(), store=store, on_error=failed)
    result.stored, result.known = stats.stored, stats.known
    # Taken: entries whose article is now stored (by this poll or before); the others are tried again.
    hashes = {entry.key: content_hash(raw.text) for entry, raw in fetched}
    stored = store._known(list(set(hashes.values())))
    store.mark_entries(feed, [key for key, h in hashes.items() if h in stored])
    result.failed = len(fresh) - sum(1 for h in hashes.values() if h in stored)
    return result


def watch(db: str | None, feeds: list[str], every: float, options: ReadOptions, max_polls: int | None = None,
          on_poll: Callable[[Poll], None] | None = None, on_error: Callable[[InputError], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Poll every feed, then wait `every` seconds, until `max_polls` rounds (forever when None); rounds made.

    The store is opened for each round only, so that other processes can read it in between.
    """
    rounds = 0
    with make_client(options.allow_private) as client:
        while True:
            with Store(db) as store:
                for feed in feeds:
                    result = poll_feed(store, feed, options, client, on_error)
                    if on_poll:
                        on_poll(result)
            rounds += 1
            if max_polls is not None and rounds >= max_polls:
                return rounds
            sleep(every)

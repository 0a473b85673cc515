"""`chronicle watch`: a real HTTP server on 127.0.0.1 serves a feed whose entries change between polls."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chronicle.ingest import ReadOptions
from chronicle.store import Store
from chronicle.watch import parse_interval, watch
from tests import test_store

pg = test_store.pg
db = test_store.db

STORIES = {
    "a": ("Talks in Geneva", "Iranian and European diplomats met in Geneva on Monday to discuss the nuclear deal, "
                             "the foreign ministry said after the meeting ended late in the evening."),
    "b": ("Protest in Nairobi", "Police arrested dozens of protesters in central Nairobi on Tuesday after a march "
                                "against new taxes turned violent, the interior ministry said."),
    "c": ("Aid to Yemen", "The World Food Programme delivered food to thousands of families in Taiz on Wednesday, "
                          "a spokesman for the agency told reporters in Geneva."),
}


def page(key: str) -> bytes:
    title, body = STORIES[key]
    return (f"<html><head><title>{title}</title><meta charset='utf-8'></head><body>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>").encode()


def rss(base: str, keys: list[str]) -> bytes:
    items = "".join(f"<item><title>{STORIES[k][0]}</title><link>{base}/story/{k}</link><guid>urn:story:{k}</guid>"
                    f"<pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate></item>" for k in keys)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode()


class Site:
    """What the server answers, changed by the tests between polls, and what it was asked."""

    def __init__(self) -> None:
        self.feed: list[str] = []
        self.broken: set[str] = set()  # paths answered with HTTP 500
        self.hits: Counter = Counter()
        self.base = ""


@pytest.fixture()
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            state.hits[self.path] += 1
            if self.path in state.broken:
                status, kind, body = 500, "text/plain", b"server error"
            elif self.path == "/feed.xml":
                status, kind, body = 200, "application/rss+xml", rss(state.base, state.feed)
            elif self.path.startswith("/story/") and self.path[7:] in STORIES:
                status, kind, body = 200, "text/html; charset=utf-8", page(self.path[7:])
            else:
                status, kind, body = 404, "text/plain", b"not found"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def poll_once(db: str, feeds: list[str], allow_private: bool = True) -> list:
    polls: list = []
    watch(db, feeds, 0, ReadOptions(allow_private=allow_private), max_polls=1, on_poll=polls.append)
    return polls


def test_only_new_entries_are_processed_and_nothing_is_duplicated(db, site):
    feed = f"{site.base}/feed.xml"
    site.feed = ["a", "b"]
    [first] = poll_once(db, [feed])
    assert (first.entries, first.new, first.stored, first.failed) == (2, 2, 2, 0)
    site.feed = ["c", "b", "a"]  # a new entry at the top, the old ones below
    [second] = poll_once(db, [feed])
    assert (second.entries, second.new, second.stored, second.failed) == (3, 1, 1, 0)
    [third] = poll_once(db, [feed])
    assert (third.new, third.stored) == (0, 0)
    assert site.hits["/story/a"] == site.hits["/story/b"] == site.hits["/story/c"] == 1  # fetched once each
    with Store(db, read_only=True) as store:
        assert store.count() == 3
        assert store.seen_entries(feed, ["urn:story:a", "urn:story:b", "urn:story:c"]) == {
            "urn:story:a", "urn:story:b", "urn:story:c"}
        assert sorted(d.title for d in store.documents()) == sorted(STORIES[k][0] for k in STORIES)


def test_a_failing_entry_is_tried_again_and_a_failing_feed_does_not_stop_the_others(db, site):
    feed = f"{site.base}/feed.xml"
    site.feed = ["a", "b"]
    site.broken = {"/story/b"}
    [poll] = poll_once(db, [f"{site.base}/no-such-feed.xml", feed])[1:]
    assert (poll.new, poll.stored, poll.failed) == (2, 1, 1)
    site.broken = set()
    broken_feed, poll = poll_once(db, [f"{site.base}/no-such-feed.xml", feed])
    assert broken_feed.error and "404" in broken_feed.error and "no-such-feed" in broken_feed.line()
    assert (poll.new, poll.stored, poll.failed) == (1, 1, 0)
    with Store(db, read_only=True) as store:
        assert store.count() == 2


def test_cli_watch_polls_until_max_polls(cli, tmp_path, site):
    db = str(tmp_path / "watch.duckdb")
    site.feed = ["a"]
    done = cli("watch", f"{site.base}/feed.xml", "--every", "1s", "--max-polls", "2", "--allow-private", "--db", db)
    assert done.exit_code == 0, done.output
    lines = [line for line in done.output.splitlines() if "feed.xml" in line]
    assert len(lines) == 2 and "1 new: 1 stored" in lines[0] and "0 new" in lines[1]
    assert site.hits["/feed.xml"] == 2 and site.hits["/story/a"] == 1
    refused = cli("watch", f"{site.base}/feed.xml", "--max-polls", "1", "--db", db)
    assert refused.exit_code == 0 and "cannot read the feed" in refused.output and "127.0.0.1" in refused.output
    bad = cli("watch", f"{site.base}/feed.xml", "--every", "soon", "--db", db)
    assert bad.exit_code != 0 and "soon" in bad.output


def test_intervals():
    assert [parse_interval(t) for t in ("90s", "15m", "2h", "1d", "30")] == [90, 900, 7200, 86400, 30]
    for bad in ("", "0m", "-5m", "15 minutes"):
        with pytest.raises(ValueError, match="interval"):
            parse_interval(bad)


def test_ctrl_c_stops_the_watcher_cleanly(tmp_path, site):
    import os
    import signal
    import subprocess
    import sys
    import time

    db = str(tmp_path / "interrupted.duckdb")
    site.feed = ["a", "b"]
    poll_once(db, [f"{site.base}/feed.xml"])  # here, where the model is loaded: the watcher starts fast
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "chronicle.cli", "watch", f"{site.base}/feed.xml", "--every", "1h",
                             "--allow-private", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        first = proc.stdout.readline()  # the first poll's line: the watcher now sleeps until the next poll
        assert "2 entries, 0 new" in first, first + proc.stderr.read()
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0 and "stopped" in err
    with Store(db, read_only=True) as store:  # the file is released and whole
        assert store.count() == 2

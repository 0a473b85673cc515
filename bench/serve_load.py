"""Load benchmark of `chronicle serve`: concurrent clients on loopback against a store of 100,000+ events.

    python bench/serve_load.py [--db FILE] [--events N] [--clients C] [--seconds S] [--cache-size K]

The store (built unless --db names one that already has N events) is made without NLP for all but the
bundled samples: they are processed once, then copied with new text (so new content hashes), ids, dates,
countries and slightly moved places, and written with `Store.add_many`. Then `chronicle serve` runs in a
subprocess, and C clients (asyncio, one keep-alive connection each) send requests back to back for S seconds:
filtered event pages, timeline counts, top actors, map places, the network, article lists and views, and
quotes, their parameters drawn at random (seeded). It prints requests per second, p50 and p99 latency per
kind, and errors. It stops by itself: after S seconds, or --max-requests, whichever comes first.
The clients share the machine's cores with the server, so the figures are those of both together.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["RUS", "USA", "UKR", "SYR", "IRN", "ISR", "CHN", "FRA", "GBR", "TUR", "VEN", "COL", "KEN", "ETH",
             "PHL", "DEU", "IND", "PAK", "AFG", "IRQ", "YEM", "SAU", "EGY", "LBY", "NGA", "MLI", "SOM", "SDN",
             "COD", "MMR", "GEO", "ARM", "AZE", "BRA", "MEX", "JPN", "PRK", "KOR", "LBN", "PSE"]
TOKEN = "serve-load-benchmark"


def sample_documents() -> list:
    from chronicle.ingest import RawArticle, read_paths
    from chronicle.pipeline import process_many

    raws = [r for r in read_paths([ROOT / "chronicle" / "samples"]) if isinstance(r, RawArticle)]
    return [d for d in process_many(raws) if d.events]


def _recode(code: str | None, mapping: dict[str, str]) -> str | None:
    if code and code[:3] in mapping:
        return mapping[code[:3]] + code[3:]
    return code


def variant(doc, i: int, rng: random.Random):
    """A copy of a processed article under a new content hash, with its own date, countries and places."""
    from chronicle.pipeline import content_hash

    text = doc.text + f"\n\n[load-test copy {i}]\n"
    date = f"{rng.randint(2014, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    mapping = {c: rng.choice(COUNTRIES) for c in COUNTRIES}
    shift = (rng.uniform(-2, 2), rng.uniform(-2, 2))

    def ref(r):
        return r.model_copy(update={"code": _recode(r.code, mapping)}) if r is not None and hasattr(r, "code") else r

    def place(p):
        if p is None or p.lat is None or p.lon is None:
            return p
        return p.model_copy(update={"lat": max(-90.0, min(90.0, p.lat + shift[0])),
                                    "lon": max(-180.0, min(180.0, p.lon + shift[1]))})

    events = [e.model_copy(update={"source": ref(e.source), "target": ref(e.target), "location": place(e.location),
                                   "date_value": date if e.date_inferred or not e.date_value else e.date_value})
              for e in doc.events]
    actors = [a.model_copy(update={"code": _recode(a.code, mapping), "country": mapping.get(a.country or "",
                                                                                         a.country)})
              for a in doc.actors]
    quotes = [q.model_copy(update={"speaker": ref(q.speaker)}) for q in doc.quotes]
    return doc.model_copy(update={"text": text, "content_hash": content_hash(text), "id": f"load-{i:06d}",
                                  "date": date, "url": None, "events": events, "actors": actors, "quotes": quotes,
                                  "places": [place(p) for p in doc.places]})


def build_store(db: str, n_events: int, seed: int, batch: int = 200) -> None:
    from chronicle.store import Store

    with Store(db) as store:
        have = store.count("events")
    if have >= n_events:
        print(f"store {db}: {have} events already", file=sys.stderr)
        return
    start = time.perf_counter()
    docs = sample_documents()
    print(f"processed {len(docs)} sample articles in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    rng = random.Random(seed)
    start, i = time.perf_counter(), 0
    with Store(db) as store:
        events = store.count("events")
        while events < n_events:
            made = [variant(docs[(i + k) % len(docs)], i + k, rng) for k in range(batch)]
            i += batch
            events += sum(len(d.events) for d, new in zip(made, store.add_many(made)) if new)
            print(f"\r{events} events", end="", file=sys.stderr)
        counts = store.counts()
    print(f"\rbuilt {db}: {counts['articles']} articles, {counts['events']} events in "
          f"{time.perf_counter() - start:.0f} s", file=sys.stderr)


class Server:
    """`chronicle serve` in a subprocess, on a free loopback port."""

    def __init__(self, db: str, cache_size: int | None) -> None:
        env = {**os.environ, "CHRONICLE_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
        extra = ["--cache-size", str(cache_size)] if cache_size is not None else []
        self.proc = subprocess.Popen([sys.executable, "-m", "chronicle.cli", "serve", "--db", db, "--port", "0",
                                      *extra], env=env, stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[str] = queue.Queue()

        def drain() -> None:  # the pipe must never fill up and stall the server
            for line in self.proc.stderr:
                lines.put(line)
            lines.put("")

        threading.Thread(target=drain, daemon=True).start()
        line = lines.get(timeout=120)
        found = re.search(r" at (http://\S+?)/ ", line)
        if not found:
            self.stop()
            raise SystemExit(f"the server did not start: {line.strip() or 'no output'}")
        self.url = found.group(1)

    def wait_warm(self, limit: float = 300) -> float:
        """Seconds until the server has read the newest events into memory (the load measures a warm server)."""
        import httpx

        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if not httpx.get(self.url + "/api/health", timeout=60).json().get("warming"):
                break
            time.sleep(0.2)
        return time.perf_counter() - start

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


def vocabulary(url: str) -> dict:
    """Values to draw request parameters from, read from the store through the API."""
    import httpx

    with httpx.Client(base_url=url, timeout=120) as client:
        actors = [a["code"] for a in client.get("/api/actors", params={"limit": 300}).json()["items"]]
        places = client.get("/api/aggregates/places", params={"limit": 300}).json()["items"]
        articles = [a["content_hash"] for a in client.get("/api/articles", params={"limit": 500}).json()["items"]]
        codes = sorted({r["code"] for r in client.get("/api/events", params={"limit": 500}).json()["items"]})
    return {"actors": actors, "places": places, "articles": articles, "codes": codes}


def make_request(rng: random.Random, vocab: dict) -> tuple[str, str, dict]:
    """(kind, path, params) of one request, as the web app makes them."""
    def filters() -> dict:
        params = {}
        pick = rng.random()
        if pick < 0.3:
            params["actor"] = rng.choice(vocab["actors"])[:rng.choice((3, 6))]
        elif pick < 0.5:
            params["country"] = rng.choice(COUNTRIES)
        elif pick < 0.65:
            params["code"] = rng.choice(vocab["codes"])[:2]
        elif pick < 0.75:
            p = rng.choice(vocab["places"])
            params["bbox"] = f"{p['lon'] - 5:.2f},{p['lat'] - 5:.2f},{p['lon'] + 5:.2f},{p['lat'] + 5:.2f}"
        elif pick < 0.85:
            params["q"] = rng.choice(("said", "attack", "talks", "killed", "forces", "minister"))
        if rng.random() < 0.4:
            year = rng.randint(2014, 2023)
            params["since"], params["until"] = f"{year}-01-01", f"{year + rng.randint(0, 2)}-12-31"
        if rng.random() < 0.1:
            params["negated"] = "false"
        return params

    kind = rng.choices(["events", "counts", "top-actors", "places", "network", "article", "articles", "quotes"],
                       weights=[45, 12, 6, 6, 8, 13, 5, 5])[0]
    if kind == "events":
        return kind, "/api/events", {**filters(), "limit": 50, "offset": rng.choice((0, 0, 0, 50, 100)),
                                     "sort": rng.choice(("-date", "date", "-confidence", "code"))}
    if kind == "counts":
        return kind, "/api/aggregates/counts", {**filters(), "interval": rng.choice(("day", "week", "month")),
                                                "by": rng.choice(("root", "plover"))}
    if kind == "top-actors":
        return kind, "/api/aggregates/top-actors", {**filters(), "limit": 20}
    if kind == "places":
        return kind, "/api/aggregates/places", filters()
    if kind == "network":
        return kind, "/api/network", {**filters(), "limit": 100}
    if kind == "article":
        return kind, f"/api/articles/{rng.choice(vocab['articles'])}", {}
    if kind == "articles":
        return kind, "/api/articles", {"offset": rng.randint(0, 20) * 50}
    return kind, "/api/quotes", {"offset": rng.randint(0, 20) * 50}


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str,
                params: dict) -> tuple[int, bytes]:
    """One GET on an open keep-alive connection: (status, body). The server always sends Content-Length."""
    target = path + ("?" + urlencode(params) if params else "")
    writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if not length:
        raise ConnectionError(f"HTTP {status} without Content-Length")
    return status, await reader.readexactly(int(length.group(1)))


async def load(url: str, vocab: dict, clients: int, seconds: float, max_requests: int, seed: int) -> dict:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    sent = 0
    deadline = time.monotonic() + seconds
    address = urlsplit(url)

    async def client(n: int) -> None:
        """A client on its own keep-alive connection (opened again if the server closes it)."""
        nonlocal sent
        rng = random.Random(seed * 1000 + n)
        connection = None
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            kind, path, params = make_request(rng, vocab)
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection(address.hostname, address.port)
                status, body = await asyncio.wait_for(fetch(*connection, address.netloc, path, params), 30)
                if status != 200:
                    errors[kind].append(f"HTTP {status}: {body[:120].decode(errors='replace')}")
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as exc:
                errors[kind].append(f"{type(exc).__name__}: {exc}")
                if connection is not None:
                    connection[1].close()
                connection = None
            latencies[kind].append(time.perf_counter() - start)
        if connection is not None:
            connection[1].close()

    # A plain HTTP/1.1 client on asyncio streams: the clients share the cores with the server, and httpx
    # spends several times more CPU per request than this.
    start = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    return {"elapsed": time.perf_counter() - start, "latencies": latencies, "errors": errors}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def report(result: dict) -> None:
    elapsed = result["elapsed"]
    rows = sorted(result["latencies"].items(), key=lambda kv: -len(kv[1]))
    everything = [v for _, values in rows for v in values]
    print(f"{'kind':<12} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}")
    for kind, values in rows + [("all", everything)]:
        n_errors = (sum(len(e) for e in result["errors"].values()) if kind == "all"
                    else len(result["errors"].get(kind, [])))
        print(f"{kind:<12} {len(values):>9} {len(values) / elapsed:>8.1f} {percentile(values, .5) * 1000:>8.1f} "
              f"{percentile(values, .99) * 1000:>8.1f} {max(values, default=0) * 1000:>8.1f} {n_errors:>7}")
    for kind, messages in result["errors"].items():
        for message in sorted(set(messages))[:3]:
            print(f"  error ({kind}): {message}")
    filtered = result["latencies"].get("events", [])
    if filtered:
        print(f"filtered event queries: p99 {percentile(filtered, .99) * 1000:.0f} ms "
              f"(target < 300 ms); errors: {sum(len(e) for e in result['errors'].values())} (target 0)")
    print(f"mean latency {statistics.fmean(everything) * 1000:.1f} ms over {elapsed:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="DuckDB store to use (built or topped up to --events); a temporary one if not given")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--cache-size", type=int, help="the server's answer cache (entries; 0: none)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "serve-load.duckdb")
        build_store(db, args.events, args.seed)
        server = Server(db, args.cache_size)
        try:
            waited = server.wait_warm()
            print(f"the server read the newest events into memory in {waited:.1f} s", file=sys.stderr)
            vocab = vocabulary(server.url)
            print(f"{args.clients} clients for {args.seconds:.0f} s against {server.url} ({os.cpu_count()} CPU cores "
                  f"shared by server and clients; answer cache: "
                  f"{'default' if args.cache_size is None else args.cache_size})", flush=True)
            result = asyncio.run(load(server.url, vocab, args.clients, args.seconds, args.max_requests, args.seed))
        finally:
            server.stop()
    report(result)
    return 1 if any(result["errors"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())

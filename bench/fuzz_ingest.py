"""Fuzz every reader and the cleaner: random and mutated inputs, counting crashes and hangs.

    .venv/bin/python bench/fuzz_ingest.py [--inputs 10000] [--seed 1] [--timeout 10]

Each input is a file of one registered type: random bytes, or a valid seed
file of that type mutated (bytes flipped, inserted, deleted, cut off,
repeated, nested). Reading it must give only articles and errors naming the
file. A crash is an exception escaping `read_paths` or an item that breaks
that rule; a hang is an input that takes longer than --timeout seconds. Feed
links are never fetched (the fetcher is replaced by one that refuses).
Prints the counts and exits 1 if there was any crash or hang.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import io
import json
import logging
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chronicle.clean import clean  # noqa: E402
from chronicle.ingest import READERS, InputError, RawArticle, ReadOptions, read_paths, web  # noqa: E402

STORY = "Russian warplanes bombed Islamic State targets near Raqqa on Friday, the defence ministry said. "


class Hang(BaseException):  # not an Exception: the readers turn those into input errors
    pass


def seeds() -> dict[str, bytes]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (f"<html><head><title>Strikes</title><meta charset='utf-8'></head><body><nav>Home</nav><article>"
            f"<h1>Strikes</h1><p>{STORY * 3}</p><p>{STORY}</p></article></body></html>").encode()
    warcs = {}
    for ext, gz in ((".warc", False), (".warc.gz", True)):
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warc_record("https://example.invalid/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        for ctype in ("text/html", "image/png", "text/html; charset=latin-1"):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://example.invalid/a", "response",
                                                          payload=io.BytesIO(page), http_headers=headers))
        warcs[ext] = out.getvalue()
    rss = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title><item><title>A</title>"
           b"<link>https://example.invalid/a</link><pubDate>Fri, 20 Nov 2015 10:00:00 GMT</pubDate></item>"
           b"</channel></rss>")
    atom = (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>W</title><entry><title>A</title>"
            b"<link href='https://example.invalid/a'/><updated>2015-11-20T10:00:00Z</updated></entry></feed>")
    line = json.dumps({"id": "a", "text": STORY * 3, "date": "2015-11-20", "title": "T"}).encode()
    csv = b'id,text,date\na,"' + (STORY * 3).encode() + b'",2015-11-20\nb,"Police arrested ""dozens"".",\n'
    parquet = _parquet()
    txt = b"Title: Strikes\nDate: 2015-11-20\n\n" + (STORY * 3).encode()
    by_ext = {".txt": txt, ".text": txt, ".html": page, ".htm": page, ".jsonl": line + b"\n" + line + b"\n",
              ".ndjson": line + b"\n", ".csv": csv, ".tsv": csv.replace(b",", b"\t"), ".rss": rss, ".atom": atom,
              ".parquet": parquet, ".pq": parquet, **warcs}
    missing = set(READERS) - set(by_ext)
    assert not missing, f"no seed for {missing}"
    return by_ext


def _parquet() -> bytes:
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.parquet"
        con = duckdb.connect()
        con.execute(f"COPY (SELECT 'a' AS id, ? AS text, DATE '2015-11-20' AS date) TO '{path}' (FORMAT parquet)",
                    [STORY * 3])
        con.close()
        return path.read_bytes()


def mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        n = len(data)
        at = rng.randrange(n + 1) if n else 0
        if kind == 0 and n:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(n)] = rng.randrange(256)
        elif kind == 1:  # insert junk
            data[at:at] = rng.randbytes(rng.randint(1, 64))
        elif kind == 2 and n:  # delete a run
            del data[at:at + rng.randint(1, 256)]
        elif kind == 3:  # cut off
            del data[at:]
        elif kind == 4 and n:  # repeat a slice many times (huge lines, deep nesting)
            piece = bytes(data[at:at + rng.randint(1, 16)]) or b"<"
            data[at:at] = piece * rng.choice((10, 1000, 50_000))
        elif kind == 5:  # markup and structure tokens
            token = rng.choice([b"<div>", b"</p>", b"<!--", b"<![CDATA[", b"&#0;", b"\x00", b"\"", b"\n",
                                b"{", b"[", b"\r\n", b"\xff\xfe", b"\xef\xbb\xbf", b"WARC/1.0\r\n", b"<item>"])
            data[at:at] = token * rng.randint(1, 2000)
        elif kind == 6:  # re-compress or wrap in gzip
            data = bytearray(gzip.compress(bytes(data))[: rng.randint(0, len(data) + 40)])
        else:  # splice in a different seed's bytes
            data[at:at] = rng.randbytes(rng.randint(0, 512))
    return bytes(data)


def check(path: Path) -> tuple[int, int]:
    articles = errors = 0
    for item in read_paths([str(path)], options=ReadOptions()):
        if isinstance(item, RawArticle):
            if not item.text.strip():
                raise AssertionError("an article with no text")
            articles += 1
        elif isinstance(item, InputError):
            if not item.source.startswith(str(path)) or not item.message.strip():
                raise AssertionError(f"an error that does not name its input: {item}")
            errors += 1
        else:
            raise AssertionError(f"unexpected item {item!r}")
    return articles, errors


def fuzz_cleaner(rng: random.Random) -> None:
    parts = ["Advertisement", "Share", "Photo: AP", "\n", "\n\n", " ", "Troops Crossed The Border", STORY, "\r", "\u2028"]
    text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 60)))
    start = rng.randint(0, len(text))
    cleaned = clean(text, start, rng.choice([None, "Share", STORY.strip()]))
    for s, e in cleaned.body + cleaned.furniture + cleaned.captions:
        if not start <= s <= e <= len(text):
            raise AssertionError(f"span {(s, e)} outside the text")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=10, help="seconds before an input counts as a hang")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura and warcio log every bad page

    def refuse(*_args, **_kwargs):
        raise ValueError("offline while fuzzing")
    web.fetch = refuse

    def alarm(*_args):
        raise Hang()
    signal.signal(signal.SIGALRM, alarm)

    rng = random.Random(args.seed)
    base = seeds()
    exts = sorted(base)
    counts = collections.Counter()
    crashes: list[str] = []
    hangs: list[str] = []
    slowest = (0.0, "")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.inputs):
            if n % 10 == 9:  # one input in ten exercises the cleaner directly
                counts["cleaner"] += 1
                try:
                    fuzz_cleaner(rng)
                except Exception:
                    crashes.append(f"cleaner #{n}: {traceback.format_exc(limit=3)}")
                continue
            ext = exts[n % len(exts)]
            data = rng.randbytes(rng.randint(0, 2048)) if rng.random() < 0.2 else mutate(rng, base[ext])
            path = Path(tmp) / f"in{n}{ext}"
            path.write_bytes(data)
            counts[ext] += 1
            t0 = time.monotonic()
            signal.alarm(args.timeout)
            try:
                articles, errors = check(path)
                counts["articles"] += articles
                counts["errors"] += errors
            except Hang:
                hangs.append(f"{path.name} ({len(data)} bytes)")
            except Exception:
                crashes.append(f"{path.name} ({len(data)} bytes): {traceback.format_exc(limit=4)}")
            finally:
                signal.alarm(0)
            took = time.monotonic() - t0
            slowest = max(slowest, (took, path.name))
            path.unlink()
    elapsed = time.monotonic() - started
    inputs = sum(v for k, v in counts.items() if k not in ("articles", "errors"))
    print(f"inputs: {inputs} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()) if k.startswith('.'))}, "
          f"cleaner {counts['cleaner']})")
    print(f"articles read: {counts['articles']}, input errors reported: {counts['errors']}")
    print(f"crashes: {len(crashes)}, hangs (> {args.timeout} s): {len(hangs)}")
    print(f"time: {elapsed:.0f} s, slowest input {slowest[0]:.2f} s ({slowest[1]})")
    for line in crashes[:10] + hangs[:10]:
        print("---", line)
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())

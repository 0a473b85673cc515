"""Property-based robustness of every reader and of the cleaner.

Whatever bytes a file holds, reading it ends (quickly) in articles and clear
errors naming the file: never an exception, never a hang. `bench/fuzz_ingest.py`
runs the same checks over 10,000+ inputs; here hypothesis runs a modest number.
"""

from __future__ import annotations

import gzip
import io
import json
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.clean import clean
from chronicle.ingest import READERS, InputError, RawArticle, ReadOptions, read_paths
from chronicle.ingest import web

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                              HealthCheck.too_slow])
EXTENSIONS = sorted(READERS)
SLOW_SECONDS = 30  # one input taking longer than this counts as a hang (margin for a slow, loaded CI machine)

HTML_BITS = ["<html>", "<head>", "<title>", "</title>", "<body>", "<div>", "</div>", "<p>", "</p>", "<article>",
             "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x0;", "&#99999999;", "<", ">",
             "\"", "'", "=", "<meta charset='utf-7'>", "<meta charset=nonsense>", "<br/>", "\x00", "\ufeff",
             "Troops crossed the border on Monday, officials said. ", "\n", " "]
XML_BITS = ["<?xml version='1.0'?>", "<rss version='2.0'>", "</rss>", "<channel>", "</channel>", "<item>", "</item>",
            "<link>", "</link>", "<title>", "</title>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>",
            "<entry>", "<link href='x'/>", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", "&a;", "<![CDATA[", "]]>",
            "http://example.invalid/a", "<", ">", "\x00", "\n"]
CSV_BITS = ["text", "id", "date", ",", "\"", "\"\"", "\n", "\r\n", "\t", "2015-01-01", "not a date", "\x00",
            "Rebels seized the town. ", "é", "\udcff"]


def check(path: Path, options: ReadOptions | None = None) -> list:
    """Read one input: only articles and errors naming it come out, in bounded time."""
    started = time.monotonic()
    items = list(read_paths([str(path)], options=options or ReadOptions()))
    assert time.monotonic() - started < SLOW_SECONDS, f"{path.name} took too long"
    for item in items:
        assert isinstance(item, (RawArticle, InputError)), item
        if isinstance(item, InputError):
            assert item.source.startswith(str(path)) and item.message.strip()
        else:
            assert item.text.strip()
    return items


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Feeds name links: in these tests no fetch leaves the machine."""
    def refuse(*args, **kwargs):
        raise ValueError("offline in tests")
    monkeypatch.setattr(web, "fetch", refuse)


def write(tmp_path: Path, ext: str, data: bytes) -> Path:
    path = tmp_path / f"input{ext}"
    path.write_bytes(data)
    return path


@SETTINGS
@given(ext=st.sampled_from(EXTENSIONS), data=st.binary(max_size=2048))
def test_random_bytes_in_any_reader(tmp_path, ext, data):
    check(write(tmp_path, ext, data))


def _joined(bits: list[str], encoding: str = "utf-8"):
    return st.lists(st.sampled_from(bits), max_size=60).map(lambda xs: "".join(xs).encode(encoding, "surrogatepass"))


@SETTINGS
@given(ext=st.sampled_from([".html", ".htm", ".rss", ".atom", ".txt"]),
       data=st.one_of(_joined(HTML_BITS), _joined(XML_BITS)))
def test_malformed_markup(tmp_path, ext, data):
    check(write(tmp_path, ext, data))


@SETTINGS
@given(ext=st.sampled_from([".csv", ".tsv"]), data=_joined(CSV_BITS))
def test_malformed_csv(tmp_path, ext, data):
    check(write(tmp_path, ext, data), ReadOptions(columns={"id": "date"}))


@SETTINGS
@given(lines=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=40), st.lists(st.integers(), max_size=3)),
                    max_size=5).map(json.dumps),
    st.text(max_size=60)), max_size=8))
def test_jsonl_lines_of_any_shape(tmp_path, lines):
    items = check(write(tmp_path, ".jsonl", "\n".join(lines).encode("utf-8", "surrogatepass")))
    assert all(isinstance(i, InputError) or i.source.startswith(f"{tmp_path}") for i in items)


def _warc_bytes(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for n in range(3):
        page = (f"<html><title>Page {n}</title><body><article><p>" + "Police arrested protesters in the capital. " * 8
                + "</p></article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.invalid/{n}", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    return out.getvalue()


WARC_GZ = _warc_bytes(True)
WARC = _warc_bytes(False)


def _member_ends(data: bytes) -> set[int]:
    ends, pos = set(), 0
    while pos < len(data):
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        member.decompress(data[pos:])
        pos = len(data) - len(member.unused_data)
        ends.add(pos)
    return ends


GZ_MEMBER_ENDS = _member_ends(WARC_GZ)
# Likewise in a plain archive: where one record's closing blank lines end and the next record begins.
RECORD_ENDS = {i + 4 for i in range(len(WARC)) if WARC.startswith(b"\r\n\r\nWARC/", i)}


@SETTINGS
@given(gz=st.booleans(), cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)),
                                                               max_size=4))
def test_truncated_and_corrupted_warcs(tmp_path, gz, cut, flips):
    data = bytearray(WARC_GZ if gz else WARC)
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = bytes(data[: int(cut * len(data))])
    items = check(write(tmp_path, ".warc.gz" if gz else ".warc", data))
    whole = WARC_GZ if gz else WARC
    # A cut exactly between gzip members, or between the records of a plain archive, leaves a whole,
    # shorter archive: nothing can tell it apart.
    between_members = len(data) in (GZ_MEMBER_ENDS if gz else RECORD_ENDS)
    if not flips and 0 < len(data) < len(whole) - 4 and not between_members:
        assert any(isinstance(i, InputError) for i in items)  # a cut-off archive is never taken as whole


@SETTINGS
@given(data=st.binary(min_size=1, max_size=1024), cut=st.floats(0, 1))
def test_truncated_gzip(tmp_path, data, cut):
    whole = gzip.compress(data)
    check(write(tmp_path, ".warc.gz", whole[: int(cut * len(whole))]))


@pytest.mark.parametrize("ext, data", [
    (".html", b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000),
    (".rss", b"<rss><channel>" + b"<item>" * 50_000 + b"</channel></rss>"),
    (".atom", b"<feed>" + b"<a>" * 100_000),
    (".jsonl", b"[" * 100_000 + b"\n" + b'{"text": ' * 50_000 + b"\n"),
    (".jsonl", b'{"text": "' + b"a" * 3_000_000 + b'"}\n'),
    (".csv", b"text\n" + b"word " * 600_000 + b"\n"),
    (".txt", b"x" * 3_000_000),
    (".html", b"<p>" + b"y" * 3_000_000),
    (".txt", (("Troops advanced. " * 50 + "\n") * 2000).encode()),
    (".text", b"\x1c"),  # whitespace to str.strip(), not to bytes.strip() (found by bench/fuzz_ingest.py)
    (".txt", "\u3000\u2029".encode()),
    (".warc.gz", zlib.compress(b"WARC/1.0\r\n" * 1000)),
])
def test_deep_nesting_and_huge_lines(tmp_path, ext, data):
    check(write(tmp_path, ext, data))


@settings(max_examples=60, deadline=None)
@given(text=st.lists(st.sampled_from(list("ab .\n\r\t\u2028\u00a0\"“”") + ["Advertisement", "Share", "Photo: AP",
                                                                            "Troops Crossed The Border"]),
                    max_size=120).map("".join),
       title=st.one_of(st.none(), st.text(max_size=20)), start=st.integers(0, 50))
def test_cleaner_spans_always_index_the_input(text, title, start):
    start = min(start, len(text))
    cleaned = clean(text, start, title)
    for s, e in cleaned.body + cleaned.furniture + cleaned.captions:
        assert start <= s <= e <= len(text)
    for s, e in cleaned.body:
        assert text[s:e] in cleaned.text
    if cleaned.title:
        s, e = cleaned.title
        assert 0 <= s <= e <= len(text)
    for offset in range(0, len(cleaned.text) + 1, 7):
        assert 0 <= cleaned.offsets.start(offset) <= len(text)

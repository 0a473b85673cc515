"""HTML pages: main text, title and date through trafilatura and htmldate.

Spans of an HTML article index the extracted main text, which becomes the
document's `text`: the markup itself is not a text a reader can cite.

Extraction is bounded, because mutated markup can keep trafilatura busy for
minutes: a page over `MAX_HTML_CHARS` is refused (a news page is a few hundred
kB; cutting markup could keep the furniture and drop the story), and one that
takes over `EXTRACT_SECONDS` is given up with an error. The time bound is a
SIGALRM timer, so it only applies in a process's main thread when no other
timer is running (a caller's own alarm, like the fuzzer's, is left alone);
elsewhere (server or worker threads) the size cap is the guard. No watchdog
thread is used: a Python thread cannot be stopped, it would leak.
"""

from __future__ import annotations

import codecs
import re
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from chronicle.ingest.base import InputError, RawArticle, ReadOptions, decode_text, normalise_date, read_bytes, register


MAX_HTML_CHARS = 5_000_000
EXTRACT_SECONDS = 20.0

META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes of a web page as text: the declared encoding (HTTP or <meta>), else UTF-8, else Windows-1252."""
    if not data.strip():
        raise ValueError("empty page")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary content (contains NUL bytes), not an HTML page")
    declared = charset
    if not declared:
        match = META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    if declared:
        try:
            codecs.lookup(declared)
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def article_from_html(html: str, source: str, options: ReadOptions, default_id: str | None,
                      url: str | None = None) -> RawArticle:
    import trafilatura  # imported here: it is slow to import and only HTML needs it
    from htmldate import find_date

    if len(html) > MAX_HTML_CHARS:
        raise ValueError(f"HTML page of {len(html) / 1e6:.1f} million characters, over the "
                         f"{MAX_HTML_CHARS / 1e6:g} million that Chronicle extracts an article from")
    with _time_limit(EXTRACT_SECONDS):
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
        text = getattr(doc, "text", None) if doc is not None else None
        if not text or not text.strip():
            raise ValueError("no article text found in the HTML page")
        date = options.date
        if not date:
            found = getattr(doc, "date", None) or find_date(html, extensive_search=False, original_date=True)
            date = normalise_date(found) if found else None
    return RawArticle(text=text, id=default_id, date=date, title=getattr(doc, "title", None),
                      url=url or getattr(doc, "url", None), source=source)


class _TooSlow(BaseException):
    """Raised by the timer; a BaseException so that the extractor's own `except Exception` cannot swallow it."""


@contextmanager
def _time_limit(seconds: float):
    """Give up (ValueError) after `seconds`, where a SIGALRM timer can be used: see the module's docstring."""
    usable = (threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise _TooSlow()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TooSlow:
        raise ValueError(f"HTML extraction gave up after {seconds:g} s (markup too complex or malformed)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@register(".html", ".htm")
def read_html(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    data = read_bytes(path)
    try:
        html = decode_text(data)
    except ValueError as exc:
        if "UTF-8" not in str(exc):
            raise
        html = decode_html(data)  # web pages declare their own encodings
    yield article_from_html(html, str(path), options, default_id=path.stem)

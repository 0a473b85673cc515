"""Web archives: WARC and WARC.gz files, read as a stream with warcio.

Each `response` record holding an HTML page becomes an article, extracted
like an HTML file, with the record's target URI as its URL. Every other
record (requests, metadata, images, error statuses, pages with no story) is
skipped and counted in `ReadOptions.stats`. Records are read one at a time,
so memory stays bounded whatever the archive's size; a page over the size
limit is skipped, not loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from chronicle.ingest.base import InputError, RawArticle, ReadOptions, register
from chronicle.ingest.html import article_from_html, decode_html

MAX_RECORD_BYTES = 10 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")


@register(".warc", ".warc.gz")
def read_warc(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stats = options.stats
    number = 0
    with path.open("rb") as handle:
        _check_start(handle.read(4096))
        handle.seek(0)
        iterator = _quiet(ArchiveIterator)(handle)
        previous = None
        try:
            for record in iterator:
                _check_complete(previous, number)
                if iterator.err_count:
                    iterator.err_count = 0
                    yield InputError(f"{path}:record {number}", "unexpected data after the record: its "
                                     "Content-Length is wrong or the archive is corrupt")
                number += 1
                article = _article(record, path, number, options)
                if isinstance(article, str):
                    stats.skip(f"WARC {article}")
                elif article is not None:
                    yield article
                previous = record
            _check_complete(previous, number)
            if number:
                # warcio stops quietly at a cut-off gzip member or header: whatever follows the last
                # complete record must be padding.
                start = iterator.get_record_offset()
                end = start + iterator.get_record_length()
                if not _record_complete(handle, start, end):
                    raise Truncated(f"archive is truncated: record {number} is cut off at its end (closing blank lines "
                                    "or gzip checksum missing); the records before it were read")
                handle.seek(end)
                if handle.read(4096).strip(b"\r\n\x00 "):
                    raise Truncated(f"archive is truncated or corrupt after record {number} (byte {end}); "
                                    "the records before it were read")
        except Truncated:
            raise
        except ArchiveLoadFailed as exc:
            where = f"after record {number}" if number else "at the start"
            raise ValueError(f"not a readable WARC file ({where}): {_short(exc)}") from None
        except Exception as exc:  # truncated gzip, corrupt block, bad header: warcio fails in many ways
            if number == 0:
                raise ValueError(f"not a readable WARC file: {_short(exc)}") from None
            raise ValueError(f"archive ends badly after record {number} ({type(exc).__name__}: "
                             f"{_short(exc)}); the records before it were read") from None
    if number == 0:
        raise ValueError("no records in the archive")


def _quiet(base):
    """warcio's iterator, reporting a record that overruns its length by a count instead of on stderr."""

    class Quiet(base):
        def _consume_blanklines(self):
            empty_size = 0
            first_line = True
            while True:
                line = self.reader.readline()
                if len(line) == 0:
                    return None, empty_size
                if len(line.rstrip()) == 0 or first_line:
                    empty_size += len(line)
                    if len(line.rstrip()) != 0:
                        self.err_count += 1
                    first_line = False
                    continue
                return line, empty_size

    return Quiet


class Truncated(ValueError):
    pass


def _check_complete(record, number: int) -> None:
    """A record whose content ends before its declared length means the file was cut off."""
    if record is None:
        return
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        raise Truncated(f"archive is truncated or corrupt: record {number} has no valid Content-Length header")
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise Truncated(f"archive is truncated: record {number} ends before its declared length; "
                        "the records before it were read")


def _record_complete(handle, start: int, end: int) -> bool:
    """Whether the last record (start..end) ends as a whole record does.

    warcio takes a record as whole once its content is read, so a file cut in the
    record's closing blank lines, or in its gzip member's last 8 bytes (zlib hands
    back the data before reading the checksum), would pass unnoticed.
    """
    import zlib

    handle.seek(start)
    if handle.read(2) != b"\x1f\x8b":
        handle.seek(end)  # warcio's length stops before the two closing CRLFs
        return handle.read(4) == b"\r\n\r\n"
    handle.seek(start)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    remaining = end - start
    try:
        while remaining > 0 and not member.eof:
            chunk = handle.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
            member.decompress(chunk, 1 << 16)
            while member.unconsumed_tail and not member.eof:
                member.decompress(member.unconsumed_tail, 1 << 16)
    except zlib.error:
        return False
    return member.eof


def _check_start(head: bytes) -> None:
    """A WARC file (each gzip member too) starts with a `WARC/1.x` line: anything else is refused up front."""
    import zlib

    if not head.strip():
        raise ValueError("empty file")
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error as exc:
            raise ValueError(f"not a readable WARC file: corrupt gzip data ({exc})") from None
    if not head.lstrip(b"\r\n").startswith(b"WARC/"):
        raise ValueError("not a WARC file: it does not start with a WARC/1.x record header")


def _article(record, path: Path, number: int, options: ReadOptions) -> RawArticle | InputError | str | None:
    """The record's article, or a string saying why it was skipped."""
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    http = record.http_headers
    if http is None:
        return "responses without HTTP headers"
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return "responses with a non-2xx status"
    media = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media not in HTML_TYPES:
        return "non-HTML responses"
    body = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(body) > MAX_RECORD_BYTES:
        return "pages over the size limit"
    _check_complete(record, number)  # before a cut-off page is taken for an article
    url = record.rec_headers.get_header("WARC-Target-URI")
    charset = None
    for part in (http.get_header("Content-Type") or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    where = f"{path}:record {number}"
    try:
        html = decode_html(body, charset)
        article = article_from_html(html, where, options, default_id=None, url=url)
    except ValueError as exc:
        if "no article text" in str(exc) or "empty page" in str(exc):
            return "pages with no article text"
        return InputError(f"{where} ({url})", str(exc))
    except RecursionError:
        return InputError(f"{where} ({url})", "page nested too deeply to extract")
    except Exception as exc:  # the extractor failing on one malformed page: that page is the error
        return InputError(f"{where} ({url})", f"could not be extracted ({type(exc).__name__}: {exc})")
    return article


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__

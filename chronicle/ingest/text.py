"""Plain-text articles, with optional `Title:`, `Date:` and `URL:` header lines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from chronicle.ingest.base import InputError, RawArticle, ReadOptions, decode_text, normalise_date, read_bytes, register

HEADER = re.compile(r"(?P<key>title|date|url|id)[ \t]*:[ \t]*(?P<value>.*)", re.IGNORECASE)


def parse_headers(text: str) -> tuple[dict[str, str], int]:
    """Read `Key: value` lines at the very top; return them and where the body starts."""
    headers: dict[str, str] = {}
    pos = 0
    for line in text.splitlines(keepends=True):
        match = HEADER.fullmatch(line.rstrip("\r\n"))
        if not match:
            break
        headers[match.group("key").lower()] = match.group("value").strip()
        pos += len(line)
    return (headers, pos) if headers else ({}, 0)


def article_from_text(text: str, source: str | None, options: ReadOptions, default_id: str | None) -> RawArticle:
    headers, body_start = parse_headers(text)
    date = options.date or normalise_date(headers.get("date"))
    return RawArticle(text=text, id=headers.get("id") or default_id, date=date, title=headers.get("title"),
                      url=headers.get("url"), source=source, body_start=body_start)


@register(".txt", ".text")
def read_text(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    text = decode_text(read_bytes(path))
    yield article_from_text(text, str(path), options, default_id=path.stem)

"""HTML pages: main text, title and date through trafilatura and htmldate.

Spans of an HTML article index the extracted main text, which becomes the
document's `text`: the markup itself is not a text a reader can cite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from chronicle.ingest.base import InputError, RawArticle, ReadOptions, decode_text, normalise_date, read_bytes, register


def article_from_html(html: str, source: str, options: ReadOptions, default_id: str, url: str | None = None) -> RawArticle:
    import trafilatura  # imported here: it is slow to import and only HTML needs it
    from htmldate import find_date

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


@register(".html", ".htm")
def read_html(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    data = read_bytes(path)
    try:
        html = decode_text(data)
    except ValueError as exc:
        if "UTF-8" not in str(exc):
            raise
        # Web pages declare their own encodings; let lxml work it out from the bytes.
        html = data.decode("latin-1")
    yield article_from_html(html, str(path), options, default_id=path.stem)

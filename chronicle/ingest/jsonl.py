"""JSONL corpora: one article per line, `{"id", "text", "date", "title"?, "url"?}` (or mapped names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from chronicle.ingest.base import InputError, RawArticle, ReadOptions, register
from chronicle.ingest.tabular import article_from_row


@register(".jsonl", ".ndjson")
def read_jsonl(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    seen_any = False
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            seen_any = True
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield InputError(where, "invalid UTF-8 on this line")
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                hint = " (truncated line?)" if not raw.endswith(b"\n") else ""
                yield InputError(where, f"not valid JSON: {exc.msg} (column {exc.colno}){hint}")
                continue
            except RecursionError:
                yield InputError(where, "JSON nested too deeply")
                continue
            except ValueError as exc:  # e.g. an integer literal too long to convert
                yield InputError(where, f"not valid JSON: {exc}")
                continue
            if not isinstance(item, dict):
                yield InputError(where, "each line must be a JSON object")
                continue
            try:
                yield article_from_row(item, where, options, f"{path.stem}-{number}")
            except ValueError as exc:
                yield InputError(where, str(exc))
    if not seen_any:
        raise ValueError("empty file")

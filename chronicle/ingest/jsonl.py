"""JSONL corpora: one article per line, `{"id", "text", "date", "title"?, "url"?}`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from chronicle.ingest.base import InputError, RawArticle, ReadOptions, normalise_date, register


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
            if not isinstance(item, dict):
                yield InputError(where, "each line must be a JSON object")
                continue
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                yield InputError(where, "missing or empty \"text\" field")
                continue
            try:
                date = options.date or normalise_date(item.get("date"))
            except ValueError as exc:
                yield InputError(where, str(exc))
                continue
            ident = item.get("id")
            yield RawArticle(text=text, id=str(ident) if ident is not None else f"{path.stem}-{number}",
                             date=date, title=_opt_str(item.get("title")), url=_opt_str(item.get("url")),
                             source=where)
    if not seen_any:
        raise ValueError("empty file")


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None

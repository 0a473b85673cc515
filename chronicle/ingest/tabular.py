"""CSV and Parquet corpora: one article a row, columns mapped to fields.

By default the columns are named like the fields (`text`, `id`, `date`,
`title`, `url`); `ReadOptions.columns` (`--columns text=body,id=uid`) maps
other names. JSONL objects are read through the same mapping. Spans of a
corpus article index its text column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Iterator, Mapping

from chronicle.ingest.base import MAX_BYTES, InputError, RawArticle, ReadOptions, normalise_date, register

PARQUET_BATCH = 256  # rows fetched at a time: memory stays bounded whatever the file's size


def article_from_row(row: Mapping[str, object], where: str, options: ReadOptions, default_id: str) -> RawArticle:
    """One article from one row or object; a missing text or bad date is a ValueError naming the column."""
    text_column = options.column("text")
    text = row.get(text_column)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"missing or empty {text_column!r} {'field' if text_column == 'text' else 'column'}")
    date = options.date
    if not date:
        value = row.get(options.column("date"))
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        date = normalise_date(value)
    ident = row.get(options.column("id"))
    return RawArticle(text=text, id=str(ident) if ident not in (None, "") else default_id, date=date,
                      title=_opt_str(row.get(options.column("title"))), url=_opt_str(row.get(options.column("url"))),
                      source=where)


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _check_columns(found: list[str], options: ReadOptions) -> None:
    if options.column("text") not in found:
        shown = ", ".join(found[:20]) or "(none)"
        raise ValueError(f"no {options.column('text')!r} column (columns: {shown}); "
                         f"name the text column with --columns text=NAME")


@register(".csv", ".tsv")
def read_csv(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    csv.field_size_limit(MAX_BYTES)  # a long article is one field: allow it, up to the size limit of a file
    with path.open("rb") as raw:
        if not raw.read(1):
            raise ValueError("empty file")
        raw.seek(0)
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(handle, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        try:
            header = next(reader, None)
            if header is None or not any(h.strip() for h in header):
                raise ValueError("empty file")
            header = [h.strip() for h in header]
            _check_columns(header, options)
            seen_any = False
            while True:
                line = reader.line_num + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                where = f"{path}:{line}"
                if not any(c.strip() for c in cells):
                    continue
                seen_any = True
                if len(cells) != len(header):
                    yield InputError(where, f"row has {len(cells)} cells, the header {len(header)}")
                    continue
                try:
                    yield article_from_row(dict(zip(header, cells)), where, options, f"{path.stem}-{line}")
                except ValueError as exc:
                    yield InputError(where, str(exc))
        except UnicodeDecodeError as exc:
            raise ValueError(f"invalid UTF-8 after line {reader.line_num}; re-encode the file as UTF-8 "
                             f"({exc.reason})") from None
        except csv.Error as exc:
            raise ValueError(f"malformed CSV at line {reader.line_num}: {exc}") from None
    if not seen_any:
        raise ValueError("no rows below the header")


@register(".parquet", ".pq")
def read_parquet(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    import duckdb  # the store's engine reads Parquet as a stream of row batches

    con = duckdb.connect(":memory:")
    try:
        try:
            cursor = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        except duckdb.Error as exc:
            raise ValueError(f"not a readable Parquet file: {_first_line(exc)}") from None
        names = [d[0] for d in cursor.description]
        _check_columns(names, options)
        number = 0
        while True:
            try:
                rows = cursor.fetchmany(PARQUET_BATCH)
            except duckdb.Error as exc:
                raise ValueError(f"unreadable Parquet data after row {number}: {_first_line(exc)}") from None
            if not rows:
                break
            for values in rows:
                number += 1
                where = f"{path}:row {number}"
                try:
                    yield article_from_row(dict(zip(names, values)), where, options, f"{path.stem}-{number}")
                except ValueError as exc:
                    yield InputError(where, str(exc))
        if not number:
            raise ValueError("no rows in the Parquet file")
    finally:
        con.close()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]

"""Writers of exported rows: JSON lines, CSV, and Parquet (through DuckDB, no pyarrow).

Each takes rows as they come and keeps none in memory: JSONL and CSV write
through, Parquet stages them in a temporary DuckDB file next to the output and
copies that to Parquet at the end. Files are written under a temporary name
and renamed when complete, so a failed export leaves no half file behind.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any, Iterable

from chronicle.export.layouts import Column

FORMATS = ("jsonl", "csv", "parquet")


class _Partial:
    """An output file written under a temporary name in its folder; `commit` gives it its name."""

    def __init__(self, path: str, suffix: str) -> None:
        self.path = Path(path)
        folder = self.path.parent
        if not folder.is_dir():
            raise ValueError(f"cannot write {path}: no folder {folder}")
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=suffix, dir=folder)
        os.close(fd)
        self.temp = Path(name)

    def commit(self) -> None:
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)


def write_rows(columns: tuple[Column, ...], rows: Iterable[list[Any]], fmt: str, out: str | None) -> int:
    """Write rows (values in `columns` order) as `fmt` to the file `out` (stdout when None); rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not out:
            raise ValueError("Parquet needs a file: give --out")
        return _parquet(columns, rows, out)
    if not out:
        return _text(columns, rows, fmt, sys.stdout)
    partial = _Partial(out, ".part")
    try:
        with partial.temp.open("w", encoding="utf-8", newline="") as handle:
            count = _text(columns, rows, fmt, handle)
    except BaseException:
        partial.discard()
        raise
    partial.commit()
    return count


def _text(columns: tuple[Column, ...], rows: Iterable[list[Any]], fmt: str, handle: IO[str]) -> int:
    names = [c.name for c in columns]
    count = 0
    if fmt == "csv":
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            count += 1
        return count
    for row in rows:
        handle.write(json.dumps(dict(zip(names, row)), ensure_ascii=False) + "\n")
        count += 1
    return count


def _parquet(columns: tuple[Column, ...], rows: Iterable[list[Any]], out: str, batch: int = 5000) -> int:
    import duckdb
    import numpy as np

    partial = _Partial(out, ".parquet")
    staging = Path(tempfile.mkdtemp(prefix=".chronicle-export-", dir=partial.path.parent))
    con = duckdb.connect(str(staging / "rows.duckdb"))
    count = 0
    try:
        con.execute("CREATE TABLE rows (" + ", ".join(f'"{c.name}" {c.type}' for c in columns) + ")")
        select = ", ".join(f'CAST("{c.name}" AS {c.type})' for c in columns)

        def flush(pending: list[list[Any]]) -> None:
            # Column-wise NumPy object arrays, read by DuckDB in place (one statement per batch).
            _export_rows = {}
            for c, values in zip(columns, zip(*pending)):
                array = np.empty(len(values), dtype=object)
                array[:] = [str(v) if v is not None and c.type == "DATE" else v for v in values]
                _export_rows[c.name] = array
            con.execute(f"INSERT INTO rows SELECT {select} FROM _export_rows")

        pending: list[list[Any]] = []
        for row in rows:
            pending.append(row)
            count += 1
            if len(pending) >= batch:
                flush(pending)
                pending.clear()
        if pending:
            flush(pending)
        target = str(partial.temp).replace("'", "''")
        con.execute(f"COPY rows TO '{target}' (FORMAT parquet)")
        con.close()
        partial.commit()
    except BaseException:
        con.close()
        partial.discard()
        raise
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()
    return count

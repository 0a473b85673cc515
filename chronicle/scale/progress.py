"""The progress bar of `chronicle run` (on stderr): articles done, articles per second and, when the number of
articles can be known cheaply beforehand, the total and an ETA."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from chronicle.ingest import reader_for
from chronicle.ingest.base import is_url

LINE_FORMATS = (".jsonl", ".ndjson")  # one article a line
TABLE_FORMATS = (".csv", ".tsv")  # a header, then (most often) one article a line
ONE_ARTICLE = (".txt", ".text", ".html", ".htm")


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles (or input errors) the inputs hold, when that is cheap to know; else None.

    Files of one article, JSONL lines and Parquet rows (from the file's metadata) count exactly; CSV rows are
    counted as lines (a quoted field over several lines makes the ETA a little pessimistic). URLs, feeds and
    web archives give no count.
    """
    total = 0
    for raw in paths:
        if is_url(raw):
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file() and not any(
            part.startswith(".") for part in p.relative_to(path).parts)) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if path.is_dir() and reader_for(file) is None:
                continue
            if name.endswith(ONE_ARTICLE) or not file.exists():
                total += 1
            elif name.endswith(LINE_FORMATS + TABLE_FORMATS):
                lines = _count_lines(file)
                total += max(lines - 1, 0) if name.endswith(TABLE_FORMATS) else lines
            elif name.endswith(".parquet"):
                total += _count_rows(file)
            else:
                return None
    return total


def _count_lines(path: Path) -> int:
    """Lines that are not blank (JSONL readers skip blank lines)."""
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _count_rows(path: Path) -> int:
    import duckdb

    try:
        return duckdb.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0]
    except duckdb.Error:
        return 1  # the reader will report the file as one error


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(_rate(task), style="progress.data.speed")


def _rate(task: Task) -> str:
    speed = task.speed or (task.completed / task.elapsed if task.elapsed else None)
    return f"{speed:.1f} articles/s" if speed else "- articles/s"


class ProgressReport:
    """Progress on stderr: a live bar on a terminal; elsewhere (a log file) a line per 1% done, or per
    `every` articles when the total is unknown. Use with `with`; `advance(n)` as articles finish;
    `print(message)` for lines that must not break the bar."""

    def __init__(self, total: int | None, console: Console | None = None, every: int = 1000) -> None:
        self.console = console or Console(stderr=True)
        self.live = self.console.is_terminal
        columns: list[ProgressColumn] = [TextColumn("articles"), SpinnerColumn() if total is None else BarColumn(),
                                         MofNCompleteColumn() if total else TextColumn("{task.completed}"),
                                         RateColumn(), TimeElapsedColumn()]
        if total:
            columns += [TextColumn("ETA"), TimeRemainingColumn()]
        self.bar = Progress(*columns, console=self.console, redirect_stdout=False, speed_estimate_period=60,
                            disable=not self.live)
        self.task = self.bar.add_task("articles", total=total)
        self.step = max(total // 100, 1) if total else every
        self.logged = 0

    def __enter__(self) -> "ProgressReport":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)
        if not self.live and self.logged != self.bar.tasks[0].completed:
            self._log()

    def advance(self, n: int = 1) -> None:
        self.bar.advance(self.task, n)
        if not self.live and self.bar.tasks[0].completed - self.logged >= self.step:
            self._log()

    def print(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def _log(self) -> None:
        task = self.bar.tasks[0]
        self.logged = int(task.completed)
        done = f"{self.logged}/{int(task.total)}" if task.total else f"{self.logged}"
        eta = task.time_remaining
        line = f"articles {done}, {_rate(task)}"
        if eta is not None and task.total:
            line += f", ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        self.print(line)

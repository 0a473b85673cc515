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

    Files of one article and JSONL lines count exactly; CSV rows are counted as lines (a quoted field over
    several lines makes the ETA a little pessimistic). URLs, feeds, archives and Parquet give no count.
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
            else:
                return None
    return total


def _count_lines(path: Path) -> int:
    """Lines that are not blank (JSONL readers skip blank lines)."""
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.speed or (task.completed / task.elapsed if task.elapsed else None)
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")


def progress_bar(total: int | None, console: Console | None = None) -> Progress:
    """A progress bar on stderr; start it with `with`, then `advance(n)` with the articles done."""
    columns: list[ProgressColumn] = [TextColumn("articles"), SpinnerColumn() if total is None else BarColumn(),
                                     MofNCompleteColumn() if total is not None else TextColumn("{task.completed}"),
                                     RateColumn(), TimeElapsedColumn()]
    if total is not None:
        columns += [TextColumn("ETA"), TimeRemainingColumn()]
    progress = Progress(*columns, console=console or Console(stderr=True), redirect_stdout=False,
                        speed_estimate_period=60)
    progress.add_task("articles", total=total)
    return progress


def advance(progress: Progress, n: int = 1) -> None:
    progress.advance(progress.task_ids[0], n)

"""Raw articles, input errors and the reader registry."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

MAX_BYTES = 50 * 1024 * 1024  # one article file larger than this is refused, not loaded


@dataclass(frozen=True)
class RawArticle:
    text: str
    id: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    # Where the story starts in `text` (after header lines), so cleaning skips the headers.
    body_start: int = 0


@dataclass(frozen=True)
class InputError:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Reader = Callable[[Path, "ReadOptions"], Iterator["RawArticle | InputError"]]


@dataclass(frozen=True)
class ReadOptions:
    date: str | None = None  # publication date given on the command line


READERS: dict[str, Reader] = {}


def register(*extensions: str) -> Callable[[Reader], Reader]:
    def wrap(func: Reader) -> Reader:
        for ext in extensions:
            READERS[ext] = func
        return func
    return wrap


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for ext, reader in sorted(READERS.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(ext):
            return reader
    return None


def normalise_date(value: object) -> str | None:
    """Accept YYYY-MM-DD (optionally followed by a time); anything else is an error."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"date must be a string, got {type(value).__name__}")
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    if not match:
        raise ValueError(f"unreadable date {value!r} (expected YYYY-MM-DD)")
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise ValueError(f"invalid date {value!r}") from None
    return match.group(1)


def read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MiB limit for one article file")
    return path.read_bytes()


def decode_text(data: bytes) -> str:
    """Strict UTF-8 (BOM allowed). Binary and mis-encoded files get a clear error."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(f"invalid UTF-8 at byte {exc.start} (line {line}); re-encode the file as UTF-8") from None
    return text


def read_paths(paths: Iterable[str | Path], date: str | None = None) -> Iterator[RawArticle | InputError]:
    """Yield articles (and errors) from files and directories, recursively."""
    options = ReadOptions(date=date)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                reader = reader_for(child)
                if reader is None:
                    continue  # a directory may hold READMEs and the like: only known types are read
                yield from _run_reader(reader, child, options)
        elif not path.exists():
            yield InputError(str(path), "no such file or directory")
        else:
            reader = reader_for(path)
            if reader is None:
                known = ", ".join(sorted(READERS))
                yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; known types: {known}")
                continue
            yield from _run_reader(reader, path, options)


def _run_reader(reader: Reader, path: Path, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    try:
        for item in reader(path, options):
            if isinstance(item, RawArticle) and not looks_english(item.text):
                yield InputError(item.source or str(path), "text does not look like English; Chronicle codes "
                                 "English news only, so it was not processed")
            else:
                yield item
    except (OSError, ValueError) as exc:
        yield InputError(str(path), str(exc))


# Frequent English function words: news prose in English is full of them, other languages are not.
ENGLISH_WORDS = frozenset("""the of and to in a is that for on was with as by he said it at from his
an be has have are were had not but its they this who their which been after will more would
also about than over into she her we our""".split())


def looks_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(words) < 30:
        return True  # too short to tell: let it through
    return sum(w in ENGLISH_WORDS for w in words) / len(words) >= 0.07

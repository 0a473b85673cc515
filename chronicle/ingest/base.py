"""Raw articles, input errors and the reader registry."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

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
    # ISO 639-1 code found by `chronicle.ingest.language`; None when the text is too short or unclear to tell.
    language: str | None = None


@dataclass(frozen=True)
class InputError:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Reader = Callable[[Path, "ReadOptions"], Iterator["RawArticle | InputError"]]

FIELDS = ("text", "id", "date", "title", "url")  # what a corpus column can be mapped to


@dataclass
class ReadStats:
    """What the readers passed over on purpose (not errors): WARC requests, images, pages with no story..."""
    skipped: Counter = field(default_factory=Counter)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n


@dataclass(frozen=True)
class ReadOptions:
    date: str | None = None  # publication date given on the command line
    allow_private: bool = False  # let URLs reach private, loopback and link-local addresses
    columns: Mapping[str, str] | None = None  # corpus field -> column name, e.g. {"text": "body"}
    stats: ReadStats = field(default_factory=ReadStats, compare=False)
    # False: articles keep language None and the pipeline detects it (`process_many`), where they are processed,
    # so that a process that only reads for Dask workers does not spend ~1 ms an article on it.
    detect_language: bool = True

    def column(self, name: str) -> str:
        """The corpus column that holds the field `name` (the field's own name unless mapped)."""
        return (self.columns or {}).get(name, name)


def parse_columns(spec: str | None) -> dict[str, str]:
    """`text=body,id=uid,date=published` -> {"text": "body", ...}; unknown fields are an error."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not value:
            raise ValueError(f"column mapping {part.strip()!r} is not FIELD=COLUMN")
        if key not in FIELDS:
            raise ValueError(f"unknown field {key!r} in column mapping; fields: {', '.join(FIELDS)}")
        mapping[key] = value
    return mapping


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
    if not text.strip():  # Unicode whitespace (e.g. U+001C, U+3000) that bytes.strip() keeps
        raise ValueError("empty file (whitespace only)")
    return text


def is_url(value: str | Path) -> bool:
    return isinstance(value, str) and re.match(r"(?i)https?://", value) is not None


def read_paths(paths: Iterable[str | Path], date: str | None = None,
               options: ReadOptions | None = None) -> Iterator[RawArticle | InputError]:
    """Yield articles (and errors) from URLs, feeds, files and directories (recursively)."""
    options = options or ReadOptions(date=date)
    for raw in paths:
        if is_url(raw):
            from chronicle.ingest.web import read_url  # httpx is only imported when a URL is given
            yield from _run_reader(read_url, raw, options)
            continue
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


def _run_reader(reader: Reader, path: Path | str, options: ReadOptions) -> Iterator[RawArticle | InputError]:
    """Run one reader; whatever goes wrong inside it becomes an error naming the input, never a crash."""
    from chronicle.ingest.language import detect_language

    try:
        for item in reader(path, options):
            if isinstance(item, RawArticle) and item.language is None and options.detect_language:
                item = replace(item, language=detect_language(item.text[item.body_start:]))
            yield item
    except (OSError, ValueError) as exc:
        yield InputError(str(path), str(exc) or type(exc).__name__)
    except RecursionError:
        yield InputError(str(path), "input is nested too deeply to read")
    except MemoryError:
        yield InputError(str(path), "input too large to read in memory")
    except Exception as exc:  # a third-party parser failing on malformed input: report it, go on with the rest
        yield InputError(str(path), f"could not be read ({type(exc).__name__}: {exc})")


def looks_english(text: str) -> bool:
    """Kept for callers of the old heuristic: English, or too short or unclear to tell."""
    from chronicle.ingest.language import detect_language

    return detect_language(text) in (None, "en")

"""Line-level cleaning of article text.

The NLP stage never sees the original text directly: it sees the kept
paragraphs joined by blank lines. Each kept paragraph is a verbatim slice of
the original, so a small segment table maps every offset back exactly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from chronicle.knowledge import data_path

TERMINAL = tuple('.!?:;"”’\')…]')
SEPARATOR = "\n\n"


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[re.Pattern[str], ...]:
    lines = data_path("furniture.txt").read_text(encoding="utf-8").splitlines()
    return tuple(re.compile(line.strip(), re.IGNORECASE) for line in lines
                 if line.strip() and not line.lstrip().startswith("#"))


def is_furniture(line: str) -> bool:
    stripped = line.strip()
    return any(p.fullmatch(stripped) for p in furniture_patterns())


def looks_like_caption(line: str) -> bool:
    """A short line standing alone, with no closing punctuation, is a headline or a caption."""
    stripped = line.strip()
    words = stripped.split()
    return 3 <= len(words) <= 30 and not stripped.endswith(TERMINAL) and stripped[:1].isupper()


@dataclass
class OffsetMap:
    """Maps offsets of the cleaned text back to the original text."""
    clean_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, clean_start: int, orig_start: int, length: int) -> None:
        self.clean_starts.append(clean_start)
        self.orig_starts.append(orig_start)
        self.lengths.append(length)

    def start(self, offset: int) -> int:
        i = max(bisect.bisect_right(self.clean_starts, offset) - 1, 0)
        return self.orig_starts[i] + min(offset - self.clean_starts[i], self.lengths[i])

    def end(self, offset: int) -> int:
        """Map an exclusive end offset: map the last character, then step past it."""
        return self.start(max(offset - 1, 0)) + 1 if offset > 0 else self.start(0)


@dataclass
class Cleaned:
    text: str  # what the NLP stage reads
    offsets: OffsetMap
    body: list[tuple[int, int]]  # original (start, end) of kept paragraphs
    furniture: list[tuple[int, int]]
    captions: list[tuple[int, int]]
    title: tuple[int, int] | None = None


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:], without the newline."""
    out, pos = [], start
    for line in text[start:].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def clean(text: str, body_start: int = 0, title: str | None = None) -> Cleaned:
    paragraphs: list[list[tuple[int, int]]] = [[]]
    furniture: list[tuple[int, int]] = []
    captions: list[tuple[int, int]] = []
    title_span: tuple[int, int] | None = None
    seen_content = False
    lines = _lines(text, body_start)
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            paragraphs.append([])
            continue
        lead = len(line) - len(line.lstrip())
        span = (s + lead, s + lead + len(stripped))
        if is_furniture(stripped):
            furniture.append(span)
            paragraphs.append([])
            continue
        alone = _stands_alone(text, lines, i)
        if alone and title and title_span is None and stripped == title.strip():
            title_span = span
            paragraphs.append([span])
            paragraphs.append([])
            seen_content = True
            continue
        if alone and looks_like_caption(stripped):
            if not seen_content and title_span is None:
                title_span = span  # the first unpunctuated line of a page is its headline
                paragraphs.append([span])
                paragraphs.append([])
                seen_content = True
            else:
                captions.append(span)
                paragraphs.append([])
            continue
        paragraphs[-1].append(span)
        seen_content = True

    pieces: list[str] = []
    offsets = OffsetMap()
    body: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        if not para:
            continue
        start, end = para[0][0], para[-1][1]
        if pieces:
            pieces.append(SEPARATOR)
            pos += len(SEPARATOR)
        offsets.add(pos, start, end - start)
        pieces.append(text[start:end])
        body.append((start, end))
        pos += end - start
    if not pieces:
        offsets.add(0, body_start, 0)
    return Cleaned("".join(pieces), offsets, body, furniture, captions, title_span)


def _stands_alone(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """True when the line is a paragraph of its own (blank or furniture lines around it).

    Text with one paragraph per line (as trafilatura gives) has no blank lines:
    there every line stands alone.
    """
    def blank(j: int) -> bool:
        if j < 0 or j >= len(lines):
            return True
        s, e = lines[j]
        return not text[s:e].strip() or is_furniture(text[s:e])

    if blank(i - 1) and blank(i + 1):
        return True
    return _one_paragraph_per_line(text, lines)


def _one_paragraph_per_line(text: str, lines: list[tuple[int, int]]) -> bool:
    # Hard-wrapped text also lacks blank lines, but most of its lines end mid-sentence.
    content = [text[s:e].strip() for s, e in lines if text[s:e].strip()]
    if any(not text[s:e].strip() for s, e in lines) or not content:
        return False
    return len(content) >= 3 and sum(line.endswith(TERMINAL) for line in content) >= 0.6 * len(content)

"""Discards: sentences and stories that are not event-coded because of a phrase they contain.

Dictionary coders kept such lists for sports, weather and entertainment
stories, whose verbs read like conflict ("crushed", "defeated", "fired").
The phrases live in `discards.txt` in any knowledge directory; a phrase with
`+` discards the whole story, one without it only its sentence.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from chronicle.knowledge.base import Discard, Knowledge, discard_words


def discard_hits(knowledge: Knowledge, text: str, date: dt.date | None) -> list[Discard]:
    """The discard phrases in force on `date` that occur in `text`, as whole words."""
    if not knowledge.discards:
        return []
    words = discard_words(text)
    at: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        at.setdefault(w, []).append(i)
    out = []
    for d in knowledge.discards:
        if d.active(date) and any(words[i:i + len(d.words)] == d.words for i in at.get(d.words[0], ())):
            out.append(d)
    return out


def discarded_sentences(knowledge: Knowledge, sentences: Iterable[tuple[int, str]],
                        date: dt.date | None) -> set[int]:
    """The ids of the (id, text) sentences a phrase discards; a story phrase discards every sentence."""
    ids: set[int] = set()
    every: list[int] = []
    story = False
    for key, text in sentences:
        every.append(key)
        hits = discard_hits(knowledge, text, date)
        if hits:
            ids.add(key)
            story = story or any(d.story for d in hits)
    return set(every) if story else ids

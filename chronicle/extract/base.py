"""The extraction context shared by all extractors."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Span as SpacySpan, Token

from chronicle.clean import Cleaned
from chronicle.knowledge import Knowledge
from chronicle.records import Actor, ActorRef, Document, Place, Quantity, Span, Time


@dataclass
class Context:
    doc: Doc  # spaCy doc over the cleaned text
    cleaned: Cleaned
    text: str  # the original text
    date: dt.date | None
    knowledge: Knowledge
    record: Document
    # Filled by the extractors, keyed by spaCy token index of the mention's root/first token.
    actor_of_ent: dict[int, Actor] = field(default_factory=dict)  # ent.start -> actor
    actor_by_code: dict[str, Actor] = field(default_factory=dict)
    place_of_ent: dict[int, Place] = field(default_factory=dict)
    time_of_ent: dict[int, Time] = field(default_factory=dict)
    quantity_of_ent: dict[int, Quantity] = field(default_factory=dict)
    # Quotes by the original span of their content, with the speaker's actor when known.
    quoted: list[tuple[int, int, Actor | None, list[ActorRef]]] = field(default_factory=list)
    # Per-document memo of the event coder's mention resolution (token index -> result).
    resolved: dict[int, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Token lookups happen for every argument of every candidate event: index once.
        # spaCy rebuilds `doc.ents` on every access: read it once.
        self.ents: tuple[SpacySpan, ...] = tuple(self.doc.ents)
        self._ent_of_token: dict[int, SpacySpan] = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        self.token_starts: list[int] = [t.idx for t in self.doc]
        self._sent_of_token: list[SpacySpan] = []
        for sent in self.doc.sents:
            self._sent_of_token.extend([sent] * len(sent))

    def sent(self, token: Token) -> SpacySpan:
        """The sentence of a token (spaCy's `token.sent` recomputes it on every call)."""
        return self._sent_of_token[token.i]

    def token_at(self, char: int) -> Token:
        """The token covering (or nearest before) a character offset of the cleaned text."""
        i = bisect.bisect_right(self.token_starts, char) - 1
        return self.doc[max(i, 0)]

    def span(self, start_char: int, end_char: int) -> Span:
        """A span of the cleaned text, as a span of the original text."""
        start = self.cleaned.offsets.start(start_char)
        end = self.cleaned.offsets.end(end_char)
        # Offsets come from the offset map, so they are valid by construction: skip validation (hot path).
        return Span.model_construct(start=start, end=end, text=self.text[start:end])

    def of(self, item: SpacySpan | Token) -> Span:
        if isinstance(item, Token):
            return self.span(item.idx, item.idx + len(item.text))
        return self.span(item.start_char, item.end_char)

    def ent_at(self, token: Token) -> SpacySpan | None:
        return self._ent_of_token.get(token.i)

    def actor_ref(self, actor: Actor, mention: SpacySpan | Token, via: str | None = None) -> ActorRef:
        s = self.of(mention)
        return ActorRef(code=actor.code, name=actor.name, start=s.start, end=s.end, text=s.text, via=via)


Extractor = Callable[[Context], None]
EXTRACTORS: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    def wrap(func: Extractor) -> Extractor:
        EXTRACTORS[name] = func
        return func
    return wrap

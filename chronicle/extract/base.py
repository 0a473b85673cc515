"""The extraction context shared by all extractors."""

from __future__ import annotations

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

    def span(self, start_char: int, end_char: int) -> Span:
        """A span of the cleaned text, as a span of the original text."""
        start = self.cleaned.offsets.start(start_char)
        end = self.cleaned.offsets.end(end_char)
        return Span(start=start, end=end, text=self.text[start:end])

    def of(self, item: SpacySpan | Token) -> Span:
        if isinstance(item, Token):
            return self.span(item.idx, item.idx + len(item.text))
        return self.span(item.start_char, item.end_char)

    def ent_at(self, token: Token) -> SpacySpan | None:
        if not token.ent_type_:
            return None
        for ent in token.sent.ents:
            if ent.start <= token.i < ent.end:
                return ent
        return None

    def actor_ref(self, actor: Actor, mention: SpacySpan | Token) -> ActorRef:
        s = self.of(mention)
        return ActorRef(code=actor.code, name=actor.name, start=s.start, end=s.end, text=s.text)


Extractor = Callable[[Context], None]
EXTRACTORS: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    def wrap(func: Extractor) -> Extractor:
        EXTRACTORS[name] = func
        return func
    return wrap

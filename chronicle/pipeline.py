"""The whole path for one article: clean -> annotate -> extract -> document record."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import replace
from typing import Iterable, Iterator

from spacy.tokens import Doc

from chronicle.annotate import load_nlp
from chronicle.clean import Cleaned, clean
from chronicle.extract import Context, run_extractors
from chronicle.ingest import RawArticle, ReadOptions
from chronicle.ingest.base import normalise_date
from chronicle.ingest.language import detect_language, is_english
from chronicle.ingest.text import article_from_text
from chronicle.knowledge import load_knowledge
from chronicle.records import Document, Entity, Span


def content_hash(text: str) -> str:
    """Articles are keyed by what they say: whitespace and Unicode forms do not change the key."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def process(text: str, date: str | None = None, url: str | None = None, title: str | None = None,
            id: str | None = None) -> Document:
    """Process one article text and return its document record."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty article text")
    # Read like a .txt file (header lines honoured); explicit arguments win over headers.
    raw = article_from_text(text, source=None, options=ReadOptions(date=normalise_date(date)), default_id=None)
    raw = replace(raw, id=id or raw.id, title=title or raw.title, url=url or raw.url)
    return next(process_many([raw]))


def process_many(raws: Iterable[RawArticle], batch_size: int = 16) -> Iterator[Document]:
    """Process articles in batches through one pipeline; yields records in input order."""
    """Articles not in English are not annotated: their records carry the language and nothing else."""
    nlp = load_nlp()
    knowledge = load_knowledge()

    def texts() -> Iterator[tuple[str, tuple[RawArticle, Cleaned | None]]]:
        for raw in raws:
            if raw.language is None:
                raw = replace(raw, language=detect_language(raw.text[raw.body_start:]))
            if not is_english(raw.language):
                yield "", (raw, None)  # keeps input order through the pipe at no cost
            else:
                cleaned = clean(raw.text, raw.body_start, raw.title)
                yield cleaned.text, (raw, cleaned)

    for doc, (raw, cleaned) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        yield uncoded_record(raw) if cleaned is None else build_record(doc, raw, cleaned, knowledge)


def uncoded_record(raw: RawArticle) -> Document:
    """The record of an article that is stored but not coded (another language than English)."""
    digest = content_hash(raw.text)
    return Document(id=raw.id or digest[:12], title=raw.title, date=raw.date, url=raw.url, source=raw.source,
                    language=raw.language, content_hash=digest, text=raw.text)


def build_record(doc: Doc, raw: RawArticle, cleaned: Cleaned, knowledge) -> Document:
    text = raw.text
    digest = content_hash(text)
    record = Document(
        id=raw.id or digest[:12], title=raw.title or _span_text(text, cleaned.title), date=raw.date, url=raw.url,
        source=raw.source, language=raw.language, content_hash=digest, text=text,
        body=[_span(text, s, e) for s, e in cleaned.body],
        furniture=[_span(text, s, e) for s, e in cleaned.furniture],
        captions=[_span(text, s, e) for s, e in cleaned.captions])
    date = dt.date.fromisoformat(raw.date) if raw.date else None
    ctx = Context(doc=doc, cleaned=cleaned, text=text, date=date, knowledge=knowledge, record=record)
    run_extractors(ctx)
    for ent in doc.ents:
        s = ctx.of(ent)
        actor = ctx.actor_of_ent.get(ent.start)
        record.entities.append(Entity(start=s.start, end=s.end, text=s.text, label=ent.label_,
                                      origin="knowledge" if ent.kb_id_ else "model", mention=mention_kind(ent),
                                      actor=actor.code if actor else None))
    return record


VALUE_LABELS = {"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL"}


def mention_kind(ent) -> str:
    """Name, description or pronoun, so users can keep to names when they want (ACE-style mention types)."""
    if ent.label_ in VALUE_LABELS:
        return "value"
    if len(ent) == 1 and ent[0].pos_ == "PRON":
        return "pronoun"
    # Generic knowledge entries ("warplanes") are descriptions: a name has a capital letter.
    if any(t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start) for t in ent) or \
            (ent.kb_id_ and any(c.isupper() for c in ent.text)):
        return "name"
    return "nominal"


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]] if span else None

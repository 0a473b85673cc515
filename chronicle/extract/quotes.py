"""Quotes: who said what, direct and indirect, with the outlets that report it.

A first version: direct quotations between quotation marks and indirect
speech introduced by a reporting verb (`reporting_verbs.txt`); the speaker
is the verb's subject, "X quoted Y as saying" makes Y the speaker and X the
outlet, and "..., he noted, RT reported" adds RT to the chain.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Span as SpacySpan, Token

from chronicle.extract.base import Context, register
from chronicle.extract.events import resolve, subjects
from chronicle.extract.patterns import load_lexicon
from chronicle.records import ActorRef, Quote, Span

DIRECT = re.compile(r"“([^”\n]{2,})(?:”|(?=\n))|\"([^\"\n]{2,})\"")


def _speaker(ctx: Context, verb: Token) -> ActorRef | Span | None:
    subs = subjects(verb)
    if _lemma(verb) == "quote":
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        subs = objs or subs
    for s in subs:
        found = resolve(ctx, s)
        if found:
            return ctx.actor_ref(found[0], found[1])
        left = min(t.i for t in s.subtree)
        return ctx.of(s.doc[left: s.i + 1])
    return None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _reporting_verbs(doc: Doc, reporting) -> list[Token]:
    """The reporting verbs of a document, in order (looked up once per document rather than once per quote)."""
    verbs = [doc[i] for i in np.flatnonzero(doc.to_array(POS) == VERB).tolist()]
    return [t for t in verbs if _lemma(t) in reporting]


def _in(verbs: list[Token], sent: SpacySpan) -> list[Token]:
    return [t for t in verbs if sent.start <= t.i < sent.end]


def _via(ctx: Context, verb: Token, verbs: list[Token] | None = None) -> list[ActorRef | Span]:
    out: list[ActorRef | Span] = []
    reporting = load_lexicon().reporting
    if verbs is None:
        verbs = _reporting_verbs(ctx.doc, reporting)
    if _lemma(verb) == "quote":
        for s in subjects(verb):
            found = resolve(ctx, s)
            out.append(ctx.actor_ref(found[0], found[1]) if found else ctx.of(s))
    # (the verb itself is not skipped: the former `other is verb` test never held, spaCy makes a new Token per
    # access, and what the records say must not change with this speed-up)
    for other in _in(verbs, ctx.sent(verb)):
        for s in subjects(other):
            found = resolve(ctx, s)
            if found and found[0].sector == "MED":
                out.append(ctx.actor_ref(found[0], found[1]))
    unique: list[ActorRef | Span] = []
    for item in out:
        if not any(u.start == item.start and u.end == item.end for u in unique):
            unique.append(item)
    return unique


@register("quotes")
def extract_quotes(ctx: Context) -> None:
    doc = ctx.doc
    reporting = load_lexicon().reporting
    quoted: list[tuple[int, int]] = []
    text = ctx.cleaned.text  # the doc's text; spaCy rebuilds doc.text on every access
    verbs = _reporting_verbs(doc, reporting)
    for m in DIRECT.finditer(text):
        start, end = (m.start(1), m.end(1)) if m.group(1) is not None else (m.start(2), m.end(2))
        if len(text[start:end].split()) < 3:
            continue  # scare quotes around a phrase are not a quotation
        quoted.append((start, end))
        first, last = ctx.token_at(start), ctx.token_at(end - 1)
        candidates = [t for s in {ctx.sent(first), ctx.sent(last)} for t in _in(verbs, s)
                      if not (start <= t.idx < end)]
        if not candidates:
            # the speaker may sit in the sentence before ("Peskov said: ...")
            prev_i = ctx.sent(first).start - 1
            if prev_i >= 0 and ctx.sent(doc[prev_i]).text.rstrip().endswith(":"):
                candidates = _in(verbs, ctx.sent(doc[prev_i]))
        verb = min(candidates, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)), default=None)
        according = _according(ctx, ctx.sent(first))
        speaker = _speaker(ctx, verb) if verb is not None else according
        cue = ctx.of(verb) if verb is not None else None
        quote = Quote(speaker=speaker, cue=cue, content=ctx.span(start, end), kind="direct",
                      via=_via(ctx, verb, verbs) if verb is not None else [])
        _remember(ctx, quote)
    for verb in verbs:
        if any(s <= verb.idx < e for s, e in quoted):
            continue
        comps = [c for c in verb.children if c.dep_ in ("ccomp",) and c.pos_ in ("VERB", "AUX")]
        if _lemma(verb) == "quote":
            comps += [g for c in verb.children if c.dep_ == "advcl" or c.dep_ == "prep"
                      for g in c.subtree if g.dep_ in ("ccomp", "pcomp") and g.pos_ == "VERB"]
        for comp in comps:
            left = min(t.i for t in comp.subtree)
            right = max(t.i for t in comp.subtree)
            span = doc[left: right + 1]
            if any(span.start_char < e and s < span.end_char for s, e in quoted):
                continue
            if _lemma(comp) in reporting and comp.i > verb.i:
                continue
            speaker, cue, via = _speaker(ctx, verb), ctx.of(verb), _via(ctx, verb, verbs)
            inner = _inner_speaker(ctx, verb, speaker)
            if inner is not None:  # "..., he noted, RT reported": he speaks, RT reports him
                via = [v for v in [speaker, *via] if v is not None and not (v.start == inner[0].start)]
                speaker, cue = inner
                via = [v for i, v in enumerate(via) if all(v.start != u.start for u in via[:i])]
            _remember(ctx, Quote(speaker=speaker, cue=cue, content=ctx.of(span), kind="indirect", via=via))


def _inner_speaker(ctx: Context, verb: Token, speaker: ActorRef | Span | None) -> tuple[ActorRef | Span, Span] | None:
    """When an outlet is the subject, a reporting verb in parenthesis names the real speaker."""
    if not (isinstance(speaker, ActorRef) and _sector(ctx, speaker) == "MED"):
        return None
    reporting = load_lexicon().reporting
    for child in verb.children:
        if child.dep_ in ("parataxis", "ccomp") and _lemma(child) in reporting and child.i < verb.i:
            inner = _speaker(ctx, child)
            if inner is not None and not (isinstance(inner, ActorRef) and _sector(ctx, inner) == "MED"):
                return inner, ctx.of(child)
    return None


def _sector(ctx: Context, ref: ActorRef) -> str | None:
    return next((a.sector for a in ctx.record.actors if a.code == ref.code and a.name == ref.name), None)


def _remember(ctx: Context, quote: Quote) -> None:
    """Add the quote, and note who speaks where so that events inside it can be attributed."""
    ctx.record.quotes.append(quote)
    actor = None
    if isinstance(quote.speaker, ActorRef):
        actor = next((a for a in ctx.record.actors if a.code == quote.speaker.code and a.name == quote.speaker.name), None)
    chain = [quote.speaker] if isinstance(quote.speaker, ActorRef) else []
    chain += [v for v in quote.via if isinstance(v, ActorRef)]
    ctx.quoted.append((quote.content.start, quote.content.end, actor, chain))


def _according(ctx: Context, sent: SpacySpan) -> ActorRef | Span | None:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].lower_ == "to":
            objs = [c for c in ctx.doc[t.i + 1].children if c.dep_ == "pobj"]
            for o in objs:
                found = resolve(ctx, o)
                return ctx.actor_ref(found[0], found[1]) if found else ctx.of(ctx.doc[min(x.i for x in o.subtree): o.i + 1])
    return None

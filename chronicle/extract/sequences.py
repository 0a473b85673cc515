"""Matching dictionary coders' word-sequence patterns around a trigger.

TABARI read a sentence as a row of words: a pattern such as `has not *` or
`suggested + * demand conventions` holds when its words stand in that order
around the verb, other words between them allowed unless `_` joins two. Its
actor slots (`$` source, `+` target, `%` a compound "A and B") take the actor
named at that place. An imported dictionary keeps these patterns as they were
written (`sequences:` in a verbs file), and they are matched here on the
tokens of the trigger's sentence; the parse still gives the arguments that no
slot names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from chronicle.extract.actors import entity_actor
from chronicle.extract.base import Context
from chronicle.extract.patterns import COMPOUND, SOURCE, STEM, TARGET, SequencePattern, Slot


@dataclass
class SequenceMatch:
    pattern: SequencePattern
    sources: list[Token] = field(default_factory=list)  # the actor at a `$` slot
    targets: list[Token] = field(default_factory=list)  # the actor at a `+` slot
    compound: list[Token] = field(default_factory=list)  # the members of the actor at a `%` slot


def match_sequence(ctx: Context, trigger: Token, patterns: tuple[SequencePattern, ...]) -> SequenceMatch | None:
    """The most specific of `patterns` (then the earliest written) that holds around `trigger`."""
    best: SequenceMatch | None = None
    sentence = ctx.sent(trigger)
    for p in patterns:
        if best is not None and (p.specificity, -p.order) <= (best.pattern.specificity, -best.pattern.order):
            continue
        found = SequenceMatch(p)
        if (_read(ctx, sentence, trigger.i + 1, p.after, 1, found)
                and _read(ctx, sentence, trigger.i - 1, p.before, -1, found)):
            best = found
    return best


def _read(ctx: Context, sentence: SpacySpan, at: int, slots: tuple[Slot, ...], step: int,
          found: SequenceMatch) -> bool:
    """Whether `slots` stand in order from token `at` in direction `step` (1: rightwards, -1: leftwards),
    each at the first place it can (right next to the one before when joined); fills `found`'s actors."""
    for slot in slots:
        place = _find(ctx, sentence, at, slot, step)
        if place is None:
            return False
        start, end, actor = place  # token range [start, end)
        if actor is not None:
            _keep(slot.kind, actor, found)
        at = end if step > 0 else start - 1
    return True


def _find(ctx: Context, sentence: SpacySpan, at: int, slot: Slot, step: int) -> tuple[int, int, Token | None] | None:
    positions = [at] if slot.joined else range(at, sentence.end if step > 0 else sentence.start - 1, step)
    for i in positions:
        if not sentence.start <= i < sentence.end:
            return None
        if slot.kind in (SOURCE, TARGET, COMPOUND):
            ent = ctx.ent_at(ctx.doc[i])
            if ent is not None and (ent.start if step > 0 else ent.end - 1) == i and entity_actor(ctx, ent):
                return ent.start, ent.end, ent.root
            continue
        size = _word_at(ctx.doc, i, slot, step)
        if size:
            return (i, i + size, None) if step > 0 else (i - size + 1, i + 1, None)
    return None


def _word_at(doc, i: int, slot: Slot, step: int) -> int:
    """How many tokens from `i` (in direction `step`) spell the slot's word: 1, 2 for a contraction
    the tokenizer split ("don't" is "do" + "n't"), 0 when they do not."""
    def fits(text: str) -> bool:
        return text.startswith(slot.value) if slot.kind == STEM else text == slot.value
    if fits(doc[i].lower_):
        return 1
    j = i + step
    if "'" in slot.value and 0 <= j < len(doc):
        first, second = (doc[i], doc[j]) if step > 0 else (doc[j], doc[i])
        if not first.whitespace_ and fits(first.lower_ + second.lower_):
            return 2
    return 0


def _keep(kind: str, actor: Token, found: SequenceMatch) -> None:
    if kind == SOURCE:
        found.sources.append(actor)
    elif kind == TARGET:
        found.targets.append(actor)
    else:  # "Fornost and Gondor": from the first conjunct, every member
        first = actor
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        members, stack = [], [first]
        while stack:
            node = stack.pop()
            members.append(node)
            stack.extend(c for c in node.children if c.dep_ == "conj")
        found.compound.extend(sorted(members, key=lambda t: t.i))

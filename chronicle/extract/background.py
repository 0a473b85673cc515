"""Background mentions: events a sentence names as the setting of another event that it reports.

"Lebanon complained to the UN over two Israeli air raids": the raids happened, but the sentence
reports the complaint. "The rebels will release the ministers, whom they had taken hostage two
weeks ago": it reports the release. Datasets that count such mentions as news count the same raid
again each time a later story recalls it, which is where many of their duplicates come from. These
events are kept with their actors and flagged `background`; counts and the evaluation leave them out.

A mention is background when the path from its word up the parse crosses a relative clause, a
time or cause clause ("after", "since", "as") or a cause phrase ("over", "in the wake of"), and
another event of the same sentence is reported in its own right (preferably the one above it on
that path). With no such event, the mention is what the sentence reports ("This is the third time
that Israel struck Syria this month").
"""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_MARKS = {"after", "since", "as", "following", "once"}
CAUSE_PREPS = {"after", "since", "following", "over", "amid", "despite"}
# "in the wake of X", "in protest at X", "in response to X", "because of X": the noun before the preposition
CAUSE_PHRASES = {("wake", "of"), ("aftermath", "of"), ("protest", "of"), ("protest", "at"), ("protest", "against"),
                 ("protest", "over"), ("response", "to"), ("retaliation", "for"), ("reprisal", "for"),
                 ("because", "of"), ("result", "of")}


def _boundary(node: Token) -> str | None:
    """What kind of setting `node` introduces for its head, if any."""
    if node.dep_ == "relcl":
        return "relative clause"
    if node.dep_ == "advcl":
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS), None)
        return f"'{mark.lower_}' clause" if mark is not None else None
    if node.dep_ in ("pobj", "pcomp"):
        prep = node.head
        if prep.lower_ in CAUSE_PREPS:
            return f"'{prep.lower_}' phrase"
        if (prep.head.lower_, prep.lower_) in CAUSE_PHRASES:
            return f"'{prep.head.lower_} {prep.lower_}' phrase"
    return None


def _crossing(trigger: Token) -> tuple[str, list[Token]] | None:
    """The first setting boundary on the path up from `trigger`, and the words above it."""
    node = trigger
    while node.head.i != node.i:
        kind = _boundary(node)
        if kind is not None:
            above = [node.head]
            while above[-1].head.i != above[-1].i:
                above.append(above[-1].head)
            return kind, above
        node = node.head
    return None


def setting_of(trigger: Token, others: set[int]) -> tuple[str, Token] | None:
    """The boundary crossed and the word of the event (a token index in `others`) that `trigger` is the
    background of, or None when the mention is reported in its own right."""
    crossing = _crossing(trigger)
    if crossing is None:
        return None
    kind, above = crossing
    governing = next((node for node in above if node.i in others), None)
    if governing is not None:
        return kind, governing
    # the reported event need not govern it: "The US launched a strike, the command said, expanding its
    # campaign against the group that has seized parts of Iraq"
    doc = trigger.doc
    reported = next((doc[i] for i in sorted(others) if _crossing(doc[i]) is None), None)
    return (kind, reported) if reported is not None else None

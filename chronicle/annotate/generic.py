"""Generic mentions: noun phrases that name a group or a place without a proper name.

Conflict reporting refers to actors and places with common nouns as often as
with names: "the terrorist group", "ground forces", "the international
community", "97 civilians"; "the village", "a tunnel entrance", "fighting
positions", "the Mosul Dam". These are mentions for readers and for the event
coder's arguments, so they become entities with no kb_id:

- a noun phrase whose head is a group noun (group_nouns.csv, the agent words
  of agents.csv and generic_groups.csv) is ORG;
- a noun phrase whose head is a place noun (place_nouns.csv) is LOC.

Heads are found with one PhraseMatcher over the vocabulary (singular and
plural forms); the span then grows leftwards over the head's own modifiers
(determiner, possessive, adjectives, compounds, numbers) as the parser
attaches them. A phrase that already holds a name (an organisation, a
country, a person) is left to the name rules in `mentions.py`, so that
"Islamic State targets" keeps its actor.

Also here: decimal and degree coordinates ("35.0325; 43.6463889",
"33°47′N 44°30′E") as LOC, found with a regular expression over the text.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from chronicle.knowledge import Knowledge
from chronicle.knowledge.base import norm, table

# Left modifiers of a head noun that belong to its noun phrase.
LEFT_DEPS = {"det", "poss", "amod", "compound", "nummod", "nmod", "quantmod", "npadvmod", "advmod", "predet"}
# Entity labels a generic phrase may swallow when they modify its head: "97 civilians", "a VBIED facility".
ABSORB = {"CARDINAL", "QUANTITY", "WEAPON", "MILITARY_PLATFORM", "VEHICLE"}  # numbers only for groups, see below
# Determiners that make a phrase a pronoun-like quantifier rather than a mention.
DETERMINER_WORDS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"}
# Group nouns that also count things: "a group of buildings" is no body of people.
COLLECTIVES = {"group", "groups", "set", "series", "cluster"}
# Words after a count that belong to the count, not to the group: "256 more prisoners".
COUNT_WORDS = {"more", "additional", "further", "extra"}
SKIP_FIRST = {"which", "what", "whose", "such", "any", "no", "each", "every", "another", "other"}
# Degree or decimal coordinates: "33°47′N 44°30′E", "33.505716°N 36.269635°E", "35.0325; 43.6463889".
_DEG = r"\d{1,3}(?:\.\d+)?°(?:\s?\d{1,2}(?:\.\d+)?[′'])?(?:\s?\d{1,2}(?:\.\d+)?[″\"])?\s?[NS]"
_LON = r"\d{1,3}(?:\.\d+)?°(?:\s?\d{1,2}(?:\.\d+)?[′'])?(?:\s?\d{1,2}(?:\.\d+)?[″\"])?\s?[EW]"
COORDINATES = re.compile(rf"(?<![\w.]){_DEG}[,;]?\s{{1,3}}{_LON}|(?<![\w.])-?\d{{1,2}}\.\d{{3,}}\s?[;,]\s?-?\d{{1,3}}\.\d{{3,}}(?![\w.])")


def _forms(word: str) -> set[str]:
    """Singular and plural forms of a (possibly multi-word) noun, lower case."""
    word = word.lower()
    forms = {word}
    if word.endswith("man") and not word.endswith("human"):
        forms.add(word[:-3] + "men")  # "airman" -> "airmen", "businessman" -> "businessmen"
    elif word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        forms.add(word[:-1] + "ies")
    elif word.endswith(("s", "x", "ch", "sh")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    return forms


class GenericMentions:
    def __init__(self, nlp: Language, k: Knowledge, titles: set[str]) -> None:
        groups: set[str] = set()
        for row in table("group_nouns.csv"):
            if row.get("word"):
                groups.add(row["word"])
        groups |= {w for w in k.agents}
        for row in table("generic_groups.csv"):
            if row.get("word"):
                groups.add(row["word"])
        places = {row["word"] for row in table("place_nouns.csv") if row.get("word")}
        skip = {row["word"].lower() for row in table("generic_groups.csv") if row.get("word") and row.get("skip") == "yes"}
        # Equipment, titles and words marked skip are not groups of people ("aircraft", "minister").
        equipment = set(k.equipment_by_alias)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        seen: set[str] = set()
        self.group_forms: set[str] = set()
        for label, words in (("LOC", places), ("ORG", groups)):
            patterns = []
            for word in sorted(words):
                for form in _forms(word):
                    if form in seen or form in skip or norm(form) in equipment or form in titles:
                        continue
                    seen.add(form)
                    patterns.append(nlp.make_doc(form))
                    if label == "ORG":
                        self.group_forms.add(form)
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out = list(ents)
        taken = {i for e in out for i in range(e.start, e.end)}
        heads: dict[int, tuple[int, str]] = {}  # head token -> (match start, label), the longest match
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            if end - 1 not in heads or start < heads[end - 1][0]:
                heads[end - 1] = (start, label)
        for h, (mstart, label) in sorted(heads.items()):
            head = doc[h]
            if head.pos_ not in ("NOUN", "PROPN") or any(i in taken for i in range(mstart, h + 1)):
                continue
            if head.dep_ in ("compound", "amod", "nmod") and head.head.i > h:
                continue  # a modifier of a later noun: "tunnel" in "tunnel entrance", "community" leaders
            start = mstart
            for child in head.lefts:
                if child.dep_ in LEFT_DEPS and child.i < start:
                    start = min(start, child.left_edge.i)
            # the span must be contiguous and hold no name; a leading -ing word is mostly a verb the parser
            # misread as a modifier ("clearing areas", "liberating neighborhoods")
            while start < mstart and (doc[start].is_punct and doc[start].text not in ("-",) or doc[start].dep_ == "cc"
                                      or doc[start].tag_ == "VBG"):
                start += 1
            if label == "LOC":  # "five fighting positions": the number is its own QUANTITY mention
                lead = next((e for e in out if e.start == start and e.label_ in ("CARDINAL", "QUANTITY")), None)
                if lead is not None:
                    start = lead.end
            else:  # "139 insurgents", "an additional 125 soldiers": a count of people is its own mention
                lead = next((e for e in out if start <= e.start and e.end <= h and e.label_ in ("CARDINAL", "QUANTITY")),
                            None)
                if lead is not None:
                    start = lead.end
                    while start < h and doc[start].lower_ in COUNT_WORDS:
                        start += 1  # "256 more prisoners"
            inner = [e for e in out if start <= e.start and e.end <= h + 1]
            crossing = [e for e in out if e.start < start < e.end or e.start <= h < e.end]
            if crossing or any(e.label_ not in ABSORB for e in inner):
                continue
            if doc[start].lower_ in SKIP_FIRST:
                start += 1
                if start > mstart:
                    continue
            if any(t.is_space or t.text in (",", ";", ":", "(", ")") for t in doc[start:h + 1]):
                continue
            if label == "ORG" and head.lower_ in COLLECTIVES and h + 2 < len(doc) and doc[h + 1].lower_ == "of" \
                    and not any(c.dep_ == "pobj" and c.lower_ in self.group_forms for c in doc[h + 1].children):
                continue  # "a group of buildings": a quantity of things, not a body of people
            if label == "ORG" and start == h and not doc[h].tag_.endswith("S") and doc[h].pos_ != "PROPN":
                continue  # a bare singular noun ("leadership", "party") is not a mention
            end = h + 1
            kb_id = ""
            if label == "ORG":  # "the government of Iraq", "members of the Security Council", "residents of Mosul"
                end, kb_id = self._of_phrase(doc, out, head, end)
            new = Span(doc, start, end, label=label, kb_id=kb_id)
            out = [e for e in out if not (start <= e.start and e.end <= end)] + [new]
            taken.update(range(start, end))
        out = self._coordinated(doc, out)
        return self.coordinates(doc, out)

    def _of_phrase(self, doc: Doc, ents: list[Span], head, end: int) -> tuple[int, str]:
        """Grow a group phrase over "of" and the organisation or place it belongs to. An organisation keeps
        its kb_id ("members of the Security Council" is still the Council); a country does not, the actor
        stage composes country and group word ("the government of Iraq" -> IRQ + GOV)."""
        if end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end].head.i != head.i:
            return end, ""
        i = end + 1
        if doc[i].lower_ == "the":
            i += 1
        after = next((e for e in ents if e.start in (end + 1, i) and e.label_ in ("ORG", "GPE", "LOC")), None)
        if after is None or after.root.head.i != end:
            return end, ""
        kind = after.kb_id_.partition(":")[0]
        return after.end, after.kb_id_ if kind == "org" else ""

    def _coordinated(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Two generic group phrases joined by "and"/"or" are one mention: "allies and partners"."""
        ents = sorted(ents, key=lambda s: s.start)
        out: list[Span] = []
        for e in ents:
            prev = out[-1] if out else None
            if prev is not None and e.label_ == prev.label_ == "ORG" and not e.kb_id_ and not prev.kb_id_ \
                    and e.start == prev.end + 1 and doc[prev.end].lower_ in ("and", "or") \
                    and doc[e.start].lower_ not in DETERMINER_WORDS and len(e) <= 2 \
                    and doc[e.end - 1].is_lower and doc[prev.end - 1].is_lower \
                    and not any(t.is_title and not t.is_sent_start for t in (*prev, *e)):
                # (a named side keeps its own mention: "Ethiopian federal forces and Tigrayan fighters")
                out[-1] = Span(doc, prev.start, e.end, label="ORG")
                continue
            out.append(e)
        return out

    def coordinates(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out = list(ents)
        text = doc.text
        if "°" not in text and ";" not in text and "," not in text:
            return out
        for m in COORDINATES.finditer(text):
            span = doc.char_span(m.start(), m.end(), label="LOC", alignment_mode="expand")
            if span is None:
                continue
            out = [e for e in out if e.end <= span.start or span.end <= e.start] + [span]
        return out

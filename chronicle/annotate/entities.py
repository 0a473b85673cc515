"""Entity matching from the knowledge files, reconciled with the model's entities.

Each knowledge alias becomes a phrase pattern matched on exact token text;
aliases written in lower case ("warplanes") also match capitalised. A match
carries a `kb_id` naming its knowledge entry (for example `country:RUS`),
which the actor stage reads.

Reconciling: a knowledge match replaces model entities it covers or crosses
("Islamic" NORP inside "Islamic State"), and a model entity of the same span
("Palmyra" PERSON); a model entity that strictly contains a knowledge match
wins ("the Russian Air Force" over "Russian"), except when the model called
a weapon or platform a person.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from chronicle.annotate.mentions import Mentions
from chronicle.knowledge import Knowledge, load_knowledge
from chronicle.knowledge.base import norm

MODEL_LABELS = {"FAC": "LOC", "PERCENT": "QUANTITY"}  # others outside ENTITY_LABELS are dropped
KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "MONEY", "QUANTITY", "CARDINAL", "DATE", "TIME"}
LEADING_PREPOSITIONS = {"near", "in", "at", "outside", "inside", "around", "from", "into", "toward", "towards", "across"}
# Priority when the same alias is listed in several files: earlier wins.
PRIORITY = ("org", "country", "demonym", "person", "equipment", "place")


def knowledge_patterns(k: Knowledge) -> list[tuple[str, str, str]]:
    """(alias, label, kb_id) for every alias, one entry per distinct alias text: a user directory's entry
    first (an imported dictionary's "Zimbabwe" or "United Nations" is coded its way), then by kind."""
    out: dict[str, tuple[str, str, str]] = {}

    def rank(kb_id: str) -> tuple[bool, int]:
        kind, _, key = kb_id.partition(":")
        entry = ("country" if kind == "demonym" else kind, key)
        return entry not in k.user_entries, PRIORITY.index(kind)

    def add(alias: str, label: str, kind: str, key: str) -> None:
        alias = alias.strip()
        if len(alias) < 2:
            return
        variants = {alias}
        if "'" in alias:  # typographic apostrophes: "Da’esh"
            variants.add(alias.replace("'", "’"))
        if alias.islower():
            variants.add(alias[0].upper() + alias[1:])
            if kind == "equipment" and not alias.endswith("s"):
                variants |= {alias + "s", alias[0].upper() + alias[1:] + "s"}
        for v in variants:
            current = out.get(v)
            if current is None or rank(f"{kind}:{key}") < rank(current[2]):
                out[v] = (v, label, f"{kind}:{key}")

    for o in k.organisations.values():
        for a in (o.name, *o.aliases):
            add(a, o.label or "ORG", "org", f"{o.code}|{o.name}")
    for c in k.countries.values():
        for a in (c.name, *c.aliases):
            add(a, "GPE", "country", c.code)
        for a in c.demonyms:
            add(a, "NORP", "demonym", c.code)
    for r in k.roles:
        for a in (r.name, *r.aliases):
            add(a, "PERSON", "person", r.name)
    for e in k.equipment:
        for a in (e.name, *e.aliases):
            add(a, e.label, "equipment", e.name)
    for p in k.places:
        label = "GPE" if p.kind in ("city", "region") else "LOC"
        for a in (p.name, *p.aliases):
            add(a, label, "place", p.name)
    # "the United Nations" is the user's "United Nations" too: a built-in entry under another spelling
    # of a name a user entry has gives way.
    user_names = {norm(v): (label, kb_id) for v, label, kb_id in out.values() if not rank(kb_id)[0]}
    for v, (alias, label, kb_id) in (list(out.items()) if user_names else []):
        claim = user_names.get(norm(v))
        if claim is not None and rank(kb_id)[0]:
            out[v] = (alias, *claim)
    return list(out.values())


PERSON_PLATFORM_WORDS = {"suicide", "would-be"}


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """A one-word equipment name between two capitalised words of a name ("Abdel Fattah Burhan")."""
    if end - start != 1 or start == 0 or end >= len(doc):
        return False
    before, after = doc[start - 1], doc[end]
    return before.is_title and after.is_title and not before.is_sent_start and before.pos_ == "PROPN" \
        and after.pos_ == "PROPN"


class KnowledgeEntities:
    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str]] = {}
        k = load_knowledge()
        by_key: dict[str, list[Doc]] = {}
        for alias, label, kb_id in knowledge_patterns(k):
            key = f"{label}\t{kb_id}"
            by_key.setdefault(key, []).append(nlp.make_doc(alias))
        for key, docs in by_key.items():
            self.matcher.add(key, docs)
            label, kb_id = key.split("\t", 1)
            self.labels[nlp.vocab.strings[key]] = (label, kb_id)
        self.mentions = Mentions(nlp, k)

    def __call__(self, doc: Doc) -> Doc:
        matches = []
        for match_id, start, end in self.matcher(doc):
            label, kb_id = self.labels[match_id]
            if label == "MILITARY_PLATFORM" and start > 0 and doc[start - 1].lower_ in PERSON_PLATFORM_WORDS:
                continue  # "a suicide bomber" is a person, not an aircraft
            if label in ("WEAPON", "MILITARY_PLATFORM") and _inside_name(doc, start, end):
                continue  # "Abdel Fattah Burhan" is a man, not the Fattah missile
            matches.append(Span(doc, start, end, label=label, kb_id=kb_id))
        knowledge = filter_spans(matches)  # longest first, no overlaps
        model = [Span(doc, _content_start(e), e.end, label=MODEL_LABELS.get(e.label_, e.label_))
                 for e in doc.ents if MODEL_LABELS.get(e.label_, e.label_) in KEEP and _content_start(e) < e.end]
        doc.ents = self.mentions(doc, reconcile(model, knowledge))
        return doc


def reconcile(model: list[Span], knowledge: list[Span]) -> list[Span]:
    kept_knowledge = []
    for kspan in knowledge:
        container = next((m for m in model if m.start <= kspan.start and kspan.end <= m.end
                          and (m.end - m.start) > (kspan.end - kspan.start)), None)
        if container is not None and not _model_mistake(container, kspan):
            continue  # a longer model name such as "the Russian Air Force" keeps its span
        kept_knowledge.append(kspan)
    taken = set()
    for kspan in kept_knowledge:
        taken.update(range(kspan.start, kspan.end))
    result = list(kept_knowledge)
    for m in model:
        if not taken.intersection(range(m.start, m.end)):
            result.append(m)
    return sorted(filter_spans(result), key=lambda s: s.start)


def _model_mistake(container: Span, kspan: Span) -> bool:
    # The model reads platform names ("Blackjack bombers") and groups as people or places.
    if kspan.label_ in ("MILITARY_PLATFORM", "WEAPON", "VEHICLE") and container.label_ in ("PERSON", "ORG", "GPE"):
        return True
    if kspan.kb_id_.startswith("org:") and container.label_ in ("NORP", "PERSON", "GPE"):
        return True
    # "Gondor and Arnor", "Russia, China" as one model entity: a list of known names, not one name
    # (a name that has "and" in it, "Trinidad and Tobago", is known whole and so is no container).
    if any(t.lower_ in ("and", "or", "&") or t.text == "," for t in container if not kspan.start <= t.i < kspan.end):
        return True
    # "Arnor's" as one model entity: the possessive ending adds nothing to the known name.
    if all(kspan.start <= t.i < kspan.end or t.tag_ == "POS" for t in container):
        return True
    return False


def _content_start(ent: Span) -> int:
    # The model sometimes takes a capitalised preposition into a name ("Near Palmyra" as a person);
    # without it the knowledge match of the same span can win.
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].is_title and ent.doc[start].lower_ in LEADING_PREPOSITIONS:
        start += 1
    return start

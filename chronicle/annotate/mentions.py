"""Mention boundaries: grow entity spans to the noun phrase a reader means.

Runs after the knowledge matcher and the model are reconciled (`entities.py`).
The model and the alias lists find names; news text refers to actors with
longer phrases, and the event coder wants the whole phrase:

- a person with the title, rank or office in front: "Iraqi President Fuad
  Masum", "Lt. Gen. Stephen J. Townsend", "Mr Johnson";
- an office with no name is itself a person mention: "the Foreign
  Secretary", "the Iraqi commander", "Minister for the Middle East";
- a country, nationality or organisation word in front of a group noun is an
  organisation: "Iraqi security forces", "ISIL fighters", "the Assad regime";
- place names take their direction word, feature noun and containing
  region: "northern Syria", "the city of Mosul", "Palmyra, Syria";
- organisations, places and titled persons take the article that belongs to
  them: "the SDF", "the United States".

Vocabularies live in data files: titles.csv, group_nouns.csv, place_words.csv
and the agent words of agents.csv.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LOWER, ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from chronicle.annotate.generic import GenericMentions
from chronicle.knowledge import Knowledge
from chronicle.knowledge.base import norm, table

MODIFIER_LABELS = ("ORG", "NORP", "GPE")
PLACE_LABELS = ("GPE", "LOC")
DETERMINERS = {"the", "a", "an", "all", "our", "their", "its", "these", "those", "this", "his", "her"}
# Sectors of agent words that make a person's name a group: "the Assad regime", "the Obama administration".
PERSON_GROUP_SECTORS = {"GOV", "MIL"}
# Ship prefixes: "USS Hopper", "HMS Ocean", "FS Forbin".
# Lower-case particles inside transliterated Arabic names ("Dayr az Zawr", "Salah ad Din", "Al Bu Nimr").
PARTICLES = {"al", "az", "ad", "ar", "as", "an", "ash", "at", "adh", "ath", "bu", "el", "ez", "ed", "bin", "ibn", "abu"}
# The Arabic article written capitalised in front of a name.
ARTICLES = {"Al", "Ar", "As", "Ad", "Az", "An", "Ash", "At", "El", "Ad-", "Al-"}
# Prepositions after which an unknown name is a place, not a person or a group.
LOCATIVE = {"near", "outside", "around", "towards", "toward", "northeast", "northwest", "southeast", "southwest"}
# Characters of scholarly transliteration (macron, dot below, ayn/hamza marks).
TRANSLITERATION_MARKS = set("āīūēōṣḍṭẓḥṇʿʾ")
# Field labels of contact details and broadcast listings that the model reads as names.
FIELD_WORDS = {"Frequency", "Passcode", "Polarization", "Polarisation", "Symbol", "Tel", "Fax"}
# Prepositions whose object is a party to an action, not a place: the agent of a passive, a partner, an opponent.
PARTY_PREPOSITIONS = {"by", "between", "against", "with"}
# Frequency words the model reads as dates ("daily strike releases"): a rate, not a point or span of time.
FREQUENCY_WORDS = {"daily", "weekly", "monthly", "yearly", "annually", "hourly", "nightly", "biweekly", "fortnightly"}
# Verbs whose object list names members of a group: "nations ... include Australia, Belgium and Canada".
MEMBERSHIP_VERBS = {"include", "comprise", "join", "contribute"}
# Personal pronouns that refer to people ("I", "he") or to a group or body ("we", "they") and are mentions of
# it as much as a name is; possessives ("our", "his") and "it" are left out: they are modifiers, or they
# refer to things as often as to actors.
PERSON_PRONOUNS = {"i", "me", "he", "him", "she", "her"}
# "us" is left out as well: it is mostly the writer and readers together ("let us", "all of us").
GROUP_PRONOUNS = {"we", "they", "them"}
SHIP_PREFIXES = ["USS", "HMS", "FS", "HMAS", "HMCS", "INS", "USNS", "RFS", "TCG", "HNLMS", "ITS", "ESPS"]


def _words(name: str, column: str) -> dict[str, dict[str, str]]:
    return {row[column]: row for row in table(name) if row.get(column)}


class Mentions:
    def __init__(self, nlp: Language, k: Knowledge) -> None:
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.title_kind: dict[int, str] = {}
        titles = _words("titles.csv", "title")
        for title, row in titles.items():
            kind = row.get("kind") or "office"
            key = nlp.vocab.strings.add(f"title:{kind}")
            self.title_kind[key] = kind
            self.titles.add(f"title:{kind}", [nlp.make_doc(title)])
        groups = _words("group_nouns.csv", "word")
        self.group_sector = dict(k.agents)
        for word in groups:
            self.group_sector.setdefault(norm(word), "")
        self.group_alone = {norm(w) for w, row in groups.items() if row.get("alone") == "yes"}
        places = _words("place_words.csv", "word")
        self.directions = {w for w, row in places.items() if row.get("kind") == "direction"}
        self.features = {w for w, row in places.items() if row.get("kind") == "feature"}
        self.knowledge = k
        self.generic = GenericMentions(nlp, k, {t.lower() for t in titles})
        self.languages = {norm(row["word"]) for row in table("languages.csv") if row.get("word")}
        self.peoples = {row["word"] for row in table("peoples.csv") if row.get("word")}
        self.peoples |= {w + "s" for w in self.peoples if not w.endswith(("s", "ish"))}
        # String ids, so that whole-document scans run over token arrays and touch only the tokens that can match.
        strings = nlp.vocab.strings
        self._peoples_ids = np.array(sorted(strings.add(w) for w in self.peoples), dtype=np.uint64)
        self._locative_ids = np.array(sorted(strings.add(w) for w in LOCATIVE), dtype=np.uint64)
        self._modifier_deps = np.array(sorted(strings.add(d) for d in ("compound", "amod", "nmod")), dtype=np.uint64)
        self._the = strings.add("the")
        # Numbered task forces: "CTF 50", "JTF 2", "Combined Task Force 150" are units, not numbers or dates.
        self.units = Matcher(nlp.vocab)
        self.units.add("unit", [[{"TEXT": {"REGEX": "^[A-Z]{0,3}TF$"}}, {"TEXT": {"REGEX": r"^\d{1,4}$"}}],
                                [{"IS_TITLE": True, "OP": "*"}, {"LOWER": "task"}, {"LOWER": "force"},
                                 {"TEXT": {"REGEX": r"^\d{1,4}$"}}]])
        self.ships = Matcher(nlp.vocab)
        self.ships.add("ship", [[{"ORTH": {"IN": SHIP_PREFIXES}}, {"IS_TITLE": True, "POS": "PROPN"},
                                 {"IS_TITLE": True, "POS": "PROPN", "OP": "?"}]])

    # -- vocabulary -------------------------------------------------------
    def group_of(self, token) -> str | None:
        """The agent sector ("" when none) of a group noun, or None for other words."""
        for key in (norm(token.text), norm(token.lemma_), norm(token.text).rstrip("s")):
            if key in self.group_sector:
                return self.group_sector[key]
        return None

    def is_title_token(self, token, titles: dict[int, tuple[int, str]]) -> bool:
        return token.i in titles

    # -- main -------------------------------------------------------------
    def __call__(self, doc: Doc, ents: list[Span]) -> list[Span]:
        ents = [_trim(e) for e in ents]
        ents = [e for e in ents if e is not None and not self.spurious(doc, e)]
        ents = self.peoples_words(doc, ents)
        # title matches by end token: end -> (start, kind); the longest wins
        titles: dict[int, tuple[int, str]] = {}
        for match_id, start, end in self.titles(doc):
            if end not in titles or start < titles[end][0]:
                titles[end] = (start, self.title_kind[match_id])
        ents = self.titled_persons(doc, ents, titles)
        ents = self.office_mentions(doc, ents, titles)
        ents = self.group_mentions(doc, ents, titles)
        ents = self.transliterated(doc, ents)
        ents = self.locative_names(doc, ents)
        ents = self.places(doc, ents)
        ents = self.generic(doc, ents)
        ents = self.actors_by_role(doc, ents)
        ents = self.articles(doc, ents)
        ents = self.ship_names(doc, ents)
        ents = self.pronouns(doc, ents)
        return sorted(ents, key=lambda s: s.start)

    # -- spurious ---------------------------------------------------------------
    def spurious(self, doc: Doc, e: Span) -> bool:
        """Model entities that are not mentions: frequencies read as dates, military operations ("Operation Inherent Resolve" names a
        campaign, not a body), "one" standing for a noun ("one of the ..."), languages read as NORP, and
        field labels read as names ("Passcode 3080897", "Frequency")."""
        first = doc[e.start]
        if e.label_ == "ORG" and first.text == "Operation" and len(e) > 1 and doc[e.start + 1].is_title:
            return True
        if e.label_ in ("CARDINAL", "QUANTITY") and len(e) == 1 and first.lower_ == "one" and (
                e.end < len(doc) and doc[e.end].lower_ == "of" or first.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
            return True
        if e.label_ in ("DATE", "TIME") and len(e) == 1 and first.lower_ in FREQUENCY_WORDS:
            return True  # "daily strike releases": how often, not when
        if e.label_ == "NORP" and norm(e.text) in self.languages:
            return True
        if e.label_ == "PERSON" and not e.kb_id_:
            if any(t.like_num for t in e) or (len(e) == 1 and first.text in FIELD_WORDS):
                return True
            if any(c in TRANSLITERATION_MARKS or "\u0600" <= c <= "\u06ff" for c in e.text):
                return True  # scholarly transliterations and Arabic script: place names, not people
        return False

    def peoples_words(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Ethnic and religious peoples ("Yazidi", "Sunnis") are NORP whatever the model made of them."""
        out = []
        taken = set()
        demonyms = self.knowledge.country_by_demonym
        for e in ents:
            if not e.kb_id_ and e.text in self.peoples and e.label_ != "NORP":
                e = Span(doc, e.start, e.end, label="NORP")
            elif e.label_ == "PERSON" and all(t.text in self.peoples or norm(t.text) in demonyms or
                                              norm(t.text).rstrip("s") in demonyms for t in e):
                e = Span(doc, e.start, e.end, label="NORP")  # "Bosnian Serbs", "Kosovo Albanians": peoples, no person
            out.append(e)
            taken.update(range(e.start, e.end))
        for i in np.flatnonzero(np.isin(doc.to_array(ORTH), self._peoples_ids)).tolist():  # t.text in self.peoples
            if i not in taken:
                out.append(Span(doc, i, i + 1, label="NORP"))
        return out

    # -- transliterated names ----------------------------------------------------
    def transliterated(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Arabic names with a lower-case particle are one name: "Dayr az Zawr", "Salah ad Din", "Al Bu Nimr";
        a name after a locative preposition is a place: "near Karabilah", "the vicinity of Ayn Issa"."""
        out = list(ents)
        changed = False  # until a span is replaced, every span of the sorted copy is still in `out`
        for e in sorted(out, key=lambda s: s.start):
            if e.label_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP") or changed and e not in out:
                continue
            start, end = e.start, e.end
            while start >= 2 and doc[start - 1].lower_ in PARTICLES and doc[start - 1].is_lower and doc[start - 2].is_title \
                    and doc[start - 2].pos_ == "PROPN" and not doc[start - 1].whitespace_ == "":
                start -= 2
            if start >= 1 and doc[start - 1].text in ARTICLES and doc[start - 1].whitespace_ \
                    and not any(x.start <= start - 1 < x.end for x in out):
                start -= 1  # "Ar Raqqah", "Al Anbar": the article belongs to the name
            while end + 1 < len(doc) and doc[end].lower_ in PARTICLES and doc[end].is_lower and doc[end + 1].is_title:
                end += 2
            if (start, end) == (e.start, e.end) and (e.label_ not in ("PERSON", "ORG") or e.kb_id_):
                continue  # unchanged, and no locative person or group to relabel: nothing below applies
            pieces = [x for x in out if x.start < end and start < x.end]
            if any(x.start < start or x.end > end for x in pieces):
                continue
            label = e.label_
            if any(x.label_ in PLACE_LABELS for x in pieces):
                label = next(x.label_ for x in pieces if x.label_ in PLACE_LABELS)
            if label in ("PERSON", "ORG") and not e.kb_id_ and start == e.start and end == e.end:
                if self._locative(doc, start):
                    out = _replace(out, Span(doc, start, end, label="GPE"))
                    changed = True
                continue
            if (start, end) != (e.start, e.end):
                kb = e.kb_id_ if len(pieces) == 1 and label == e.label_ else ""
                if label in ("PERSON", "ORG") and self._locative(doc, start):
                    label = "GPE"
                out = _replace(out, Span(doc, start, end, label=label, kb_id=kb))
                changed = True
        return out

    def locative_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A capitalised name the model left out, right after a locative preposition, is a place: "Near Rawah,",
        "near Dayr Az Zawr" (strike reports list towns nobody's vocabulary holds)."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = list(ents)
        lower = doc.to_array(LOWER)
        for i in np.flatnonzero(np.isin(lower[:-1], self._locative_ids)).tolist():  # t.lower_ in LOCATIVE
            t = doc[i]
            if t.i + 1 in taken:
                continue
            end = t.i + 1
            while end < len(doc) and end not in taken and (
                    doc[end].is_title and doc[end].pos_ == "PROPN"
                    or doc[end].lower_ in PARTICLES and end + 1 < len(doc) and doc[end + 1].is_title and end > t.i + 1):
                end += 1
            if end > t.i + 1 and not doc[end - 1].lower_ in PARTICLES:
                out.append(Span(doc, t.i + 1, end, label="GPE"))
                taken.update(range(t.i + 1, end))
        return out

    def _locative(self, doc: Doc, start: int) -> bool:
        if start == 0:
            return False
        prev = doc[start - 1].lower_
        if prev in LOCATIVE:
            return True
        return prev == "of" and start > 1 and doc[start - 2].lower_ in self.features | {"vicinity", "outskirts"}

    # -- persons ------------------------------------------------------------
    def _left_of_title(self, doc: Doc, ents: list[Span], start: int, titles) -> int:
        """Grow a titled mention leftwards over further titles and the organisation or nationality they belong to."""
        i = start
        while True:
            if i in titles:  # another title ends here: "Navy Capt.", "Lt. Gen."
                i = titles[i][0]
                continue
            inner = next((e for e in ents if e.start < i < e.end and e.label_ in MODIFIER_LABELS), None)
            if inner is not None:  # the model read part of the title as a name: "Pentagon Press" Secretary
                i = inner.start
                continue
            before = next((e for e in ents if e.end == i and e.label_ in MODIFIER_LABELS), None)
            if before is not None:  # "Iraqi President", "U.S. Central Command commander"
                i = before.start
                continue
            if i > 0 and doc[i - 1].pos_ == "ADJ" and doc[i - 1].dep_ == "amod" and doc[i - 1].is_lower:
                i -= 1  # "a senior Iraqi general", "the former president"
                continue
            return i

    def titled_persons(self, doc: Doc, ents: list[Span], titles) -> list[Span]:
        out = list(ents)
        for p in ents:
            if p.label_ != "PERSON" or p.start not in titles:
                continue
            start = self._left_of_title(doc, out, titles[p.start][0], titles)
            new = Span(doc, start, p.end, label="PERSON", kb_id=p.kb_id_)
            out = _replace(out, new)
        return out

    def office_mentions(self, doc: Doc, ents: list[Span], titles) -> list[Span]:
        out = list(ents)
        for end, (start, kind) in sorted(titles.items()):
            if kind == "honorific" or any(e.start < end and start < e.end and e.label_ not in MODIFIER_LABELS
                                          for e in out):
                continue
            if any(e.start <= start and end <= e.end for e in out):
                continue  # inside an organisation name: "Prime Minister's Office" reads as ORG
            last = doc[end - 1]
            if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= end or last.pos_ == "ADJ":
                # a modifier of something else: "President Obama" (missed name); a rank word used as an
                # adjective is no person: "a major escalation", "a general strike"
                continue
            begin = self._left_of_title(doc, out, start, titles)
            stop = end
            # "Minister for the Middle East", "the President of Syria", "commander of U.S. Central Command"
            if end + 1 < len(doc) and doc[end].lower_ in ("of", "for"):
                after = next((e for e in out if e.start in (end + 1, end + 2) and e.label_ in ("GPE", "LOC", "ORG")
                              and (e.start == end + 1 or doc[end + 1].lower_ == "the")), None)
                if after is not None:
                    stop = after.end
            det = begin > 0 and doc[begin - 1].lower_ in DETERMINERS
            modified = begin < start
            if not (det or modified or doc[start].is_title):
                continue  # a bare lower-case title ("minister") is not a mention
            if det:
                begin -= 1
            out = _replace(out, Span(doc, begin, stop, label="PERSON"))
        return out

    # -- groups ------------------------------------------------------------
    def _np_head(self, doc: Doc, start: int, end: int):
        """The noun that the tokens [start, end) modify, with only noun-phrase modifiers between them."""
        head = doc[start:end].root.head
        if head.i < end or head.pos_ not in ("NOUN", "PROPN") or head.i - end > 3:
            return None
        if any(not (start <= t.head.i <= head.i) or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON", "DET")
               and t.tag_ != "VBN" for t in doc[end:head.i]):
            return None
        return head

    def group_mentions(self, doc: Doc, ents: list[Span], titles) -> list[Span]:
        out = list(ents)
        starts = {e.start: e for e in out}
        # a region or area read as LOC governs as well: "the Kurdistan regional government"
        candidates = [e for e in out if e.label_ in MODIFIER_LABELS + ("PERSON", "LOC")]
        # a group noun used as a modifier: "Coalition military forces", "partner forces"
        # (a modifier of a later noun, outside the model's entities, a noun: found over token arrays first)
        arr = doc.to_array([DEP, HEAD, ENT_TYPE, POS])
        maybe = np.isin(arr[:, 0], self._modifier_deps) & (arr[:, 1].astype(np.int64) > 0) & (arr[:, 2] == 0) \
            & ((arr[:, 3] == NOUN) | (arr[:, 3] == PROPN))
        candidates += [doc[i: i + 1] for i in np.flatnonzero(maybe).tolist()
                       if i not in starts and self.group_of(doc[i]) is not None]
        for e in sorted(candidates, key=lambda c: c.start):
            # (the cheap tests first; all of them only skip a candidate)
            if e.root.head.i < e.end and e.root.dep_ != "poss":
                continue
            end = e.end
            if e.root.dep_ == "poss" and end < len(doc) and doc[end].tag_ == "POS":
                end += 1  # "Assad's regime"
            head = self._np_head(doc, e.start, end) if e.root.head.i >= end else None
            if head is None:
                continue
            if any(x.start <= e.start < x.end and (x.start, x.end) != (e.start, e.end) for x in out):
                continue  # already inside a longer mention
            if any(x.start <= head.i < x.end and x.label_ in ("MILITARY_PLATFORM", "WEAPON", "VEHICLE") for x in out):
                continue
            if any(x.start >= end and x.end <= head.i + 1 and x is not e for x in out if x.start < head.i + 1):
                continue  # another entity in between: leave it alone
            sector = self.group_of(head)
            if head.i + 1 in titles or sector is None:
                continue  # titles are persons (office_mentions); other nouns are not groups
            if e.label_ == "PERSON" and sector not in PERSON_GROUP_SECTORS:
                continue
            begin = e.start
            while begin > 0 and doc[begin - 1].dep_ == "amod" and doc[begin - 1].head.i == head.i:
                begin -= 1  # "the moderate Syrian opposition", "local Arab fighters"
            if begin > 0 and doc[begin - 1].lower_ in DETERMINERS and doc[begin - 1].head.i == head.i:
                begin -= 1
            kind = e.kb_id_.partition(":")[0] if isinstance(e, Span) and e.kb_id_ else ""
            # A country word plus an agent word is composed by the actor stage ("Iraqi security forces"
            # -> IRQ + COP); an organisation keeps its entry ("ISIL fighters" is still ISIL).
            kb_id = e.kb_id_ if kind == "org" or (kind in ("country", "demonym") and not sector) else ""
            out = _replace(out, Span(doc, begin, head.i + 1, label="ORG", kb_id=kb_id))
        # "the coalition", "the regime": a group noun that alone names the actor of the story
        lower = doc.to_array(LOWER)
        for i in (np.flatnonzero(lower[:-1] == self._the) + 1).tolist():  # tokens after "the"
            t = doc[i]
            if (norm(t.text) in self.group_alone or norm(t.lemma_) in self.group_alone) and not t.ent_type_ \
                    and t.i > 0 and doc[t.i - 1].lower_ == "the" and t.dep_ != "compound" \
                    and not any(e.start <= t.i < e.end for e in out):
                out = _replace(out, Span(doc, t.i - 1, t.i + 1, label="ORG"))
        return out

    # -- places ------------------------------------------------------------
    def places(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out = list(ents)
        for e in sorted([e for e in out if e.label_ in PLACE_LABELS], key=lambda s: s.start):
            if e not in out:
                continue
            start, end = e.start, e.end
            if start > 0 and doc[start - 1].lower_ in self.directions and not doc[start - 1].ent_type_:
                start -= 1  # "northern Syria"
            elif start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self.features:
                start -= 2  # "the city of Mosul"
                feature = start
                # "the Iraqi city of Mosul", "the Yazidi village of Ba'idn": the feature's own modifiers
                while start > 0 and doc[start - 1].head.i == feature and doc[start - 1].dep_ in ("amod", "compound", "det") \
                        and not any(x.start < start < x.end for x in out) \
                        and all(x.label_ in ("NORP", "GPE") for x in out if x.start <= start - 1 < x.end):
                    start -= 1
                    nested = next((x for x in out if x.start <= start < x.end), None)
                    if nested is not None:
                        start = nested.start
            if end < len(doc) and doc[end].lower_ in self.features and e.root.head.i == end \
                    and e.root.dep_ == "compound" and (end + 1 == len(doc) or doc[end + 1].pos_ not in ("NOUN", "PROPN")
                                                       and doc[end + 1].lower_ != "of"):  # "the Karrada district of Baghdad"
                end += 1  # "Mosul district", "the Tigris river"
            # "Palmyra, Syria", "Fort Campbell, Kentucky": a place and the country or region it lies in
            if end + 1 < len(doc) and doc[end].text == ",":
                nxt = next((x for x in out if x.start == end + 1 and x.label_ in PLACE_LABELS), None)
                if nxt is not None and self._container(nxt) and not self._container(e) and not (
                        nxt.end < len(doc) and doc[nxt.end].lower_ in (",", "and", "or")
                        and any(x.start == nxt.end + 1 and x.label_ in PLACE_LABELS for x in out)):
                    end = nxt.end
            if (start, end) != (e.start, e.end):
                out = _replace(out, Span(doc, start, end, label=e.label_, kb_id=e.kb_id_))
        return out

    def _container(self, span: Span) -> bool:
        """A country or a first-level region: what a dateline puts after the town."""
        kind, _, key = span.kb_id_.partition(":")
        if kind == "country":
            return True
        if kind == "place":
            return any(p.kind == "region" for p in self.knowledge.places_by_alias.get(norm(span.text), []))
        return False

    # -- countries and peoples acting ------------------------------------------
    def actors_by_role(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A country that acts ("Turkey said", "the UK will provide"), or owns ("the UK's commitment"), or a people as a noun ("the Iraqis",
        "Syrians") is a body of people, not a place or an adjective: ORG, keeping its kb_id."""
        out = []
        for e in ents:
            kind = e.kb_id_.partition(":")[0]
            if kind == "country" and e.label_ == "GPE" and (_acting(e.root) or _owner(e.root)):
                e = Span(doc, e.start, e.end, label="ORG", kb_id=e.kb_id_)
            elif e.label_ == "NORP" and kind == "demonym" and e.root.tag_ in ("NNS", "NNPS") \
                    and e.root.dep_ not in ("compound", "amod", "nmod"):
                e = Span(doc, e.start, e.end, label="ORG", kb_id=e.kb_id_)
            out.append(e)
        return out

    # -- articles ------------------------------------------------------------
    def articles(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out = []
        for e in ents:
            if e.label_ in ("ORG", "GPE", "LOC", "PERSON") and e.start > 0 and doc[e.start - 1].lower_ == "the" \
                    and doc[e.start - 1].head.i in range(e.start, e.end) and not any(x.end == e.start for x in ents):
                e = Span(doc, e.start - 1, e.end, label=e.label_, kb_id=e.kb_id_)
            out.append(e)
        return out

    def ship_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        out = list(ents)
        text = doc.text
        # (the matchers run only where their words occur: most articles name no task force and no ship)
        lowered = text.lower()
        units = self.units(doc) if "TF" in text or "task" in lowered and "force" in lowered else []
        for span in filter_spans([Span(doc, s, e, label="ORG") for _, s, e in units]):
            if not any(x.start < span.end and span.start < x.end and len(x) > len(span) for x in out):
                out = _replace(out, span)
        ships = self.ships(doc) if any(prefix in text for prefix in SHIP_PREFIXES) else []
        for _, start, end in ships:
            new = Span(doc, start, end, label="MILITARY_PLATFORM")
            if not any(x.start < end and start < x.end and x.label_ == "MILITARY_PLATFORM" and len(x) > len(new)
                       for x in out):
                out = _replace(out, new)
        return out


    def pronouns(self, doc: Doc, ents: list[Span]) -> list[Span]:
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = list(ents)
        for i in np.flatnonzero(doc.to_array(POS) == PRON).tolist():
            t = doc[i]
            if t.i in taken or t.dep_ == "poss":
                continue
            low = t.lower_
            if low in PERSON_PRONOUNS:
                out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
            elif low in GROUP_PRONOUNS:
                out.append(Span(doc, t.i, t.i + 1, label="ORG"))
        return out


def _owner(token) -> bool:
    """A country in front of a common noun stands for its state: "the UK's commitment", "U.S. airstrikes",
    "UK support" (a place name would modify a place noun, which the place rules have taken already)."""
    return token.dep_ in ("poss", "compound") and token.head.pos_ == "NOUN" and token.head.i > token.i


def _acting(token) -> bool:
    """A country that acts: the subject of a verb, a conjunct of such a subject ("France and the UK have
    contributed"), or a member in a list that a verb of membership takes ("members include A, B and C")."""
    hops = 0
    while token.dep_ == "conj" and hops < 30:
        token = token.head
        hops += 1
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    if token.dep_ == "pobj" and token.head.lower_ in PARTY_PREPOSITIONS:
        return True  # "carried out by Russia", "talks between the UK and France", "attacks against the US"
    if token.dep_ == "npadvmod" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-":
        return True  # "UK-France co-operation": the two states as parties
    return token.dep_ in ("dobj", "attr", "pobj") and token.head.lemma_ in MEMBERSHIP_VERBS


def _replace(ents: list[Span], new: Span) -> list[Span]:
    return [e for e in ents if e.end <= new.start or new.end <= e.start] + [new]


def _trim(e: Span) -> Span | None:
    """Cut citation marks, brackets and possessive endings off a span: "Bashar al-Assad,[1", "Saddam Hussein's"."""
    doc = e.doc
    start, end = e.start, e.end
    for i in range(start, end):
        if doc[i].text.startswith(("[", "(")) and i > start:
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space) \
            and doc[end - 1].text not in (".",) :
        end -= 1
    if end > start and doc[end - 1].text == "." and end - 1 > start and not doc[end - 2].text[-1:].isalpha():
        end -= 1
    if end <= start:
        return None
    if (start, end) == (e.start, e.end):
        return e
    return Span(doc, start, end, label=e.label_, kb_id=e.kb_id_)

"""Actors: resolve entity mentions to canonical actors with CAMEO-style codes.

A code is a country (ISO3) or an international/non-state prefix, plus a
sector: "Putin" on 2015-11-20 is RUSGOV, "Russian warplanes" RUSMIL,
"the French" FRA, "Islamic State" IMGMUSISI.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span as SpacySpan, Token

from chronicle.extract.base import Context, register
from chronicle.extract.patterns import load_lexicon
from chronicle.knowledge.base import Role, norm, table
from chronicle.records import Actor

SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition", "PTY": "party",
    "JUD": "judiciary", "COP": "police", "SPY": "intelligence", "MED": "media", "BUS": "business",
    "CVL": "civilians", "REF": "refugees", "IGO": "intergovernmental", "NGO": "non-governmental",
    "LEG": "legislature", "REL": "religious", "ELI": "former officials",
}
ROLE_RANK = {"head_of_state": 0, "head_of_government": 1, "foreign_minister": 2, "defence_minister": 3}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "MILITARY_PLATFORM", "WEAPON", "VEHICLE", "LOC"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
BACKERS = {"backed", "sponsored", "supported", "funded", "armed", "trained", "allied", "aligned", "installed"}
FORMER_WORDS = {"former", "ousted", "deposed", "ex", "exiled", "late"}


def agent_sector(ctx: Context, tokens: list[Token], at_end: bool = False) -> str | None:
    """Sector named by agent words among `tokens` ("troops", "news agencies"), longest phrase first.

    With `at_end`, only a phrase ending with the last token counts: the head must be the agent
    ("riot police"), not a word describing something else ("military action").
    """
    agents = ctx.knowledge.agents
    words = [t for t in tokens if not t.is_punct]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if at_end and i + size != len(words):
                continue
            phrase = " ".join(w.text for w in words[i:i + size])
            if _inside_country_name(ctx, words[i], phrase):
                continue  # "the West Bank": no bank
            lemma = " ".join(w.lemma_ for w in words[i:i + size])
            for key in (norm(phrase), norm(lemma), norm(phrase).rstrip("s")):
                if key in agents:
                    return agents[key]
    return None


def _inside_country_name(ctx: Context, first: Token, phrase: str) -> bool:
    """Whether a capitalised phrase ends a country's name with the word before it ("West Bank")."""
    before = first.doc[first.i - 1] if first.i > 0 else None
    return before is not None and first.text[:1].isupper() and before.text[:1].isupper() \
        and norm(f"{before.text} {phrase}") in ctx.knowledge.country_by_name


STATELESS_SECTORS = {"NGO"}  # a kind of actor that is a CAMEO code of its own, like IGO


def compose(ctx: Context, country: str, sector: str | None, name_hint: str | None = None) -> Actor:
    if sector and sector.endswith("~"):  # a prefix agent (agents.csv "NGO~"): "MSF Arnor" -> NGOARN
        sector = sector[:-1]
        actor = Actor(code=sector + country, name=name_hint or f"{ctx.knowledge.country_name(country)} "
                      f"({SECTOR_NAMES.get(sector, sector)})", country=country if len(country) == 3 else None,
                      sector=sector)
        return ensure(ctx, actor)
    code = country + (sector or "")
    if country == "---" and sector in STATELESS_SECTORS:  # "a human rights group": CAMEO's NGO, no country to mark
        return ensure(ctx, Actor(code=sector, name=name_hint or SECTOR_NAMES.get(sector, sector), country=None,
                                 sector=sector))
    if country == "---":  # CAMEO's mark for a country the text does not give
        name = name_hint or f"{SECTOR_NAMES.get(sector, sector)} (country not stated)"
        return ensure(ctx, Actor(code=code, name=name, country=None, sector=sector))
    cname = ctx.knowledge.country_name(country)
    name = name_hint or (f"{cname} ({SECTOR_NAMES.get(sector, sector)})" if sector else cname)
    return ensure(ctx, Actor(code=code, name=name, country=country if len(country) == 3 else None, sector=sector))


def ensure(ctx: Context, actor: Actor) -> Actor:
    """One actor per (code, name) in a document."""
    key = f"{actor.code}\t{actor.name}"
    existing = ctx.actor_by_code.get(key)
    if existing is None:
        ctx.actor_by_code[key] = actor
        ctx.record.actors.append(actor)
        existing = actor
    return existing


def members(ctx: Context, actor: Actor) -> list[Actor]:
    """The actors a name stands for when it stands for several (an imported "The Shire" [FRO/BIL/SAM]),
    else the actor itself."""
    org = ctx.knowledge.organisations.get(f"{actor.code}|{actor.name}")
    if org is None or len(org.members) < 2:
        return [actor]
    return [ensure(ctx, Actor(code=m, name=f"{org.name} ({m})", country=m[:3] if len(m) >= 3 else None,
                              sector=m[3:] or None)) for m in org.members]


def best_role(active: list[Role], every: list[Role]) -> tuple[Role, bool] | None:
    if active:
        return min(active, key=lambda r: ROLE_RANK.get(r.role, 9)), True
    if every:
        return max(every, key=lambda r: r.end or r.start), False
    return None


@lru_cache(maxsize=1)
def title_words() -> dict[str, str]:
    """Words of titles, ranks and honorifics ("foreign", "minister", "gen."), with their kind."""
    out: dict[str, str] = {}
    for row in table("titles.csv"):
        for word in row.get("title", "").lower().split():
            out.setdefault(word, row.get("kind") or "office")
    return out


def name_part(ent: SpacySpan) -> SpacySpan:
    """The name inside a titled mention: "Iraqi President Fuad Masum" -> "Fuad Masum"."""
    titles = title_words()
    start = ent.end
    while start > ent.start:
        token = ent.doc[start - 1]
        if token.lower_ in titles or token.lower_ in ("the", "a", "an") or token.ent_type_ == "" \
                or not (token.text[:1].isupper() or token.text in ("-", "al-", "bin", "de", "van", "von")):
            break
        start -= 1
    return ent.doc[start:ent.end]


def person_actor(ctx: Context, ent: SpacySpan) -> Actor | None:
    kind, _, key = ent.kb_id_.partition(":")
    name = name_part(ent)
    words = name.text.split()
    candidates = [key] if kind == "person" else []
    candidates += [name.text] if words else []
    candidates += [words[-1]] if len(words) > 1 else []
    for candidate in candidates:
        active, every = ctx.knowledge.roles_on(candidate, ctx.date)
        if len({r.name for r in every}) > 1 and candidate != name.text and candidate != key:
            continue  # a surname shared by several known people says nothing
        found = best_role(active, every)
        said = None
        if found and not found[1]:
            # "Palestinian Prime Minister Ismail Haniyeh" in an undated text: the office the title names;
            # "Opposition leader X" before any office we know of: the opposition
            before = _modifiers_before(ent) + [t for t in ent if t.i < name.start]
            # "Hamas leader X": the organisation named in front says whose leader, before any title word does
            groups = [a for t in before if (e := ctx.ent_at(t)) is not None and e.label_ == "ORG"
                      and (a := entity_actor(ctx, e)) is not None and a.sector]
            said = groups[0].sector if groups else agent_sector(ctx, before)
            named_office = [r for r in every if said and r.sector == said]
            if named_office:
                found = max(named_office, key=lambda r: r.end or r.start), False
        if found:
            role, current = found
            sector: str | None = (role.sector or None) if current else "ELI"
            if not current and ctx.date and all(r.start and ctx.date < r.start for r in every):
                sector = None  # before any office we know of: the country, not a former official
            titles = title_words()
            if not current and any(titles.get(t.lower_) == "office" for t in ent if t.i < name.start):
                sector = role.sector  # "Defence Minister X": the text says X holds an office now
            if not current and ctx.date is None:
                sector = role.sector  # an undated text is as likely of the time the person held office
            if not current and said:
                sector = said
            if formerly(ent, name):
                sector = "ELI"  # "former dictator Idi Amin", "Ousted President Askar Akayev"
            code = role.country if len(role.country) > 3 else role.country + (sector or "")
            return ensure(ctx, Actor(code=code, name=role.name, country=role.country[:3] if len(role.country) == 3 else None,
                                     sector=sector))
    # An unknown person takes the affiliation of a title in front or an apposition:
    # "Department of Defense spokesman Peter Cook", "Peskov, the Kremlin spokesman",
    # "Defense Secretary Ash Carter", "the Iraqi Foreign Minister".
    affiliation = affiliation_within(ctx, ent, name) or affiliation_of(ctx, ent)
    if affiliation is not None:
        label = name.text if words else ent.text
        return ensure(ctx, Actor(code=affiliation.code, name=label, country=affiliation.country,
                                 sector=affiliation.sector))
    return named_before(ctx, ent, words) or titled_stranger(ctx, ent, name)


def _modifiers_before(ent: SpacySpan) -> list[Token]:
    """Words just before a name that modify it, read as another mention: "Opposition leader | Ousmane Sonko"."""
    out: list[Token] = []
    inside = set(range(ent.start, ent.end))
    for t in reversed(ent.doc[max(ent.start - 3, 0): ent.start]):
        if t.dep_ not in ("compound", "amod") or t.head.i not in inside | {o.i for o in out}:
            break
        out.insert(0, t)
    return out


def titled_stranger(ctx: Context, ent: SpacySpan, name: SpacySpan) -> Actor | None:
    """An unknown person with an office or rank, in a sentence that names one country only, holds it there:
    "President Omar El Bashir shortened the curfew imposed in Sudan" is SDNGOV; "Judge X opened
    investigations against Chilean officials" is Chilean. With two countries named, nothing is guessed."""
    titles = title_words()
    prefix = [t for t in ent if t.i < name.start]
    kinds = {titles.get(t.lower_) for t in prefix}
    if any(t.lower_ == "general" and t.i > 0 and t.doc[t.i - 1].text == "-" for t in prefix):
        return None  # a Secretary- or Director-General heads an international body as often as a state's office
    if not name.text or not kinds & {"office", "rank"} or any(t.lower_ == "of" for t in prefix) \
            or any(country_word(ctx, t) for t in name):
        return None  # "the president of Armenia" is Armenia's, found elsewhere
    country = home_country(ctx, ent)
    if country is None:
        return None
    if formerly(ent, name):
        return compose(ctx, country, "ELI")  # "former President Ahmed Ben Bella"
    sector = agent_sector(ctx, _modifiers_before(ent) + prefix) or ("MIL" if "rank" in kinds else "GOV")
    return compose(ctx, country, sector)


LOCATIVE_PREPS = {"in", "at", "near", "across", "inside", "outside", "around", "throughout", "within"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "dative", "agent", "attr", "oprd", "prep"}


def formerly(ent: SpacySpan, name: SpacySpan) -> bool:
    """Whether a titled mention says the office is past: "former President X", "Ousted President X"."""
    before = [t for t in ent if t.i < name.start] + ([ent.doc[ent.start - 1]] if ent.start > 0 else [])
    return any(t.lower_ in FORMER_WORDS for t in before)


def home_country(ctx: Context, mention: SpacySpan | Token, sides: bool = False) -> str | None:
    """The one country a sentence names (see named_countries); None when it names none or several."""
    found = named_countries(ctx, mention, sides)
    return found.pop() if len(found) == 1 else None


def named_countries(ctx: Context, mention: SpacySpan | Token, sides: bool = False) -> set[str]:
    """The countries a sentence names (by a country, a people, a known place, or a name inside an
    organisation's), other than through people or whoever reports it.

    With `sides`, the other side of the mention's own verb does not count either: in "the government expressed appreciation for
    China's assistance" China is whom the government thanks, not where it governs; where the verb happens
    ("arrested students in Moscow") does count."""
    first = mention if isinstance(mention, Token) else mention[0]
    sent = ctx.sent(first)
    # whoever reports the news afterwards ("..., Thai military sources said") may be anywhere: not a home
    reporting = load_lexicon().reporting
    opposite = {t.i for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_ in reporting
                and t.head.i > first.i
                and first.i not in range(t.left_edge.i, t.right_edge.i + 1)
                for t in t.subtree}
    if sides:
        opposite |= _opposite_arguments(first)
        # nor what it did by its own account: "the militant group that seized parts of Mali"
        opposite |= {t.i for c in first.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    found: set[str] = set()
    for other in ctx.ents:
        if other.end <= sent.start or other.start >= sent.end or other.start == first.i \
                or other.label_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY") \
                or other.root.i in opposite and not _located_in(other) or _for_or_against(other) \
                or along_border(other):
            continue
        country = country_within(ctx, other)
        place = ctx.place_of_ent.get(other.start) if other.kb_id_.startswith("place:") else None
        if country and place is not None and place.country:
            country = place.country  # a known place names its own country: "eastern Congo" is the DRC's
        if country is None and other.label_ in ("GPE", "LOC"):
            country = region_country(ctx, other.text)
        if country:
            found.add(country)
    return found


BORDER_WORDS = {"border", "borders", "frontier", "frontiers", "boundary"}
ALONG_PREPS = {"on", "near", "along", "at", "by", "beside", "outside", "off"}


def along_border(ent: SpacySpan) -> bool:
    """Whether a country is named only as one side of a border something lies along ("a village near the
    Sudanese border", "clashes on the border with Sudan"): it may lie on either side. Crossing it ("across
    the Lebanese border") or closing it ("closed the Somali border") does name a side."""
    root = ent.root
    if root.dep_ in ("amod", "compound", "poss"):
        return beside(root.head)
    return root.dep_ == "pobj" and root.head.lower_ == "with" and beside(root.head.head)


def beside(border: Token) -> bool:
    """A border noun that says where something lies: "near the border", "along the frontier"."""
    return border.lower_ in BORDER_WORDS and border.dep_ == "pobj" and border.head.lower_ in ALONG_PREPS


def _located_in(ent: SpacySpan) -> bool:
    """A place where something is ("the separatist movement in Cameroon"): a home even on the other side."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS and ent.label_ in ("GPE", "LOC")


def _for_or_against(ent: SpacySpan) -> bool:
    """"pro-Russia rebels", "anti-Gondor parade", "Russian-backed separatists": a side taken, not a home."""
    doc = ent.doc
    words = [t.lower_ for t in doc[max(ent.start - 2, 0): min(ent.end + 2, len(doc))]]
    return any(w in ("pro", "anti") and n == "-" or w == "-" and n in BACKERS for w, n in zip(words, words[1:]))


def verb_argument(token: Token, steps: int = 6) -> tuple[Token, Token | None]:
    """(the argument of the nearest verb above a mention that contains it, that verb), climbing through
    conjuncts, prepositions and nouns ("inspectors and workers", "staged by students", "ties with
    activists"); no verb within `steps` gives (the last node reached, None)."""
    arg = token
    for _ in range(steps):
        if arg.head.i == arg.i or arg.head.pos_ in ("VERB", "AUX"):
            break
        arg = arg.head
    verb = arg.head
    return arg, (verb if verb.pos_ in ("VERB", "AUX") and verb.i != arg.i else None)


def _opposite_arguments(token: Token) -> set[int]:
    """Token indices of the other arguments of the verb a mention is an argument of (subject, objects,
    non-locative prepositional phrases), with all they contain."""
    arg, verb = verb_argument(token)
    if verb is None:
        return set()
    out: set[int] = set()
    for child in verb.children:
        if child.i == arg.i or child.dep_ not in ARGUMENT_DEPS or child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
            continue
        out.update(t.i for t in child.subtree)
    return out


def named_before(ctx: Context, ent: SpacySpan, words: list[str]) -> Actor | None:
    """A short form of a person named in full earlier: "General David Petraeus" ... "Petraeus said"."""
    if not words:
        return None
    for other in ctx.ents:
        if other.start >= ent.start:
            break
        if other.label_ != "PERSON":
            continue
        actor = ctx.actor_of_ent.get(other.start)
        if actor is not None and actor.name.split() and actor.name.split()[-1] == words[-1] \
                and len(actor.name.split()) >= len(words):
            return actor
    return None


def affiliation_within(ctx: Context, ent: SpacySpan, name: SpacySpan) -> Actor | None:
    """Affiliation named inside a titled mention, before the name."""
    prefix = [t for t in ent if t.i < name.start]
    if not prefix:
        return None
    k = ctx.knowledge
    texts = [t.text for t in prefix]
    for size in range(min(6, len(prefix)), 0, -1):  # longest organisation name first
        for i in range(len(prefix) - size + 1):
            org = k.org_by_alias.get(norm(" ".join(texts[i:i + size])))
            if org is not None and org.label == "ORG":
                return ensure(ctx, Actor(code=org.code, name=org.name, country=org.country, sector=org.sector or None))
    titles = title_words()
    sector = agent_sector(ctx, prefix)
    if sector is None and any(titles.get(t.lower_) == "rank" for t in prefix):
        sector = "MIL"
    for t in prefix:
        country = country_word(ctx, t)
        if country:
            return compose(ctx, country, sector or "GOV")
    return None


KIN_WORDS = {"son", "daughter", "wife", "husband", "widow", "widower", "mother", "father", "brother", "sister",
             "grandson", "granddaughter", "nephew", "niece", "child", "descendant", "heir", "cousin"}


def affiliation_of(ctx: Context, ent: SpacySpan) -> Actor | None:
    root = ent.root
    candidates: list[Token] = []
    # Modifiers may hang on any word of the mention: "Lebanon's new President Elias Hrawi" (on "President").
    for child in (c for t in ent for c in t.children if not ent.start <= c.i < ent.end):
        if child.i < ent.start and child.dep_ in MODIFIER_DEPS:
            candidates.extend(child.subtree)
        elif child.dep_ == "appos" and child.lemma_ not in KIN_WORDS:  # "X, the son of Dominican immigrants"
            candidates.extend(child.subtree)
    if root.dep_ == "appos" and root.head.i not in range(ent.start, ent.end):
        described = ctx.ent_at(root.head)
        if described is not None and described.start != ent.start:
            actor = entity_actor(ctx, described)  # "The US commander in Iraq, General X": X is the commander
            if actor is not None:
                return actor
        candidates.extend(t for t in root.head.subtree if t.i < ent.start)
    for token in candidates:
        other = ctx.ent_at(token)
        if other is not None and other.start != ent.start and other.label_ != "PERSON":
            actor = entity_actor(ctx, other)
            if actor is not None:
                if actor.sector is None and actor.country:
                    return compose(ctx, actor.country, agent_sector(ctx, candidates) or "GOV")
                return actor
    return None


def entity_actor(ctx: Context, ent: SpacySpan) -> Actor | None:
    """The actor an entity mention stands for, or None."""
    if ent.start in ctx.actor_of_ent:
        return ctx.actor_of_ent[ent.start]
    actor = _spelled_out(ctx, ent) or _resolve(ctx, ent)
    if actor is not None:
        ctx.actor_of_ent[ent.start] = actor
    return actor


def _spelled_out(ctx: Context, ent: SpacySpan) -> Actor | None:
    """"the European Union (EU)": a short form in brackets right after a name is that name's actor."""
    doc = ent.doc
    if ent.start < 2 or ent.end >= len(doc) or doc[ent.start - 1].text != "(" or doc[ent.end].text != ")" \
            or len(ent.text) > 12 or any(c.islower() for c in ent.text) or ent.label_ == "PERSON":
        return None
    full = ctx.ent_at(doc[ent.start - 2])
    if full is None or full.start >= ent.start or full.label_ == "PERSON":
        return None
    return entity_actor(ctx, full)


def _resolve(ctx: Context, ent: SpacySpan) -> Actor | None:
    k = ctx.knowledge
    kind, _, key = ent.kb_id_.partition(":")
    label = ent.label_
    if label not in ACTOR_LABELS:
        return None
    # The knowledge ruler's choice (`kind`) stands: it already ranked a user's entries first.
    if kind == "org" or (kind not in ("country", "person") and label == "ORG" and norm(ent.text) in k.org_by_alias):
        org = k.org_by_alias.get(norm(ent.text)) or k.organisations[key]  # kb key is "CODE|Name"
        return ensure(ctx, Actor(code=org.code, name=org.name, country=org.country, sector=org.sector or None))
    if label == "PERSON":
        return person_actor(ctx, ent)
    if label == "NORP" and _language_use(ent):
        return None
    country = None
    if kind in ("country", "demonym"):
        country = key
    elif label in ("GPE", "LOC") or label == "ORG" and not kind:
        # "The United Nations" that a user codes as a country; "the Central African Republic" read as a LOC
        country = k.country_by_name.get(norm(ent.text))
    elif label == "NORP":
        country = k.country_by_demonym.get(norm(ent.text))
        if country is None and len(ent) > 1:
            country = country_word(ctx, ent[0])  # "Bosnian Serbs", "Iraqi Kurds": the people of that country
    if country:
        if label == "NORP" or kind == "demonym":
            home = residence(ctx, ent)
            if home and home != country:
                return compose(ctx, home, "CVL")  # "ethnic Albanians in Serbia" live in Serbia: Serbian civilians
            return compose(ctx, country, modified_sector(ctx, ent))
        return compose(ctx, country, titled_sector(ctx, ent))
    if label in ("GPE", "LOC") and metonymic(ent):
        capital = k.capital_of.get(norm(ent.text))
        if capital:  # "Moscow said", "Washington's response": the capital stands for the government
            return compose(ctx, capital, "GOV")
        return None
    if label in ("MILITARY_PLATFORM", "WEAPON", "VEHICLE"):
        owner = modifier_country(ctx, ent)
        if owner is None and kind == "equipment":
            item = k.equipment_by_alias.get(norm(ent.text))
            owner = item.country if item else None
        return compose(ctx, owner, "MIL") if owner else None
    if label == "ORG":
        return composed_org(ctx, ent)
    return None


def residence(ctx: Context, ent: SpacySpan) -> str | None:
    """The country a people named by its demonym lives in, when the text says so: "Albanians in (of)
    southern Serbia", "ethnic Turks in Bulgaria". Only for the people themselves, not "Russian jets"."""
    root = ent.root
    if root.i != ent.end - 1 or root.tag_ not in ("NNPS", "NNS"):
        return None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            for obj in child.children:
                place = ctx.ent_at(obj) if obj.dep_ == "pobj" else None
                if place is not None and place.label_ in ("GPE", "LOC"):
                    return country_within(ctx, place)
    if any(c.lower_ == "ethnic" for c in root.children):
        return ethnic_home(ctx, root)
    return None


def ethnic_home(ctx: Context, group: Token) -> str | None:
    """Where an ethnic people lives: "ethnic Albanian guerrillas operating in Macedonia", "killed three ethnic
    Albanians in a gunbattle in southern Serbia". "Ethnic" says they are a people living in another country;
    where the group is said to act, else where the sentence says it happened, is where they live."""
    inside = {t.i for c in group.children if c.dep_ in ("acl", "relcl", "prep") for t in c.subtree}
    sentence = list(ctx.sent(group))
    for token in sorted(sentence, key=lambda t: t.i not in inside):  # the group's own clause first
        if token.dep_ == "pobj" and token.head.lower_ == "in" and (place := ctx.ent_at(token)) is not None \
                and place.label_ in ("GPE", "LOC"):
            return country_within(ctx, place)
    return None


# Verbs whose object is someone addressed, not a place: "accused Moscow of", "urged Beijing to"
ADDRESSING_VERBS = {"accuse", "blame", "urge", "warn", "criticize", "criticise", "condemn", "ask", "praise", "thank",
                    "invite", "pressure", "press", "threaten", "support", "back", "congratulate", "tell", "inform",
                    "assure", "reassure", "persuade", "lobby", "rebuff", "snub", "denounce", "fault", "sanction",
                    "recognize", "recognise", "reject", "implore", "encourage", "caution", "rebuke", "summon"}
# Nouns and verbs whose "with" partner is a government: "talks with Tehran", "ties with Beijing"
PARTNERING_WORDS = {"talk", "talks", "relation", "relations", "tie", "ties", "deal", "agreement", "negotiate",
                    "negotiation", "negotiations", "meet", "meeting", "cooperate", "cooperation", "dialogue"}


def metonymic(ent: SpacySpan) -> bool:
    """Whether a capital's name stands for its government here ("Moscow said", "accused Moscow of",
    "talks with Tehran", "Seoul and Washington held"), not for the city."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass", "poss") or (root.dep_ == "pobj" and root.head.lemma_ == "by"):
        return True
    if root.dep_ in ("dobj", "obj", "dative") and root.head.lemma_ in ADDRESSING_VERBS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.lemma_.lower() in PARTNERING_WORDS


def modified_sector(ctx: Context, ent: SpacySpan) -> str | None:
    """"Russian warplanes": the sector comes from the noun phrase the demonym modifies."""
    head = ent.root.head
    if ent.root.dep_ not in ("amod", "compound", "nmod", "nummod") or head.i < ent.end or head.pos_ not in ("NOUN", "PROPN"):
        return None
    span = ent.doc[ent.end: head.i + 1]
    sector = agent_sector(ctx, list(span))
    if sector is None:
        head_ent = ctx.ent_at(head)
        if head_ent is not None and head_ent.label_ in ("MILITARY_PLATFORM", "WEAPON", "VEHICLE"):
            return "MIL"
    return sector


def titled_sector(ctx: Context, ent: SpacySpan) -> str | None:
    """"Prime Minister Romendacil", where a dictionary lists the name under its country: the title's sector."""
    before = sorted((t for c in ent.root.children if c.i < ent.start and c.dep_ in ("compound", "amod")
                     for t in c.subtree), key=lambda t: t.i)
    return agent_sector(ctx, before) if before else None


def modifier_country(ctx: Context, ent: SpacySpan) -> str | None:
    for child in ent.root.children:
        if child.i < ent.start and child.dep_ in MODIFIER_DEPS:
            other = ctx.ent_at(child)
            if other is not None and other.label_ in ("NORP", "GPE"):
                kind, _, key = other.kb_id_.partition(":")
                if kind in ("country", "demonym"):
                    return key
    return None


def composed_org(ctx: Context, ent: SpacySpan) -> Actor | None:
    """An organisation not in the knowledge files: a country word plus an agent word ("the Syrian Army")."""
    country = country_within(ctx, ent)
    if country is None:
        return org_within(ctx, ent)
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "ethnic" or ent[0].lower_ == "ethnic":
        country = ethnic_home(ctx, ent.root) or country  # "ethnic Albanian guerrillas operating in Macedonia"
    sector = agent_sector(ctx, list(ent))
    # "the Montenegro Municipality Association": a body named after a country belongs to it
    return compose(ctx, country, sector, name_hint=None)


def country_within(ctx: Context, ent: SpacySpan) -> str | None:
    """The first country named inside a mention, longest name first at each position:
    "Democratic Republic of Congo troops" is COD, not the "Congo" inside it (COG); "South Sudan's army" is SSD."""
    k = ctx.knowledge
    for start in range(ent.start, ent.end):
        if not ent.doc[start].text[:1].isupper() or _taken_side(ent.doc[start]):
            continue
        for end in range(min(ent.end, start + 6), start + 1, -1):
            key = norm(ent.doc[start:end].text)
            found = k.country_by_name.get(key) or k.country_by_demonym.get(key) or region_country(ctx, key)
            if found:
                return found  # "the Niger Delta" (a region of Nigeria) before "Niger"
        found = country_word(ctx, ent.doc[start])
        if found:
            return found
    return None


def _taken_side(token: Token) -> bool:
    """A name after "anti-" or "pro-" ("an anti-Syria journalist"): whom one is for or against, not one's own."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("anti", "pro")


def org_within(ctx: Context, ent: SpacySpan) -> Actor | None:
    """A known organisation named at the start of a longer name the knowledge does not have, with its office
    after it: "the United Nations Emergency Relief Coordinator", "the European Union envoy"."""
    k = ctx.knowledge
    words = [t for t in ent if t.lower_ != "the"]
    for end in range(len(words) - 1, 0, -1):  # longest first; never the whole name (that would have matched)
        # the text as written ("Al-Shabaab militants": "Al-Shabaab", not "Al - Shabaab")
        org = k.org_by_alias.get(norm(ent.doc[words[0].i: words[end - 1].i + 1].text))
        if org is not None and words[0].text[:1].isupper():
            return ensure(ctx, Actor(code=org.code, name=org.name, country=org.country, sector=org.sector or None))
    return None


def country_word(ctx: Context, token: Token) -> str | None:
    """A capitalised single word naming a country or its people ("Iraqi", "Turkey"; not "us", "turkey")."""
    if not token.text[:1].isupper() or _language_use(token.doc[token.i: token.i + 1]):
        return None
    key = norm(token.text)
    return ctx.knowledge.country_by_demonym.get(key) or ctx.knowledge.country_by_name.get(key)


def _language_use(span: SpacySpan) -> bool:
    """"Spanish-speaking", "Arabic-language": a language, not a nationality."""
    after = span.doc[span.end: span.end + 2]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ in ("speaking", "speaker", "speakers", "language")


def token_actor(ctx: Context, token: Token) -> tuple[Actor, SpacySpan | Token] | None:
    """The actor a noun-phrase head stands for: its own entity, or modifiers around it.

    "Russian warplanes" -> RUSMIL; "Islamic State targets" -> IMGMUSISI;
    "warplanes including 25 Backfire ... bombers" -> RUSMIL (the bombers' operator).
    """
    ent = ctx.ent_at(token)
    if ent is not None:
        actor = entity_actor(ctx, ent)
        if actor is not None:
            return actor, ent
        country = _word_country(ctx, token) if token.i != ent.root.i else None
        if country:  # "the president of Armenia" read as one person's name: Armenia is still Armenia;
            return compose(ctx, country, None), token  # "President Bouteflika's government" read as one name
    return _from_modifiers(ctx, token)


def leader_country(ctx: Context, name: str) -> str | None:
    """The country of a known person whose roles (on the date, else ever) all lie in one country:
    "the Bush administration" is American whichever Bush is meant."""
    active, every = ctx.knowledge.roles_on(name, ctx.date)
    countries = {r.country for r in (active or every)}
    return countries.pop() if len(countries) == 1 else None


def _word_country(ctx: Context, token: Token) -> str | None:
    """The country one capitalised word inside a misread name stands for: a country, a people, a leader."""
    return country_word(ctx, token) or (leader_country(ctx, token.text) if token.text[:1].isupper() else None)


WATERS = {"sea", "ocean", "gulf", "bay", "strait", "straits", "channel", "lake"}
COLONY_WORDS = {"colony", "colonies", "protectorate"}
HOMES = {"home", "house", "residence", "dwelling", "household"}


def _from_modifiers(ctx: Context, token: Token) -> tuple[Actor, SpacySpan | Token] | None:
    if token.lower_ in COLONY_WORDS:
        return None  # "the one-time French colony" is another country now
    if beside(token):
        return None  # "clashes on the Thai border": on either side of it
    own_sector = agent_sector(ctx, [token])
    if own_sector is None and token.lemma_.lower() in HOMES:
        own_sector = "CVL"  # "demolished Palestinian homes": the people who live in them
    ent = ctx.ent_at(token)
    if own_sector is None and ent is not None and ent.label_ == "PERSON":
        # "King Hassan of Morocco", "President X of Guinea": the title gives the sector
        own_sector = agent_sector(ctx, [t for t in ent if t.i < name_part(ent).start])
    for child in sorted(token.children, key=lambda c: c.i):
        if child.dep_ in MODIFIER_DEPS or child.dep_ == "appos":
            ent = ctx.ent_at(child)
            if ent is None or own_sector is not None and _for_or_against(ent):
                continue  # "an anti-Syria journalist", "pro-Russia rebels": a side taken, not whose they are
            actor = entity_actor(ctx, ent)
            if actor is None and ent.start <= token.i < ent.end:  # "President Bouteflika's government" as one name
                country = _word_country(ctx, child)
                actor = compose(ctx, country, None) if country else None
            if actor is None:
                continue
            # "the Gondor main opposition group", "Gondor's golden geese": the agent may be several words
            sector = agent_sector(ctx, list(token.doc[ent.end: token.i + 1])) or own_sector
            if actor.country and len(actor.code) <= 6 and sector and (
                    actor.sector is None or ent.label_ == "PERSON" and child.dep_ == "poss"):
                # "Assad's forces", "Djindjic's opposition coalition": the group the person leads
                actor = compose(ctx, actor.country, sector)
            start = min(ent.start, token.i)
            return actor, token.doc[start: max(ent.end, token.i + 1)]
    for child in token.children:
        if child.lower_ == "of" and token.lower_ in WATERS:
            continue  # "the Sea of Japan", "the Gulf of Aden": open water is nobody's
        if child.dep_ == "prep" and child.lower_ in ("of", "including", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = token_actor(ctx, obj)  # walks down the tree only, so it ends
                    if found is not None:
                        actor, _ = found
                        if actor.sector is None and actor.country and own_sector:
                            actor = compose(ctx, actor.country, own_sector)
                        return actor, token
                    country = _place_country(ctx, obj) if own_sector and child.lower_ == "of" else None
                    if country:  # "the government of Sindh province": the region's country
                        return compose(ctx, country, own_sector), token
        if child.dep_ == "amod" and child.lemma_ in ("lead", "backed") and own_sector:
            # "US-led forces", "Saudi-led coalition": the leader's (not "Russian-backed": the backer's)
            leader = next((g for g in child.children if g.dep_ in ("npadvmod", "compound", "nmod")), None)
            found = token_actor(ctx, leader) if leader is not None and child.lemma_ == "lead" else None
            if found is not None and found[0].country:
                return compose(ctx, found[0].country, own_sector), token
        if child.dep_ == "amod" and child.lower_ in ("flagged", "owned", "registered", "operated"):
            # "a Greek-flagged tanker", "an Israeli-owned ship": the flag's or owner's country
            named = next((g for g in child.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod")), None)
            found = token_actor(ctx, named) if named is not None else None
            if found is not None and found[0].country:
                return compose(ctx, found[0].country, None), token
    return None


def _place_country(ctx: Context, token: Token) -> str | None:
    """The country of a known region or city a token names ("Sindh province", "Darfur")."""
    if token.pos_ != "PROPN" and not any(c.pos_ == "PROPN" for c in token.children if c.dep_ == "compound"):
        return None
    words = token.doc[token.left_edge.i: token.i + 1]  # the model may have read the whole phrase as one name
    return region_country(ctx, words.text) or region_country(
        ctx, " ".join(t.text for t in words if t.lower_ not in ("province", "region", "state", "the")))


def region_country(ctx: Context, name: str) -> str | None:
    """The country of a place of the curated gazetteer (places.csv) named `name`: "Darfur", "Sindh"."""
    return next((p.country for p in ctx.knowledge.places_by_alias.get(norm(name), []) if p.country), None)


@register("actors")
def extract_actors(ctx: Context) -> None:
    for ent in ctx.ents:
        actor = entity_actor(ctx, ent)
        if actor is not None:
            actor.mentions.append(ctx.of(ent))

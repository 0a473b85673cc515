"""A first event coder over the dependency parse.

For each verb (and each event noun) that an event pattern (`verbs/*.yaml`) matches,
it finds the source (subject, passive agent, owner of the noun) and the
target (object, passive subject, or the object of the pattern's
preposition), resolves both to actors, and records the event with its
negation, modality, trigger and evidence sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan, Token

from chronicle.annotate.entities import PERSON_PLATFORM_WORDS
from chronicle.extract.actors import (COLONY_WORDS, WATERS, agent_sector, along_border, beside, compose, country_word,
                                     entity_actor, home_country, leader_country, members,
                                     named_countries, region_country, title_words, token_actor, verb_argument)
from chronicle.extract.background import setting_of
from chronicle.extract.base import Context, register
from chronicle.extract.discards import discarded_sentences
from chronicle.extract.patterns import (BLOCK_CODE, PREPOSITIONS, NounPattern, Stance, VerbPattern, load_coding_options,
                                        load_lexicon, load_stances, singular)
from chronicle.extract.sequences import SequenceMatch, match_sequence
from chronicle.knowledge.base import norm, table
from chronicle.records import Actor, ActorRef, Event

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
# Where the target of "launch <strike>", "lift <sanction>", "cut off <electricity>" is found.
OBJECT_PATTERN_PREPS = ("on", "against", "at", "upon", "with", "to", "toward", "towards")
# Particles that end a phrasal verb with nothing after them of their own ("drove the rebels out")
BARE_PARTICLES = ("out", "off")
PARTICLE_WORDS = {"out", "off", "back", "away", "up", "down", "over"}  # ("according to" is no particle)
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "hold", "begin", "start", "continue", "intensify",
               "step", "order", "resume", "announce", "make", "pay", "impose", "provide", "organize", "organise",
               "undertake", "speed", "accelerate", "complete", "finish", "extend", "give"}
FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "can", "must"}
PLANNED_HEADS = {"set", "plan", "expect", "intend", "prepare", "schedule", "due", "go", "aim", "hope", "seek", "want",
                 "agree", "threaten", "vow", "swear", "promise", "pledge", "decide", "invite",
                 "willing", "ready", "prepared", "determined", "eager", "keen",  # "willing to send X to help defend Y"
                 "order", "instruct", "command", "direct", "authorize", "authorise"}  # "ordered diplomats to repair ties"
# Nouns whose clause is wished for, not done: "plans to sell", "its demand that Israel ease restrictions"
IRREALIS_NOUNS = {"plan", "proposal", "offer", "demand", "call", "threat", "request",
                  "appeal", "plea", "readiness", "willingness", "intention", "promise", "pledge", "vow", "decision",
                  "order", "ultimatum", "right", "permission", "option", "ability", "chance", "need",
                  "condition",  # "on condition that Fox News contribute $5 million"
                  "deal", "agreement", "accord", "pact", "treaty"}  # "struck a deal to eliminate its arsenal"
ATTEMPT_NOUNS = {"attempt", "bid", "effort", "try"}  # "an attempt to kill X": the attempt itself happened
REPORTED_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}
REPORTED_HEADS = {"claim", "allege"}
PRONOUNS = {"he", "she", "him", "her", "his"}
FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
VAGUE_GROUPS = {"people", "residents", "man", "men", "woman", "women", "children", "family", "families", "population",
                "group", "groups", "forces", "force", "official", "officials", "authorities", "source", "sources",
                "pilot", "pilots",  # an airline pilot is no military
                "counterpart", "counterparts"}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


PARTITIVES = {"part", "parts", "some", "most", "much", "half", "portion", "rest", "all", "remainder", "bulk", "share"}
SPANS_OF = {"day", "week", "month", "hour", "year", "round", "series", "wave", "spate", "string", "number", "couple",
            "dozen", "hundred", "thousand", "set", "batch", "raft", "flurry", "volley", "barrage"}


# "allow the return of inspectors" allows the inspectors (back) in
COMING_NOUNS = {"return", "entry", "arrival", "deployment", "presence"}


def _inner(obj: Token) -> list[Token]:
    """What a partitive, span or coming object holds: "part of a programme", "a wave of attacks",
    "the return of inspectors"."""
    if obj.lower_ in PARTITIVES or _lemma(obj) in SPANS_OF | COMING_NOUNS:
        return [c for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
    return []


def _obj_matches(ctx: Context, obj: Token, allowed: frozenset[str]) -> bool:
    # "suspended part of a military aid programme", "launched 10 days of war games": what is inside counts
    if any(_obj_matches(ctx, c, allowed) for c in _inner(obj)):
        return True
    words = {_lemma(obj), singular(obj.lower_)}
    compounds = [c for c in obj.children if c.dep_ in ("compound", "amod") and c.i < obj.i]
    if compounds:
        words.add(" ".join([*(c.lower_ for c in compounds), singular(obj.lower_)]))
        words.add(" ".join([compounds[-1].lower_, singular(obj.lower_)]))
    ent = ctx.ent_at(obj)
    if ent is not None:
        if "weapon" in allowed and (ent.label_ == "WEAPON" or ent.label_ == "MILITARY_PLATFORM" and not _people_like(ctx, ent)):
            return True
        if "place" in allowed and ent.label_ in ("GPE", "LOC"):
            return True
        if "person" in allowed and ent.label_ == "PERSON":
            return True
        if ent.label_ == "PERSON" and any(_lemma(t) in allowed for t in ent if t.i < obj.i and t.dep_ == "compound"):
            return True  # "ordered French ambassador Joel Meyer to leave": the title names what he is
        if "person" in allowed and obj.tag_ in ("NNS", "NNPS") and len(ent) == 1:
            # "freed two Britons": a people's plural names persons, nationals of that country
            actor = ctx.actor_of_ent.get(ent.start)
            if actor is not None and actor.country and not actor.sector and actor.code == actor.country:
                return True
    return bool(words & allowed)


def _equipment_kind(ctx: Context, name: str) -> str | None:
    """The kind of the equipment.csv entry a name stands for ("warplanes" -> "aircraft"), if any."""
    return getattr(ctx.knowledge.equipment_by_alias.get(norm(name)), "kind", None)


def _people_like(ctx: Context, ent: SpacySpan) -> bool:
    """A platform word that also names people: "bombers" with no model named ("alleged bombers")."""
    return _equipment_kind(ctx, ent.kb_id_.partition(":")[2]) == "bomber" \
        and not any(t.text[:1].isupper() or t.like_num for t in ent)


def direct_objects(verb: Token) -> list[Token]:
    return with_conjuncts([c for c in verb.children if c.dep_ in ("dobj", "obj", "attr", "oprd")])


def entity_tokens(token: Token) -> list[Token]:
    """All tokens of the entity a token is in (the parser may hang a conjunct on any of them)."""
    if not token.ent_type_:
        return [token]
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        stack = [c for e in entity_tokens(t) for c in e.children if c.dep_ == "conj" or _listed(c)]
        while stack:
            c = stack.pop(0)
            out.append(c)
            stack.extend(x for x in c.children if x.dep_ == "conj" or _listed(x))
    return out


def _listed(token: Token) -> bool:
    """A country or organisation the parser hung as an apposition in a list ("The US, Russia, and Switzerland",
    "Syria, the awful Iran, and good Turkey": the list goes on after it)."""
    return token.dep_ == "appos" and token.ent_type_ in ("GPE", "ORG", "NORP") and (
        any(x.dep_ in ("conj", "cc") for x in token.children)
        or any(x.dep_ == "conj" and x.i > token.i for x in token.head.children))


def _stranded_object(prep: Token) -> Token | None:
    """The parser may read "asylum to five officers holed up in ..." as "officers" subject of "holed":
    a preposition with no object, right before a noun phrase that is a following clause's subject."""
    if any(c.dep_ == "pobj" for c in prep.children) or prep.i + 1 >= len(prep.doc):
        return None
    node = prep.doc[prep.i + 1]
    while node.dep_ not in ("nsubj", "nsubjpass") and node.head.i > node.i and node.pos_ != "VERB":
        node = node.head
    if node.dep_ in ("nsubj", "nsubjpass") and node.pos_ in ("NOUN", "PROPN") and node.head.i > node.i \
            and node.head.dep_ in ("advcl", "relcl", "acl") and node.left_edge.i == prep.i + 1:
        return node
    return None


def _is_particle(child: Token) -> bool:
    """A verb's particle, also where the parser took it for a preposition with a phrase of its own
    ("pulled out of the deal": "out" -> "of" -> "deal")."""
    return child.dep_ == "prt" or child.dep_ == "prep" and child.lower_ in PARTICLE_WORDS \
        and not any(c.dep_ == "pobj" for c in child.children)


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                # "fired tear gas at farmers marching on Delhi": the parser makes the gerund the object
                objects = [s for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG"
                           for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")]
            if not objects and child.lower_ in ("outside", "inside", "near"):  # "outside of Basra", "near to"
                objects = [c for g in child.children if g.dep_ == "prep" and g.lower_ in ("of", "to")
                           for c in g.children if c.dep_ == "pobj"]
            found.extend(objects)
            stranded = _stranded_object(child)
            if stranded is not None:
                found.append(stranded)
        elif _is_particle(child):
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ in preps:
                    found.extend(c for c in grand.children if c.dep_ == "pobj")
    # "on Friday", "in 2015" say when, not to whom; but "met with President Assad Tuesday" is
    # often parsed with the date as the head of the name
    out = []
    for t in with_conjuncts(found):
        if t.ent_type_ not in ("DATE", "TIME"):
            out.append(t)
        else:
            out.extend(c for c in t.children if c.dep_ == "compound" and c.ent_type_ not in ("", "DATE", "TIME"))
    return out


# Participles that describe the subject's own stance or activity: "Israel is opposed to French mediation"
# says Israel opposes it, not that someone opposes Israel
STATIVE_PARTICIPLES = {"oppose", "commit", "dedicate", "devote", "engage", "involve"}


def _owners(noun: Token, preps: tuple[str, ...] = ("of",)) -> list[Token]:
    """Whose a noun is: "the president's resignation", "the withdrawal of Russian troops"."""
    return [c for c in noun.children if c.dep_ == "poss"] + prep_objects(noun, preps)


def _stagers(event: Token) -> list[Token]:
    """Who holds a staged event: "the students' demonstration", "a rally of workers", "a march organised by X"."""
    return _owners(event, ("by", "of")) + [o for c in event.children if c.dep_ == "acl" and c.tag_ == "VBN"
                                           for o in prep_objects(c, ("by",))]


def _with_to(verb: Token) -> bool:
    """A verb with infinitive "to": "plans to sell", "wants Putin to attack"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _bare(verb: Token) -> bool:
    """A bare infinitive: "helped Syria rebuild", "let journalists enter" (not "said Iran will attack")."""
    return verb.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def is_passive(verb: Token) -> bool:
    if _lemma(verb) in STATIVE_PARTICIPLES and not prep_objects(verb, ("by",)):
        return False
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) or _existential(verb) \
        or _reduced_passive(verb)


def _reduced_passive(verb: Token) -> bool:
    """A participle the parser made a main verb, its noun a subject: "A French journalist held hostage by
    jihadists ... has been freed" (a "by" agent only stands beside a passive)."""
    kids = list(verb.children)
    return verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "agent" for c in kids) \
        and any(c.dep_ == "nsubj" for c in kids) and not any(c.dep_ in ("aux", "auxpass") for c in kids)


def _undergoers(verb: Token) -> list[Token]:
    """The passive subjects of a verb, or the subject of a participle misread as a main verb."""
    deps = PASSIVE_SUBJECT_DEPS | ({"nsubj"} if _reduced_passive(verb) else set())
    return with_conjuncts([c for c in verb.children if c.dep_ in deps])


def _existential(verb: Token) -> bool:
    """"There were ten soldiers killed": a participle on the noun a "there is" introduces, a passive clause."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ in ("attr", "nsubj") \
        and any(c.dep_ == "expl" for c in verb.head.head.children)


# People who stand for the group they belong to: "the leader of the separatist movement"
MEMBER_WORDS = {"leader", "head", "chief", "commander", "spokesman", "spokeswoman", "spokesperson", "member",
                "founder", "chairman", "chairwoman", "fighter", "official", "representative", "envoy", "supporter",
                "follower", "loyalist", "partisan"}
GROUP_HEADS = {"group", "organization", "organisation", "faction", "movement", "network", "cell", "outfit", "unit",
               "force", "alliance", "coalition", "wing", "body"}
# places a group holds: "a rebel stronghold", "militant hideouts" belong to the rebels, the militants
HOLDINGS = {"stronghold", "bastion", "hideout", "safehouse", "camp", "base", "outpost", "garrison", "position",
            "headquarters", "enclave", "redoubt", "den", "lair", "post", "checkpoint", "barracks"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}


# Verbs of demonstrating that, with a clause of what is said, are said in words ("protested that ..."): their code then
PROTESTING_SPEECH = {"protest": "110", "demonstrate": "---"}

# What one side puts to another, answered by accepting or rejecting it: the one it comes from is the target
PROPOSAL_NOUNS = {"offer", "proposal", "plan", "call", "demand", "request", "appeal", "invitation", "initiative",
                  "plea", "ultimatum", "bid", "overture", "peace plan", "peace proposal"}

# Verbs whose "to" clause after an object is still done by their subject: "pledged aid to help", "summoned
# the ambassador to complain", "met Putin to discuss" (unlike "ordered the army to attack")
SUBJECT_CONTROL = {"agree", "vow", "promise", "pledge", "threaten", "set", "plan", "summon", "meet", "visit", "phone",
                   "telephone", "call", "contact", "host", "receive", "see", "join"}


# What is issued, published or passed, and what is staged, whose participle clause says what its issuer does
# ("issued a declaration demanding", "passed a resolution calling for", "staged a rally demanding")
WORDING_NOUNS = {"declaration", "statement", "communique", "communiqué", "letter", "report", "resolution", "decree",
                 "message", "note", "appeal", "petition", "document", "bill", "law", "plan", "proposal", "motion",
                 "video", "tweet", "post", "order", "ultimatum", "warning", "call", "manifesto", "memo"}
STAGED_NOUNS = {"demonstration", "protest", "rally", "march", "strike", "campaign", "sit-in", "vigil"}

# "by shelling", "after shelling": the gerund's doer is its clause's subject ("without" and "instead of" deny it;
# "before leaving" may not have happened yet)
DOING_MARKS = {"by", "after", "while"}
# Verbs with no passive sense: their participle after a sentence's head noun is that noun's own act
UNDERGONE_BY_NONE = {"protest", "demonstrate", "rally", "march", "riot", "gather", "clash", "picket"}
NEVER_PASSIVE = {"resort"}  # ... and those that are the noun's own act wherever it stands ("youths resorted to")
# Verbs whose "to" + gerund is their subject's own act ("resorted to throwing stones", "returned to fighting")
TURNING_VERBS = {"resort", "turn", "return", "revert", "switch", "graduate", "proceed"}
# Verbs whose "to" clause after a thing says what their subject did it for ("fired warning shots to disperse
# protesters", "used tear gas to break up the rally"): the subject acts, not the shots
PURPOSE_HEADS = {"fire", "use", "launch", "build", "open", "close", "block"}


def subjects(verb: Token, depth: int = 0, antecedent: bool = True) -> list[Token]:
    """The doers of a verb. With `antecedent`, a relative pronoun gives way to the noun it stands for."""
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] if not _reduced_passive(verb) else []
    # "The Red Cross operating in Iraq said": a reduced relative parsed as a gerund subject; its own subject speaks
    subs = [next((g for g in c.children if g.dep_ == "nsubj"), c) if c.tag_ == "VBG" else c for c in subs]
    if not subs and not is_passive(verb):
        subs = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]  # "Israel is opposed to ..."
    if antecedent and subs and verb.dep_ == "relcl" and subs[0].lower_ in RELATIVE_PRONOUNS \
            and verb.head.pos_ in ("NOUN", "PROPN"):
        return with_conjuncts([verb.head])  # "the group that has seized parts of Iraq": the group seized
    if subs:
        return with_conjuncts(subs)
    if is_passive(verb) or _fired_weapon(verb):
        return prep_objects(verb, ("by",))
    if depth > 3:
        return []
    head = verb.head
    if verb.dep_ == "conj" and head.i != verb.i:
        undergoers = _undergoers(head) if is_passive(head) else []
        if undergoers:
            return undergoers  # "the premier was indicted by the court and will resign": he resigns
        return subjects(head, depth + 1, antecedent)
    if verb.dep_ == "xcomp":
        if is_passive(head) and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in head.children):
            # "Hollande is set to travel", "X was ordered (by Y) to leave": the passive subject acts
            return with_conjuncts([c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS])
        called_on = [o for o in prep_objects(head, ("on", "upon")) if o.ent_type_ not in ("DATE", "TIME")] \
            if _lemma(head) == "call" else []
        if called_on:
            return with_conjuncts(called_on)  # "called on Israel to stop bombing": Israel would stop
        objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
        purpose = _lemma(head) in PURPOSE_HEADS and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if objs and _lemma(head) not in SUBJECT_CONTROL and not purpose:
            return with_conjuncts(objs)  # "ordered the military to cooperate"
        return subjects(head, depth + 1, antecedent)
    if verb.dep_ in ("acomp", "attr") and head.pos_ in ("AUX", "VERB"):
        return subjects(head, depth + 1, antecedent)  # "Arnor is about to restore ties", "ready to", "willing to"
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [head]
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and head.pos_ in ("NOUN", "PROPN") and (
            _lemma(verb) in UNDERGONE_BY_NONE and head.dep_ == "ROOT" or _lemma(verb) in NEVER_PASSIVE):
        return [head]  # "Hundreds of activists protested outside ...": parsed as a participle, but nobody is protested
    if _blamed(verb):
        return subjects(head.head.head, depth + 1, antecedent)  # "X is guilty of violating the truce": X violated
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ == "to" and _lemma(head.head) in TURNING_VERBS:
        return subjects(head.head, depth + 1, antecedent)  # "youths resorted to throwing stones": the youths threw
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in DOING_MARKS and head.head.pos_ in ("VERB", "AUX"):
        return subjects(head.head, depth + 1, antecedent)  # "responded by shelling southern Lebanon": who responded
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG":
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "obj") \
                and head.head.pos_ in ("VERB", "AUX"):
            if _lemma(head) not in WORDING_NOUNS | STAGED_NOUNS:
                return [head]  # "dispersed demonstrators protesting election results": the demonstrators protest
            if _lemma(head.head) in STOPPING_VERBS:  # "Hungary blocked an EU statement criticising China": the EU's
                return [c for c in head.children if c.dep_ in ("poss", "compound") and c.ent_type_]
            return subjects(head.head, depth + 1, antecedent)  # "issued a declaration demanding": the issuer
        return subjects(head, depth + 1, antecedent)  # "..., killing six civilians": the main clause's subject
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and _with_to(verb):
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            return with_conjuncts(owners)  # "Russia's plans to sell": Russia would sell
        if head.dep_ in ("dobj", "obj") and head.head.pos_ in ("VERB", "AUX"):
            return subjects(head.head, depth + 1, antecedent)  # "announced plans to sell", "cancel plans to sell"
    if _purpose(verb) and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth + 1, antecedent)  # "staged a rally to demand reforms": who rallied demands
    if verb.dep_ == "ROOT":
        return _stranded_subject(verb)
    return []


def _stranded_subject(verb: Token) -> list[Token]:
    """The subject of a main verb the parser joined to an opening phrase ("With the signing of the
    accord, the government and the SPLM have agreed to ...": parsed as a conjunct of "the accord")."""
    first = min([verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod") and c.i < verb.i)],
                key=lambda t: t.i)
    if first.i == verb.sent.start:
        return []
    last = verb.doc[first.i - 1]
    nouns = [t for t in [last, *last.ancestors] if t.right_edge.i == last.i and t.dep_ in ("conj", "appos")
             and t.pos_ in ("NOUN", "PROPN")]
    noun = nouns[-1] if nouns else None  # the whole phrase ("the government and SPLM/A"), not its last name
    if noun is None or noun.left_edge.i == 0 or verb.doc[noun.left_edge.i - 1].text != ",":
        return []
    return with_conjuncts([noun])


BLAME_WORDS = {"responsible", "guilty", "culpable", "to blame"}


def _blamed(action: Token) -> bool:
    """An action that someone is "responsible for" or "guilty of" (the copula's subject): that someone did it."""
    prep = action.head
    return action.dep_ in ("pobj", "pcomp") and prep.lower_ in ("for", "of") and prep.head.lower_ in BLAME_WORDS \
        and prep.head.dep_ == "acomp" and prep.head.head.i != prep.head.i


def lemma_guesses(token: Token) -> list[str]:
    """The model's lemma, then rule-based guesses for the forms its lemmatizer gets wrong ("staged" -> "stag")."""
    word = token.lower_
    guesses = [_lemma(token), word]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""),
                         ("es", ""), ("s", "")):
        if suffix in ("ed", "d") and token.tag_ in ("VB", "VBP", "NN", "NNP"):
            continue  # "band together" is no "ban": only a past form loses its "-d"
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            guesses.append(stem)
            if repl == "" and len(stem) > 2 and stem[-1] == stem[-2]:
                guesses.append(stem[:-1])  # "shelled" -> "shell" is fine, "bombarded"; "stopped" -> "stop"
    return guesses


def verb_patterns(verb: Token) -> tuple[VerbPattern, ...]:
    return load_lexicon().verb_patterns(tuple(lemma_guesses(verb)))


HELP_NOUNS = {"help", "support", "assistance", "backing", "aid", "cooperation", "participation", "consent",
              "approval", "blessing", "collaboration"}


def _helping(token: Token) -> bool:
    """"with Albania's help", "with the support of France": who helps the doer, not whom it acts on."""
    return token.dep_ == "pobj" and token.head.lower_ == "with" and _lemma(token) in HELP_NOUNS


def _doers(verb: Token) -> list[Token]:
    """The words that act in a verb's clause, as a pattern's "doers" restriction reads them: the subject
    (the agent of a passive), or the noun a participle describes ("rockets fired from Gaza")."""
    found = subjects(verb, antecedent=False)
    if not found and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        found = [verb.head]
    return found


def _object_relative(verb: Token) -> bool:
    """A relative clause whose noun is the verb's object ("the agreement (that) she had struck", "the town
    the rebels seized"): it has a subject of its own that is no relative pronoun, and no object."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN") or is_passive(verb) or _with_to(verb) \
            or any(c.dep_ in ("dobj", "obj") and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children) \
            or any(c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children) for c in verb.children):
        return False  # ("the town they fought over": its preposition's object; "the position for X to take": a wish)
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return bool(subs) and all(s.lower_ not in RELATIVE_PRONOUNS for s in subs)


def _fired_weapon(verb: Token) -> bool:
    """A participle of firing that describes a named weapon ("rockets fired by Hamas", "a drone launched from
    Lebanon"): the firing is an act, done by the "by" phrase."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and _lemma(verb) in FIRING_VERBS \
        and verb.head.ent_type_ in ("WEAPON", "MILITARY_PLATFORM")


def match_verb(ctx: Context, verb: Token) -> tuple[VerbPattern, list[Token]] | None:
    """The most specific pattern the verb satisfies, with the target tokens it gives."""
    patterns = verb_patterns(verb)
    if not patterns:
        return None
    # "allowed UN inspectors to return", "helped Syria rebuild", parsed as a clause with its own subject:
    # that subject is the object
    # (and "attacked Palestinian farmers harvesting olives", not what a speaker said they were doing)
    objs = direct_objects(verb) or [
        s for c in verb.children if c.dep_ == "ccomp" and (
            _with_to(c) or _bare(c) or c.tag_ == "VBG" and _lemma(verb) not in load_lexicon().reporting)
        for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")]
    if _fired_weapon(verb):
        objs = [verb.head]  # "a missile fired by Houthi rebels toward Jizan": the missile is what was fired
    if _object_relative(verb) and all(o.lower_ in RELATIVE_PRONOUNS for o in objs):
        # "an agreement (that) Mrs. Clinton had struck with the White House": the agreement was struck
        objs = [verb.head]
    passive_subjects = _undergoers(verb)
    passive = is_passive(verb)  # "Israel is opposed to X" has a passive subject, but it is Israel's stance
    # "gave Tanzania a grant": the indirect object receives
    datives = with_conjuncts([c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")])
    children = {_lemma(c) for c in verb.children} | {c.lower_ for c in verb.children}
    best: tuple[int, int, VerbPattern, list[Token]] | None = None
    for p in patterns:
        if any(w not in children and not any(w == _lemma(o) or w == o.lower_ for o in objs) for w in p.words):
            continue
        object_pool = objs or passive_subjects
        if p.objects is not None and not any(_obj_matches(ctx, o, p.objects) for o in object_pool):
            continue
        if p.objects is not None and "person" in p.objects and any(
                o.dep_ == "oprd" and (not o.ent_type_ or len(objs) > 1) for o in objs):
            continue  # "called Putin a liar", "calling him the most ignorant president" names him: no "call <person>"
        if p.constraints and not all(_constraint_holds(ctx, verb, object_pool, w, allowed) for w, allowed in p.constraints):
            continue
        if p.doers is not None and not any(_obj_matches(ctx, d, p.doers) for d in _doers(verb)):
            continue  # "rockets hit Sderot" is violence; "the hurricane hit Florida" is not
        if p.prep:
            targets = prep_objects(verb, (p.prep,))
            for o in object_pool:
                found = prep_objects(o, (p.prep,))
                if _lemma(verb) in DISCUSSING_VERBS and p.prep == "with" and _lemma(o) in RELATION_NOUNS:
                    # "discuss the dam dispute with Ethiopia": a state is the dispute's other side; a person
                    # ("with Wang Yi") is still whom it was discussed with
                    found = [t for t in found if t.ent_type_ not in ("GPE", "ORG", "NORP", "LOC")]
                targets += found
            for word, _ in p.constraints:  # "came under attack from X": the phrase hangs on the restricted object
                for inner in prep_objects(verb, (word,)):
                    targets += prep_objects(inner, (p.prep,))
            bare = any(c.lower_ == p.prep and (c.dep_ == "prt" or p.prep in BARE_PARTICLES) for c in verb.children)
            if not targets and not bare:
                continue  # a final particle with no object still matches: "Syrian troops pulled out"
            if not targets and p.prep in BARE_PARTICLES:
                targets = list(objs)  # "forced the agency out of the country": the agency is forced out
        elif p.objects is not None or p.words or p.constraints:
            preps = tuple(x for x in OBJECT_PATTERN_PREPS if x not in {w for w, _ in p.constraints})
            targets = prep_objects(verb, preps)
            for o in objs + [c for o in objs for c in _inner(o)]:  # "a wave of attacks on Kyiv"
                targets += prep_objects(o, preps)
                if not targets and _lemma(o) in PROPOSAL_NOUNS:  # "rejected an offer from Afghanistan"
                    targets += prep_objects(o, ("from", "by"))
            for word, _ in p.constraints:  # "agreed to a truce with Israel", "warned of retaliation against X"
                for inner in prep_objects(verb, (word,)):
                    targets += prep_objects(inner, ("with", "against", "on", "between", "toward", "towards"))
            # "captured a stronghold on the Thai border"; "tighten the blockade with Albania's help": a helper
            targets = [t for t in targets if not beside(t) and not _helping(t)]
            if not targets and passive_subjects and p.objects is None and passive:
                targets = passive_subjects
            if not targets and p.objects is not None:
                # "released 150 Palestinian prisoners": the object itself, when it names who is affected
                targets = [o for o in object_pool if _obj_matches(ctx, o, p.objects) and token_actor(ctx, o)]
                # "captured a rebel stronghold": whose hold it was
                targets = targets or [x for o in object_pool for x in [o, *_inner(o)]
                                      if _lemma(x) in HOLDINGS and resolve(ctx, x)]
                # "broke up a rally organised by the opposition": those who hold it
                targets = targets or [x for o in object_pool if _lemma(o) in STAGED_NOUNS for x in _stagers(o)]
                # "demanded the president's resignation", "the withdrawal of Russian troops": whose it is
                targets = targets or [x for o in object_pool if _obj_matches(ctx, o, p.objects) for x in _owners(o)]
                # "a journalist (was) held hostage by jihadists": the one held
                targets = targets or (list(passive_subjects) if passive and objs else [])
            elif not targets and objs and not passive:
                targets = [o for o in objs if o.lower_ not in p.words]  # "gunned down three soldiers"
            elif not targets and p.constraints and passive_subjects and passive:
                targets = passive_subjects  # "X was accused of espionage"
        else:
            targets = objs if not passive else passive_subjects
            if not targets:
                targets = prep_objects(verb, ("against", "on", "at"))
            if not targets:  # "denounced as an ugly crime Serbia's suppression of ...": the object comes late
                targets = [c for o in prep_objects(verb, ("as",)) for c in o.children if c.dep_ == "appos"]
            if not targets and load_coding_options().first_actor_target:
                targets = [o for o in prep_objects(verb, tuple(PREPOSITIONS - {"by"})) if token_actor(ctx, o)][:1]
        if datives and not p.prep:
            targets = datives
        key = (p.specificity, -p.order)
        if best is None or key > (best[0], best[1]):
            best = (p.specificity, -p.order, p, targets)
    return (best[2], best[3]) if best else None


def _constraint_holds(ctx: Context, verb: Token, objs: list[Token], word: str, allowed: frozenset[str]) -> bool:
    particles = [c for c in verb.children if _is_particle(c)]  # "pulled out of the deal": "of" hangs on "out"
    for child in [*verb.children, *(g for c in particles for g in c.children if g.dep_ == "prep")]:
        if child.lower_ != word:
            continue
        if child.dep_ == "prt" and any(_obj_matches(ctx, o, allowed) for o in objs):
            return True
        if child.dep_ in ("prep", "dative", "agent", "prt") and any(
                _obj_matches(ctx, g, allowed) for g in child.children if g.dep_ == "pobj"):
            return True
    for o in objs:  # the parser may hang the phrase on the object: "accused X of espionage"
        for child in o.children:
            if child.lower_ == word and child.dep_ == "prep" and any(
                    _obj_matches(ctx, g, allowed) for g in child.children if g.dep_ == "pobj"):
                return True
    return False


def noun_patterns(noun: Token) -> tuple[NounPattern, ...]:
    """The event-noun patterns whose head is this noun (by its singular, else its lemma)."""
    nouns = load_lexicon().nouns
    return nouns.get(singular(noun.lower_)) or nouns.get(_lemma(noun)) or ()


def match_noun(ctx: Context, noun: Token) -> tuple[NounPattern, list[Token]] | None:
    patterns = noun_patterns(noun)
    if not patterns:
        return None
    left = [c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    best = None
    for p in patterns:
        needed = list(p.words[:-1])
        if needed and left[-len(needed):] != needed:
            continue
        targets = prep_objects(noun, (p.prep,)) if p.prep else []
        if p.prep and not targets and _light_verb(noun) is not None:
            # "launched an air strike against X": the parser often hangs the target on the light verb
            targets = prep_objects(noun.head, (p.prep,))
        if p.prep and p.prep != "of" and not targets:
            # "the withdrawal of forces from Panama": the phrase may hang on the doer
            targets = [t for o in prep_objects(noun, ("of",)) for t in prep_objects(o, (p.prep,))]
        if p.prep in TOPIC_PREPS and not targets:  # "talks on limiting missiles": the topic is an action
            targets = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == p.prep
                       for g in c.children if g.dep_ == "pcomp"]
        if p.prep and not targets:
            continue
        key = (len(p.words) + (1 if p.prep else 0), -p.order)
        if best is None or key > best[0]:
            best = (key, p, targets)
    return (best[1], best[2]) if best else None


def noun_sources(ctx: Context, noun: Token, pattern_prep: str | None = None) -> list[Token]:
    """The owner of an event noun: "Russia's strikes", "Russian air strikes", or a light verb's subject."""
    head = noun.head
    # "launched a wave of drone attacks": the span word stands in the object's place
    carrier = head.head if noun.dep_ == "pobj" and head.lower_ == "of" and noun in _inner(head.head) else noun
    light = _light_verb(carrier) is not None
    if noun.dep_ == "pobj" and head.lower_ == "for" and _lemma(head.head) == "responsibility" \
            and head.head.dep_ in ("dobj", "obj") and head.head.head.pos_ == "VERB":
        return subjects(head.head.head)  # "Ukraine claimed responsibility for the drone strike": Ukraine's
    if _blamed(noun):
        return subjects(noun.head.head.head)  # "the government is responsible for mass killings": its killings
    mods = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in ("amod", "poss", "compound")]
    own = ctx.ent_at(noun)
    owners = [c for c in mods if c.ent_type_ and c.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
              and not (own is not None and own.start <= c.i < own.end)]  # "air" of "air strike" owns nothing
    if owners and owners[0].ent_type_ in EQUIPMENT and light and subjects(carrier.head):
        owners = []  # "Russian forces launched drone attacks": the drone says how; the forces did it
    pronoun = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in ITS_PRONOUNS | {"his", "her"}]
    if pronoun and owners and not resolve(ctx, owners[0]):
        return pronoun  # "its Gulf war with Iraq": the Gulf says where; "its" says whose
    if owners and (resolve(ctx, owners[0]) or not light):
        return owners[:1]  # "Israeli tank shelling": the owner may modify the compound
    # (a weapon that names no owner, "launched rocket fire", leaves the light verb's subject to act)
    agents = prep_objects(noun, ("by",))  # "an air strike by government forces"
    if not agents:  # "the abduction of three soldiers by Hezbollah": the phrase may hang on the victims
        agents = [a for o in prep_objects(noun, ("of",)) for a in prep_objects(o, ("by",))]
    if agents:
        return agents
    if light:
        return subjects(carrier.head)
    if pattern_prep and pattern_prep != "of" or _lemma(noun) in COMING_NOUNS:
        # "the withdrawal of Israeli troops from Lebanon": the troops withdraw; "the deployment of troops"
        doers = [t for t in prep_objects(noun, ("of",)) if t.ent_type_ not in EQUIPMENT and resolve(ctx, t)]
        if doers:
            return doers
    if noun.dep_ == "pobj" and head.lower_ in ("during", "on") and head.head.pos_ == "VERB" \
            and any(p.code.startswith("04") for p in noun_patterns(noun)):
        # "said during a visit to X": the one who visited (not "arrested 20 people during protests")
        return subjects(head.head)
    if _trip_for(noun) is not None:
        return subjects(head.head)  # "arrived in Moscow for talks with Putin": the one who came talks
    return []


EQUIPMENT = ("MILITARY_PLATFORM", "WEAPON", "VEHICLE")
NEGATION_WORDS = {"not", "never", "neither"}  # in a pattern, the negation is part of what it codes
BLAST_WORDS = {"explosion", "blast", "bomb", "mine", "landmine", "shell", "rocket", "missile", "device", "fire"}
DISCUSSING_VERBS = {"discuss", "debate", "review", "consider", "examine", "address"}  # their object is the topic
# A topic's own "with" names its other side, not whom the topic is discussed with
RELATION_NOUNS = {"dispute", "conflict", "row", "feud", "war", "standoff", "tension", "rift", "quarrel", "spat", "border",
                  "rivalry", "confrontation", "clash", "fighting"}
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
GOING_VERBS = {"arrive", "travel", "go", "come", "return", "fly", "head", "leave", "meet", "gather", "convene",
               "sit", "set", "jet", "converge", "assemble", "flock", "stream", "pour"}
ITS_PRONOUNS = {"it", "its", "they", "them", "their"}


def resolve(ctx: Context, token: Token) -> tuple[Actor, SpacySpan | Token, str | None] | None:
    """`find_actor`, once per token of a document (several triggers share their arguments)."""
    if token.i not in ctx.resolved:
        ctx.resolved[token.i] = find_actor(ctx, token)
    return ctx.resolved[token.i]  # type: ignore[return-value]


def find_actor(ctx: Context, token: Token) -> tuple[Actor, SpacySpan | Token, str | None] | None:
    """The actor a mention stands for, and how it was found when the mention does not name it.

    Names and modified agents ("Russian warplanes") resolve by themselves;
    "we" inside a quotation is the speaker's side; "he" is the last person
    named; "it"/"they" the last state or organisation acting as a subject;
    "the ministry" the last actor of that sector. Anything else with an agent
    word becomes an actor of unknown country ("---MIL").
    """
    if token.lower_ in FIRST_PERSON and not (token.text.isupper() and len(token.text) > 1):  # "US" is not "us"
        # "We are not coordinating ...", said a Pentagon spokesman: "we" is the speaker's side.
        at = ctx.of(token).start
        for start, end, actor, _ in ctx.quoted:
            if start <= at < end and actor is not None:
                return actor, token, "speaker"
        return None
    if token.lower_ in PRONOUNS:
        found = _antecedent(ctx, token, people=True)
        return (found, token, "pronoun") if found else None
    if token.lower_ in ITS_PRONOUNS:
        speaker = _reporting_subject(token)
        said_by = resolve(ctx, speaker) if speaker is not None else None
        if said_by is not None:  # "The army said it had killed 40 militants": the army
            return said_by[0], token, "pronoun"
        found = _antecedent(ctx, token, people=False)
        return (found, token, "pronoun") if found else None
    found = token_actor(ctx, token)
    if found:
        return found[0], found[1], None
    described = _described(ctx, token)
    if described:
        return described, token, "description"
    owned = _owned(ctx, token)
    if owned:
        return owned, token, "pronoun"
    return unplaced_agent(ctx, token)


def _reporting_subject(token: Token) -> Token | None:
    """The subject of the reporting verb whose clause "it"/"they" is the subject of, when that subject is a
    group or institution (not a person, not itself a pronoun): "The army said it had killed ..."."""
    clause = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp" or clause.head.i == clause.i \
            or _lemma(clause.head) not in load_lexicon().reporting:
        return None
    said = subjects(clause.head)
    if not said or said[0].i > token.i or said[0].pos_ not in ("NOUN", "PROPN") or said[0].ent_type_ == "PERSON":
        return None
    return said[0]


def _owned(ctx: Context, token: Token) -> Actor | None:
    """"Its fighters", "their troops": the group belongs to the state or organisation named before."""
    owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if owner is None or token.pos_ != "NOUN":
        return None
    antecedent = _antecedent(ctx, owner, people=False)
    if antecedent is None:
        return None
    sector = agent_sector(ctx, [token])
    if antecedent.sector is None and antecedent.country and sector:
        return compose(ctx, antecedent.country, sector)  # "Russia ... its warplanes" -> RUSMIL
    return antecedent  # "Hezbollah ... its fighters" -> Hezbollah


def _antecedent(ctx: Context, token: Token, people: bool, depth: int = 0) -> Actor | None:
    """The nearest earlier actor mention (same or previous two sentences) of the right kind.

    With no name there, a person pronoun follows the chain through the nearest earlier
    "he"/"she" ("Putin said ... He said ... , he noted"), a few links at most.
    """
    sent_start = ctx.sent(token).start
    earliest = ctx.sent(ctx.doc[sent_start - 1]).start if sent_start > 0 else 0
    if earliest > 0:
        earliest = ctx.sent(ctx.doc[earliest - 1]).start
    for ent in reversed(ctx.ents):
        if ent.end > token.i or ent.start < earliest:
            continue
        if (ent.label_ == "PERSON") != people:
            continue
        if not people and ent.label_ not in ("GPE", "ORG", "NORP"):
            continue
        if not people and ent.root.dep_ not in ("nsubj", "nsubjpass", "poss") and ent.start >= sent_start:
            continue  # "it" in the same sentence refers back to a subject, not to any name
        actor = ctx.actor_of_ent.get(ent.start)
        if actor is not None:
            return actor
    if people:  # no name: "Iran's foreign minister visited Damascus ... he met Assad": the office named
        for i in range(token.i - 1, earliest - 1, -1):
            office = ctx.doc[i]
            if office.dep_ in ("nsubj", "nsubjpass") and office.tag_ == "NN" and \
                    agent_sector(ctx, [office]) in STATE_SECTORS:
                found = resolve(ctx, office)
                if found is not None and found[0].country:
                    return found[0]
    if people and depth < 3:
        for i in range(token.i - 1, earliest - 1, -1):
            if ctx.doc[i].lower_ in PRONOUNS and ctx.doc[i].lower_ not in ("his", "her"):
                return _antecedent(ctx, ctx.doc[i], people, depth + 1)
    return None


def _described(ctx: Context, token: Token) -> Actor | None:
    """A definite description ("the ministry", "the rebels") of an actor named earlier in the article."""
    if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
        return None
    words = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i] + [token]
    sector = agent_sector(ctx, words)
    state = token.lower_ in ("country", "nation") and len(words) == 1  # "the country": the last one named
    group = _lemma(token) in ("group", "organisation", "organization", "movement") and len(words) == 1
    if sector is None and not state and not group:
        return None
    limit = max(0, ctx.sent(token).start - 200)  # about the last few paragraphs
    for ent in reversed(ctx.ents):
        if ent.end > token.i or ent.start < limit or ent.start >= ctx.sent(token).start and ent.end > token.i:
            continue
        actor = ctx.actor_of_ent.get(ent.start)
        if state and actor is not None and actor.country and len(actor.country) == 3:
            return compose(ctx, actor.country, None)  # "Iranian state media said the country had ...": Iran
        if group and actor is not None and ent.label_ == "ORG" and actor.sector and actor.sector not in STATE_SECTORS \
                and not (ent.root.dep_ in SUBJECT_DEPS and ent.root.head.i == token.head.i):
            return actor  # "talks with the ELN after the group kidnapped an officer": the ELN
        if actor is not None and actor.country and sector is not None and (
                actor.sector == sector or token.lemma_.lower() in actor.name.lower()):
            return actor  # "the ministry" -> the Russian Defence Ministry, whatever its sector
    return None


def unplaced_agent(ctx: Context, token: Token) -> tuple[Actor, SpacySpan | Token, bool] | None:
    """A group named only by what it is ("demonstrators", "riot police"): country unknown, "---" + sector.

    This is the CAMEO convention for actors whose country the sentence does
    not say; "people" or "residents" alone are too vague to count.
    """
    if token.pos_ == "NUM" or token.lower_ in ("thousands", "hundreds", "dozens", "scores", "millions", "tens",
                                               "group", "number", "members", "crowd", "crowds"):
        # "Thousands of demonstrators": the group is the object of "of"
        for obj in prep_objects(token, ("of",)):
            return unplaced_agent(ctx, obj)
        if token.lower_ != "group":
            return None  # "a militant group" goes on: the word before it says what group
    if _lemma(token) in MEMBER_WORDS:
        # "the leader of the separatist movement": the movement's (even where the model took "a top commander"
        # for part of a name)
        for obj in prep_objects(token, ("of",)):
            found = resolve(ctx, obj)
            if found is not None and found[0].sector:
                return found[0], token, "agent"
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ == "PERSON":
        return None  # a named person we cannot place is not "some government"
    # "The missile hit the industrial zone": a weapon no one is named for is nobody's, not the country of the
    # place it hit (a place it was fired from names the doer: _violence_where)
    if _lemma(token) in BLAST_WORDS and not any(c.dep_ in ("amod", "compound", "poss") and c.ent_type_
                                                for c in token.children):
        user = _user_of_equipment(ctx, token)  # ("a rocket fired by Hamas hit Sderot": Hamas's)
        return (user, token, "agent") if user is not None else None
    if token.lower_ == "intelligence" and token.dep_ in ("dobj", "obj", "pobj"):
        return None  # "agreed to share military intelligence": information, not a service
    if token.pos_ == "NOUN" and noun_patterns(token) and agent_sector(ctx, [token]) is None \
            and _lemma(token) not in GROUP_HEADS:
        return None  # "the drone strike", "rocket attacks": an action, not a group ("forces" stay a group)
    if _lemma(token) == "party" and any(c.lower_ in ("to", "warring") or c.lower_ in GATHERINGS
                                        for c in token.children):
        # "the parties to the conflict", "the warring parties": sides; "a wedding party": guests; not political parties
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
        return None  # "its fighters", "his government": the owner is known to the text; coreference is needed
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    if token.lower_ in VAGUE_GROUPS and not modifiers:
        # "officials" alone says too little; "officials in Russia" says whose
        sector = agent_sector(ctx, [token], at_end=True)
        placed_in = [c for c in (place_country(ctx, p) for p in prep_objects(token, ("in", "from")))
                     if c is not None and c[0].country]
        if sector and sector not in ("CVL", "MED", "BUS") and placed_in:
            return compose(ctx, placed_in[0][0].country, sector), token, "agent"
        return None
    # the head names the group ("riot police"), or a noun before it does ("opposition groups", "guerrilla
    # camps"), or the head is a group word that any word before it qualifies ("a militant group"); an
    # adjective alone does not ("joint military action" is no actor)
    sector = agent_sector(ctx, modifiers + [token], at_end=True) or agent_sector(
        ctx, [m for m in modifiers if m.dep_ == "compound" or _lemma(token) in GROUP_HEADS | HOLDINGS])
    if sector is None:
        return None
    compounds = [m for m in modifiers if m.dep_ == "compound"]
    if compounds:  # "Ivory Coast rebels" when the model took the whole phrase for an organisation
        start = min(t.i for m in compounds for t in m.subtree)
        words = token.doc[start:token.i].text
        named = ctx.knowledge.country_by_name.get(norm(words)) or leader_country(ctx, words)
        named = named or region_country(ctx, words)  # "Darfur rebels", "Donbas separatists": a region's country
        if named:
            return compose(ctx, named, sector), token, "agent"
    for m in modifiers:  # "tunisian rioters": a demonym the model did not take for a name
        named = ctx.knowledge.country_by_demonym.get(norm(m.text)) if m.dep_ == "amod" else None
        if named:
            return compose(ctx, named, sector), token, "agent"
    for place in prep_objects(token, ("in", "from")):  # "opposition groups in Zimbabwe"
        country = place_country(ctx, place)
        if country is not None and country[0].country:
            return compose(ctx, country[0].country, sector), token, "agent"
    for clause in (c for c in token.children if c.dep_ == "acl" and c.pos_ == "VERB"):
        # "refugees fleeing the civil war in Liberia", "rebels based in Darfur"
        where = country_where(ctx, [clause, *direct_objects(clause)], ("in", "from"))
        if where is not None:
            return compose(ctx, where[0].country, sector), token, "agent"
    if sector in ("CVL", "MED", "BUS"):
        return None  # "a newspaper", "businessmen": an actor only where the text places it (above)
    user = _user_of_equipment(ctx, token)
    if user:  # "shot down drones launched by Russia": Russia's; "missiles fired by Hezbollah": Hezbollah's
        return (user if user.sector else compose(ctx, user.country, sector)), token, "agent"
    own = _leaders_own(ctx, token, sector)
    if own:  # "Putin hailed the military's performance": his military
        return compose(ctx, own, sector), token, "agent"
    reporter = _reporters(ctx, token)
    reporter = set() if token.i in reporter else reporter  # "a diplomat at the embassy said": still abroad
    if any(t.lower_ in FOREIGN_POSTS and t.i not in reporter for t in ctx.sent(token)) \
            or any(m.lower_ in FOREIGN_WORDS for m in modifiers):
        # at an embassy, the country named is the guest's; "Western ambassadors", "foreign fighters" are not at home
        return compose(ctx, "---", sector), token, "agent"
    home = home_country(ctx, token, sides=True) if sector != "REF" else None  # refugees came from elsewhere
    if home:  # "Egyptian police opened fire to disperse demonstrators": the one country the sentence names
        return compose(ctx, home, sector), token, "agent"
    home = _dissent_home(ctx, token, sector)
    if home:  # "fundamentalists demanded the resignation of the Algerian president": Algerians
        return compose(ctx, home, sector), token, "agent"
    return compose(ctx, "---", sector), token, "agent"


GATHERINGS = {"wedding", "birthday", "dinner", "search", "house", "garden", "tea", "engagement", "farewell",
              "christmas", "holiday", "costume", "pool", "street", "block", "bachelor", "hunting", "landing",
              "boarding", "rescue"}
USING_VERBS = {"launch", "fire", "fly", "operate", "deploy", "send", "drop", "use", "shoot"}


def _user_of_equipment(ctx: Context, token: Token) -> Actor | None:
    """The country that launched, fired or flew a weapon or platform ("drones launched by Russia")."""
    if token.ent_type_ not in ("WEAPON", "MILITARY_PLATFORM"):
        return None
    for clause in (c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in USING_VERBS):
        for agent in prep_objects(clause, ("by",)):
            found = token_actor(ctx, agent)
            if found is not None and len(found[0].country or "") == 3:
                return found[0]
    return None


DISSENT_SECTORS = {"OPP", "REB", "RAD", "LAB", "EDU"}
FOREIGN_WORDS = {"western", "foreign", "international", "overseas", "expatriate", "expat"}
FOREIGN_POSTS = {"embassy", "embassies", "consulate", "consulates", "mission"}


def _reporters(ctx: Context, token: Token) -> set[int]:
    """The words naming whoever reports the token's sentence ("..., Syrian state media reported", "a
    spokeswoman for the U.S. embassy said"): the reporter is no side and sets no scene."""
    reporting = load_lexicon().reporting
    return {t.i for s in ctx.sent(token) if s.dep_ in ("nsubj", "nsubjpass") and s.head.lemma_ in reporting
            for t in s.subtree}


def _dissent_home(ctx: Context, token: Token, sector: str) -> str | None:
    """The country of a state that dissidents, rebels or strikers act against, where the sentence names no
    other: opposition is mostly at home."""
    if sector not in DISSENT_SECTORS:
        return None
    sent = ctx.sent(token)
    own = {t.i for t in token.subtree} | _reporters(ctx, token)
    states = set()
    for other in sent:
        if other.i in own or other.pos_ not in ("NOUN", "PROPN") or other.dep_ == "npadvmod":  # "government-held"
            continue
        found = token_actor(ctx, other)  # what the words say, without coreference: no resolving in circles
        if found is not None and found[0].sector in STATE_SECTORS and len(found[0].country or "") == 3:
            states.add(found[0].country)
    if len(states) != 1 or not named_countries(ctx, token) <= states:
        return None  # two states, or another country named: whose dissidents is unclear
    return states.pop()


STATE_SECTORS = {"MIL", "COP", "SPY", "GOV", "JUD", "LEG"}
ORDERING_VERBS = {"order", "command", "instruct", "send", "deploy", "dispatch", "direct", "tell"}


def _leaders_own(ctx: Context, token: Token, sector: str) -> str | None:
    """The country of a government actor acting on "the military", "the police", "the army": its own
    institutions ("Putin ordered the military to cooperate"); or of rebels or dissidents acting on them
    ("South Sudan's rebels accused the government"); None for anything else."""
    if sector not in STATE_SECTORS:
        return None
    node, verb = verb_argument(token, steps=4)  # up through "the military's performance", "ordered the army to"
    if verb is None or node.dep_ in ("nsubj", "nsubjpass"):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not (
            _lemma(verb) in ORDERING_VERBS and node.i == token.i):
        return None  # "troops" alone are anyone's, unless a leader orders or sends them ("Putin ordered troops to")
    doers = [t for t in subjects(verb) if t.i != token.i]
    found = resolve(ctx, doers[0]) if doers else None
    if found is None or not found[0].country or len(found[0].country) != 3:
        return None
    if found[0].sector == "GOV":
        return found[0].country
    if found[0].sector in DISSENT_SECTORS:
        return found[0].country  # "South Sudan's rebels accused the government": their own government
    return None


def _light_verb(noun: Token) -> Token | None:
    """The light verb an action noun is the object of: "carried out the strike", "will launch an offensive"."""
    if noun.dep_ in ("dobj", "obj") and any(g in LIGHT_VERBS for g in lemma_guesses(noun.head)[:3]):
        return noun.head
    return None


def _trip_for(noun: Token) -> Token | None:
    """The trip an action noun is the purpose of: "arrived in Moscow for talks", "will travel to Beijing for talks"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.i != head.i and head.head.pos_ == "VERB" \
            and _lemma(head.head) in GOING_VERBS:
        return head.head
    return None


def _of_noun(trigger: Token) -> Token | None:
    """The noun a gerund trigger is the "of" phrase of: "intention" in "no intention of backing Clinton"."""
    prep = trigger.head
    if trigger.dep_ == "pcomp" and prep.lower_ == "of" and prep.head.i != prep.i:
        return prep.head
    return None


def negated(trigger: Token, args: list[Token]) -> bool:
    light = _light_verb(trigger)
    if light is not None and negated(light, []):
        return True  # "did not carry out the strike"
    chain = [trigger]
    head = trigger
    # (through an adjective to its copula: "isn't likely to help", "he's not willing to address it")
    # (and through an infinitive with a subject of its own: "did not allow convoys to enter")
    while (head.dep_ in ("xcomp", "conj", "acomp") or head.dep_ == "ccomp" and _with_to(head)) \
            and head.head.i != head.i and len(chain) < 4:
        head = head.head
        chain.append(head)
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for t in chain for c in t.children):
        return True
    if head.dep_ == "ccomp" and _lemma(head.head) in BELIEF_VERBS and any(c.dep_ == "neg" for c in head.head.children):
        return True  # "I don't believe I've ever met him", "I don't think they attacked": not so, in the speaker's word
    if chain[-1].dep_ == "acl" and _lemma(chain[-1].head) in IRREALIS_NOUNS and any(
            c.lower_ == "no" for c in chain[-1].head.children):
        return True  # "Russia has no plans to send ground troops"
    noun = _of_noun(trigger)
    if noun is not None and _lemma(noun) in IRREALIS_NOUNS | UNCERTAIN_NOUNS \
            and any(c.lower_ == "no" for c in noun.children):
        return True  # "they have no intention of backing Clinton", "no chance of winning"
    # "failed to reach agreement", "a failure to agree": what was tried did not happen; so with what it was
    # tried on ("failed to adopt a resolution calling for a ceasefire": the call was not made)
    tried = trigger.head if trigger.dep_ == "acl" else trigger if trigger.pos_ == "NOUN" else None
    if any(_lemma(t) in FAILING_HEADS for t in chain[1:]) or (
            trigger.dep_ in ("acl", "xcomp") and _lemma(trigger.head) in FAILING_HEADS) or (
            tried is not None and tried.dep_ in ("dobj", "obj") and tried.head.dep_ == "xcomp"
            and _lemma(tried.head.head) in FAILING_HEADS):
        return True
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and _lemma(trigger.head) in STOPPING_VERBS:
        return True  # "Hungary blocked the EU's aid package for Ukraine": no aid was given
    if any(_lemma(t) in REFUSING_HEADS for t in chain[2:]):
        return True  # "refused to let journalists enter the camp": the refusal is coded, the entry did not happen
    # "no discussion about", and "Neither Russia nor China supported the resolution"
    return any(c.dep_ == "det" and c.lower_ == "no" or c.lower_ == "neither" for a in args for c in a.children)


FAILING_HEADS = {"fail", "failure", "unable", "incapable"}
REFUSING_HEADS = {"refuse", "decline"}  # what they refused to let happen did not happen
BELIEF_VERBS = {"believe", "think", "suppose", "expect", "recall", "remember"}  # their "not" falls on the clause
# Verbs that stop what their object names: "blocked the EU's aid package", "halted air strikes"
STOPPING_VERBS = {"block", "veto", "halt", "stop", "suspend", "cancel", "prevent", "thwart", "foil", "freeze", "scrap",
                  "abandon", "axe", "shelve", "bar", "ban", "forbid", "outlaw", "end", "cease"}
DENYING_HEADS = {"deny", "dispute", "refute"}
# Clauses that state what happened, whatever the main clause's mood: "after", "since", "because" ...
FACTUAL_MARKS = {"after", "since", "because", "although", "though", "as", "while", "whereas"}
# Nouns whose clause is someone's claim, not a fact: "accusations that it supplied drones"
CLAIM_NOUNS = {"accusation", "allegation", "claim", "report", "rumour", "rumor", "charge", "suspicion", "speculation",
               "assertion", "suggestion", "contention", "admission", "acknowledgement", "acknowledgment",
               "confession"}


# Words whose topic is talked about or proposed, not done: "talks on joint military action", "discussed sanctions"
TOPIC_HEADS = {"talk", "discussion", "negotiation", "meeting", "debate", "summit", "consultation", "conference",
               "proposal", "plan", "idea", "option", "possibility", "prospect", "discuss", "negotiate", "propose",
               "consider", "weigh", "mull", "contemplate", "envisage"}


WISHING_HEADS = {"agree", "accept", "offer", "seek", "request", "demand", "urge", "want", "favour", "favor", "call",
                 "press", "push", "ask", "insist", "appeal", "plead", "lobby", "clamor", "clamour",
                 # what is opposed or turned down is only proposed: "opposed to French mediation"
                 "oppose", "object", "reject", "refuse", "decline", "veto"}


UNREAL_MODIFIERS = {"planned", "proposed", "possible", "potential", "prospective", "expected", "threatened",
                    "intended", "envisaged", "mooted"}  # "the planned deployment": not (yet) done


LIKELIHOOD_WORDS = {"likely", "unlikely", "liable", "apt", "bound",
                    "able", "capable"}  # "delegates able to support Cruz": they may, or may not
UNCERTAIN_NOUNS = {"chance", "possibility", "prospect", "risk", "likelihood", "danger", "fear", "hope"}
ADVISING_HEADS = {"demand", "urge", "insist", "ask", "request", "recommend", "advise", "propose"}
OBLIGED_HEADS = {"have", "need", "ought"}  # "have to", "need to", "ought to": an obligation, not a deed


def _imperative(verb: Token) -> bool:
    """A command: a bare verb heading its sentence (after an opening quote), or joined to one, with no
    subject or auxiliary."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    first = verb.sent.start + (1 if verb.sent[0].is_punct else 0)
    # (or the quoted words before their speaker: '"Let them fight each other," he said')
    opens = verb.dep_ == "ROOT" or verb.dep_ in ("ccomp", "parataxis") and verb.head.i > verb.i \
        and _lemma(verb.head) in load_lexicon().reporting
    return opens and verb.tag_ == "VB" and verb.i == first \
        and not any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"aux"} for c in verb.children)


def _asks_whether(verb: Token) -> bool:
    """A yes-or-no question: an auxiliary before the subject, and a question mark after the clause."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS), None)
    if subject is None or not any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in verb.children):
        return False
    if any(c.tag_ in ("WRB", "WP", "WDT") and c.i < subject.i for c in verb.subtree):
        return False  # "Why did Russia attack Ukraine?": the question takes the attack as done
    end = max(t.i for t in verb.subtree) + 1
    return end < len(verb.doc) and verb.doc[end].text == "?" or verb.doc[end - 1].text == "?"


def modality(trigger: Token) -> str:
    light = _light_verb(trigger)
    if light is not None:
        # "will carry out strikes": the noun's own words first ("carried out the planned strike"), then the verb's
        own = _modality_at(trigger)
        return own if own != "asserted" else modality(light)
    return _modality_at(trigger)


def _modality_at(trigger: Token) -> str:
    """The modality the trigger's own words and the clauses above it give."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        head = trigger.head
        if trigger.dep_ != "attr" and any(c.dep_ == "amod" and c.lower_ in UNREAL_MODIFIERS for c in trigger.children):
            return "planned"  # (but "Benghazi was a planned attack": premeditated, and done)
        if trigger.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in head.head.children):
            return "hypothetical"  # "if the US goes ahead with the deployment": it may not
        if trigger.dep_ == "pobj" and head.lower_ in ("on", "about", "over", "for", "of") and head.head.i != head.i \
                and (_lemma(head.head) in TOPIC_HEADS or head.lower_ != "of" and any(
                    c.dep_ in ("dobj", "obj") and _lemma(c) in TOPIC_HEADS for c in head.head.children)):
            return "planned"  # "talks on a pullback", "renewed negotiations today on a pullback": still talked about
        if trigger.dep_ in ("dobj", "obj") and _lemma(head) in TOPIC_HEADS:
            return "planned"
        trip = _trip_for(trigger)
        if trip is not None:
            return modality(trip)  # "will travel to Moscow for talks": the talks are as future as the trip
        # "agreed to US mediation", "sought talks with Iran", "called for an inquiry": wished for, not done
        if trigger.dep_ == "pobj" and head.lower_ in ("to", "for", "on") and _lemma(head.head) in WISHING_HEADS \
                or trigger.dep_ in ("dobj", "obj") and _lemma(head) in WISHING_HEADS:
            return "planned"
    noun = _of_noun(trigger)
    if noun is not None and _lemma(noun) in UNCERTAIN_NOUNS:
        return "hypothetical"  # "little chance of officials being prosecuted", "the risk of attacking"
    if noun is not None and _lemma(noun) in IRREALIS_NOUNS:
        return "planned"  # "the threat of imposing sanctions"
    if trigger.dep_ in ("xcomp", "pcomp", "ccomp") and _lemma(trigger.head) in DENYING_HEADS:
        return "reported"  # "Russia denied attacking the hospital": the attack is alleged by others
    if _imperative(trigger):
        return "planned"  # "Lock her up!", "Free the hostages!": called for, not done
    chain = [trigger]
    head = trigger
    while (head.dep_ in ("xcomp", "conj", "ccomp", "advcl", "acl") or head.dep_ == "acomp"
           and _lemma(head) in LIKELIHOOD_WORDS) and head.head.i != head.i and len(chain) < 5:
        if head.dep_ == "acl" and _lemma(head.head) in IRREALIS_NOUNS:
            return "planned"  # "cancel plans to sell weapons": nothing was sold
        if head.dep_ in ("acl", "ccomp") and (head.head.pos_ == "NOUN" and _lemma(head.head) in CLAIM_NOUNS
                                              or head.head.pos_ == "VERB" and _lemma(head.head) in DENYING_HEADS):
            return "reported"  # "denied (accusations) that it supplied drones to Russia": a claim, not a fact
        if head.dep_ == "acl" and head.head.pos_ == "NOUN" and _lemma(head.head) not in ATTEMPT_NOUNS \
                and _with_to(head):
            return "planned"  # "an invitation to attend", "pressure to help": not (yet) done; an attempt was made
        if head.dep_ == "acl" and head.head.dep_ in ("dobj", "obj") and _lemma(head.head.head) in STOPPING_VERBS:
            return "planned"  # "blocked an EU statement criticising China": the statement was not made
        if head.dep_ == "acl":
            break
        if head.dep_ == "advcl" and _with_to(head) and any(
                c.dep_ in ("dobj", "obj") and _lemma(c) in IRREALIS_NOUNS for c in head.head.children):
            return "planned"  # "struck a deal to eliminate its arsenal", "made an offer to mediate" (parsed loose)
        if head.dep_ == "advcl" and _with_to(head) and _lemma(head.head) in WISHING_HEADS:
            return "planned"  # "rejected calls by Annan(,) to adopt reforms": what was asked for, parsed loose
        if head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in head.children):
            break  # "it would pay a heavy price after a missile struck a factory": the strike happened
        if head.dep_ in ("ccomp",) and _lemma(head.head) not in REPORTED_HEADS:
            if _lemma(head.head) in IRREALIS_NOUNS | ADVISING_HEADS and not _asked(head):
                return "planned"  # "its demand that Israel ease restrictions", "demanded that X cancel"
            if not (_bare(head) and not any(c.dep_ == "mark" for c in head.children)):
                break
            # a bare infinitive has no tense of its own: "an agreement that would see him endorse her"
        head = head.head
        chain.append(head)
    for t in chain:
        kids = list(t.children)
        if any(c.lower_ in REPORTED_ADVERBS for c in kids) or (t is not trigger and _lemma(t) in REPORTED_HEADS):
            return "reported"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
            return "hypothetical"  # (and "whether it is right for a justice to criticize": an open question)
        if t is not trigger and _lemma(t) in LIKELIHOOD_WORDS:
            return "hypothetical"  # "is likely to help", "is unlikely to attack": a forecast
        if t is not trigger and _imperative(t):
            return "planned"  # "Let them fight each other": urged, not done
        if _asks_whether(t):
            return "hypothetical"  # "Did Russia attack Ukraine?", "Will Israel strike Iran?": an open question
        below = chain[chain.index(t) - 1] if t is not trigger else None
        if below is not None and _lemma(t) in OBLIGED_HEADS and below.dep_ == "xcomp" and _with_to(below) \
                and t.tag_ != "VBD":  # ("had to lend his campaign money": he did)
            return "hypothetical"  # "we have to coordinate better", "Russia needs to withdraw": not done
        if any(c.dep_ == "mark" and c.lower_ in ("until", "till", "before") for c in kids) and any(
                x.tag_ in ("VB", "VBP", "VBZ") for x in [t, *(c for c in kids if c.dep_ in ("aux", "auxpass"))]):
            return "planned"  # "sworn to fight until they gain control", "a day before Sarkozy heads to Beijing": not yet
        if t.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "would" for c in kids) and \
                _lemma(t.head) in load_lexicon().reporting and not any(c.dep_ == "mark" and c.lower_ == "if"
                                                                      for c in t.head.children):
            return "future"  # "X said Y would attack": the future seen from the past, not a hypothesis
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in kids):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
            return "future"
        if t is not trigger and _lemma(t) in PLANNED_HEADS:
            return "planned"
        if below is not None and below.dep_ in ("xcomp", "ccomp") and t.pos_ == "VERB" and _lemma(t) in TOPIC_HEADS:
            return "planned"  # "China is considering imposing sanctions", "discussed sending troops": not done
    return "asserted"


def attribution(ctx: Context, trigger: Token) -> list[ActorRef]:
    """Speakers of the reported speech the trigger stands in ("X said Y attacked Z")."""
    refs: list[ActorRef] = []
    node = trigger
    reporting = load_lexicon().reporting
    steps = 0
    while node.head.i != node.i and steps < 6:
        parent = node.head
        if node.dep_ in ("ccomp", "parataxis") and _lemma(parent) in reporting:
            for s in subjects(parent):
                found = resolve(ctx, s)
                if found:
                    refs.append(ctx.actor_ref(found[0], found[1]))
        node = parent
        steps += 1
    for token in ctx.sent(trigger):
        if token.lower_ == "according" and token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].lower_ == "to":
            for obj in prep_objects(ctx.doc[token.i + 1].head, ("to",)) or [c for c in ctx.doc[token.i + 1].children if c.dep_ == "pobj"]:
                found = resolve(ctx, obj)
                if found:
                    refs.append(ctx.actor_ref(found[0], found[1]))
    return refs


PLACE_TARGET_ROOTS = {"04", "14", "17", "18", "19", "20"}  # visiting, protesting in or attacking a place


def expand(ctx: Context, resolved: list[tuple[Token, tuple | None]]) -> list[tuple]:
    """Resolved arguments plus the actors their conjoined modifiers add, each actor once."""
    extra = [shared_modifiers(ctx, t, r)[1:] for t, r in resolved]
    covered = {x[1].i for more in extra for x in more if isinstance(x[1], Token)}
    out: list[tuple] = []
    for (token, found), more in zip(resolved, extra):
        if found is not None and token.i not in covered:  # the parser may also list "Germany" as a subject
            out.append(_shared_head(ctx, token, found))
            out.extend(more)
            out.extend(_fellow_antecedents(ctx, token, found))
    # a name that stands for several actors gives one argument each
    return [(m, *x[1:]) for x in out for m in members(ctx, x[0])]


def _fellow_antecedents(ctx: Context, token: Token, found: tuple) -> list[tuple]:
    """"Saudi Arabia and the United States said they were ready ...": "they" is every member of the
    compound its antecedent belongs to, not its first member alone."""
    if found[2] != "pronoun" or token.lower_ not in ("they", "them", "their"):
        return []
    named = next((e for e in reversed(ctx.ents)
                  if e.end <= token.i and ctx.actor_of_ent.get(e.start) is found[0]), None)
    if named is None:
        return []
    head = named.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    out = []
    for member in with_conjuncts([head]):
        other = token_actor(ctx, member)
        if other is not None and other[0].code != found[0].code and all(o[0].code != other[0].code for o in out):
            out.append((other[0], token, "pronoun"))
    return out


def _shared_head(ctx: Context, token: Token, found: tuple) -> tuple:
    """"Sierra Leonean and Liberian refugees" parsed as "Sierra Leonean" and "Liberian refugees":
    a bare nationality takes the sector of the group it is coordinated with."""
    if found[0].sector is not None or not found[0].country or token.ent_type_ != "NORP":
        return found
    for conj in (c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"):
        # "Kyrgyz and Tajik border guards": the words before the head name the group too
        sector = agent_sector(ctx, [m for m in conj.children if m.dep_ == "compound" and not m.ent_type_] + [conj])
        if sector:
            return (compose(ctx, found[0].country, sector), *found[1:])
    return found


def shared_modifiers(ctx: Context, token: Token, found: tuple | None) -> list[tuple]:
    """"US and British activists", "envoys of A, B and C": one actor per conjoined modifier, with the head's sector."""
    if found is None:
        return []
    out = [found]
    actor = found[0]
    mods = [m for m in token.children if m.dep_ in ("amod", "compound", "nmod", "poss") and m.i < token.i]
    mods += prep_objects(token, ("of", "from", "in"))[:1]  # "the ambassadors of A, B and C", "lawmakers in A and B"
    own = ctx.ent_at(token) if token.pos_ == "PROPN" else None
    for mod in mods:
        if not mod.ent_type_ or own is not None and ctx.ent_at(mod) is own:
            continue  # "Sierra Leonean and Liberian refugees": "Sierra" is part of the name, not a modifier
        sector = actor.sector
        named = token_actor(ctx, mod)
        if mod.ent_type_ == "ORG" and named is not None and named[0].sector == sector and token.pos_ == "NOUN":
            # "the Taliban and US officials": REB is the Taliban's own; the US side are officials
            sector = agent_sector(ctx, [token])
        listed = with_conjuncts([mod])
        # (all of a list: "Russian and Chinese military officials" may resolve to its last member)
        for conj in listed if len(listed) > 1 else []:
            other = token_actor(ctx, conj)
            if other is not None and other[0].country and other[0].country != actor.country:
                out.append((compose(ctx, other[0].country, sector), conj, found[2]))
        for part in _hyphenated(mod):  # "Egyptian-Qatari mediators", often read as one nationality
            country = country_word(ctx, part)
            if country and country != actor.country and all(x[0].country != country for x in out):
                out.append((compose(ctx, country, actor.sector), part, found[2]))
    return out


def _hyphenated(modifier: Token) -> list[Token]:
    """Both of two names joined by a hyphen: "an Egyptian-Qatari proposal" is both countries'."""
    first = [x for x in modifier.children if x.i < modifier.i and x.dep_ in ("amod", "compound", "nmod", "npadvmod")
             and any(p.tag_ == "HYPH" and x.i < p.i < modifier.i for p in modifier.children)]
    return first[:1] + [modifier] if first else []


def placed(ctx: Context, found: tuple | None, trigger: Token) -> tuple | None:
    """A group of no stated country acting in a named country belongs to it ("students throughout Indonesia")."""
    if found is None or not found[0].code.startswith("---"):
        return found
    token = found[1] if isinstance(found[1], Token) else found[1].root
    around = list(token.subtree) + [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
    if trigger.dep_ in ("dobj", "obj"):
        around.append(trigger.head)  # "staged demonstrations throughout Indonesia"
    where = country_where(ctx, around, ("in", "from", "throughout", "across"))
    return (compose(ctx, where[0].country, found[0].sector), found[1], "place") if where else found


VICTIM_WORDS = {"people", "civilians", "civilian", "residents", "villagers", "passengers", "children", "women", "men",
                "person", "wounded", "worshippers", "pilgrims", "shoppers", "bystanders", "students", "farmers",
                "families", "inhabitants", "immigrants", "migrants", "refugees", "prisoners", "detainees", "protesters",
                "demonstrators"}


def victims(ctx: Context, token: Token, trigger: Token) -> tuple | None:
    """Unnamed victims ("killed 23 people in Tel Aviv") are civilians of the country where it happened."""
    words = [token] + prep_objects(token, ("of",))
    if not any(w.lower_ in VICTIM_WORDS for w in words):
        return None
    sector = "REF" if any(w.lower_ in ("refugees", "migrants", "immigrants") for w in words) else "CVL"
    origin = country_where(ctx, [token], ("from",))
    if origin is not None:  # "a missionary from Calgary was arrested in Lebanon": a Canadian
        return compose(ctx, origin[0].country, sector), token, "place"
    around = [trigger, token] + ([trigger.head] if trigger.dep_ in ("dobj", "obj") else [])
    # "killed in Israeli tank shelling in the east of Gaza" (the shelling may be parsed as a clause)
    around += prep_objects(trigger, ("in", "by")) + [c for c in trigger.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    where = country_where(ctx, around, ("in", "at", "near", "across", "throughout"))
    return (compose(ctx, where[0].country, sector), token, "place") if where else None


CROWD_WORDS = {"people", "thousands", "hundreds", "dozens", "scores", "tens", "crowd", "crowds", "residents",
               "citizens", "villagers", "students", "workers", "youths", "women", "men", "farmers", "locals"}


def crowd(ctx: Context, token: Token, trigger: Token) -> tuple[Actor, Token, str] | None:
    """Protesters named only as a crowd ("thousands of people", "students"): civilians, country from a modifier,
    else from where they protested ("blocked streets in Hong Kong"), as for victims."""
    words = [token] + prep_objects(token, ("of",))
    words += [w for t in list(words) for w in prep_objects(t, ("of",))]
    if not any(w.lower_ in CROWD_WORDS or w.pos_ == "NUM" for w in words):
        return None
    for w in words:
        for mod in w.children:
            country = country_word(ctx, mod) if mod.dep_ in ("amod", "compound", "nmod") else None
            if country:
                return compose(ctx, country, "CVL"), w, "agent"
    anchors = place_anchors(trigger) + words
    if trigger.dep_ in ("advcl", "xcomp", "conj"):
        anchors += place_anchors(trigger.head)  # "marched in Paris to protest ...": the march's place
    where = country_where(ctx, anchors, ("in", "across", "throughout"))
    if where is not None:
        return compose(ctx, where[0].country, "CVL"), token, "place"
    return compose(ctx, "---", "CVL"), token, "agent"


NESTED_PREPS = ("of", "with", "between", "to", "against", "on", "toward", "towards", "for")


def nested_targets(verb: Token, sources: list[Token], with_places: bool = False,
                   preps: tuple[str, ...] = NESTED_PREPS, consulting: bool = False) -> list[Token]:
    """The first actor inside the verb's object phrase: "welcomed a resumption of ties with Osgiliath".

    Follows only prepositions (of, with, between, to, against, on) under the
    direct object, breadth first and at most three deep, never into a clause.
    """
    layer = [c for c in verb.children if c.dep_ in ("dobj", "obj")] if not (
        consulting and _lemma(verb) in DISCUSSING_VERBS) else []  # "discussed Syria": a topic
    for clause in (c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX")):
        # "threatened to resume attacks in Israel", "staged a hunger strike to protest Assad's failure"
        if _with_to(clause):
            layer += [c for c in clause.children if c.dep_ in ("dobj", "obj")]
            layer += prep_objects(clause, ("against", "on", "to", "with", "in"))
    seen = {t.i for t in sources}
    for _ in range(3):
        found = [t for t in layer if t.i not in seen and (t.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"))]
        found += [c for t in layer for c in t.children if c.dep_ == "poss" and c.ent_type_ and c.i not in seen]
        if found:
            return with_conjuncts(found[:1])
        layer = prep_objects_all(layer, preps + (("in",) if with_places else ()))
        if not layer:
            return []
    return []


def prep_objects_all(tokens: list[Token], preps: tuple[str, ...] = NESTED_PREPS) -> list[Token]:
    out = []
    for t in tokens:
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


TARGET_PLACE_PREPS = ("in", "into", "to", "at", "on", "over", "from", "inside", "near", "across", "toward", "towards")


def place_anchors(trigger: Token) -> list[Token]:
    """Where a place aimed at may hang: the trigger, the verb a noun trigger is the object of
    ("staged a protest in X"), and the object of a verb trigger ("evacuate the settlements in Gaza")."""
    anchors = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ == "VERB":
        anchors.append(trigger.head)
    anchors += [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
    for clause in (c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        anchors.append(clause)  # "agreed to set up a centre in Tokyo"
        anchors += [c for c in clause.children if c.dep_ in ("dobj", "obj")]
    return anchors


@lru_cache(maxsize=1)
def country_parts() -> frozenset[str]:
    """Words for a part of a country named with its owner ("in Burkina Faso's north", "Mali's centre"):
    the directions and parts of place_words.csv."""
    return frozenset(row["word"].lower() for row in table("place_words.csv") if row.get("kind") in ("direction", "part"))


def country_where(ctx: Context, tokens: list[Token], preps: tuple[str, ...]) -> tuple | None:
    """The country of the first trusted place reached from `tokens` through `preps` ("in Beijing" -> CHN)."""
    for spot in (o for t in tokens for o in prep_objects(t, preps)):
        # "in the east of the Gaza Strip", "in parts of Syria": the place the part belongs to;
        # "to the border with Somalia": the neighbour
        border = _lemma(spot) in ("border", "frontier")  # "Macedonia's border with Bulgaria": Macedonia's
        owned = border or spot.lower_ in country_parts()  # "in Burkina Faso's north"
        parts = ("of", "with") if border else () if spot.lower_ in WATERS else ("of",)  # "the Gulf of Oman": nobody's
        for place in [spot, *[c for c in spot.children if owned and c.dep_ == "poss"], *prep_objects(spot, parts)]:
            found = place_country(ctx, place)
            if found is None and place.pos_ == "PROPN":  # a country the model read as an organisation
                named = token_actor(ctx, place)
                if named is not None and named[0].sector is None and len(named[0].code) == 3:
                    found = (named[0], named[1], "place")
            if found is not None and found[0].country:
                return found
    return None


def complement_actor(ctx: Context, token: Token, topic: bool = False) -> tuple[Actor, SpacySpan | Token, str | None] | None:
    """The actor behind a non-actor object: "an agreement with the EU", "Serbia's suppression", "an offer from X".

    With `topic` (the object of a consultation is what is talked about: "discussed sanctions against
    Iran") only a partner counts ("discussed a deal with the EU").
    """
    user = _user_of_equipment(ctx, token) if not topic else None
    if user is not None:  # "struck rocket launchers used by Hezbollah"
        return user, token, "complement"
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"] if not topic else []
    preps = ("with", "between") if topic else ("with", "against", "between", "from", "by", "of")
    for obj in owners + prep_objects(token, preps):
        found = token_actor(ctx, obj)  # "Serbia's suppression", "an offer from Afghanistan", "the removal of X"
        if found:
            return found[0], found[1], "complement"
    return None


def complement_actors(ctx: Context, token: Token, topic: bool = False) -> list[tuple[Token, tuple]]:
    """complement_actor with the actors conjoined to it ("ties with France and Germany"), each with its token."""
    found = complement_actor(ctx, token, topic)
    if found is None:
        return []
    head = found[1] if isinstance(found[1], Token) else found[1].root
    out = [(token, found)]
    for conj in with_conjuncts([head])[1:]:
        other = token_actor(ctx, conj)
        if other is not None and other[0].code != found[0].code:
            out.append((conj, (other[0], other[1], "complement")))
    return out


def place_country(ctx: Context, token: Token) -> tuple[Actor, SpacySpan | Token, bool] | None:
    """A visit to a place is a visit to its country ("travel to Washington" -> USA)."""
    ent = ctx.ent_at(token)
    place = ctx.place_of_ent.get(ent.start) if ent is not None else None
    if place is None or not place.country or place.country not in ctx.knowledge.countries:
        return None
    if not trusted_place(ctx, place, ent.start):
        return None
    return compose(ctx, place.country, None), ent, "place"


def trusted_place(ctx: Context, place, start: int) -> bool:
    """Whether a place's country may stand for an actor: a country, a capital, or a country the article names.

    The gazetteer knows many small towns; an unknown name ("Rohan") that happens
    to match one must not drag a country into an event.
    """
    if place.kind in ("country", "continent") or norm(place.text) in ctx.knowledge.places_by_alias:
        return True  # countries, and the places of Chronicle's own curated gazetteer (places.csv)
    ent = ctx.ent_at(ctx.doc[start])
    kind, _, key = ent.kb_id_.partition(":") if ent is not None else ("", "", "")
    if kind == "place" and norm(key) in ctx.knowledge.places_by_alias:
        return True  # "the town of Samarra": the gazetteer's Samarra
    country = ctx.knowledge.countries[place.country]
    if norm(getattr(country, "capital", "") or "") == norm(place.text):
        return True
    named = {a.country for s, a in ctx.actor_of_ent.items() if s != start and a.country}
    named |= {p.country for s, p in ctx.place_of_ent.items() if s != start and p.country}
    return place.country in named


def quoted_by(ctx: Context, trigger: Token) -> list[ActorRef]:
    """The speaker (and outlets) of the quotation a trigger stands in."""
    at = ctx.of(trigger).start
    for start, end, _, chain in ctx.quoted:
        if start <= at < end:
            return list(chain)
    return []


@dataclass
class Candidate:
    """A matched trigger with its argument tokens, before the actors are resolved."""
    trigger: Token
    code: str
    reciprocal: bool
    sources: list[Token]
    targets: list[Token]
    specific: bool
    why: list[str]
    flags_from: Token | None = None  # whose negation and modality apply (a stance head), else the trigger
    declared: bool = False  # the statement of a declared future action, itself asserted
    action: str = ""  # the code of the action a statement is about ("travel to X" under "is set to")
    among: bool = False  # reciprocal only among a compound's members, not with a side named apart
    pattern: str = ""  # the knowledge entry that matched, as the event's `pattern` shows it
    paired: str = ""  # the code of the target's answering action (pattern code "A:B"), coded target -> source
    negation_in_pattern: bool = False  # the pattern has "not"/"never": its code is that of the negated action


def _describe(pattern: VerbPattern | NounPattern, kind: str) -> str:
    paired = f" (and {pattern.paired} back)" if pattern.paired else ""
    return f"{kind} pattern '{pattern.text}' -> {pattern.code}{paired} ({pattern.file})"


def _tokens(tokens: list[Token]) -> str:
    return ", ".join(f"'{t.text}'" for t in tokens) or "none"


QUOTE_MARKS = {"''", '"', "``", "“", "‘", "'"}
TITLE_SMALL_WORDS = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "at", "by", "or"}


def _title_word(token: Token) -> bool:
    """A capitalised verb right after an opening quote mark, mid-sentence, followed by another capitalised
    word: the first word of a title ("Meet the Press", "Kill Bill")."""
    if not token.text[:1].isupper() or token.i == token.sent.start or token.i + 2 > token.sent.end:
        return False
    before = token.doc[token.i - 1]
    if before.text not in QUOTE_MARKS or before.i == token.sent.start:
        return False
    words = []
    for t in token.doc[token.i + 1: min(token.i + 9, token.sent.end)]:
        if t.text in QUOTE_MARKS or t.is_punct:
            break
        if t.lower_ not in TITLE_SMALL_WORDS:
            words.append(t)
    return bool(words) and all(t.text[:1].isupper() for t in words)  # "Meet the Press", not "Attack Iran now"


NATURAL_CAUSES = {"flood", "flooding", "storm", "earthquake", "quake", "tsunami", "hurricane", "typhoon", "cyclone",
                  "tornado", "landslide", "mudslide", "avalanche", "drought", "heatwave", "heat", "cold", "virus",
                  "disease", "epidemic", "pandemic", "outbreak", "cholera", "malaria", "covid", "coronavirus", "flu",
                  "influenza", "famine", "wildfire", "lightning", "accident", "crash", "collision", "rain", "snow"}


def _foretold(clause: Token) -> bool:
    """Whether a that-clause says what will happen or has happened ("insisted she will release the transcripts",
    "insisted that he never said it"): a claim, not a demand, which takes the bare verb or "must"/"should"
    ("insisted that Israel withdraw")."""
    # ("insists it does not know", "insist that it is arming no one": what is so, said firmly)
    return clause.tag_ in ("VBD", "VBZ") or any(
        c.dep_ == "aux" and (c.lower_ in FUTURE_AUX | {"would"} or _lemma(c) == "have"
                             or _lemma(c) in ("do", "be") and c.tag_ in ("VBZ", "VBP", "VBD"))
        for c in clause.children)


def _campaign_rally(ctx: Context, noun: Token) -> bool:
    """"A Trump rally", "Clinton's rally in Las Vegas": a politician's own rally, not a protest (an opposition
    leader's rally, "a Navalny rally", still is one)."""
    if _lemma(noun) != "rally":
        return False
    for owner in (c for c in noun.children if c.dep_ in ("compound", "poss") and c.ent_type_ == "PERSON"):
        found = resolve(ctx, owner)
        if found is not None and found[0].sector not in DISSENT_SECTORS:
            return True
    return False


def _asked(clause: Token) -> bool:
    """Whether a clause is a question ("if parents would vote", "why Turkey shot down the jet")."""
    first = clause.left_edge
    return first.lower_ in ("if", "whether") or first.tag_ in ("WDT", "WP", "WRB", "WP$")


def _talked_alone(verb: Token, pattern: VerbPattern) -> bool:
    """A bare "discussed" or "debated" by one speaker: talk about a topic, no consultation (which takes
    two: "the two leaders discussed", "A and B discussed", "discussed it with B")."""
    if _lemma(verb) not in DISCUSSING_VERBS or pattern.prep or pattern.words or pattern.objects is not None:
        return False
    doers = with_conjuncts(subjects(verb, antecedent=False))
    return len(doers) == 1 and doers[0].tag_ not in ("NNS", "NNPS") and doers[0].lower_ not in ("they", "we")


def _question(verb: Token) -> bool:
    """Whether the verb asks a question ("asked if", "asked whether", "asked why") rather than for something."""
    return any(_asked(c) for c in verb.children if c.dep_ in ("ccomp", "advcl"))


def _natural_cause(verb: Token) -> bool:
    """Whether what did the harm is a flood, a storm, a disease or an accident: "floods killed 100 people",
    "were killed in the earthquake"."""
    causes = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] + prep_objects(verb, ("by", "in", "from"))
    return any(_lemma(c) in NATURAL_CAUSES or c.lower_ in NATURAL_CAUSES for c in causes)


def candidates(ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    lexicon = load_lexicon()
    for token in ctx.doc:
        sequence = None
        if lexicon.sequences:
            patterns = lexicon.sequence_patterns(tuple(lemma_guesses(token)))
            sequence = match_sequence(ctx, token, patterns) if patterns else None
        verbal = token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT" and token.tag_.startswith("VB"))
        if verbal and _title_word(token):
            continue  # "on NBC's ''Meet the Press''": the name of a show, a book or a film
        match = match_verb(ctx, token) if verbal else None
        if sequence is not None and (match is None or (sequence.pattern.specificity, -sequence.pattern.order)
                                     > (match[0].specificity, -match[0].order)):
            if sequence.pattern.code != BLOCK_CODE:
                found.append(sequence_candidate(ctx, token, sequence, match[1] if match else None))
            continue
        if verbal:
            if not match:
                continue
            pattern, targets = match
            if pattern.code == BLOCK_CODE:
                continue  # the most specific pattern says this phrase is not an event
            if pattern.code[:2] in ("18", "19", "20") and _natural_cause(token):
                continue  # "floods killed 100 people", "killed by the virus": no one did it
            if pattern.code[:2] == "02" and _question(token):
                continue  # "he asked if parents would vote for him": a question, no appeal
            if _talked_alone(token, pattern):
                continue  # "Bolton discussed the lengths one must go to": a topic talked about, with no one
            if not pattern.words and not pattern.objects and _lemma(token) in ("help", "assist") \
                    and not direct_objects(token) and any(c.dep_ == "xcomp" for c in token.children):
                continue  # "to help support the rights of Palestinians": what is helped along is the action
            sources = subjects(token)
            code = pattern.code
            said = [c for c in token.children if c.dep_ == "ccomp"]
            summoned = token.dep_ in ("xcomp", "advcl") and _lemma(token.head) == "summon"
            if (said or summoned) and _lemma(token) in PROTESTING_SPEECH and not pattern.words and not pattern.objects:
                # "Israel protested that Syria had moved missiles": a complaint about Syria, no demonstration;
                # "summoned the ambassador to protest the killings": a complaint to the ambassador
                code = PROTESTING_SPEECH[_lemma(token)]
                if code == BLOCK_CODE:
                    continue  # "the study demonstrated that ...": shown, not protested
                targets = [t for t in subjects(said[0]) if t.pos_ in ("NOUN", "PROPN")] if said else \
                    direct_objects(token.head)
            if is_passive(token) and not pattern.prep:
                targets = with_conjuncts([c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]) or targets
                if _existential(token):
                    targets = targets or [token.head]
            targets = targets or clause_addressees(token, pattern.code)
            if pattern.converse:  # "Georgian demonstrators received weapons from the government"
                sources, targets = targets, sources
            described = _describe(pattern, "verb")
            found.append(Candidate(token, code, pattern.reciprocal, sources, targets, pattern.specificity > 0,
                                   [f"'{token.text}' matched {described}"]
                                   + ([f"said in words (a clause follows): {code}"] if code != pattern.code else []),
                                   pattern=described, paired=pattern.paired, among=pattern.among,
                                   negation_in_pattern=bool(NEGATION_WORDS & set(pattern.words))))
        elif token.pos_ in ("NOUN", "PROPN"):
            nmatch = match_noun(ctx, token)
            if not nmatch:
                continue
            npattern, targets = nmatch
            if npattern.code == BLOCK_CODE or npattern.code[:2] == "14" and _campaign_rally(ctx, token):
                continue
            described = _describe(npattern, "noun")
            found.append(Candidate(token, npattern.code, npattern.reciprocal, noun_sources(ctx, token, npattern.prep), targets,
                                   npattern.prep is not None, [f"'{token.text}' matched {described}"],
                                   pattern=described, paired=npattern.paired, among=npattern.among))
    for cand in found:  # "GAZA CITY, Palestinian Territories: Four children ...": the dateline is no argument
        start = dateline_end(ctx, ctx.sent(cand.trigger))
        if start:
            cand.sources = [t for t in cand.sources if t.idx >= start]
            cand.targets = [t for t in cand.targets if t.idx >= start]
    return found


DATELINE = re.compile(r"\s*[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,40}?)?(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
                      r"(?:\s*\([^)\n]{1,30}\))?\s*(?::|—|–|--| -)\s")


def dateline_end(ctx: Context, sent: SpacySpan) -> int:
    """Where the dateline that opens a story's first lines ends ("WASHINGTON (AP) — ", "LYON: "), or 0."""
    m = DATELINE.match(sent.text)
    return sent.start_char + m.end() if m else 0


def sequence_candidate(ctx: Context, token: Token, match: SequenceMatch, targets: list[Token] | None) -> Candidate:
    """A trigger whose best pattern is a word sequence: its actor slots give the arguments they name,
    the parse the others; a compound slot gives one event each way between its first two members, or,
    after the verb of a clause with an actor of its own as subject, one event from it to each member."""
    p = match.pattern
    verbal = token.pos_ in ("VERB", "AUX")
    sources = match.sources or (subjects(token) if verbal else noun_sources(ctx, token))
    if match.targets:
        named = {ctx.ent_at(t) or t for t in match.targets}
        sources = [s for s in sources if (ctx.ent_at(s) or s) not in named]  # "noted + *": not the doer
        targets = match.targets
    elif targets is None:
        targets = direct_objects(token) if verbal and not is_passive(token) else \
            with_conjuncts([c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS])
    reciprocal = False
    members = {ctx.ent_at(t) or t for t in match.compound}
    if len(match.compound) > 1 and match.compound[0].i > token.i and any(
            resolve(ctx, s) for s in sources if (ctx.ent_at(s) or s) not in members):
        targets = match.compound  # "Eriador agrees with A and B": the subject acts on each member
    elif len(match.compound) > 1:
        sources, targets = match.compound[:1], match.compound[1:2]
        reciprocal = not p.paired  # "A and B postponed their meeting" both ways; "[044:045]": each its own
    described = f"sequence pattern '{p.verb}: {p.text}' -> {p.code}" + (f" (and {p.paired} back)" if p.paired else "") \
        + f" ({p.file})"
    words = set(p.words)
    return Candidate(token, p.code, reciprocal, sources, targets, True, [f"'{token.text}' matched {described}"],
                     pattern=described, paired=p.paired,
                     negation_in_pattern=bool((NEGATION_WORDS | {"no"}) & words or any(w.endswith("n't") for w in words)))


def clause_addressees(verb: Token, code: str) -> list[Token]:
    """Who an appeal, demand or accusation is about when it governs a clause ("demanded that the US cancel")."""
    if code[:2] not in ("02", "10", "11"):
        return []
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
            subs = [c for c in child.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
            if subs and subs[0].pos_ != "PRON" or subs and subs[0].lower_ in ITS_PRONOUNS | PRONOUNS:
                return with_conjuncts(subs)
    return []


# Verbs whose subject makes the demand or appeal that is their object ("renewed its call for"), unlike
# "rejected the demand that", whose subject answers it
MAKING_VERBS = {"make", "renew", "reiterate", "repeat", "issue", "voice", "send", "deliver", "launch", "step", "press",
                "echo", "restate", "underline", "stress", "put"}


DONE_OBJECT_HEADS = {"undertake", "commit", "resolve"}  # stance words only with "to": their object is done


def _committed_to(node: Token) -> bool:
    """A gerund after "to" under an intent word ("committed to opening up the economy")."""
    head = node.head
    return node.dep_ == "pcomp" and node.tag_ == "VBG" and head.lower_ == "to" and head.head.i != head.i \
        and _lemma(head.head) == "commit" and getattr(load_stances().get("commit"), "name", "") == "intent"


def stance_head(trigger: Token) -> Token | None:
    """The word governing an action that makes it an intent, threat, refusal, demand or appeal."""
    stances = load_stances()
    node = trigger
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "agreed to withdraw and (to) release": both are governed
    head = node.head
    if head is node:
        return None
    if _lemma(head) in PASS_THROUGH and _infinitive(head) and node.dep_ in ("dobj", "obj", "xcomp"):
        node, head = head, head.head  # "promised to continue military aid": the promise governs the aid
    elif node.pos_ == "NOUN" and node.dep_ in ("dobj", "obj") and _lemma(head) in LIGHT_VERBS and _infinitive(head):
        node, head = head, head.head  # "threatened to hold a general strike": the threat governs the strike
    if node.dep_ in ("advcl", "ccomp") and _lemma(head) in MAKING_VERBS:
        # "renewed its call for Russia to withdraw", the clause hung on the verb: the call governs it
        made = next((c for c in head.children if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN"
                     and _lemma(c) in stances and stances[_lemma(c)].target == "addressee"), None)
        if made is not None:
            return made if any(c.dep_ in SUBJECT_DEPS for c in trigger.children) else None
    if node.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.head.i != head.i and \
            head.lower_ in getattr(stances.get(_lemma(head.head)), "preps", ()):
        return head.head  # "warned Kyiv against striking Russia"
    if _committed_to(node):
        return head.head  # "Vietnam is committed to opening up the economy"
    if node.dep_ == "pobj" and head.lower_ == "for" and head.head.i != head.i:
        node, head = head, head.head  # "called for a ceasefire", "appealed for aid"
        if stances.get(_lemma(head)) is None or stances[_lemma(head)].target != "addressee":
            return None
        return head if not any(c.dep_ == "prt" for c in head.children) else None
    lemma = _lemma(head)
    if lemma not in stances or any(c.dep_ == "prt" for c in head.children):
        return None  # "called off the strike" is no appeal
    if lemma == "call" and head.pos_ == "VERB" and not any(
            c.lower_ in ("on", "upon") and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
            for c in head.children) \
            and any(c.dep_ in ("dobj", "obj", "oprd") and c.ent_type_ in ("PERSON", "ORG", "GPE") for c in head.children):
        return None  # "Macron called Zelensky to discuss the grain deal": a telephone call, not "called on"
    if lemma == "call" and head.pos_ == "VERB" and any(c.dep_ == "oprd" for c in head.children) \
            and not any(c.lower_ in ("on", "upon", "for") for c in head.children):
        return None  # "reluctant to call the attack an act of terrorism": naming it, no appeal
    stance = stances[lemma]
    if head.pos_ == "NOUN" and stance.target == "addressee" and node.dep_ in ("acl", "advcl") and \
            any(c.dep_ in SUBJECT_DEPS for c in node.children):
        return head  # "its demand that Israel ease restrictions", "its call for Russia to withdraw"
    if node.dep_ == "advcl" and stance.target != "addressee" and any(
            c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN" for c in head.children):
        return None  # "offered its troops to Lebanon to help": what is offered is the troops; "to help" is why
    if _infinitive(node):
        return head  # "agreed to withdraw"; "threatened on Monday to resume" (parsed as advcl)
    if node.dep_ == "ccomp" and stance.target == "addressee" and stance.that_clause and not _asked(node) \
            and not _foretold(node):
        return head  # "demanded that the US cancel" (not "asked why the US cancelled")
    if node.dep_ == "ccomp" and _with_to(node) and any(
            c.dep_ in SUBJECT_DEPS for c in node.children):
        return head  # "Obama wants Putin to attack": parsed as a clause with its own subject
    if node.dep_ in ("dobj", "obj") and node.pos_ in ("NOUN", "PROPN") and lemma not in DONE_OBJECT_HEADS:
        return head  # "offered aid", "demanded the release of" (but "undertook a mediation mission": did it)
    return None


def _negative_clause(action: Token) -> bool:
    """Whether the governed action itself is negated ("vowed not to attack")."""
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in action.children)


def _promised_not(stances: dict[str, Stance], code: str) -> str:
    """What a promise not to act states: not to use force, a pledge to de-escalate (0356); not to coerce,
    protest or threaten, an intent to yield (035); not to cooperate, a refusal ("vowed not to meet")."""
    if code[:2] in ("15", "18", "19", "20"):
        return "0356"
    if code[:2] in ("13", "14", "16", "17"):
        return "035"
    refusal = next((s for s in stances.values() if s.name == "refusal"), None)
    return refusal.code_for(code) if refusal is not None and code[:2] < "12" else ""


def _infinitive(node: Token) -> bool:
    """An infinitive complement: xcomp, or an advcl with "to" (the parse when something comes between)."""
    return node.dep_ == "xcomp" or _purpose(node)


WANTING_HEADS = {"want", "wish", "intend", "like", "prefer"}  # ("resolved to fight ISIS" is never an appeal)


def apply_stances(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Recode actions under stance words; the stance word's own generic event is then dropped."""
    stances = load_stances()
    consumed: set[int] = set()
    spoken: set[int] = set()  # reporting verbs whose clause became their speaker's own demand, intent or threat
    for cand in found:
        head = stance_head(cand.trigger)
        if head is None:
            if announced_demand(ctx, cand) or announced_intent(ctx, cand):
                spoken.add(cand.flags_from.i)
            continue
        stance = stances[_lemma(head)]
        code = stance.code_for(cand.code)
        if stance.name == "intent" and _negative_clause(cand.trigger):
            code = _promised_not(stances, cand.code)
        if not code:
            continue
        if stance.name == "intent" and _lemma(head) in WANTING_HEADS and cand.sources and (
                any(c.dep_ in ("dobj", "obj") and c.i == cand.sources[0].i for c in head.children)
                or cand.trigger.dep_ == "ccomp" and cand.sources[0].head.i == cand.trigger.i):
            stance = stances.get("urge", stance)  # "Obama wants Putin to attack X": an appeal to Putin
            code = stance.code_for(cand.code)
        holders = subjects(head)
        if not holders and head.pos_ == "ADJ" and head.head.i != head.i:
            holders = subjects(head.head)  # "France is ready to contribute troops": the subject hangs on "is"
        if not holders and head.pos_ == "NOUN":
            # "its demand that ...", "the UN renewed its call for ...": the owner, else who makes it
            holders = [c for c in head.children if c.dep_ == "poss"] or (
                subjects(head.head) if head.dep_ in ("dobj", "obj") and _lemma(head.head) in MAKING_VERBS else [])
        if not holders:
            continue
        if stance.target == "addressee":
            # "Obama is being pressured by Congress to help Iran": the one pressured is the passive subject
            addressees = with_conjuncts([c for c in head.children if c.dep_ == "nsubjpass"]) if is_passive(head) else []
            addressees = addressees or [t for t in cand.sources if t.i not in {h.i for h in holders}]
            addressees = addressees or with_conjuncts([c for c in head.children if c.dep_ in ("dobj", "obj")
                                                       and c.i != cand.trigger.i])
            addressees = addressees or prep_objects(head, ("on", "upon", "to"))
            cand.targets = addressees or cand.targets
        # "Mubarak said the US must be ready to mediate": the speaker demands the stance of the holder
        demanded = demanded_by(ctx, head.head if head.pos_ == "ADJ" and head.dep_ == "acomp" else head, holders,
                               cand.code)
        if demanded is not None:
            speaker_verb, said, code = demanded
            cand.why.append(f"'{speaker_verb.text}' that '{holders[0].text}' must be '{head.text}': a demand, "
                            f"{cand.code} becomes {code}")
            cand.action, cand.code, cand.targets, cand.sources = cand.code, code, holders, said
            cand.flags_from, cand.reciprocal = head, False  # the stance word stays this event's own
            consumed.add(head.i)
            continue
        cand.why.append(f"governed by '{head.text}' ({stance.name}): {cand.code} becomes {code}; "
                        f"the action itself is not coded as having happened")
        cand.action, cand.code, cand.sources, cand.flags_from = cand.code, code, holders, head
        # the statement is one side's, even about a two-way action, unless both sides make it ("A and B
        # agreed to deepen ties")
        cand.reciprocal = cand.reciprocal and len(holders) > 1
        consumed.add(head.i)
    # "China warned that it would impose sanctions": one statement, the threat; the verb's own comment goes
    kept = [c for c in found if c.trigger.i not in consumed
            and not (c.trigger.i in spoken and c.code[:2] == "01" and c.flags_from is None)]
    # "lifted the blockade", "postponed the demonstration": the verb's own pattern (or none) says what
    # happened to the noun's action; the noun alone would code the blockade or the demonstration itself.
    verbs = {c.trigger.i for c in kept if c.trigger.pos_ in ("VERB", "AUX")}
    return [c for c in kept if c.flags_from is not None or c.trigger.pos_ not in ("NOUN", "PROPN")
            or (governor := _governing_verb(c)) is None or governor not in verbs
            or c.code[:2] == _code_of(kept, governor)[:2]]


def _governing_verb(cand: Candidate) -> int | None:
    """The verb an action noun is the object of: "lifted the blockade", or, sourceless, "agreed to a truce"."""
    noun = cand.trigger
    if noun.dep_ in ("dobj", "obj"):
        return noun.head.i
    if noun.dep_ == "pobj" and not cand.sources and noun.head.head.i != noun.head.i \
            and noun.head.lower_ not in CIRCUMSTANCE_PREPS:
        return noun.head.head.i
    return None


# Prepositions that set a noun's action beside the verb's, not under it: "deployed troops after clashes between
# Hezbollah and Israel" (the clashes happened), unlike "agreed to a truce"
CIRCUMSTANCE_PREPS = {"after", "before", "since", "during", "amid", "amidst", "following", "despite", "until", "till",
                      "over", "as"}


def reporting_head(token: Token, auxes: set[str]) -> Token | None:
    """The reporting verb of a clause with one of `auxes` ("Russia said Sudan must return ..."), else None."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "aux" and c.lower_ in auxes for c in token.children):
        return None
    head = token.head
    return head if any(g in load_lexicon().reporting for g in lemma_guesses(head)[:3]) else None


def demanded_by(ctx: Context, clause: Token, doers: list[Token], code: str) -> tuple[Token, list[Token], str] | None:
    """(reporting verb, its speakers, demand code) when a speaker says someone else must do what `clause`
    says ("Russia said Sudan must return ...", "Mubarak said the US must be ready to mediate")."""
    head = reporting_head(clause, {"must", "should"})
    speakers = subjects(head) if head is not None else []
    if not speakers or not doers:
        return None
    said_by, acting = resolve(ctx, speakers[0]), resolve(ctx, doers[0])
    if said_by is None or acting is None or said_by[0].code == acting[0].code:
        return None  # "we must act": a resolve, not a demand on someone else
    stance = load_stances().get("demand")
    new_code = stance.code_for(code) if stance else ""
    return (head, speakers, new_code) if new_code else None


def announced_demand(ctx: Context, cand: Candidate) -> bool:
    """"Russia said Sudan must return the helicopter": a demand by the speaker on whoever must act."""
    trigger = cand.trigger
    found = demanded_by(ctx, trigger, cand.sources, cand.code) if not negated(trigger, []) else None
    if found is None:
        return False
    head, speakers, new_code = found
    cand.why.append(f"'{head.text}' that '{cand.sources[0].text}' must '{trigger.text}': a demand, "
                    f"{cand.code} becomes {new_code}")
    cand.code, cand.targets, cand.sources = new_code, cand.sources, speakers
    cand.flags_from, cand.reciprocal = head, False
    return True


def announced_intent(ctx: Context, cand: Candidate) -> bool:
    """"Israel announced it would free 150 prisoners": an actor saying what it will do expresses an intent.

    Only when the speaker is the one who will act (the clause's subject is the
    speaker or a pronoun for it); "X said Y will attack" stays a future attack by Y.
    """
    trigger = cand.trigger
    head = reporting_head(trigger, FUTURE_AUX | {"would"})
    if head is None:
        return False
    speakers = subjects(head)
    if not speakers or not cand.sources:
        return False
    doer = cand.sources[0]
    said_by = resolve(ctx, speakers[0])
    acting = resolve(ctx, doer)
    same = doer.lower_ in ITS_PRONOUNS | PRONOUNS | FIRST_PERSON or (
        said_by is not None and acting is not None and said_by[0].code == acting[0].code)
    if not same:
        return False
    if "10" <= cand.code[:2] <= "13":
        return False  # "said it would demand ...": already a statement
    refusing = negated(trigger, [])  # "said it would not negotiate": a refusal
    # "will withdraw its force from Chad unless the president arranges a ceasefire": a threat on a condition
    threat = not refusing and bool(conditions(trigger, ("unless",)))
    stance = load_stances().get("refuse" if refusing else "threaten" if threat else "pledge", None)
    new_code = stance.code_for(cand.code) if stance else ""
    if not new_code:
        return False
    kind = "a refusal" if refusing else "a threat" if threat else "an intent"
    cand.why.append(f"announced by its own actor ('{head.text}' ... '{trigger.text}'): {kind}, "
                    f"{cand.code} becomes {new_code}")
    cand.action = cand.action or cand.code  # what was announced still decides what its target may be
    cand.code, cand.sources, cand.flags_from, cand.reciprocal = new_code, speakers, head, False
    return True


def _code_of(found: list[Candidate], index: int) -> str:
    return next((c.code for c in found if c.trigger.i == index), "")


def make_events(ctx: Context, cand: Candidate) -> list[Event]:
    code, sources, targets, trigger = cand.code, cand.sources, cand.targets, cand.trigger
    why = list(cand.why)
    src = expand(ctx, [(s, resolve(ctx, s)) for s in sources]) or [None]
    if src == [None] and code[:2] in VIOLENT_ROOTS and trigger.pos_ == "VERB" and is_passive(trigger):
        # "killed in Israeli tank fire", "wounded by a Russian jet": the weapon's operator is the doer
        src = [x for x in (resolve(ctx, o) for o in prep_objects(trigger, ("in", "by", "with"))) if x
               and x[0].sector == "MIL"][:1] or [None]
    if code[:2] == "14" and all(x is None or x[0].code == "---CVL" for x in src):
        # a crowd of no stated country: where it protested ("thousands blocked streets in Hong Kong")
        crowds = [c for c in (crowd(ctx, s, trigger) for s in sources) if c]
        if src == [None] or any(c[0].code != "---CVL" for c in crowds):
            src = crowds or [None]
    src = [placed(ctx, x, trigger) for x in src]
    if src == [None] and code[:2] in ("18", "19", "20") and trigger.pos_ == "VERB" and is_passive(trigger):
        # "12 soldiers were killed when Taliban fighters attacked a checkpoint": the attackers killed them
        for clause in (c for c in trigger.children if c.dep_ == "advcl" and any(
                m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as") for m in c.children)):
            if any(p.code[:2] in ("18", "19", "20") for p in verb_patterns(clause)):
                doers = [x for x in (resolve(ctx, t) for t in subjects(clause)) if x]
                if doers:
                    src = doers[:1]
                    why.append(f"no doer named: the one who '{clause.text}' at the time")
    if src == [None] and not load_coding_options().both_actors and not (cand.reciprocal and len(targets) > 1):
        # (two sides named between them are the doers: "clashes between police and protesters in Nairobi")
        where = _violence_where(ctx, trigger, code, sources) or (None if sources else _state_where(ctx, trigger, code))
        if where is not None:
            src = [(compose(ctx, where[0].country, None), where[1], "place")]
            why.append(f"no doer named: the country where it happened, '{where[1].text}'")
    if src == [None] and load_coding_options().first_actor_source:
        before = first_actor_before(ctx, trigger)
        if before is not None:
            src = [before]
            why.append(f"no actor among the sources: the first actor before the verb, '{before[1].text}' "
                       "(coding.yaml: first_actor_source)")
    home = {x[0].country for x in src if x}  # the sources' countries (None for an actor with none)
    own = {x[0].code for x in src if x}
    places_count = (cand.action or code)[:2] in PLACE_TARGET_ROOTS
    consulting = (cand.action or code)[:2] == "04"  # what is talked about is not who is consulted
    if code[:2] == "04" or consulting and cand.declared:
        # "Russia and Turkey held talks on Syria": Syria is the topic; they consult each other
        # (not an appeal's addressee: "called on the UN to broker an agreement")
        targets = [t for t in targets if not (t.dep_ == "pobj" and t.head.lower_ in TOPIC_PREPS)
                   and not (t.dep_ in ("dobj", "obj") and _lemma(t.head) in DISCUSSING_VERBS)]  # "discussed Syria"
    direct = [(t, resolve(ctx, t) or (place_country(ctx, t) if places_count else None)) for t in targets]
    if consulting:  # "talks on nuclear missiles": a group of no stated country is what is talked about
        direct = [(t, None if found and found[2] == "agent" and found[0].code.startswith("---") else found)
                  for t, found in direct]
    tgt = expand(ctx, [pair for t, found in direct
                       for pair in ([(t, found)] if found else complement_actors(ctx, t, topic=consulting)
                                    or [(t, None)])]) or [None]
    if code[:2] == "11" and trigger.pos_ == "VERB":
        # "complained to the UN over Israeli air raids": the complaint is about Israel; the UN only hears it
        # ... but not the complainant's own people ("over the detention of a Japanese businessman": the victim)
        about = [x for x in (resolve(ctx, o) or complement_actor(ctx, o)
                             for o in prep_objects(trigger, ("over", "about", "against")))
                 if x and (x[0].country is None or x[0].country not in home)]
        if about and not any(x and x[0].code == about[0][0].code for x in tgt):
            why.append(f"accusation about '{about[0][1].text}', not aimed at whom it is told to")
            tgt = about[:1]
    if len(own) > 1 and any(x and x[2] == "pronoun" and x[0].code in own for x in tgt):
        # "A, B and C welcomed their resumption of ties with D": "their" is the sources themselves
        tgt = [x for x in tgt if not (x and x[2] == "pronoun" and x[0].code in own)] or [None]
    if tgt == [None] and code[:2] == "13":
        # "threatened to stop talks if the United States goes ahead": the threat is aimed at whoever must act
        held = conditions(cand.flags_from or trigger)
        tgt = expand(ctx, [(t, resolve(ctx, t)) for t in held]) or [None]
        if tgt != [None]:
            targets = targets + held
    if tgt == [None] and code[:2] in ("17", "18", "19", "20"):
        tgt = [v for v in (victims(ctx, t, trigger) for t in targets) if v][:1] or [None]
    if tgt == [None] and code[:2] in ("18", "19", "20"):
        # "fired shells at targets in Jericho": what was hit lies in that place's country
        tgt = [w for w in (country_where(ctx, [t], ("in", "near", "across")) for t in targets) if w][:1] or [None]
    anchor = trigger if trigger.pos_ in ("VERB", "AUX") else (
        trigger.head if trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ == "VERB" else None)
    if tgt == [None] and anchor is not None:
        nested = nested_targets(anchor, sources, with_places=code[:2] >= "13",
                                preps=("of", "with", "between") if consulting else NESTED_PREPS, consulting=consulting)
        # "presented credentials to Kenya's president": the owned agent when it is one, else the owner
        nested = [t.head if t.dep_ == "poss" and t.head.pos_ == "NOUN" and agent_sector(ctx, [t.head])
                  and resolve(ctx, t.head) else t for t in nested]
        tgt = expand(ctx, [(t, resolve(ctx, t)) for t in nested]) or [None]
        if tgt != [None]:
            targets = targets + nested
    if tgt == [None] and code[:2] in VIOLENT_ROOTS and src != [None]:
        # "blew themselves up in Tel Aviv in the worst attack of the Palestinian uprising": where the violence
        # struck abroad, before any actor deeper in the phrase
        struck = country_where(ctx, [trigger], ("in", "at", "inside"))
        if struck is not None and struck[0].country not in home:
            tgt = [struck]
            why.append(f"no actor among the targets: the country where it struck, '{struck[1].text}'")
    at_home = code[:2] == "14" and tgt != [None] and all(
        x and x[0].code == x[0].country and x[0].country in home for x in tgt)
    if (tgt == [None] or at_home) and not cand.reciprocal:
        # a protest's purpose says what or whom it is against ("blocked roads to press demands on X")
        # ... and an aid's purpose whom it is for ("send material to help defend Saudi Arabia");
        # a protest at home is aimed at whoever the phrase names ("blocked streets in Hong Kong in defiance
        # of Chinese authorities"), else at its own country
        skip = own | ({tgt[0][0].code} if at_home else set())
        inside = subtree_actor(ctx, trigger, skip,
                               purpose=code[:2] == "14" or (cand.action or code)[:2] == "07",
                               topic=consulting)
        if inside is not None:
            tgt = [inside]
            why.append(f"no actor among the targets: the first actor inside the phrase the trigger heads, "
                       f"'{inside[1].text}'")
    if tgt == [None] and load_coding_options().first_actor_target and not cand.reciprocal:
        after = first_actor_after(ctx, trigger, own)
        if after is not None:
            tgt = [after]
            why.append(f"no actor among the targets: the first actor after the verb, '{after[1].text}' "
                       "(coding.yaml: first_actor_target)")
    if (cand.action or code)[:2] == "15" and tgt != [None] and all(x and (x[0].country and x[0].country in home
                                                         or x[0].code.startswith("---") and x[0].sector in STATE_SECTORS)
                                                  for x in tgt):
        # "Israel strengthened its forces in Lebanon", "deployed troops to the border": a show of one's own
        # force is aimed where it is
        tgt = [None]
    elif (cand.action or code) == "0874" and tgt != [None] and all(
            x and x[0].sector in STATE_SECTORS and x[0].country in home for x in tgt):
        tgt = [None]  # "Russia withdrew its troops from Kherson": a retreat of one's own force is from where it was
    if tgt == [None] and src != [None] and not (cand.reciprocal and len([x for x in src if x]) > 1):
        # With no actor as target, the place the action is aimed at or happens in stands for its country
        # ("set up a centre in Tokyo", "demonstrated in Serbia", "withdraw inspectors from Iraq"), as in
        # dictionary coders, whose country entries list cities. A protest (or a show of force) at home is
        # aimed at the country's own authorities.
        preps = tuple(p for p in TARGET_PLACE_PREPS if not (consulting and p in TOPIC_PREPS))  # "a meeting on Syria"
        anchors = [a for a in place_anchors(trigger) if not (consulting and a.dep_ in ("dobj", "obj")
                                                              and _lemma(a.head) in DISCUSSING_VERBS)]
        where = [w for w in [country_where(ctx, anchors, preps)] if w]
        protest = code[:2] in ("14", "15")
        # ... and a curfew, martial law or arrests at home are imposed on the country's own people
        curbs = (cand.action or code)[:2] == "17" or code[:3] in ("132", "133")
        tgt = [(compose(ctx, w[0].country, "GOV"), w[1], w[2]) if protest and w[0].country in home
               else (compose(ctx, w[0].country, "CVL"), w[1], w[2]) if curbs and w[0].country in home else w
               for w in where if protest or curbs or w[0].country not in home] or [None]
        if tgt == [None] and code[:2] == "14":
            tgt = [_own_government(ctx, src, home, why)]
    elif code[:3] == "172" and src != [None]:
        # "declared a state of siege in Haiti" found inside the phrase: curbs at home fall on its people
        tgt = [(compose(ctx, x[0].country, "CVL"), x[1], x[2]) if x and x[0].country in home and x[0].sector is None
               else x for x in tgt]
    if code == "190" and _verbal_attack(ctx, trigger, sources, targets, src, tgt):
        code = "111"
        why.append("one person attacking another, or attacking someone 'for' something, in words: criticism")
    elif code == "042" and src != [None] and all(x and _force_words(x) for x in src):
        # "NATO peacekeeping troops arrived in Bosnia": a force deployed, not a visit
        code = "074" if any(w.lower_.startswith(("peacekeep", "blue")) for x in src for w in _force_words(x)) else "150"
        why.append(f"armed forces arriving: a deployment ({code}), not a visit")
    elif code == "190" and (any(x and _airborne(ctx, x[1]) for x in src) or any(
            _airborne(ctx, o) for o in prep_objects(trigger, ("with",)) if o.ent_type_ == "MILITARY_PLATFORM")):
        code = "195"  # "Turkish warplanes struck ...", "struck a refinery with drones": force used from the air
        why.append("force used by aircraft: aerial weapons (195)")
    elif code == "195" and any(_lemma(w) in ("bomb", "bombing") for w in [trigger, *direct_objects(trigger)]) \
            and src != [None] and all(x is None or x[0].sector in ARMED_GROUPS or x[0].code.startswith("IMG")
                                      for x in src) and not any(x and _airborne(ctx, x[1]) for x in src) \
            and not any(_airborne(ctx, o) for o in prep_objects(trigger, ("with", "from"))):
        code = "183"  # "militants bombed a market", "IS carried out the bombing": no aircraft, a bomb
        why.append("a bombing by an armed group with no aircraft named: non-military bombing (183)")
    elif (code == "190" and _lemma(trigger) in CROWD_ASSAULTS or code == "1712") \
            and any(x and x[0].sector in CROWD_SECTORS for x in src):
        # "protesters stormed the parliament", "set fire to the embassy": a violent protest, not a military
        # assault or a state's destruction of property
        code = "145"
        why.append("a crowd's assault or arson: a violent protest (145)")
    if code[:2] in ("18", "19") and _lemma(trigger) in ("shoot", "fire", "hit") and _retort(ctx, trigger, sources):
        return []  # "Trump shot back in a statement": a retort, no shot
    if code == "192" and src != [None] and all(
            x and (_is_person(ctx, t) or t.lower_ in PRONOUNS) and x[0].sector in ELECTORAL_SECTORS
            for x, t in zip(src, sources)):
        return []  # "Clinton captured Virginia", "He captured Vermont": a politician wins a state's vote
    if code == "020" and _lemma(trigger) == "ask" and not any(
            c.dep_ in ("dobj", "obj", "dative") and _lemma(c) not in QUESTION_WORDS or c.dep_ == "xcomp"
            or c.dep_ == "ccomp" and c.i > trigger.i or c.dep_ == "prep" and c.lower_ == "for"
            for c in trigger.children):
        # '"Why now?" asked Sen. Mikulski', "Clinton was asked about her speeches": a question put,
        # nothing asked for
        return []
    if code == "041" and _lemma(trigger) == "call" and any(c.dep_ in ("oprd", "attr") for c in trigger.children) \
            and (is_passive(trigger) or any(c.dep_ in ("dobj", "obj") for c in trigger.children)):
        return []  # "Duterte has been called the Trump of the East": named, not telephoned
    if code[:2] == "04" and all(x is None for x in tgt) and any(_manner(ctx, o)
                                                               for o in prep_objects(trigger, ("with",))):
        return []  # "Trump spoke with so much gusto", "the plan met with resistance": no one consulted
    if (cand.action or code)[:2] == "19" and _abstract_foe(trigger) or code[:2] in VIOLENT_ROOTS and any(
            t.pos_ == "NOUN" and _abstract_foe(t) for t in subjects(trigger)):
        # "the war on drugs", "is battling a cholera outbreak", "vowed to fight poverty": no enemy; and
        # "Mexico's drug war has killed thousands" names no killer
        return []
    if code == "141" and _lemma(trigger) == "rally" and any(c.dep_ in ("dobj", "obj") for c in trigger.children):
        return []  # "Manafort rallied the remnants of the party": support gathered, no demonstration
    if code[:2] == "19" and _figurative_fight(ctx, trigger, sources, src, tgt):
        if not targets or any(c.dep_ == "prep" and c.lower_ == "for" for c in trigger.children):
            return []  # "Trump is battling Carson for the top spot": a race, no fighting
        code = "110"
        why.append("politicians fighting one another, the press or a chamber: a dispute in words (110)")
    if code[:2] == "14":
        # "Thousands of Israelis protested", "Young Algerians blocked roads": a country's people, not its state
        people = [x for x in src if x and x[0].sector is None and x[0].country and x[0].code == x[0].country
                  and (x[1] if isinstance(x[1], Token) else x[1].root).tag_ in ("NNS", "NNPS")]
        if people:
            src = [(compose(ctx, x[0].country, "CVL"), x[1], x[2]) if x in people else x for x in src]
            why.append("a country's people protesting: its civilians (CVL)")
    flags_from = cand.flags_from or trigger
    evidence = [ctx.of(ctx.sent(trigger))]
    # a pattern that names the negation ("not restore <relations>", a legacy [112]) codes the negated action
    neg = negated(flags_from, sources + targets) and not cand.negation_in_pattern
    mod = "asserted" if cand.declared and not neg else modality(flags_from)
    if mod != "asserted" and not load_coding_options().flag_modality:
        why.append(f"modality {mod} not flagged (coding.yaml: flag_modality false, as in dictionary coders)")
        mod = "asserted"
    # (but "deployed troops after clashes between Hezbollah and Israel": the sides did it, beside the main verb)
    between = cand.reciprocal and len([x for x in tgt if x]) > 1 and trigger.dep_ == "pobj" \
        and trigger.head.lower_ in CIRCUMSTANCE_PREPS | {"in"}
    if src == [None] and not sources and mod == "asserted" and not unknown_doer(trigger) and not between:
        return []  # "supporting the military", "opposition to X": a topic, not something someone did
    if src == [None] and sources and code[:2] < "14":
        return []  # "during the prime minister's visit to New Delhi": whose visit, the text leaves to context
    attributed = quoted_by(ctx, trigger) or attribution(ctx, trigger)
    why.append(f"source candidates: {_tokens(sources)}; target candidates: {_tokens(targets)}")
    reciprocal = cand.reciprocal
    doers, done_to = [x for x in src if x], [x for x in tgt if x]
    if len(doers) > 1 and any(_each_other(t) for t in targets):
        reciprocal, tgt, done_to = True, [None], []  # "Armenia and Azerbaijan accused each other": each the other
    members_only = tgt == [None] and len(doers) > 1 or src == [None] and len(done_to) > 1
    if reciprocal and cand.among and not members_only:
        reciprocal = False  # "Hamas agreed to a truce with Israel": Hamas agreed, not (yet) Israel
    if reciprocal and members_only:
        # "Obama and Putin will meet": each side of a compound subject meets the other;
        # "the talks between Serbia and Kosovo": the members talk with each other
        compound = tgt == [None] and len(doers) > 1
        src = tgt = doers if compound else done_to
        why.append("reciprocal action with a compound subject: one event each way between its members" if compound
                   else "reciprocal action between named sides: one event each way between them")
    if code[:2] == "14":
        src = _protesting_at_home(ctx, src, tgt, why)
    if neg:
        why.append(f"negated (at '{flags_from.text}')")
    if mod != "asserted":
        why.append(f"modality {mod} (at '{flags_from.text}')")
    events = []
    both = load_coding_options().both_actors
    for s in src:
        for t in tgt:
            if s is None and t is None or both and (s is None or t is None):
                continue  # both_actors: dictionary coders code only an event with a source and a target
            if s is not None and t is not None and s[0].code == t[0].code and s[2] != "place":
                if len(tgt) > 1 or both:
                    continue
                t = None  # "rejected a call for its forces": the actor acting on itself is no target
            pairs = [(s, t, code)]
            if reciprocal and s is not None and t is not None and t[2] != "place":
                pairs.append((t, s, code))  # (a place where it happens does not answer: "agreed to set up a centre in Tokyo")
            if cand.paired and s is not None and t is not None:
                pairs.append((t, s, cand.paired))  # "left for X" [032:033]: X also receives the visit
            for a, b, this_code in pairs:
                cameo = ctx.knowledge.cameo.get(this_code)
                confidence = 0.35 + (0.25 if a else 0) + (0.2 if b else 0) + (0.1 if cand.specific else 0)
                confidence -= 0.15 * sum(1 for x in (a, b) if x and x[2])
                steps = why + [f"{side} {x[0].code} ({x[0].name}) from '{x[1].text}'" + (f" via {x[2]}" if x[2] else "")
                               for side, x in (("source", a), ("target", b)) if x]
                events.append(Event(
                    source=ctx.actor_ref(a[0], a[1], a[2]) if a else None,
                    target=ctx.actor_ref(b[0], b[1], b[2]) if b else None,
                    code=this_code, plover=cameo.plover if cameo else None, mode=cameo.mode if cameo else None,
                    trigger=ctx.of(trigger), pattern=cand.pattern or None, negated=neg,
                    modality=mod, evidence=evidence, confidence=round(max(0.05, min(confidence, 0.95)), 2),
                    attributed_to=attributed, why=steps))
    return events


AIRBORNE_KINDS = {"fighter", "bomber", "fighter-bomber", "drone", "helicopter", "gunship", "attack aircraft", "aircraft",
                  "interceptor", "loitering munition"}


def _protesting_at_home(ctx: Context, src: list, tgt: list, why: list[str]) -> list:
    """Protesters of no stated country protesting in a place are that country's ("Protesters blockaded the main
    highway into Lima": PEROPP, not ---OPP); a crowd protests where it lives."""
    placed = {x[0].country for x in tgt if x and x[2] == "place" and len(x[0].country or "") == 3}
    if len(placed) != 1:
        return src
    country = placed.pop()
    out = []
    for x in src:
        if x and x[0].code.startswith("---") and x[0].sector in CROWD_SECTORS:
            why.append(f"source {x[0].code}: protesting in {country}, so {country}'s")
            x = (compose(ctx, country, x[0].sector), *x[1:])
        out.append(x)
    return out


def _retort(ctx: Context, verb: Token, sources: list[Token]) -> bool:
    """"X shot back", "fired back at critics", "hit back": a named person answering in words (no weapon, no
    one shot at)."""
    armed = any(_lemma(o) in BLAST_WORDS or getattr(ctx.ent_at(o), "label_", None) in EQUIPMENT
                for o in direct_objects(verb) + prep_objects(verb, ("with",)))
    return not armed and any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in verb.children) \
        and any(_is_person(ctx, t) for t in sources)


ELECTORAL_SECTORS = {None, "ELI", "PTY", "LEG", "OPP"}  # a candidate, not a commander or a head of state


FORCE_WORDS = {"troop", "soldier", "force", "peacekeeper", "contingent", "battalion", "brigade", "deployment",
               "marine", "paratrooper", "helmet", "warship", "fleet", "army"}


def _force_words(found: tuple) -> list[Token]:
    """The words of an actor's mention that make it an armed force on the move ("peacekeeping troops",
    "the first deployment of NATO troops"), or none: a defence minister arriving is a visitor."""
    mention = found[1] if isinstance(found[1], Token) else found[1].root
    if _lemma(mention) in MEMBER_WORDS or mention.ent_type_ == "PERSON":
        return []  # "the head of the armed forces visited": a person
    tokens = list(mention.subtree)
    return tokens if any(_lemma(t) in FORCE_WORDS for t in tokens) else []


def _airborne(ctx: Context, mention: SpacySpan | Token) -> bool:
    """A mention naming military aircraft ("warplanes", "F-16 jets", "a drone")."""
    head = mention if isinstance(mention, Token) else mention.root
    if any(c.lower_ in PERSON_PLATFORM_WORDS for c in head.children if c.i < head.i):
        return False  # "a suicide bomber" is a person
    for text in (head.text, head.lemma_, mention.text):
        kind = _equipment_kind(ctx, text)
        if kind is not None:
            return kind in AIRBORNE_KINDS
    return False


VERBAL_ATTACK_WORDS = {"personal", "verbal", "political", "scathing", "blistering", "withering", "stinging"}


POLITICAL_SECTORS = {"GOV", "ELI", "LEG", "PTY", "OPP", "JUD", "MED"}
ARMED_GROUPS = {"REB", "RAD", "CRM", "UAF"}
CROWD_ASSAULTS = {"storm", "attack", "ransack", "raid", "assault"}
CROWD_SECTORS = {"OPP", "CVL", "EDU", "LAB"}
ARMED_SECTORS = ("MIL", "COP", "REB", "SPY", "UAF")
POST_PLACES = {"border", "frontier", "guard", "observation", "checkpoint", "security", "military", "army", "police"}
ARGUED_NOUNS = WORDING_NOUNS | {
    "policy", "decision", "move", "idea", "tax", "budget", "remark", "comment", "speech", "record", "stance",
    "approach", "reform", "deal", "agreement", "bill", "strategy", "handling", "response", "rhetoric", "view",
    "amendment", "constitution", "agenda", "law", "legislation", "right", "freedom", "liberty",
    "inexperience", "experience", "judgment", "judgement", "temperament", "character", "credibility", "integrity",
    "honesty", "leadership", "competence", "qualification", "plan", "proposal", "platform", "vote",
    "statement", "claim", "argument", "tenure"}
# Texts that attack in words: "the article attacked Christie"
TEXT_NOUNS = {"article", "report", "editorial", "column", "op-ed", "ad", "advert", "advertisement", "commercial",
              "video", "statement", "speech", "book", "letter", "tweet", "post", "story", "piece", "blog", "memo",
              "essay", "headline", "campaign ad"}


RIVAL_WORDS = {"rival", "opponent", "critic", "challenger", "contender", "competitor", "predecessor", "successor"}


def _verbal_attack(ctx: Context, trigger: Token, sources: list[Token], targets: list[Token], src: list,
                   tgt: list) -> bool:
    """"Trump attacked Romney", "attacked the media for its coverage", "his personal attacks": a person's
    attack is in words, unless it has a victim that is no person ("Breivik attacked a youth camp"); so is a
    known politician's attack on the police, the courts or the press ("she attacked law enforcement officers")."""
    if _lemma(trigger) not in ("attack", "assail"):
        # "launched a pre-emptive attack against Obama": the light verb's attack is the one to weigh
        light = next((o for o in direct_objects(trigger) if _lemma(o) in ("attack", "assault")), None)
        return light is not None and _lemma(trigger) in LIGHT_VERBS \
            and _verbal_attack(ctx, light, sources, targets, src, tgt)
    if any(_lemma(t) in TEXT_NOUNS for t in subjects(trigger)):
        return True  # "Tuttle's article attacked Christie", "a new ad attacks Clinton": in words
    if trigger.pos_ == "NOUN" and any(o.ent_type_ == "LAW" or _lemma(o) in ARGUED_NOUNS
                                      for o in prep_objects(trigger, ("on", "against"))):
        return True  # "Obama's attack on the Second Amendment": on a law, in words
    if trigger.pos_ == "VERB" and any(_lemma(o) in ARGUED_NOUNS and not any(w.lower_ in POST_PLACES for w in o.lefts)
                                      and agent_sector(ctx, list(o.lefts)) not in ARMED_SECTORS
                                      for o in direct_objects(trigger)):
        # "attacked the government's new tax plan": a plan is attacked in words (an army, police or border post
        # is not)
        return True
    hearers = POLITICAL_SECTORS | {"COP"}
    if any(x and x[0].sector in POLITICAL_SECTORS and (_is_person(ctx, x[1]) or t.lower_ in PRONOUNS)
           for x, t in zip(src, sources)) and (any(x and x[0].sector in hearers for x in tgt)
                                               or any(agent_sector(ctx, list(t.subtree)) in hearers for t in targets)):
        return True
    if src in ([], [None]) and any(x and x[0].sector in POLITICAL_SECTORS and _is_person(ctx, t)
                                   for x, t in zip(tgt, targets)) and any(
            c.dep_ == "prep" and c.lower_ in ("on", "over", "for") and any(
                o.dep_ == "pobj" and o.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME") for o in c.children)
            for c in trigger.children):
        return True  # "Clinton has been attacked on the speeches (by Sanders)": over what she said
    if not any(_is_person(ctx, t) or t.lower_ in PRONOUNS for t in sources):
        return False
    if any(c.lower_ in VERBAL_ATTACK_WORDS for c in trigger.children if c.dep_ == "amod"):
        return True
    return any(_is_person(ctx, t) or _lemma(t) in RIVAL_WORDS for t in targets) or trigger.pos_ == "VERB" \
        and bool(targets) and any(c.dep_ == "prep" and c.lower_ == "for" for c in trigger.children)


QUESTION_WORDS = {"question", "query"}
# What a government or a people may fight that is no armed enemy
ABSTRACT_FOES = {"corruption", "graft", "poverty", "drug", "narcotic", "crime", "disease", "outbreak", "epidemic",
                 "pandemic", "cholera", "ebola", "malaria", "polio", "measles", "virus", "covid", "coronavirus", "aids",
                 "hiv", "cancer", "inflation", "unemployment", "fire", "wildfire", "blaze", "flood", "drought",
                 "hunger", "famine", "malnutrition", "illiteracy", "pollution", "climate change", "smuggling",
                 "trafficking", "fraud", "tax evasion", "money laundering", "piracy", "poaching", "obesity", "addiction",
                 "discrimination", "racism", "injustice", "inequality", "impunity", "deforestation", "locust", "pest",
                 "deficit", "debt", "crisis", "recession", "fake news", "misinformation", "disinformation"}
FIGHTING_WORDS = {"fight", "battle", "war", "combat", "struggle", "crusade", "campaign", "offensive", "tackle"}


def _abstract_foe(trigger: Token) -> bool:
    """A fight whose foe is a disease, a vice or a disaster: "Mexico's war on drugs", "the fight against
    corruption", "Kenya is battling a cholera outbreak"."""
    if _lemma(trigger) not in FIGHTING_WORDS:
        return False
    objects = direct_objects(trigger) if trigger.pos_ == "VERB" else []
    foes = [*objects, *prep_objects(trigger, ("on", "against", "with")),
            # "is fighting a campaign against corruption"
            *(f for o in objects if _lemma(o) in FIGHTING_WORDS for f in prep_objects(o, ("on", "against"))),
            *(c for c in trigger.children if c.dep_ == "compound")]  # "the drug war"
    for foe in foes:
        words = {_lemma(foe), foe.lower_, *(f"{m.lower_} {_lemma(foe)}" for m in foe.children
                                            if m.dep_ in ("compound", "amod"))}
        if words & ABSTRACT_FOES:
            return True  # ("drug cartels" are no such foe: cartels are armed)
    return False


def _manner(ctx: Context, noun: Token) -> bool:
    """A "with" object that is a manner, not a party: "with so much gusto", "met with resistance"."""
    return noun.tag_ == "NN" and not noun.ent_type_ and resolve(ctx, noun) is None \
        and not any(c.dep_ in ("det", "poss") and c.lower_ not in ("much", "little", "some", "great")
                    for c in noun.children)


CONTEST_VERBS = {"fight", "battle", "clash", "spar", "combat", "feud", "tussle"}


def _figurative_fight(ctx: Context, trigger: Token, sources: list[Token], src: list, tgt: list) -> bool:
    """"Obama is fighting Congress over the budget", "Christie has battled with the Guardian": a named
    politician (or a person of no known sector) who fights no armed side, no state and no place fights in words."""
    if _lemma(trigger) not in CONTEST_VERBS or not sources:
        return False
    speakers = ELECTORAL_SECTORS | POLITICAL_SECTORS
    if not all((_is_person(ctx, t) or t.lower_ in PRONOUNS or title_words().get(t.lower_) == "office")
               and (x is None or x[0].sector in speakers) for x, t in zip(src, sources)):
        return False
    if any(x and (x[0].sector in ARMED_SECTORS or x[0].sector in ARMED_GROUPS or x[0].code.startswith("IMG")
                  or x[0].sector is None and x[0].code == x[0].country) for x in tgt):
        return False
    return not any(o.ent_type_ in ("GPE", "LOC", "FAC") or o.ent_type_ == "WEAPON"
                   for o in prep_objects(trigger, ("in", "at", "near", "with", "against", "alongside")))


def _each_other(token: Token) -> bool:
    """"each other", "one another": the doers act on one another."""
    return token.lower_ == "other" and any(c.lower_ == "each" for c in token.children) \
        or token.lower_ == "one" and any(c.lower_ == "another" for c in token.children)


def _is_person(ctx: Context, mention: SpacySpan | Token) -> bool:
    ent = ctx.ent_at(mention if isinstance(mention, Token) else mention.root)
    return ent is not None and ent.label_ == "PERSON"


def conditions(trigger: Token, marks: tuple[str, ...] = ("if", "unless")) -> list[Token]:
    """The subjects of an "if" or "unless" clause (`marks`) of the trigger or of the action it governs."""
    heads = [trigger] + [c for c in trigger.children if c.dep_ == "xcomp"]
    for head in heads:
        for clause in head.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
                subs = [c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
                if subs:
                    return with_conjuncts(subs)
    return []


def _own_government(ctx: Context, src: list, home: set, why: list[str]) -> tuple | None:
    """"Opposition parties organised a general strike over the arrests": a country's own people protesting,
    with no one else named, protest to their government."""
    if len(home) != 1 or None in home or not all(
            x and (x[0].sector in CROWD_SECTORS | {"REL"} or x[0].code == x[0].country) for x in src):
        return None
    why.append("a protest at home with no one else named: aimed at the country's own government")
    return compose(ctx, next(iter(home)), "GOV"), src[0][1], "home"


FIRING_VERBS = {"fire", "launch", "shoot", "lob"}


def _violence_where(ctx: Context, trigger: Token, code: str, sources: list[Token]) -> tuple | None:
    """Where violence by no one named happened ("a roadside bombing near Samarra killed a US soldier"): the
    violence is that place's country's."""
    # "a car bomb exploded in Mogadishu, killing seven": the killing is the blast's
    clause = trigger.head if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and any(
        c.dep_ in SUBJECT_DEPS and _lemma(c) in BLAST_WORDS for c in trigger.head.children) else trigger
    if code[:2] not in ("18", "19", "20") or not unknown_doer(clause) or not all(
            t.pos_ == "NOUN" and _lemma(t) in BLAST_WORDS and resolve(ctx, t) is None for t in sources):
        return None
    anchors = place_anchors(trigger) + ([trigger.head] if trigger.dep_ in ("nsubj", "nsubjpass") else []) \
        + [c for c in clause.children if c.dep_ in SUBJECT_DEPS]  # "a bombing near Samarra killed"
    anchors += [clause] if clause is not trigger else []
    # "killed in a car bomb explosion in eastern Beirut": where the blast was
    anchors += [o for o in prep_objects(trigger, ("in", "by")) if _lemma(o) in BLAST_WORDS or noun_patterns(o)]
    if _lemma(trigger) in FIRING_VERBS:
        # "a rocket was fired from Lebanon at northern Israel": fired from where its firers are; "at" is its aim
        return country_where(ctx, anchors, ("from",)) or country_where(ctx, anchors, ("in", "inside"))
    return country_where(ctx, anchors, ("in", "near", "outside", "at", "inside"))


def _state_where(ctx: Context, trigger: Token, code: str) -> tuple | None:
    """Where an arrest, expulsion or investigation with no doer named happened ("a missionary was arrested in
    Lebanon", "was expelled from China"): only that state does such things there."""
    if not (code[:3] in ("173", "174") or code[:2] == "09") or trigger.pos_ != "VERB" or not is_passive(trigger):
        return None
    preps = ("in", "at", "inside") + (("from",) if code[:3] == "174" else ())
    # "was put under investigation in Italy": the place may hang on the action's noun
    return country_where(ctx, place_anchors(trigger) + prep_objects(trigger, ("under",)), preps)


def unknown_doer(trigger: Token) -> bool:
    """Whether an action with no source is still an event: one whose doer the sentence leaves unsaid
    ("three soldiers were killed", "a car bomb killed ...", "the killing of ..."), not a topic or a goal."""
    if trigger.pos_ in ("VERB", "AUX"):
        return is_passive(trigger) or any(c.dep_ in SUBJECT_DEPS for c in trigger.children)
    return trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass", "ROOT")


def first_actor_after(ctx: Context, trigger: Token, sources: set[str]) -> tuple | None:
    """The first actor named after the trigger in its sentence, not one of the sources (dictionary coders' target)."""
    sentence = ctx.sent(trigger)
    for ent in ctx.ents:
        if ent.start <= trigger.i or ent.start < sentence.start:
            continue
        if ent.start >= sentence.end:
            break
        actor = entity_actor(ctx, ent)
        if actor is not None and actor.code not in sources:
            return actor, ent, "the first actor after the verb"
    return None


PERSON_NOUNS = {"man", "woman", "person", "people", "boy", "girl", "teenager", "youth", "child", "citizen", "national"}
SUBTREE_STOP_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "nsubj", "nsubjpass", "agent", "appos", "npadvmod"}


def _purpose(token: Token) -> bool:
    """An adverbial clause with "to": "staged a rally to demand reforms"."""
    return token.dep_ == "advcl" and _with_to(token)


FRAMES = {"part", "gesture", "sign", "result", "condition", "reward"}  # "as part of a deal with X"


def _framing(node: Token) -> bool:
    """A phrase that says who reports an action or what frames it, not whom it hits: "according to the
    Canadian Press", "as part of a deal with the United States", "amid tensions with Pakistan"."""
    if node.lower_ == "according":
        return True
    return node.dep_ == "prep" and (node.lower_ == "amid" or node.lower_ == "as" and any(
        o.lemma_ in FRAMES for o in node.children if o.dep_ == "pobj"))


def subtree_actor(ctx: Context, trigger: Token, sources: set[str], purpose: bool = False,
                  topic: bool = False) -> tuple | None:
    """The first actor named after the trigger inside the phrase it heads, not one of the sources.

    "abused illegal Mexican immigrants with impunity", "dismissed an appeal from President X":
    when the direct arguments name no actor, the nearest one within the trigger's own
    objects and prepositional phrases is the one acted on. Other clauses, subjects and
    appositions are not searched: an actor there is not this action's target.
    """
    stack = [c for c in trigger.children if c.i > trigger.i and (c.dep_ not in SUBTREE_STOP_DEPS
                                                                 or purpose and _purpose(c))
             and not (topic and c.dep_ in ("dobj", "obj") and _lemma(trigger) in DISCUSSING_VERBS)]
    if purpose and trigger.dep_ in ("dobj", "obj"):  # "staged demonstrations to demand reforms by X"
        stack += [c for c in trigger.head.children if c.i > trigger.i and _purpose(c)]
    inside: set[int] = set()
    while stack:
        node = stack.pop()
        if topic and node.dep_ == "prep" and node.lower_ in TOPIC_PREPS:
            continue  # "a meeting on Syria": what a consultation is about is not who is consulted
        if _framing(node):
            continue
        inside.add(node.i)
        stack.extend(c for c in node.children if c.dep_ not in SUBTREE_STOP_DEPS
                     # "executed a man convicted of spying for Israel": what the person did is no target
                     and not (c.dep_ == "acl" and node.lemma_.lower() in PERSON_NOUNS)
                     # "arrested for collaborating with Israel": the reason given is no target either
                     and not (c.dep_ == "pcomp" and node.lower_ in ("for", "over")))
    for ent in ctx.ents:
        if ent.start <= trigger.i or ent.root.i not in inside or ent.label_ not in ("GPE", "ORG", "NORP", "PERSON"):
            continue
        if ent.root.dep_ in ("amod", "compound") and ent.root.head.lower_ in COLONY_WORDS:
            continue  # "in the one-time French colony": another country now
        if along_border(ent):
            continue  # "a village near the Sudanese border" may lie on either side of it
        # the entity's own actor, else what its words give ("President Bouteflika's government")
        actor = entity_actor(ctx, ent) or (found[0] if (found := resolve(ctx, ent.root)) and found[0].country
                                           and not found[0].code.startswith("---") else None)
        if actor is not None and ent.root.dep_ == "poss" and ent.root.head.i in inside:
            owned = resolve(ctx, ent.root.head)  # "victories by Zoran Djindjic's opposition coalition"
            if owned is not None and owned[0].country == actor.country:
                actor, ent = owned[0], owned[1]
        if actor is not None and actor.code not in sources:
            return actor, ent, "inside the phrase"
    return None


def first_actor_before(ctx: Context, trigger: Token) -> tuple | None:
    """The first actor named in the trigger's sentence before it (dictionary coders' source)."""
    sentence = ctx.sent(trigger)
    for ent in ctx.ents:
        if ent.start >= trigger.i:
            break
        if ent.start >= sentence.start:
            actor = entity_actor(ctx, ent)
            if actor is not None:
                return actor, ent, "the first actor before the verb"
    return None


VIOLENT_ROOTS = ("18", "19", "20")
PASS_THROUGH = {"continue", "resume", "keep", "begin", "start", "maintain", "step"}


PURPOSE_ROOTS = ("02", "10", "11")  # appeals, demands, complaints a protest is staged for


def purposes(found: list[Candidate]) -> list[Candidate]:
    """What an action is for is not a second event.

    "Students staged demonstrations to demand reforms", "blocked roads demanding ...": the demand is
    what the protest is for; the protest is the event (its purpose gives its target). "Sent troops to
    Mali to support the government", "approved a loan to support its budget": the support is the
    motive of the deployment or the loan, not an endorsement (05).
    """
    protests = {c.trigger.i for c in found if c.code[:2] == "14"}
    protests |= {c.trigger.head.i for c in found if c.code[:2] == "14" and c.trigger.dep_ in ("dobj", "obj")}
    acts = {c.trigger.i for c in found}

    def purpose(cand: Candidate) -> bool:
        if cand.code[:2] == "05" and _purpose(cand.trigger) and cand.trigger.head.i in acts \
                and cand.trigger.head.i != cand.trigger.i:
            return True
        if cand.code[:2] not in PURPOSE_ROOTS:
            return False
        # "rallied to demand a deal to free the hostages": the demand word, not the action demanded, is the purpose
        said = cand.flags_from if cand.flags_from is not None else cand.trigger
        head = said.head
        return said.dep_ in ("advcl", "xcomp", "acl") and (
            head.i in protests or head.dep_ in ("dobj", "obj") and head.head.i in protests)

    return [c for c in found if not purpose(c)]


def riot_details(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """'Prisoners rioted, setting fire to their mattresses and smashing furniture': damage done in a riot
    that hits no actor says how they rioted; the riot (145) is the event."""
    riots = {c.trigger.i for c in found if c.code[:3] == "145"}

    def detail(cand: Candidate) -> bool:
        clause = cand.trigger
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "setting fire ... and smashing furniture"
        return cand.code[:2] in ("17", "18") and clause.dep_ == "advcl" and clause.tag_ == "VBG" \
            and clause.head.i in riots and not any(resolve(ctx, t) for t in cand.targets)

    return [c for c in found if not detail(c)]


def by_instrument(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """'Killed in an air strike', 'a car bombing killed ...': the instrument noun names the kind of violence.

    The generic verb takes the noun's more specific code and, where it has none,
    the noun's source ("Israeli tank shelling"); the noun is then not coded again.
    """
    nouns = {c.trigger.i: c for c in found if c.trigger.pos_ in ("NOUN", "PROPN") and c.code[:2] in VIOLENT_ROOTS}
    used: set[int] = set()
    dropped: set[int] = set()
    for cand in found:
        verb = cand.trigger
        if verb.pos_ not in ("VERB", "AUX") or cand.code[:2] not in VIOLENT_ROOTS or cand.flags_from is not None:
            continue
        linked = [c for c in verb.children if c.i in nouns and c.dep_ in SUBJECT_DEPS]
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "a car bomb exploded in Mogadishu, killing seven"
            linked += [c for c in verb.head.children if c.i in nouns and c.dep_ in SUBJECT_DEPS]
        for i in nouns:  # "killed in Israeli tank shelling", also when the parser hangs "in" on the victims
            prep = verb.doc[i].head
            # (on the verb or on its victims; "backed by U.S. air strikes" hangs on another verb: a second event)
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "with") and (
                    prep.head.i == verb.i or prep.head.head.i == verb.i and prep.head.pos_ in ("NOUN", "PROPN", "PRON")):
                linked.append(verb.doc[i])
        for noun in linked[:1]:
            instrument = nouns[noun.i]
            if instrument.reciprocal and prep_objects(noun, ("between",)) \
                    and all(s.i == noun.i for s in cand.sources):
                # "fighting between Armenian and Azerbaijani forces killed dozens": the two sides' fighting
                # is the event; a killing with no doer of its own adds nothing to it
                dropped.add(verb.i)
                continue
            generic = cand.code.endswith("0") and len(cand.code) == 3  # 180, 190, 200: the kind is not said
            if generic and instrument.code[:2] in VIOLENT_ROOTS and instrument.code != cand.code:
                cand.why.append(f"the instrument '{noun.text}' ({instrument.code}) gives the kind of violence")
                cand.code = instrument.code
            # "a suicide bomber killed ...": a doer word names who did it when the noun has no owner
            keeps_doer = not instrument.sources and agent_sector(ctx, [noun]) is not None
            if not cand.sources or all(s.i == noun.i for s in cand.sources) and not keeps_doer:
                cand.sources = instrument.sources
            # "an air strike on a school in Gaza killed 30 people": what the strike was aimed at is hit too
            cand.targets = cand.targets + [t for t in instrument.targets if t.i not in {x.i for x in cand.targets}]
            used.add(noun.i)
    return [c for c in found if c.trigger.i not in used and c.trigger.i not in dropped]


def reports_yield(found: list[Candidate]) -> list[Candidate]:
    """'X did Z, an official said': a reporting verb coded by a pattern yields to the event it reports.

    The statement is coded only where the clause it reports codes nothing.
    """
    reporting = load_lexicon().reporting
    out = []
    for cand in found:
        verb = cand.trigger
        if verb.pos_ in ("VERB", "AUX") and _lemma(verb) in reporting and cand.flags_from is None:
            inside = {t.i for c in verb.children if c.dep_ in ("ccomp", "parataxis") for t in c.subtree}
            if verb.dep_ in ("ccomp", "parataxis") and verb.head.i != verb.i:
                # "Arnor restored ties, an official said": the parser hangs the report on the event
                inside |= {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
            if any(other.trigger.i in inside for other in found if other is not cand
                   and _lemma(other.trigger) not in reporting):
                continue
        out.append(cand)
    return out


def governed_yield(found: list[Candidate]) -> list[Candidate]:
    """'X called on Y to be allowed to leave': a verb governed (xcomp) by a coded verb is not coded besides it."""
    verbs = {c.trigger.i for c in found if c.trigger.pos_ in ("VERB", "AUX")}
    out = []
    for cand in found:
        node, governed = cand.trigger, False
        while node.dep_ in ("xcomp",) and node.head.i != node.i:
            node = node.head
            if node.i in verbs:
                governed = True
                break
        if not governed:
            out.append(cand)
    return out


DECLARED_HEADS = {"set", "plan", "schedule", "due", "intend", "prepare"}  # "is set to travel", "plans to visit"


def unpatterned_demands(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """'X declared that China must drop barriers': a demand even when the action has no pattern (100)."""
    taken = {c.trigger.i for c in found}
    out = list(found)
    for token in ctx.doc:
        head = None if token.i in taken else reporting_head(token, {"must"})
        if head is None or negated(token, []):
            continue
        speakers, doers = subjects(head), subjects(token)
        said_by = resolve(ctx, speakers[0]) if speakers else None
        acting = resolve(ctx, doers[0]) if doers else None
        if said_by is None or acting is None or said_by[0].code == acting[0].code:
            continue
        out.append(Candidate(token, "100", False, speakers, doers, False,
                             [f"'{head.text}' that '{doers[0].text}' must '{token.text}': a demand (100)"],
                             flags_from=head, pattern="demand: reporting verb + 'must' (stances.yaml)"))
    return out


# what one refuses to say ("refused to say whether", "declined to comment"); not "respond to a demand"
UNSAID_WORDS = {"say", "comment", "elaborate", "disclose", "reveal", "specify", "discuss", "speculate", "identify",
                "name", "confirm", "answer", "divulge", "explain"}


def unpatterned_stances(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """'APEC agreed to set up a research centre': a stance whose action has no pattern is still a statement.

    The stance's general code (030 intent, 130 threat, 120 refusal, 100 demand,
    020 appeal) is coded, unless a pattern already coded the head or an action under it.
    """
    stances = load_stances()
    # the head's own bare pattern ("warn": 012) gives way to the stance ("warned Finland not to join NATO": 130)
    bare = {c.trigger.i: c for c in found if not c.specific and c.flags_from is None}
    busy = {c.trigger.i for c in found if c.trigger.i not in bare} | \
        {c.flags_from.i for c in found if c.flags_from is not None}
    out = list(found)
    for head in ctx.doc:
        stance = stances.get(_lemma(head))
        if stance is None or head.i in busy or head.pos_ not in ("VERB", "ADJ") or not stance.codes.get("*"):
            continue
        if any(c.dep_ == "prt" for c in head.children) or negated(head, []):
            continue
        clauses = [c for c in head.children
                   if _infinitive(c) or (c.dep_ == "ccomp" and stance.target == "addressee" and stance.that_clause
                                         and not _asked(c) and not _foretold(c))]
        clauses += [g for c in head.children if c.dep_ == "prep" for g in c.children if _committed_to(g)]
        if not clauses:
            continue
        # "refused to say whether": declining comment, not the refusal the head's own pattern codes
        unsaid = stance.name == "refusal" and _lemma(clauses[0]) in UNSAID_WORDS
        if head.i in bare and bare[head.i].code == stance.codes["*"] and not unsaid:
            continue
        holders = subjects(head) or (subjects(head.head) if head.pos_ == "ADJ" and head.head.i != head.i else [])
        if not holders:
            continue
        clause = clauses[0]
        if stance.name == "intent" and _negative_clause(clause):
            continue  # "pledged not to build weapons": what is forsworn has no pattern, so no code says what
        if stance.target == "addressee":
            targets = [c for c in head.children if c.dep_ in ("dobj", "obj")] or subjects(clause) or \
                prep_objects(head, ("on", "upon", "to"))
        else:
            targets = nested_targets(clause, holders) or prep_objects(clause, ("to", "with", "against", "on"))
        if head.i in bare:
            out.remove(bare[head.i])
        code, why = stance.codes["*"], f"the general {stance.name} code {stance.codes['*']}"
        if unsaid:
            code, why = "011", "refusing to say: decline comment (011)"  # "refused to say whether he would"
            targets = []
        out.append(Candidate(head, code, False, holders, targets, False,
                             [f"'{head.text}' ({stance.name}) governs '{clause.text}', which has no pattern: {why}"],
                             flags_from=head, pattern=f"stance '{_lemma(head)}' (stances.yaml)"))
    return out


DESTROYING_VERBS = {"destroy", "dismantle", "scrap", "eliminate", "wreck"}


def resolved_actor(ctx: Context, token: Token) -> Actor | None:
    """The actor a mention resolves to, without how it was found."""
    found = resolve(ctx, token)
    return found[0] if found else None


def others_arms(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """'Ukrainian forces destroyed three Russian tanks': destroying another side's weapons is fighting
    (190), not disarming (087), which is destroying one's own ('Syria destroyed its chemical weapons')."""
    for cand in found:
        if not cand.code.startswith("087") or _lemma(cand.trigger) not in DESTROYING_VERBS:
            continue
        own = {actor.country for actor in (resolved_actor(ctx, s) for s in cand.sources) if actor}
        others = [actor for actor in (resolved_actor(ctx, t) for t in cand.targets)
                  if actor and actor.country not in own]
        if own and others:
            cand.why.append(f"the weapons are {others[0].code}'s, not the destroyer's: an attack (190), "
                            f"not disarmament ({cand.code})")
            cand.code = "190"
    return found


OUTSIDE_VOICES = {"analyst", "expert", "observer", "critic", "commentator", "pundit", "economist", "scholar",
                  "academic", "researcher", "witness", "resident", "newspaper", "report", "poll"}


def _foreseen_by_others(ctx: Context, cand: Candidate) -> bool:
    """Whether the action is foreseen by someone other than its doer: an analyst's or an observer's words, or
    another side's "could", "might" or "may"."""
    node = cand.trigger
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("ccomp", "parataxis") or not any(g in load_lexicon().reporting
                                                          for g in lemma_guesses(node.head)[:3]):
        return False
    said_by = subjects(node.head)
    if any(_lemma(t) in OUTSIDE_VOICES for t in said_by):
        return True
    if not any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in cand.trigger.children):
        return False  # "the Albanian embassy said Fischer will visit": his plan, as reported
    speakers = {a.country or a.code for a in (resolved_actor(ctx, t) for t in said_by) if a}
    doers = {a.country or a.code for a in (resolved_actor(ctx, t) for t in cand.sources) if a}
    return bool(speakers) and bool(doers) and not speakers & doers


def declared_intents(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """'Finland will give Tanzania a grant': besides the future grant, Finland has declared an intent (0331).

    CAMEO codes the declaration, which did happen, as an intent (03) for
    cooperative actions and as a threat (13) for force; the future action
    itself stays in the output, flagged future or planned.
    """
    stances = load_stances()
    out = list(found)
    if not load_coding_options().flag_modality:
        return out  # the future action is itself coded as an event: no separate declaration
    for cand in found:
        if cand.flags_from is not None or not cand.sources or cand.trigger.pos_ not in ("VERB", "AUX") \
                or is_passive(cand.trigger):
            continue  # ("he will be greeted by protesters": no one has declared anything)
        if _foreseen_by_others(ctx, cand):
            continue  # "Analysts said Beijing could blockade Taiwan": a forecast, not Beijing's threat
        root = cand.code[:2]
        # an action held over someone on a condition is a threat ("may halt mediation if cooperation founders")
        conditional = "11" <= root <= "20" and bool(conditions(cand.trigger)) and any(
            c.dep_ == "aux" and c.lower_ in FUTURE_AUX | HYPOTHETICAL_AUX for c in cand.trigger.children)
        kind = "pledge" if "04" <= root <= "08" else "threaten" if "14" <= root <= "20" or conditional else None
        if root == "15" and not conditional and any(o.ent_type_ == "GPE" for o in prep_objects(cand.trigger, ("to",))):
            kind = "pledge"  # "will send police officers to Haiti": forces offered to a state, no threat to it
        if kind is None or stances.get(kind) is None:
            continue
        will = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in cand.trigger.children)
        head = cand.trigger.head
        planned = cand.trigger.dep_ == "xcomp" and _lemma(head) in DECLARED_HEADS
        if not conditional and (not (will or planned) or modality(cand.trigger) not in ("future", "planned")):
            continue
        code = stances[kind].code_for(cand.code)
        cue = cand.trigger if will else head
        targets = cand.targets
        if conditional and not targets:  # "halt mediation among Serbia's republics": whom the action would hit
            targets = [t for o in direct_objects(cand.trigger) for t in o.subtree
                       if t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")][:1]
        out.append(Candidate(cand.trigger, code, False, cand.sources, targets, cand.specific,
                             cand.why + [f"a declared future action ('{cue.text}'): the declaration is coded as "
                                         f"{code}"], flags_from=None, declared=True, action=cand.code,
                             pattern=cand.pattern))
    return out


HOSTILE_ROOTS = ("17", "18", "19", "20")
ACCUSING_HEADS = {"say", "claim", "allege", "charge", "assert", "insist", "tell", "admit", "acknowledge", "confirm"}
CLAIMING_HEADS = {"say", "claim", "admit", "acknowledge", "confirm", "announce"}


def reported_accusations(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """'Israel said a mortar bomb was fired at it from Gaza': saying that another did violence accuses it (112).

    Only where the speaker comes first and governs the clause ("X said (that) Y attacked"); an attribution
    after the report ("..., police said") tells where the news came from, not a charge. The violent act
    itself stays an event, attributed to the speaker.
    """
    out = list(found)
    for cand in found:
        if cand.code[:2] not in HOSTILE_ROOTS or cand.flags_from is not None:
            continue
        node = cand.trigger
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        head = node.head
        if node.dep_ != "ccomp" or head.i > node.i or _lemma(head) not in ACCUSING_HEADS:
            continue
        speakers = subjects(head)
        doers = cand.sources or prep_objects(cand.trigger, ("from",))  # "fired at it from Gaza"
        if not speakers or not doers:
            continue
        said_by = resolve(ctx, speakers[0])
        done_by = resolve(ctx, doers[0]) or place_country(ctx, doers[0])
        a, b = said_by[0].code if said_by else "", done_by[0].code if done_by else ""
        if not a or not b:
            continue  # no one named: no charge
        same_state = said_by[0].country and said_by[0].country == done_by[0].country and len(said_by[0].country) == 3 \
            and all(x[0].sector in STATE_SECTORS or not x[0].sector for x in (said_by, done_by))  # not a monitor
        if a.startswith(b) or b.startswith(a) or same_state:  # ISRGOV speaking of ISRMIL: its own side
            # the speaker's own side did it ("Russia said its jets had bombed ..."): a claim of responsibility
            # (an arrest or seizure announced by those who made it is news, not a claim: violence only)
            if _lemma(head) in CLAIMING_HEADS and modality(cand.trigger) in ("asserted", "reported") \
                    and cand.code[:2] != "17":
                out.append(Candidate(head, "015", False, speakers, cand.targets, True,
                                     [f"'{head.text}' reports that its own side did '{cand.trigger.text}': "
                                      f"a claim of responsibility (015)"], flags_from=head,
                                     pattern="claimed violence (015)"))
            continue
        out.append(Candidate(head, "112", False, speakers, doers[:1], True,
                             [f"'{head.text}' reports that '{doers[0].text}' did '{cand.trigger.text}': "
                              f"an accusation (112)"], flags_from=head, pattern="reported violence (112)"))
    return out


@register("events")
def extract_events(ctx: Context) -> None:
    seen: set[tuple] = set()
    found_events: list[Event] = []
    found = apply_stances(ctx, candidates(ctx))
    if ctx.knowledge.discards and found:
        # a sentence (or story) with a discard phrase is not coded: "Arsenal crushed Chelsea"
        dropped = discarded_sentences(ctx.knowledge, ((s.start, s.text) for s in ctx.doc.sents), ctx.date)
        found = [c for c in found if ctx.sent(c.trigger).start not in dropped]
    found = declared_intents(ctx, by_instrument(ctx, others_arms(ctx, riot_details(ctx, found))))
    found = purposes(unpatterned_stances(ctx, unpatterned_demands(ctx, found)))
    if load_coding_options().flag_modality:  # not in dictionary coders' mode: they code what the dictionary says
        found = reported_accusations(ctx, found)
    if load_coding_options().reports_yield:
        found = reports_yield(found)
    if load_coding_options().governed_yield:
        found = governed_yield(found)
    triggers: dict[int, Token] = {}
    for cand in found:
        for event in make_events(ctx, cand):
            if event.target is None and _counted_only(cand.trigger):
                event.target = _counted_target(cand.trigger, event, found_events, triggers)
            if event.target is None and (event.code[:2] in ("11", "12") or event.code == "016"):
                event.target = _the_attackers(ctx, cand, found_events, rebukes_only=event.code == "016")
                if event.target is not None:
                    event.why.append(f"target {event.target.code} ({event.target.name}): what it answers refers "
                                     f"to an earlier event in the article, by '{event.target.text}'")
            key = (event.evidence[0].start, _act(event.code), event.source.code if event.source else None,
                   event.target.code if event.target else None)
            if key in seen:
                continue
            seen.add(key)
            found_events.append(event)
            triggers[id(event)] = cand.trigger
    mark_background(found_events, triggers)
    found_events.sort(key=lambda e: e.trigger.start)  # in reading order, whatever step found them
    ctx.record.events.extend(merge_mentions([e for e in found_events if not _subsumed(e, found_events)]))


DISTINCT_ACTS_ROOTS = {"17"}  # seizing, restricting, arresting, expelling, repressing: separate acts, not variants


def _act(code: str) -> str:
    """The part of a code that tells one act in a sentence from another: the root, where its variants are
    one act told in more detail ("attacked ... shelled"), else the three-digit code."""
    return code[:3] if code[:2] in DISTINCT_ACTS_ROOTS else code[:2]


def _counted_only(trigger: Token) -> bool:
    """Whether the action's only object is a bare count ("..., killing one and arresting 12")."""
    objs = direct_objects(trigger)
    return bool(objs) and all(o.pos_ == "NUM" and not any(c.pos_ in ("NOUN", "PROPN") for c in o.children)
                              for o in objs)


def _counted_target(trigger: Token, event: Event, earlier: list[Event], triggers: dict[int, Token]) -> ActorRef | None:
    """The people a bare count stands for: the target of the action whose participle or conjunct clause it is
    in ("police opened fire on demonstrators, killing one and arresting 12": 12 demonstrators)."""
    node = trigger
    for _ in range(3):
        if node.dep_ not in ("conj", "advcl") or node.head.i == node.i:
            return None
        node = node.head
        for other in earlier:
            governing = triggers.get(id(other))
            if governing is not None and governing.i == node.i and other.target is not None and other.source is not None \
                    and event.source is not None and other.source.code == event.source.code:
                event.why.append(f"target {other.target.code} ({other.target.name}): the count stands for "
                                 f"'{other.target.text}' of '{node.text}'")
                return other.target.model_copy()  # its own copy: the two events' records stay apart
    return None


DEFINITE = {"the", "this", "that", "these", "those", "its"}


REBUKE_NOUNS = {"criticism", "accusation", "allegation", "charge", "claim", "censure", "condemnation", "rebuke"}


def _the_attackers(ctx: Context, cand: Candidate, earlier: list[Event], rebukes_only: bool = False) -> ActorRef | None:
    """"Ghani condemned the attack": a definite violent noun refers back to the article's last violent event,
    and the condemnation is aimed at whoever did it; "Moscow rejected the criticism": at whoever criticised or
    accused before. The reference is marked as such."""
    for obj in direct_objects(cand.trigger):
        if obj.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in obj.children):
            continue
        at = ctx.of(obj).start
        if _lemma(obj) in REBUKE_NOUNS:  # "Moscow rejected the criticism": whoever criticised it before
            said = [e for e in earlier if e.code[:2] == "11" and e.source is not None and e.trigger.start < at
                    and not e.source.code.startswith("---") and e.modality == "asserted" and not e.negated]
            if said:
                return said[-1].source.model_copy(update={"via": "earlier event"})
            continue
        if rebukes_only:  # "Russia denied the attack" denies doing it: no one else is its target
            continue
        patterns = noun_patterns(obj)
        if not any(p.code[:2] in VIOLENT_ROOTS for p in patterns):
            continue
        done = [e for e in earlier if e.code[:2] in VIOLENT_ROOTS and e.source is not None and e.trigger.start < at
                and not e.source.code.startswith("---") and e.modality == "asserted" and not e.negated]
        # the same word ("attacked" ... "the attack"), else the same code; nothing is guessed beyond that
        stem = _lemma(obj)[:5]
        same = [e for e in done if e.trigger.text.lower().startswith(stem)]
        same = same or [e for e in done if any(e.code == p.code for p in patterns)]
        if same:
            return same[-1].source.model_copy(update={"via": "earlier event"})
    return None


def _refines(other: Event, event: Event) -> bool:
    """Whether `other` is `event` with one side's actor named more specifically."""
    if other.code != event.code or other.trigger.start != event.trigger.start:
        return False
    a = (event.source.code if event.source else None, event.target.code if event.target else None)
    b = (other.source.code if other.source else None, other.target.code if other.target else None)
    for mine, theirs, same_mine, same_theirs in ((a[0], b[0], a[1], b[1]), (a[1], b[1], a[0], b[0])):
        if same_mine == same_theirs and mine and theirs and len(theirs) > len(mine) and theirs.startswith(mine) \
                and not mine.startswith("---"):
            return True
    return False


def mark_background(events: list[Event], triggers: dict[int, Token]) -> None:
    """Flag the events that their sentence names as the setting of another of its events."""
    if not load_coding_options().flag_modality:
        return  # dictionary coders' convention: every matched verb is an event
    words: dict[int, set[int]] = {}  # sentence start -> its events' words
    for event in events:
        words.setdefault(event.evidence[0].start, set()).add(triggers[id(event)].i)
    for event in events:
        trigger = triggers[id(event)]
        found = setting_of(trigger, words[event.evidence[0].start] - {trigger.i})
        if found is not None:
            event.background = True
            event.why.append(f"background: named in the {found[0]} as the setting of '{found[1].text}'")


def merge_mentions(events: list[Event]) -> list[Event]:
    """One event per (action, source, target, flags) in an article; later mentions add evidence."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = (event.code, event.source.code if event.source else None, event.target.code if event.target else None,
               event.negated, event.modality)
        first = merged.get(key)
        if first is None:
            merged[key] = event
            continue
        first.background = first.background and event.background  # reported once is reported
        for span in event.evidence:
            if all(span.start != e.start for e in first.evidence):
                first.evidence.append(span)
                first.confidence = round(min(0.95, first.confidence + 0.05), 2)
    return list(merged.values())


def _placed_twin(other: Event, event: Event) -> bool:
    """Whether `other` is `event` with its source mention placed in a country where `event` left it unplaced
    ("Jihadists attacked an army post in Mali's centre, killing 10 soldiers": MLIREB, not also ---REB)."""
    mine, theirs = event.source, other.source
    return mine is not None and theirs is not None and mine.start == theirs.start and mine.code.startswith("---") \
        and not theirs.code.startswith("---") and theirs.code[3:] == mine.code[3:] \
        and _act(other.code) == _act(event.code) and other.evidence[0].start == event.evidence[0].start \
        and (other.target.code if other.target else None) == (event.target.code if event.target else None)


def _subsumed(event: Event, events: list[Event]) -> bool:
    """A one-sided event (or a protest aimed at home only by default) is dropped where the same sentence
    gives the same action with both sides, and an event whose actor is a less specific code of another's for
    the same word ("the Somali militant group al-Shabab": SOMREB beside SOMREBSHB)."""
    if any(_refines(other, event) or _placed_twin(other, event) for other in events if other is not event):
        return True
    if event.source is not None and event.target is not None and event.target.via != "home":
        return False
    for other in events:
        if other is event or _act(other.code) != _act(event.code) or other.evidence[0].start != event.evidence[0].start:
            continue
        if other.source is None or other.target is None:
            continue
        if (event.source is None or event.source.code == other.source.code) and \
                (event.target is None or event.target.via == "home" or event.target.code == other.target.code):
            return True
    return False

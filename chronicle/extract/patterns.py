"""Reading the event patterns (`verbs.yaml`, `verbs/*.yaml`) into matchable form."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from chronicle.knowledge.base import DATA_DIR, knowledge_dirs, word_lines

# libyaml's loader when PyYAML has it: an imported dictionary's patterns file can run to megabytes
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A pattern with this code blocks coding: the phrase is known not to be an event ("make up").
BLOCK_CODE = "---"
PREPOSITIONS = {"to", "in", "at", "on", "with", "against", "of", "for", "into", "from", "upon", "over", "about", "toward",
                "towards", "onto", "between", "off", "out", "by", "under"}


@dataclass(frozen=True)
class VerbPattern:
    code: str
    verb: str
    words: tuple[str, ...]  # literal particles or objects that must be present ("out", "talks")
    objects: frozenset[str] | None  # allowed direct-object lemmas; "weapon" means a WEAPON entity
    prep: str | None  # the target is reached through this preposition
    reciprocal: bool
    order: int
    text: str = ""  # as written in the knowledge file, for explanations
    file: str = ""
    # (word, allowed objects): the word's object must be one of them, as a particle with the
    # direct object ("hand over <weapon>") or a preposition with its own object ("call for <ceasefire>")
    constraints: tuple[tuple[str, frozenset[str]], ...] = ()
    paired: str = ""  # code "A:B": the target also does B to the source ("left for X": visit, X receives a visit)
    among: bool = False  # reciprocal only among the members of a compound ("A and B agreed to a truce")
    converse: bool = False  # the target acts on the source ("received weapons from X": X supplied them)
    # allowed subject lemmas ("doers" of the entry; "weapon" means a WEAPON or MILITARY_PLATFORM entity): a verb
    # that is violence only when a weapon does it ("rockets hit Sderot", not "the hurricane hit Florida")
    doers: frozenset[str] | None = None

    @property
    def specificity(self) -> int:
        return len(self.words) + (2 if self.objects else 0) + (1 if self.prep else 0) + 2 * len(self.constraints) \
            + (2 if self.doers else 0)


@dataclass(frozen=True)
class NounPattern:
    code: str
    words: tuple[str, ...]  # the noun phrase, last word is the head ("air", "strike")
    prep: str | None
    reciprocal: bool
    order: int
    text: str = ""
    file: str = ""
    paired: str = ""
    among: bool = False


# Slots of a word-sequence pattern: what stands at each place around the verb.
WORD, STEM, SOURCE, TARGET, COMPOUND = "word", "stem", "source", "target", "compound"
MARKERS = {"$": SOURCE, "+": TARGET, "%": COMPOUND}


@dataclass(frozen=True)
class Slot:
    kind: str  # WORD, STEM, SOURCE, TARGET or COMPOUND
    value: str = ""  # the word (or stem) for WORD and STEM
    joined: bool = False  # must stand right next to the slot on its verb side ("refused_to *")


@dataclass(frozen=True)
class SequencePattern:
    """A dictionary coder's pattern: words and actor slots in order around the verb, gaps allowed
    between them unless joined ("has not *", "suggested + * demand_conventions")."""
    code: str
    verb: str
    before: tuple[Slot, ...]  # read leftwards from the verb: nearest first
    after: tuple[Slot, ...]  # read rightwards from the verb
    order: int
    text: str = ""
    file: str = ""
    paired: str = ""

    @property
    def specificity(self) -> int:
        return len(self.before) + len(self.after)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(s.value for s in self.before + self.after if s.value)


def parse_sequence(code: str, verb: str, text: str, order: int) -> SequencePattern:
    """`has not *`, `suggested_+ * demand_geneva_conventions`, `$ hosting ^ * tabaski`:
    `*` is the verb, `$` `+` `%` the source, target and a compound actor ("A and B": one event each
    way), `^` any words (as a gap is), `_` joins neighbours, and a word ending in `*` is a stem."""
    items: list[Slot] = []
    verb_at = None
    for group in text.lower().split():
        for k, item in enumerate(i for i in group.split("_") if i):
            joined = k > 0
            if item == "*":
                if verb_at is not None:
                    raise ValueError(f"sequence pattern {text!r}: more than one verb (*)")
                verb_at = len(items)
                items.append(Slot("verb", joined=joined))
            elif item == "^":
                continue
            elif item in MARKERS:
                items.append(Slot(MARKERS[item], joined=joined))
            elif item.endswith("*"):
                items.append(Slot(STEM, item[:-1], joined))
            else:
                items.append(Slot(WORD, item, joined))
    if verb_at is None:
        raise ValueError(f"sequence pattern {text!r}: no verb position (*)")
    # A slot's `joined` says it touches its left neighbour; leftwards of the verb it must say whether it
    # touches its right neighbour (the one nearer the verb).
    before = tuple(replace(items[i], joined=items[i + 1].joined) for i in range(verb_at - 1, -1, -1))
    after = tuple(items[verb_at + 1:])
    return SequencePattern(code, verb.lower(), before, after, order, text.strip())


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as")) and len(word) > 3:  # "gas", "Hamas"
        return word[:-1]
    return word


def parse_verb(code: str, text: str, reciprocal: bool, order: int) -> VerbPattern:
    tokens, objects, words, prep = [], None, [], None
    rest = text.strip()
    while rest:
        if rest.startswith("<"):
            inner, _, rest = rest[1:].partition(">")
            tokens.append(("obj", inner))
        else:
            word, _, rest = rest.partition(" ")
            tokens.append(("word", word))
        rest = rest.strip()
    verb = tokens[0][1]
    constraints: list[tuple[str, frozenset[str]]] = []
    i = 1
    while i < len(tokens):
        kind, value = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if kind == "obj":
            objects = _object_set(value)
        elif value in PREPOSITIONS and following is not None and following[0] == "obj":
            # "call for <ceasefire>", "accuse of <espionage>", "hand over <weapon>" (particle or preposition)
            constraints.append((value, _object_set(following[1])))
            i += 1
        elif value in PREPOSITIONS and following is None:
            prep = value  # only a final preposition leads to the target: "give in to", "pull out of"
        else:
            words.append(value)
        i += 1
    return VerbPattern(code, verb, tuple(words), objects, prep, reciprocal, order, text.strip(),
                       constraints=tuple(constraints))


def _object_set(value: str) -> frozenset[str]:
    return frozenset(singular(v.strip().lower()) for v in value.split("|"))


def parse_noun(code: str, text: str, reciprocal: bool, order: int) -> NounPattern:
    words = text.lower().split()
    prep = words[-1] if len(words) > 1 and words[-1] in PREPOSITIONS else None
    if prep:
        words = words[:-1]
    words[-1] = singular(words[-1])
    return NounPattern(code, tuple(words), prep, reciprocal, order, text.strip())


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[VerbPattern, ...]]  # verb lemma -> patterns
    nouns: dict[str, tuple[NounPattern, ...]]  # head noun -> patterns
    reporting: frozenset[str]
    # verb stems ("restor*" matches "restore", "restored"), longest first: tried when no lemma matches
    stems: tuple[tuple[str, tuple[VerbPattern, ...]], ...] = ()
    sequences: dict[str, tuple[SequencePattern, ...]] = field(default_factory=dict)  # verb (or "stem*") -> patterns
    sequence_stems: tuple[str, ...] = ()  # the sequences' verbs written as stems, without the "*"
    # patterns of one inflected form ("=left": "left", not "leave"), which win over the lemma's
    forms: dict[str, tuple[VerbPattern, ...]] = field(default_factory=dict)
    _found: dict[tuple, tuple] = field(default_factory=dict, compare=False, repr=False)

    def verb_patterns(self, guesses: tuple[str, ...]) -> tuple[VerbPattern, ...]:
        """The patterns of the first lemma guess that names a verb, with those of every stem the
        word or its lemma starts with: an imported dictionary has both "call on" and
        "call* for <sanctions>". `guesses` starts with the lemma and the word itself."""
        found = self._found.get(guesses)
        if found is None:
            found = self.forms.get(guesses[1]) or next((self.verbs[g] for g in guesses if g in self.verbs), ())
            for stem, patterns in self.stems:
                if guesses[1].startswith(stem) or guesses[0].startswith(stem):
                    found += patterns
            self._found[guesses] = found
        return found

    def sequence_patterns(self, guesses: tuple[str, ...]) -> tuple[SequencePattern, ...]:
        """The word-sequence patterns whose verb is one of the guesses, or a stem of the word or its lemma."""
        if not self.sequences:
            return ()
        key = ("sequences", *guesses)
        found = self._found.get(key)
        if found is None:
            found = ()
            for verb in dict.fromkeys(guesses):
                found += self.sequences.get(verb, ())
            for stem in self.sequence_stems:
                if guesses[0].startswith(stem) or guesses[1].startswith(stem):
                    found += self.sequences[stem + "*"]
            self._found[key] = found
        return found


def _shown(path: Path) -> str:
    """A short name for a pattern file: built-in ones relative to the data directory."""
    try:
        return str(path.relative_to(DATA_DIR))
    except ValueError:
        return str(path)


def pattern_files() -> list[Path]:
    """`verbs.yaml` and every `verbs/*.yaml` of each knowledge directory, built-in first."""
    files: list[Path] = []
    for directory in knowledge_dirs("verbs"):
        if (directory / "verbs.yaml").exists():
            files.append(directory / "verbs.yaml")
        files.extend(sorted((directory / "verbs").glob("*.yaml")))
    return files


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    verbs: dict[str, list[VerbPattern]] = {}
    forms: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[NounPattern]] = {}
    sequences: dict[str, list[SequencePattern]] = {}
    order = 0
    for path in pattern_files():
        if not path.is_relative_to(DATA_DIR):
            # A user's own patterns (an imported dictionary) win over built-in ones of the same specificity.
            order = min(order, 0) - 1_000_000
        for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []:
            code, _, paired = str(entry["code"]).partition(":")
            among = entry.get("reciprocal") == "among"
            reciprocal = among or bool(entry.get("reciprocal", False))
            converse = bool(entry.get("converse", False))
            doers = frozenset(singular(str(d).lower()) for d in entry["doers"]) if entry.get("doers") else None
            for text in entry.get("verbs", []) or []:
                order += 1
                form = str(text).startswith("=")  # "=left": this form only
                p = replace(parse_verb(code, str(text).lstrip("="), reciprocal, order), file=_shown(path),
                            paired=paired, converse=converse, among=among, doers=doers)
                if converse and not p.prep:
                    raise ValueError(f"{_shown(path)}: a converse pattern names who acts by its final preposition "
                                     f"('receive <aid> from'), not {text!r}")
                (forms if form else verbs).setdefault(p.verb, []).append(p)
            for item in entry.get("sequences", []) or []:
                if not isinstance(item, dict) or len(item) != 1:
                    raise ValueError(f"{path}: a sequence is written 'verb: words around *', not {item!r}")
                (verb, text), = item.items()
                order += 1
                try:
                    q = replace(parse_sequence(code, str(verb), str(text), order), file=_shown(path), paired=paired)
                except ValueError as exc:
                    raise ValueError(f"{path}: {exc}") from None
                sequences.setdefault(q.verb, []).append(q)
            for text in entry.get("nouns", []) or []:
                order += 1
                n = replace(parse_noun(code, text, reciprocal, order), file=_shown(path), paired=paired, among=among)
                nouns.setdefault(n.words[-1], []).append(n)
    reporting = set(word_lines("reporting_verbs.txt"))
    stems = sorted(((k[:-1], tuple(v)) for k, v in verbs.items() if k.endswith("*") and len(k) > 2),
                   key=lambda kv: -len(kv[0]))
    return Lexicon({k: tuple(v) for k, v in verbs.items()}, {k: tuple(v) for k, v in nouns.items()},
                   frozenset(reporting), tuple(stems), {k: tuple(v) for k, v in sequences.items()},
                   tuple(v[:-1] for v in sequences if v.endswith("*")), {k: tuple(v) for k, v in forms.items()})




@dataclass(frozen=True)
class CodingOptions:
    """How a knowledge directory wants its patterns applied (`coding.yaml`; later directories win).

    flag_modality: false codes future, planned, hypothetical and reported actions as
    asserted events, the convention of dictionary coders (TABARI, PETRARCH), whose
    dictionaries were written for it; negation stays flagged. Background mentions (events named
    as the setting of another) are then not flagged either: those coders code every matched verb.
    first_actor_target: true lets a bare verb with no object take as target the first actor
    in a prepositional phrase of the verb ("left for X"), and an event with no actor among
    its targets the first actor named after the verb ("an anti-Gondor parade"), as those
    coders take the first actor after the verb; Chronicle's own rules read only the parse.
    first_actor_source: true likewise gives an event with no actor among its sources the
    first actor named before the verb in the sentence.
    reports_yield: true drops a reporting verb's own pattern ("said" [023]) where the clause it
    reports is coded ("X did Z, an official said"), as those coders code the reported event alone.
    governed_yield: true codes a verb chain once, at its top: an infinitive a coded verb governs
    ("called on Y to be allowed to leave") is not coded besides it, as in those coders.
    both_actors: true codes only events with both a source and a target actor, as those coders do.
    """
    flag_modality: bool = True
    first_actor_target: bool = False
    first_actor_source: bool = False
    reports_yield: bool = False
    governed_yield: bool = False
    both_actors: bool = False


@lru_cache(maxsize=1)
def load_coding_options() -> CodingOptions:
    values: dict[str, object] = {}
    for directory in knowledge_dirs("coding.yaml"):
        path = directory / "coding.yaml"
        if path.exists():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(loaded, dict):
                raise ValueError(f"{path}: expected a mapping of option: value")
            unknown = set(loaded) - set(CodingOptions.__dataclass_fields__)
            if unknown:
                raise ValueError(f"{path}: unknown option(s) {', '.join(sorted(unknown))}")
            values.update(loaded)
    return CodingOptions(**{k: bool(v) for k, v in values.items()})


@dataclass(frozen=True)
class Stance:
    """A word that turns the action it governs into an intent, threat, refusal, demand or appeal."""
    name: str
    codes: dict[str, str]  # code prefix of the governed action -> code of the statement; "*" otherwise
    target: str  # "action_target" or "addressee"
    that_clause: bool = True  # governs a "that" clause too ("demanded that X leave"), not only "to" ones
    preps: tuple[str, ...] = ()  # prepositions whose object it also governs ("warned X against attacking")

    def code_for(self, code: str) -> str:
        for size in range(len(code), 1, -1):
            if code[:size] in self.codes:
                return self.codes[code[:size]]
        return self.codes["*"]


@lru_cache(maxsize=1)
def load_stances() -> dict[str, Stance]:
    """Head lemma -> stance, from `stances.yaml` of every knowledge directory (later files win)."""
    heads: dict[str, Stance] = {}
    for directory in knowledge_dirs("stances.yaml"):
        path = directory / "stances.yaml"
        if not path.exists():
            continue
        for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []:
            codes = {str(k): str(v) for k, v in (entry.get("codes") or {}).items()}
            codes.setdefault("*", codes.get("*", ""))
            stance = Stance(str(entry["stance"]), codes, str(entry.get("target", "action_target")),
                            bool(entry.get("that_clause", True)), tuple(str(p) for p in entry.get("preps") or ()))
            for head in entry.get("heads") or []:
                heads[str(head).lower()] = stance
    return heads

"""Importing TABARI and PETRARCH dictionaries into a Chronicle knowledge directory.

The two coders share one family of plain-text dictionary formats:

  actors    NAME [CODE]            one actor; `+SYNONYM` lines add names; code blocks may
            NAME                   also stand on the following lines and carry dates:
            +SYNONYM               [CODE 19950601-19990815], [CODE <950601], [CODE >990816]
                [CODE <19950601]   (TABARI writes YYMMDD, PETRARCH YYYYMMDD)
  agents    WORD {PLURALS} [~SECTOR]   `~SECTOR` follows the actor code, `PREFIX~` precedes it;
            !NAME! = A, B              substitution lists used as `CONGRESS!PERSON!`
  verbs     --- VERB [CODE] ---        PETRARCH: a block of synonymous verbs and `- ... * ... [CODE]`
            VERB [CODE]                phrase patterns (`*` is the verb); TABARI: one block per verb
            &SYNSET / +MEMBER          named word lists used in patterns as `&SYNSET`
  discards  PHRASE, +PHRASE            sentences (stories, with `+`) containing them are not coded

Words are joined by `_` or spaces and written in capitals; comments start with `#`
(PETRARCH) or `;` (TABARI), or are `<!-- ... -->` blocks.

Chronicle's knowledge files say less than these dictionaries: an entity has one code.
Verb lines become verb patterns; phrase patterns are kept as the word sequences they
are (`sequences:`, matched by chronicle/extract/sequences.py). What cannot be said is
counted by reason in a `Report` instead of being approximated silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

from chronicle.extract.patterns import BLOCK_CODE
from chronicle.knowledge.base import DATA_DIR, REPLACES, Discard, discard_words, split

# Codes that mean "do not code this actor" rather than naming one.
NULL_CODES = {"---", "+++", "###"}
# Words after the verb that are particles rather than objects ("break down", "set up").
PARTICLES = {"up", "down", "out", "off", "back", "away", "around", "aside", "forward", "through"}
# The prepositions Chronicle's pattern language reads as "the target follows" (chronicle/extract/patterns.py).
TARGET_PREPOSITIONS = {"to", "in", "at", "on", "with", "against", "of", "for", "into", "from", "upon", "over",
                       "about", "toward", "towards", "onto"}
# Other prepositions: a pattern needing one of them says more than Chronicle's language can.
OTHER_PREPOSITIONS = {"by", "near", "after", "before", "under", "between", "among", "without", "within", "across",
                      "during", "like", "than", "as", "via", "beside", "behind", "beyond", "despite", "since", "until"}
DETERMINERS = {"the", "a", "an"}
# Words before the verb that hang on it in a parse ("NOT * RELATIONS", "WILL NOT *"), as the lemmas the
# coder matches; other words there (subjects, governing verbs) are surface order the parse does not keep.
AUXILIARIES = {"not": ["not"], "never": ["never"], "n't": ["not"], "will": ["will"], "would": ["would"],
               "has": ["have"], "have": ["have"], "had": ["have"], "was": ["be"], "were": ["be"], "is": ["be"],
               "are": ["be"], "must": ["must"], "can": ["can"], "could": ["could"], "should": ["should"],
               "did": ["do"], "does": ["do"], "didn't": ["do", "not"], "won't": ["will", "not"],
               "wouldn't": ["would", "not"], "can't": ["can", "not"], "doesn't": ["do", "not"]}
# More alternatives than this in one pattern (synsets inside synsets) are not worth a pattern each.
MAX_ALTERNATIVES = 200


class LegacyError(Exception):
    """A dictionary that cannot be read; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path, self.line = str(path), line
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass
class Report:
    """What an import wrote and what it left out, with one example of each reason."""

    imported: Counter = field(default_factory=Counter)  # kind -> count
    skipped: Counter = field(default_factory=Counter)  # (kind, reason) -> count
    examples: dict[tuple[str, str], str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    every: list[str] = field(default_factory=list)  # each thing left out or changed, for import-report.txt

    def skip(self, kind: str, reason: str, example: str, count: int = 1) -> None:
        self.skipped[(kind, reason)] += count
        self.examples.setdefault((kind, reason), example)
        self.every.append(f"{kind}: {reason}: {example}")

    def lines(self) -> list[str]:
        out = ["imported: " + (", ".join(f"{n} {kind}" for kind, n in self.imported.items()) or "nothing")]
        for (kind, reason), n in sorted(self.skipped.items(), key=lambda kv: (kv[0][0], -kv[1])):
            out.append(f"  {kind}: {n} {reason} (e.g. {self.examples[(kind, reason)]})")
        out.extend(self.notes)
        return out


# ---------------------------------------------------------------- reading lines


def read_lines(path: Path, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """(line number, text without comments) of a dictionary file; blank lines left out."""
    if not path.is_file():
        raise LegacyError(path, None, "no such file")
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise LegacyError(path, line, f"not {encoding} text (byte 0x{data[e.start]:02x}); "
                                      "give the file's encoding with --encoding, e.g. latin-1") from None
    except LookupError:
        raise LegacyError(path, None, f"unknown encoding {encoding!r}") from None
    in_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_comment or line.lstrip().startswith("<!"):
            # XML-style comment blocks, possibly over several lines ("<! -- ... -->" occurs too)
            in_comment = "-->" not in line
            continue
        if line.startswith("~~"):  # TABARI's end mark (~~FINISH) and the bookkeeping after it
            break
        line = strip_comment(line).rstrip()
        if line.strip():
            yield number, line


def strip_comment(line: str) -> str:
    """The line before a `#` or `;` comment; inside [...] those are code characters ([###])."""
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in "#;" and depth == 0:
            return line[:i]
    return line


def phrase_words(text: str) -> list[str]:
    """Words of a dictionary phrase: `_` and spaces both join words; a trailing `_` (whole word) goes."""
    return [w for w in re.split(r"[_\s]+", text.strip()) if w]


def display_name(words: list[str]) -> str:
    """Capitalised dictionary words as they would be written in text: "MINAS_TIRITH" -> "Minas Tirith"."""
    out = []
    for i, w in enumerate(words):
        if any(c.isdigit() for c in w) or "." in w or (i and w.lower() in ("of", "and", "the", "de")):
            out.append(w if "." in w else w.lower())
        else:
            out.append("-".join(part.capitalize() for part in w.split("-")))
    return " ".join(out)


# ---------------------------------------------------------------- actors


@dataclass(frozen=True)
class DatedCode:
    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class LegacyActor:
    names: list[str]  # first is the main name, each as a list of words joined by spaces
    codes: list[DatedCode]
    where: str  # file:line, for messages


CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
CODE_BODY = re.compile(r"^(?P<code>[A-Za-z0-9~!/+#\-]+)?\s*(?:(?P<op>[<>])\s*(?P<d>\d{6}|\d{8})"
                       r"|(?P<d1>\d{6}|\d{8})\s*-\s*(?P<d2>\d{6}|\d{8}))?$")


def parse_date(text: str) -> dt.date:
    if len(text) == 6:  # TABARI's YYMMDD: 50-99 are 19xx, as in its record dates
        year = int(text[:2])
        text = f"{1900 + year if year >= 50 else 2000 + year}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code_block(body: str, path: Path, number: int) -> DatedCode:
    m = CODE_BODY.match(body.strip())
    if not m or not m.group("code"):
        raise LegacyError(path, number, f"cannot read code block [{body}]: expected [CODE], [CODE <DATE], "
                                        "[CODE >DATE] or [CODE DATE-DATE]")
    code = m.group("code").upper()
    try:
        if m.group("op") == "<":  # before the date
            return DatedCode(code, None, parse_date(m.group("d")) - dt.timedelta(days=1))
        if m.group("op") == ">":  # after the date
            return DatedCode(code, parse_date(m.group("d")) + dt.timedelta(days=1), None)
        if m.group("d1"):  # both ends included
            return DatedCode(code, parse_date(m.group("d1")), parse_date(m.group("d2")))
    except ValueError as e:
        raise LegacyError(path, number, f"bad date in [{body}]: {e}") from None
    return DatedCode(code)


def parse_actors(path: Path, encoding: str = "utf-8", report: Report | None = None) -> list[LegacyActor]:
    actors: list[LegacyActor] = []
    section = None
    for number, line in read_lines(path, encoding):
        stripped = line.strip()
        tag = re.fullmatch(r"<(/?)([A-Za-z]+)>", stripped)
        if tag:  # TABARI's <NOUN> and <ADJECTIVE> lists help its parser, not the coding
            section = None if tag.group(1) else tag.group(2).upper()
            continue
        if section is not None:
            if report:
                report.skip("actors", f"<{section}> list entries (no Chronicle equivalent)", stripped)
            continue
        blocks = []
        for body in CODE_BLOCK.findall(stripped):
            try:
                blocks.append(parse_code_block(body, path, number))
            except LegacyError:
                if report is None:
                    raise
                # years-old dictionaries have typos ("[GBRGOV >201005011]"): the rest of the file still counts
                report.skip("actors", "code blocks that cannot be read (left out; file:line)",
                            f"[{body.strip()}] ({path.name}:{number})")
        text = CODE_BLOCK.sub(" ", stripped).strip().rstrip("=").strip()  # TABARI's "MOUSE=": the name as written
        if stripped.startswith("+"):
            if not actors:
                raise LegacyError(path, number, "synonym (+NAME) before any actor")
            actors[-1].names.append(" ".join(phrase_words(text[1:])))
            actors[-1].codes.extend(blocks)
        elif not text:  # code blocks on their own line belong to the actor above
            if not actors:
                raise LegacyError(path, number, "code block before any actor")
            actors[-1].codes.extend(blocks)
        elif line[:1].isspace() and actors and not blocks:
            raise LegacyError(path, number, f"indented line without a code block: {stripped!r}")
        else:
            actors.append(LegacyActor([" ".join(phrase_words(text))], blocks, f"{path.name}:{number}"))
    return actors


# ---------------------------------------------------------------- agents


@dataclass
class LegacyAgent:
    words: list[str]  # singular and plural phrases, lower case
    code: str  # sector codes, without the ~
    prefix: bool  # `NGO~`: the code goes in front of the actor's code
    where: str


def parse_agents(path: Path, encoding: str = "utf-8", report: Report | None = None) -> list[LegacyAgent]:
    substitutions: dict[str, list[str]] = {}
    agents: list[LegacyAgent] = []
    for number, line in read_lines(path, encoding):
        stripped = line.strip()
        sub = re.fullmatch(r"(![A-Za-z0-9]+!)\s*=\s*(.+)", stripped)
        if sub:
            substitutions[sub.group(1).upper()] = [v.strip() for v in sub.group(2).split(",") if v.strip()]
            continue
        m = re.fullmatch(r"(?P<name>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[\s*(?P<code>[^\]]*?)\s*\]", stripped)
        if not m or "~" not in m.group("code"):
            if report is not None:  # a typo in a long file ("[~ENV}") leaves that line out, not the file
                report.skip("agents", "lines that cannot be read (left out; file:line)", f"{stripped} ({path.name}:{number})")
                continue
            raise LegacyError(path, number, f"cannot read agent line {stripped!r}: expected NAME {{PLURALS}} [~CODE]")
        code = m.group("code").replace(" ", "").upper()
        prefix = not code.startswith("~")
        names = [m.group("name")] + (m.group("plurals") or "").split()
        words: list[str] = []
        for name in names:
            for expanded in expand_substitutions(name, substitutions, path, number):
                phrase = " ".join(phrase_words(expanded)).lower()
                if phrase and phrase not in words:
                    words.append(phrase)
        agents.append(LegacyAgent(words, code.strip("~"), prefix, f"{path.name}:{number}"))
    return agents


def expand_substitutions(name: str, subs: dict[str, list[str]], path: Path, number: int) -> list[str]:
    """`CONGRESS!PERSON!` with `!PERSON! = MAN, WOMAN` -> CONGRESSMAN, CONGRESSWOMAN."""
    marker = re.search(r"![A-Za-z0-9]+!", name)
    if not marker:
        return [name]
    values = subs.get(marker.group(0).upper())
    if values is None:
        raise LegacyError(path, number, f"substitution {marker.group(0)} is not defined above")
    out = []
    for value in values:
        out.extend(expand_substitutions(name[:marker.start()] + value + name[marker.end():], subs, path, number))
    return out


# ---------------------------------------------------------------- verbs


@dataclass
class VerbBlock:
    header_code: str  # the code of verbs listed without one
    verbs: list[tuple[str, str, str]] = field(default_factory=list)  # (verb phrase, code, where)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # (pattern, code, where)
    stems: bool = False  # TABARI: a verb word not ended by `_` matches every word it begins ("RESTOR")


CODED_LINE = re.compile(r"^(?P<text>.*?)\s*\[\s*(?P<code>[^\]]*?)\s*\]\s*$")
ALTERNATION = re.compile(r"\{([^}]*\|[^}]*)\}")  # TABARI's { A | B } inside a pattern


def parse_verbs(path: Path, encoding: str = "utf-8", report: Report | None = None
                ) -> tuple[list[VerbBlock], dict[str, list[str]]]:
    """The verb blocks and the synsets (&NAME -> member phrases) of a verbs dictionary."""
    blocks: list[VerbBlock] = []
    synsets: dict[str, list[str]] = {}
    lines = list(read_lines(path, encoding))
    petrarch = any(line.lstrip().startswith("---") for _, line in lines)
    current_synset: str | None = None
    section = None
    for number, line in lines:
        stripped = line.strip()
        where = f"{path.name}:{number}"
        tag = re.fullmatch(r"<(/?)([A-Za-z]+)>", stripped)
        if tag:
            section = None if tag.group(1) else tag.group(2).upper()
            continue
        if section not in (None, "SYNSETS"):  # TABARI's <TIME> words shift dates; Chronicle has no such list
            if report and not stripped.startswith("-"):
                report.skip("verbs", f"<{section}> section entries (no Chronicle equivalent)", stripped)
            continue
        if stripped.startswith("&"):
            current_synset = stripped.split()[0].upper().rstrip("_")
            synsets[current_synset] = []
            continue
        if stripped.startswith("+") and current_synset is not None:
            synsets[current_synset].append(stripped[1:].strip())
            continue
        current_synset = None
        if stripped.startswith("---"):  # PETRARCH block header: --- VERB [CODE] ---
            m = CODED_LINE.match(re.sub(r"[\s-]+$", "", stripped.strip("-").strip()))  # "--- X [110]--- ---"
            if not m:
                raise LegacyError(path, number, f"cannot read verb block header {stripped!r}: expected --- VERB [CODE] ---")
            blocks.append(VerbBlock(m.group("code")))
            continue
        if stripped.startswith("{"):  # inflected forms: Chronicle matches lemmas
            continue
        if stripped.startswith("-"):
            if not blocks:
                raise LegacyError(path, number, "pattern before any verb")
            m = CODED_LINE.match(stripped[1:].strip())
            if not m:
                raise LegacyError(path, number, f"pattern without a [CODE]: {stripped!r}")
            blocks[-1].patterns.append((m.group("text"), m.group("code"), where))
            continue
        # A verb line: PETRARCH lists a block's verbs (synonyms with +, own codes allowed);
        # in TABARI every verb line starts its own block.
        m = CODED_LINE.match(stripped)
        text, code = (m.group("text"), m.group("code")) if m else (stripped, None)
        text = re.sub(r"\{[^}]*\}", " ", text).lstrip("+").rstrip("=").strip()  # TABARI: "BAN="
        if not petrarch:
            if code is None:
                raise LegacyError(path, number, f"verb without a [CODE]: {stripped!r}")
            blocks.append(VerbBlock(code, stems=True))
        elif not blocks:
            raise LegacyError(path, number, "verb before any --- VERB [CODE] --- header")
        blocks[-1].verbs.append((text, code or blocks[-1].header_code, where))
    return blocks, synsets


def clean_code(code: str) -> tuple[str | None, str | None]:
    """(CAMEO code, note) from a dictionary code; None when the entry codes nothing."""
    code = code.strip()
    if not code:
        return None, "empty code []"
    if code in NULL_CODES:  # the phrase is known and codes nothing: written as a blocking pattern
        return BLOCK_CODE, None
    note = None
    if code.endswith("?"):  # TABARI's "[023?]" on SAID/SAYS: a tentative code its test suites never expect coded
        return None, "tentative code [...?] (not coded)"
    parts = []
    for part in code.split(":")[:2]:  # [A:B]: the target answers with B, as in the pattern language
        cleaned = re.sub(r"[^0-9A-Za-z]", "", part)
        if cleaned != part.strip():
            note = "code with marks (! ? =) cleaned"
        if cleaned:
            parts.append(cleaned)
    return (":".join(parts) or None), note


@lru_cache(maxsize=1)
def _lemmatizer():
    """spaCy's rule lemmatizer alone: dictionaries list "BANNED" and "LEFT", the coder matches lemmas."""
    try:
        import spacy

        from chronicle.annotate.pipeline import model_name
        nlp = spacy.load(model_name(), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"])
        return nlp, nlp.get_pipe("lemmatizer")
    except Exception:  # no model: keep the words as written
        return None


def verb_lemma(word: str) -> str:
    word = word.lower()
    found = _lemmatizer()
    if found is None:
        return word
    nlp, lemmatizer = found
    doc = nlp.make_doc(word)
    if len(doc) != 1:
        return word
    exceptions = lemmatizer.lookups.get_table("lemma_exc", {}).get("verb", {})
    if word in exceptions:  # "left", "held", "sank"
        return exceptions[word][0]
    # Base forms ("express", "focus") must stay as they are: the rules would strip their -s.
    if not (word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith(("ss", "us", "is")))):
        return word
    doc[0].pos_ = "VERB"
    return (lemmatizer.rule_lemmatize(doc[0]) or [word])[0]


def convert_pattern(verb: str, words: list[str]) -> tuple[str | None, str | None]:
    """Chronicle pattern text for a PETRARCH/TABARI verb line ("CALLED_ON", "* WORDS" after the verb), or (None, reason).

    Chronicle can say: verb [particles] [<object phrase>] [target preposition], all after the verb.
    """
    if "*" not in words:
        return None, "no verb position (*) in the pattern"
    at = words.index("*")
    before, after = words[:at], [w for w in words[at + 1:]]
    if any(w.lower() not in AUXILIARIES for w in before):
        return None, "words before the verb (other than auxiliaries and negation)"
    # auxiliaries and negation hang on the verb: the pattern language lists them after it
    helpers = list(dict.fromkeys(lemma for w in before for lemma in AUXILIARIES[w.lower()]))
    if after[:1] == ["+"]:
        after = after[1:]  # the target right after the verb is the direct object, Chronicle's default
    if any(w in ("+", "$", "%", "^", "*") for w in after):
        return None, "source/target markers ($ + %) or skips (^) inside the pattern"
    after = [w.lower().rstrip("~") for w in after if w.lower() not in DETERMINERS]
    if any(not re.fullmatch(r"[a-z0-9'\-.]+", w) for w in after):
        return None, "words with unusual characters"
    particles, noun, prep = [], [], None
    restricted: list[tuple[str, list[str]]] = []  # "* FOR SANCTIONS": the preposition's own object
    for i, w in enumerate(after):
        if w in OTHER_PREPOSITIONS:
            return None, "prepositions the pattern language has no target for (by, near, after...)"
        if w in TARGET_PREPOSITIONS:
            if i == len(after) - 1:
                prep = w
            else:
                restricted.append((w, []))
        elif restricted:
            restricted[-1][1].append(w)
        elif w in PARTICLES and not noun:
            particles.append(w)
        else:
            noun.append(w)
    if any(not words for _, words in restricted):
        return None, "consecutive prepositions"
    parts = [verb, *helpers, *particles]
    if noun:
        parts.append("<" + " ".join(noun) + ">")
    parts.extend(f"{w} <{' '.join(words)}>" for w, words in restricted)
    if prep:
        parts.append(prep)
    return " ".join(parts), None


def sequence_texts(pattern: str, synsets: dict[str, list[str]], stems: bool = True, depth: int = 0) -> list[str]:
    """Chronicle sequence patterns (`sequences:`, chronicle/extract/sequences.py) for one TABARI or
    PETRARCH pattern: its words in order around `*`, alternations and synsets spelled out, `_` joins
    kept; with `stems` (TABARI) every word is a stem (`word*`) unless a `_` ends it, as TABARI read them."""
    if depth > 5:
        raise ValueError("synsets nested too deeply")
    m = ALTERNATION.search(pattern) or re.search(r"&[A-Za-z0-9]+", pattern)
    if m:
        if m.group(0).startswith("&"):
            name = m.group(0).upper()
            if name not in synsets:
                raise KeyError(name)
            options = synsets[name]
        else:
            options = m.group(1).split("|")
        out: list[str] = []
        for option in options:
            option = re.sub(r"\s+", " ", option.strip()).replace(" ", "\x01")  # a member's own spaces are gaps
            out.extend(sequence_texts(pattern[:m.start()] + option + pattern[m.end():], synsets, stems, depth + 1))
            if len(out) > MAX_ALTERNATIVES:
                raise OverflowError
        return list(dict.fromkeys(out))
    # PETRARCH 2 marks a noun phrase {A B} and a prepositional phrase (A): their words, together
    pattern = re.sub(r"\{([^{}|]*)\}", lambda m: "_".join(m.group(1).split()), pattern)
    pattern = re.sub(r"\(([^()]*)\)", lambda m: "_".join(m.group(1).split()), pattern)
    groups = []
    for group in pattern.replace("\x01", " ").split():
        items = []
        parts = group.split("_")
        for k, part in enumerate(parts):
            if not part:
                continue
            exact = k + 1 < len(parts) and not parts[k + 1]  # "KRONER_": this word only
            if part in ("*", "$", "+", "%", "^"):
                items.append(part)
            else:
                word = part.lower().rstrip("~")
                if not re.fullmatch(r"[a-z0-9'\-.]+", word):
                    raise ValueError(f"a word Chronicle cannot read: {part!r}")
                items.append(word if exact or not stems else word + "*")
        if items:
            groups.append("_".join(items))
    text = " ".join(groups)
    if "*" not in re.split(r"[\s_]+", text):
        raise ValueError("no verb position (*)")
    return [text]


def convert_verbs(blocks: list[VerbBlock], synsets: dict[str, list[str]], report: Report) -> list[dict]:
    """Entries of Chronicle's pattern language (see verbs/01-09.yaml), phrase patterns first."""
    phrases: dict[str, tuple[str, str]] = {}  # pattern text -> (code, where)
    plain: dict[str, tuple[str, str]] = {}
    sequences: dict[str, tuple[str, str, str]] = {}  # "verb: text" -> (code, verb, text)

    def add(target: dict[str, tuple[str, str]], text: str, code: str, where: str, form: str = "") -> None:
        if text in phrases or text in plain:
            if form:  # "LEFT [032:033]" beside "LEAVE [012]": the form keeps its own code ("=left")
                add(target, "=" + form + text[text.find(" "):] if " " in text else "=" + form, code, where)
                return
            report.skip("verb patterns", "duplicates of an earlier pattern (first kept)", f"{text} ({where})")
            return
        target[text] = (code, where)

    for block in blocks:
        verbs: list[tuple[str, list[str]]] = []  # (lemma, words of the verb phrase after the verb)
        for text, raw_code, where in block.verbs:
            words = phrase_words(text)
            if not words or not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", words[0]):
                report.skip("verb patterns", "verbs with unusual characters", f"{text} ({where})")
                continue
            lemma = verb_lemma(words[0])
            whole = text.split()[0].endswith("_") or len(words) > 1 and "_" in text.split()[0]
            if block.stems and lemma == words[0].lower() and not whole:
                lemma += "*"  # a stem, in the pattern language's notation
            verbs.append((lemma, words[1:]))
            code, note = clean_code(raw_code)
            if code is None:
                report.skip("verb patterns", note or "", f"{text} [{raw_code}] ({where})")
                continue
            if note:
                report.skip("verb patterns", note, f"{text} [{raw_code}] ({where})")
            converted, reason = convert_pattern(lemma, ["*", *words[1:]])
            if converted is None:
                report.skip("verb patterns", reason or "", f"{text} ({where})")
            else:
                inflected = words[0].lower() if not lemma.endswith("*") and lemma != words[0].lower() else ""
                add(plain if len(words) == 1 else phrases, converted, code, where, inflected)
        for pattern, raw_code, where in block.patterns:
            code, note = clean_code(raw_code)
            if code is None:
                report.skip("verb patterns", note or "", f"- {pattern} [{raw_code}] ({where})", len(verbs) or 1)
                continue
            if note:
                report.skip("verb patterns", note, f"- {pattern} [{raw_code}] ({where})")
            # TABARI and PETRARCH matched a pattern as words in order around the verb: it is kept so
            # (`sequences:`, chronicle/extract/sequences.py), with TABARI's words as stems.
            try:
                texts = sequence_texts(pattern, synsets, block.stems)
            except KeyError as e:  # one pattern's typo ("&WEATHER" never defined) leaves that pattern out
                report.skip("verb patterns", "patterns naming a synset that is not defined (left out)",
                            f"{e.args[0]} in - {pattern} ({where})")
                continue
            except OverflowError:
                report.skip("verb patterns", "too many synset combinations", f"- {pattern} ({where})")
                continue
            except ValueError as exc:
                report.skip("verb patterns", "patterns Chronicle cannot read (left out)", f"- {pattern} ({where}: {exc})")
                continue
            for lemma, verb_words in verbs:
                for text in texts:
                    if verb_words:  # "* WORDS" of a multi-word verb ("BREAK_DOWN") come right after the verb
                        text = re.sub(r"(^|[\s_])\*(?=$|[\s_])", lambda m: m.group(1) + "*_" + "_".join(
                            w.lower() for w in verb_words), text, count=1)
                    key = f"{lemma}: {text}"
                    if key in sequences or text == "*":  # "- * [code]": the verb line says it
                        report.skip("verb patterns", "duplicates of an earlier pattern (first kept)", f"{key} ({where})")
                    else:
                        sequences[key] = (code, lemma, text)
    entries: list[dict] = []
    for table in (phrases, plain):
        by_code: dict[str, list[str]] = {}
        for text, (code, _) in table.items():
            by_code.setdefault(code, []).append(text)
        entries.extend({"code": code, "verbs": texts} for code, texts in by_code.items())
    by_code_seq: dict[str, list[dict[str, str]]] = {}
    for code, lemma, text in sequences.values():
        by_code_seq.setdefault(code, []).append({lemma: text})
    entries.extend({"code": code, "sequences": items} for code, items in by_code_seq.items())
    report.imported["verb patterns"] += len(phrases) + len(plain)
    report.imported["sequence patterns"] += len(sequences)
    return entries


# ---------------------------------------------------------------- discards


def parse_discards(path: Path, encoding: str = "utf-8") -> list[Discard]:
    """The phrases of a discard dictionary (`+PHRASE`: the whole story)."""
    out = []
    for _, line in read_lines(path, encoding):
        text = line.strip()
        words = discard_words(" ".join(phrase_words(text.lstrip("+"))))
        if words:
            out.append(Discard(words, text.startswith("+")))
    return out


def discard_line(d: Discard) -> str:
    """A line of discards.txt."""
    return (("+" if d.story else "") + d.phrase + (f" from {d.start.isoformat()}" if d.start else "")
            + (f" until {d.end.isoformat()}" if d.end else ""))


# ---------------------------------------------------------------- project files


PROJECT_KEYS = {"actorsfile": "actors", "agentsfile": "agents", "verbsfile": "verbs", "discardfile": "discards",
                "optionsfile": "options"}


def read_project(path: Path, encoding: str = "utf-8") -> dict[str, list[Path]]:
    """Dictionaries named by a TABARI .project file, relative to its folder."""
    files: dict[str, list[Path]] = {kind: [] for kind in PROJECT_KEYS.values()}
    for _, line in read_lines(path, encoding):
        m = re.match(r"\s*<(\w+)>\s*(\S+)", line)
        if m and m.group(1).lower() in PROJECT_KEYS:
            files[PROJECT_KEYS[m.group(1).lower()]].append(path.parent / m.group(2))
    return files


# ---------------------------------------------------------------- writing a knowledge directory


def builtin_aliases() -> dict[str, tuple[str, str]]:
    """Built-in alias text -> (kind, code): the entity stage keeps built-in names when a user file repeats them."""
    out: dict[str, tuple[str, str]] = {}
    sources = [("countries.csv", "country", ("name", "aliases")), ("countries.csv", "demonym", ("demonyms",)),
               ("organisations.csv", "org", ("name", "aliases")), ("leaders.csv", "person", ("name", "aliases"))]
    for name, kind, columns in sources:
        for row in _builtin_rows(name):
            code = row.get("code") or row.get("country", "")
            for column in columns:
                for alias in split(row.get(column, "")):
                    out.setdefault(alias, (kind, code))
    return out


def _builtin_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "") for k, v in row.items() if k}
                for row in csv.DictReader(line for line in handle if not line.startswith("#"))]


def name_variants(name: str) -> list[str]:
    """How a dictionary name is written in text: "THE_HERMIT_KINGDOM" -> "Hermit Kingdom" (the matcher
    is case-sensitive and "the" is not part of a name); short words may be acronyms ("KU", "PLO")."""
    words = name.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    out = [display_name(words)]
    if len(words) == 1 and len(words[0]) <= 4 and words[0].isalpha():
        out.append(words[0].upper())
    return out


def discard_windows(null: DatedCode, codes: list[DatedCode]) -> list[tuple[dt.date | None, dt.date | None]]:
    """When a [###] code applies: its own dates, or, undated beside one dated code ("USSR [USR <911226]
    [###]"), the days that code leaves (from 1991-12-26)."""
    dated = [dc for dc in codes if dc.dated and dc.code not in NULL_CODES]
    if null.dated or len(dated) != 1:
        return [(null.start, null.end)]
    day = dt.timedelta(days=1)
    only = dated[0]
    out: list[tuple[dt.date | None, dt.date | None]] = []
    if only.start is not None:
        out.append((None, only.start - day))
    if only.end is not None:
        out.append((only.end + day, None))
    return out


def convert_actors(actors: list[LegacyActor], report: Report,
                   discards: list[Discard]) -> dict[str, list[dict[str, str]]]:
    """Rows of countries.csv (bare three-letter codes), organisations.csv (longer codes) and leaders.csv
    (codes with dates: the person-with-roles mechanism applies a role only on its dates); names coded
    [###] or [+++] are added to `discards`."""
    builtin_countries = {row["code"]: row for row in _builtin_rows("countries.csv")}
    countries: dict[str, dict[str, str]] = {}
    organisations: list[dict[str, str]] = []
    leaders: list[dict[str, str]] = []
    known = builtin_aliases()
    for actor in actors:
        label = f"{actor.names[0]} ({actor.where})"
        usable = []
        for dc in actor.codes:
            if dc.code in NULL_CODES and dc.code != "---":
                # [###]/[+++]: a sentence naming it is not coded (on the code's dates): a discard phrase
                for start, end in discard_windows(dc, actor.codes):
                    discards.extend(Discard(discard_words(name), False, start, end) for name in actor.names)
                report.imported["actors as discard phrases"] += 1
                continue
            if dc.code in NULL_CODES:
                reason = "[---] codes (the name is not coded: left out)"
                report.skip("actors", reason if not dc.dated else "dated null codes ([--- <DATE]: not coded then) dropped", label)
                continue
            if not re.fullmatch(r"[A-Z0-9]{3,}(?:/[A-Z0-9]{3,})*", dc.code):
                report.skip("actors", "codes that are not letters and digits", f"{label} [{dc.code}]")
                continue
            usable.append(dc)
        if not usable:
            continue
        names = list(dict.fromkeys(v for n in actor.names for v in name_variants(n)))
        for alias in names:
            if alias in known and not any(known[alias][1] in (dc.code, dc.code[:3]) for dc in usable):
                report.skip("actors", "names the built-in knowledge codes otherwise (the imported code wins)",
                            f"{alias} = {known[alias][1]} ({actor.where})")
        dated = [dc for dc in usable if dc.dated]
        default = [dc for dc in usable if not dc.dated]
        if dated:
            # Dated roles first: when several apply, the first listed wins, as in the dictionaries.
            for dc in dated + default[:1]:
                if "/" in dc.code:
                    report.skip("actors", "dated codes for several actors [A/B <DATE] (first kept)", label)
                    dc = DatedCode(dc.code.split("/")[0], dc.start, dc.end)
                leaders.append({"name": names[0], "aliases": "|".join(names[1:]), "country": dc.code[:3],
                                "sector": dc.code[3:] or "-", "role": "imported",
                                "start": dc.start.isoformat() if dc.start else "",
                                "end": dc.end.isoformat() if dc.end else ""})
            report.imported["dated actors"] += 1
            continue
        code = default[0].code
        if len(default) > 1:
            report.skip("actors", "several undated codes (first kept)", label)
        if "/" in code:  # [FRO/BIL/SAM]: a name that stands for several actors, each coded in its events
            members = code.split("/")
            organisations.append({"code": members[0], "name": names[0], "aliases": "|".join(names[1:]),
                                  "label": "ORG", "sector": members[0][3:], "country": members[0][:3],
                                  "members": "|".join(members)})
            report.imported["actors"] += 1
            report.imported["actors standing for several"] += 1
            continue
        if len(code) == 3:
            row = countries.get(code)
            if row is None:
                base = builtin_countries.get(code)
                row = dict(base) if base else {"code": code, "name": names[0], "aliases": "", "demonyms": "",
                                               "capital": "", "lat": "", "lon": ""}
                countries[code] = row
            aliases = split(row["aliases"]) + [n for n in names if n != row["name"]]
            row["aliases"] = "|".join(dict.fromkeys(aliases))
            report.imported["actors"] += 1
        else:
            organisations.append({"code": code, "name": names[0], "aliases": "|".join(names[1:]), "label": "ORG",
                                  "sector": code[3:], "country": code[:3]})
            report.imported["actors"] += 1
    # An organisation's country must be a country Chronicle knows, or the coder would compose codes from it.
    country_codes = set(builtin_countries) | set(countries)
    for row in organisations:
        if row["country"] not in country_codes:
            row["country"], row["sector"] = "", ""
    return {"countries.csv": list(countries.values()), "organisations.csv": organisations, "leaders.csv": leaders}


def convert_agents(agents: list[LegacyAgent], report: Report) -> list[dict[str, str]]:
    rows = []
    for agent in agents:
        example = f"{agent.words[0] if agent.words else '?'} ({agent.where})"
        if not agent.code or not agent.words:
            report.skip("agents", "agents without a code or words", example)
            continue
        if any(len(w.split()) > 3 for w in agent.words):
            report.skip("agents", "agents longer than three words (imported, but the coder matches up to three)",
                        example)
        rows.append({"words": "|".join(agent.words), "sector": agent.code + ("~" if agent.prefix else "")})
    report.imported["agents"] += len(rows)
    return rows


COLUMNS = {
    "countries.csv": ["code", "name", "aliases", "demonyms", "capital", "lat", "lon"],
    "organisations.csv": ["code", "name", "aliases", "label", "sector", "country", "members"],
    "leaders.csv": ["name", "aliases", "country", "sector", "role", "start", "end"],
    "agents.csv": ["words", "sector"],
}
HEADER = "# Imported by `chronicle kb import-petrarch` from: {sources}\n"


REPORT_FILE = "import-report.txt"


def output_files(out: Path) -> list[Path]:
    return [out / name for name in (*COLUMNS, "verbs/imported.yaml", "discards.txt", REPLACES, "coding.yaml",
                                    REPORT_FILE)]


def import_dictionaries(files: dict[str, list[Path]], out: Path, encoding: str = "utf-8",
                        replace_builtin: bool = False) -> Report:
    """Read the dictionaries (kind -> paths) and write Chronicle knowledge files into `out`.

    With `replace_builtin`, the imported verbs (and agents) replace Chronicle's own instead of
    extending them: the coding vocabulary is the dictionary's alone, as in its original coder.
    Chronicle's stance words go too, since legacy verb dictionaries code "promised to" themselves,
    and future or hypothetical actions are coded as events (`coding.yaml`), as those coders did.
    """
    report = Report()
    actors = [a for p in files.get("actors", []) for a in parse_actors(p, encoding, report)]
    agents = [a for p in files.get("agents", []) for a in parse_agents(p, encoding, report)]
    verb_entries: list[dict] = []
    for p in files.get("verbs", []):
        blocks, synsets = parse_verbs(p, encoding, report)
        verb_entries.extend(convert_verbs(blocks, synsets, report))
    discards = [d for p in files.get("discards", []) for d in parse_discards(p, encoding)]
    for p in files.get("options", []):
        report.notes.append(f"options file {p.name} not imported: Chronicle has no coder options")
    tables = convert_actors(actors, report, discards) if actors else {}
    if agents:
        tables["agents.csv"] = convert_agents(agents, report)

    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        if not rows:
            continue
        sources = ", ".join(p.name for kind in ("actors", "agents") for p in files.get(kind, []))
        buffer = io.StringIO()
        buffer.write(HEADER.format(sources=sources))
        if name == "leaders.csv":
            buffer.write("# sector '-': the code is the country code alone. role 'imported': a dated code.\n")
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS[name], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (out / name).write_text(buffer.getvalue(), encoding="utf-8")
    if verb_entries:
        (out / "verbs").mkdir(exist_ok=True)
        sources = ", ".join(p.name for p in files.get("verbs", []))
        text = HEADER.format(sources=sources) + "# Phrase patterns first, then plain verbs.\n"
        text += yaml.safe_dump(verb_entries, sort_keys=False, allow_unicode=True, width=120)
        (out / "verbs" / "imported.yaml").write_text(text, encoding="utf-8")
    replaces = (["verbs", "stances.yaml"] if verb_entries else []) + (["agents.csv"] if agents else [])
    if replace_builtin and replaces:
        (out / REPLACES).write_text("# Built-in knowledge files this directory replaces (written by "
                                    "`chronicle kb import-petrarch --replace-builtin`)\n"
                                    + "\n".join(replaces) + "\n", encoding="utf-8")
        report.notes.append(f"replaces the built-in {', '.join(replaces)} (listed in {REPLACES})")
        (out / "coding.yaml").write_text("# Written by `chronicle kb import-petrarch --replace-builtin`: code future and\n"
                                         "# hypothetical actions as events, as TABARI/PETRARCH did (negation stays flagged).\n"
                                         "flag_modality: false\n"
                                         "# A target not found in the parse: the first actor after the verb.\n"
                                         "first_actor_target: true\n"
                                         "# A source not found in the parse: the first actor before the verb.\n"
                                         "first_actor_source: true\n"
                                         "# 'X did Z, an official said': only the reported event is coded.\n"
                                         "reports_yield: true\n"
                                         "# 'X called on Y to be allowed to leave': the governing verb alone.\n"
                                         "governed_yield: true\n"
                                         "# An event needs a source and a target actor.\n"
                                         "both_actors: true\n", encoding="utf-8")
        report.notes.append("coding.yaml: codes as TABARI/PETRARCH did (future and hypothetical actions coded, "
                            "the first actor before/after the verb where the parse gives none, reporting and "
                            "governed verbs yield to the event they carry, an event needs both actors)")
    if discards:
        lines = ["# Discard phrases read from the dictionaries: a sentence containing one is not event-coded;",
                 "# '+' discards the whole story; 'from'/'until' limit a phrase to dates."]
        lines += list(dict.fromkeys(discard_line(d) for d in discards))
        (out / "discards.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        report.imported["discard phrases"] += len(discards)
    if report.every:  # every line left out, with its place, to mend the dictionaries by
        (out / REPORT_FILE).write_text("# What `chronicle kb import-petrarch` left out or changed, one item a line\n"
                                       + "\n".join(report.every) + "\n", encoding="utf-8")
        report.notes.append(f"each item left out or changed, with its file and line: {REPORT_FILE}")
    return report

"""Quotes: who said (or thought, or stood for) what, direct and indirect, with the outlets that report it.

An attribution has a source (the speaker), a cue (the words that attribute:
"said", "told reporters", "according to") and a content. It is found in
these ways, and the finds are merged so that one statement is one quote:

- a verb with a clausal complement: "X said (that) ...", "... , X said",
  "X thinks ..."; its subject is the speaker;
- a verb of `attribution_verbs.txt` with an object, an infinitive or a
  preposition: "X criticized the plan", "X vowed to retaliate", "X talked
  about taxes";
- a noun or adjective of `attribution_nouns.txt`: "his claim that ...",
  "criticism of the plan", "they were wary of ...", "In a CNN poll, ...";
- "according to X, ...", "Kerry: ..." and a headline's verb;
- text between quotation marks (straight, curly, mixed or doubled
  apostrophes, across paragraphs when the next paragraph opens with a
  quotation mark; an unclosed quotation stops at the paragraph); the speaker
  is the subject of the reporting verb (or a verb of `quote_verbs.txt`)
  next to it, in the same sentence or in a sentence ending with a colon just
  before.

A verb gives one attribution. An attribution whose cue lies inside another
one's content ("X said Y wants Z") is part of that content, not a quote of
its own, even another speaker's "said" (PolNeAR attributes "X blasted the
plan, which Y said would fail" to X alone); a second statement coordinated
with the first ("X said A and added B") is split from it.
Spans follow PolNeAR's conventions: the content of a direct quotation keeps
its quotation marks, and an indirect content keeps its "that".
"X quoted Y as saying" makes Y the speaker and X an outlet in `via`, and
"..., he noted, RT reported" adds RT to the chain. Events inside a statement
are attributed to its speaker through `ctx.quoted`, which holds speech only
(not beliefs or stances).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span as SpacySpan, Token

from chronicle.extract.base import Context, register
from chronicle.extract.events import lemma_guesses, resolve
from chronicle.extract.events import subjects as _doers
from chronicle.extract.patterns import load_lexicon
from chronicle.knowledge.base import norm, word_lines
from chronicle.records import ActorRef, Quote, Span

LINE = re.compile(r"[^\n]+")
TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}")  # a speaker's name in capitals
TURN = re.compile(TRANSCRIPT_LABEL.pattern + ":")
# closing marks by opening mark: scraped text mixes curly and straight marks ("“No," he said); some archives
# (NYT) write two apostrophes
OPENING = {"“": ("”", '"'), '"': ('"', "”"), "''": ("''",)}
MISUSED_OPENING = re.compile(r"(?:^|\n)[ \t]*(”)(?=\w)")
CLOSINGS = {**OPENING, "”": ("”", '"')}  # a paragraph opened with a closing mark closes as a curly one would
MIN_QUOTE_WORDS = 3  # fewer words between quotation marks are scare quotes or titles, not a statement
HEADLINE_LABEL_WORDS = 4  # "Wash Post Fact-Check: ...": a longer text before a headline's colon is a sentence
HEADLINE_WORDS = 20  # a longer first line is a paragraph, not a headline
MIN_UNCUED_WORDS = 5  # with no verb to introduce it, a short quotation is more often a title or a slogan
# light verbs and verbs of cause or meaning: their clause complements are not anyone's statement
NOT_CUES = {"let", "make", "have", "be", "do", "get", "go", "take", "come", "help", "see", "allow", "ensure", "mean",
            "cause", "use", "hear", "need", "win", "determine"}
CLAUSE_DEPS = {"ccomp"}
DASHES = {"—", "–", "--", "―"}
# '"..." ― Sonya Herridge': a quotation signed by a name after a dash, at the end of its line
SIGNED = re.compile(r"[ \t\u00a0]*(―|—|–|--)[ \t\u00a0]*(?=[A-Z])")
SIGNATURE_WORDS = 6
CLOSING_MARKS = {"”", '"', "''", "’"}
# '"...," Brent Bozell III, founder of the Media Research Center, tells': how far a speaker and its verb may follow
AFTER_QUOTE_TOKENS = 14
TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?>")  # markup left in scraped text ('<tweet id="...">')
MAX_TAG = 300
PRO_FORMS = {"so", "yes", "no", "not"}  # an answer that stands for a whole statement ("said so", "said no")
CUE_LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}
OBJECT_EXTRA_DEPS = {"oprd", "prep", "xcomp", "ccomp"}


def subjects(verb: Token) -> list[Token]:
    # A speaker is the relative pronoun itself ("residents who said"), as PolNeAR marks it, not its antecedent.
    return _doers(verb, antecedent=False)


def attribution_verbs() -> dict[str, frozenset[str]]:
    """verb lemma -> the ways its content is found ('object', 'to', or a preposition)."""
    return _ways("attribution_verbs.txt")


@lru_cache(maxsize=1)
def quote_verbs() -> frozenset[str]:
    """Lemmas that introduce a quotation next to them, besides the reporting verbs."""
    return frozenset(line.split()[0] for line in word_lines("quote_verbs.txt"))


def attribution_nouns() -> dict[str, frozenset[str]]:
    """noun or adjective lemma -> the ways its content is found ('that', 'to', or a preposition)."""
    return _ways("attribution_nouns.txt")


@lru_cache(maxsize=None)
def _ways(name: str) -> dict[str, frozenset[str]]:
    """`lemma way way ...` lines of a knowledge file, merged over every knowledge directory."""
    out: dict[str, set[str]] = {}
    for line in word_lines(name):
        parts = line.split()
        if len(parts) >= 2:
            out.setdefault(parts[0].lower(), set()).update(w.lower() for w in parts[1:])
    return {lemma: frozenset(ways) for lemma, ways in out.items()}


@dataclass
class Found:
    """An attribution before it becomes a Quote: token-level, so finds can be merged."""
    start: int  # content, cleaned-text characters
    end: int
    cue: list[Token] = field(default_factory=list)
    source: Token | None = None  # head of the speaker phrase
    verb: Token | None = None
    direct: bool = False
    speech: bool = False  # statements (not beliefs or stances): events inside get attributed


def _lemma(token: Token) -> str:
    """The token's lemma; for a verb the model lemmatized into no known cue ("rated" -> "rat"), the first
    rule-based guess that is one."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma in _cue_lemmas():
        return lemma
    return next((g for g in lemma_guesses(token)[1:] if g in _cue_lemmas()), lemma)


@lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset[str]:
    return frozenset(load_lexicon().reporting) | frozenset(attribution_verbs()) | quote_verbs()


def direct_spans(text: str) -> list[tuple[int, int]]:
    """Quotations with their marks; a paragraph that opens with a quotation mark continues an unclosed one."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        starts = [(p, m) for p, m in ((text.find(m, i), m) for m in OPENING) if p != -1]
        misused = MISUSED_OPENING.search(text, i)
        if misused:  # a paragraph opened with a closing mark ('”Fortunately, ...” ― Beck Pimentel')
            starts.append((misused.start(1), "”"))
        if not starts:
            break
        start, opening = min(starts, key=lambda x: (x[0], -len(x[1])))
        if opening == '"' and start > 0 and (text[start - 1].isdigit() or text[start - 1] in "'’"):
            i = start + 1  # 6'3" tall: an inch mark, not a quotation
            continue
        j = start + len(opening)
        while True:
            close, closing = _closing(text, j, CLOSINGS[opening])
            para = text.find("\n", j)
            if close != -1 and (para == -1 or close < para):
                end = close + len(closing)
                break
            if para == -1:
                end = n
                break
            nxt = para
            while nxt < n and text[nxt].isspace():
                nxt += 1
            if text.startswith(opening, nxt) and _unclosed_run(text, start, para, opening) \
                    and not TURN.match(text, nxt + len(opening)):  # a transcript's next speaker starts anew
                j = nxt + len(opening)  # the quotation goes on in the next paragraph
                continue
            end = para
            break
        while end > start and text[end - 1].isspace():
            end -= 1
        turn = TURN.match(text, start + len(opening))
        if turn:  # '"WALLACE: Let's start ...': the turn's words, after its speaker
            start = turn.end()
            while start < end and text[start].isspace():
                start += 1
        if len(text[start:end].split()) >= MIN_QUOTE_WORDS or _spoken_line(text, start, end):
            out.append((start, end))
        i = max(end, start + 1)
    return out


def _spoken_line(text: str, start: int, end: int) -> bool:
    """A short quotation that opens a sentence and ends in its own punctuation is something said
    ('"I would," Melanie said', '"You winning?" she asked'), not a scare quote ('called it "a con"')."""
    before = text[:start].rstrip(" \t")
    inner = text[start:end].rstrip("”\"'’")
    return bool(inner) and inner[-1] in ",?!." and (not before or before[-1] in "\n.!?:")


def _closing(text: str, at: int, closings: tuple[str, ...]) -> tuple[int, str]:
    """The first closing mark from `at` (-1 when none)."""
    found = [(p, c) for p, c in ((text.find(c, at), c) for c in closings) if p != -1]
    return min(found) if found else (-1, closings[0])


def _unclosed_run(text: str, start: int, para: int, opening: str) -> bool:
    """A multi-paragraph quotation leaves each paragraph but the last without a closing mark."""
    if opening not in CLOSINGS[opening]:
        return True
    # straight quotes: the paragraph holds an odd number of marks from the opening on
    return text.count(opening, start, para) % 2 == 1


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    tokens = [t for t in tokens if not (t.is_punct and t.text not in "“”\"'‘’")] or tokens
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _subtree_span(token: Token, exclude: Token | None = None) -> tuple[int, int] | None:
    toks = [t for t in token.subtree if exclude is None or not (exclude.left_edge.i <= t.i <= exclude.right_edge.i)]
    toks = _trim_punct(toks)
    return _span_of(toks) if toks else None


def _trim_punct(toks: list[Token]) -> list[Token]:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and toks[0].is_punct and toks[0].text not in "“\"‘":
        toks.pop(0)
    while toks and toks[-1].is_punct and toks[-1].text not in "”\"’.?!":
        toks.pop()
    return toks


def _cue(verb: Token) -> list[Token]:
    """The verb with its auxiliaries, negation and particle: "has said", "did not deny", "called for"."""
    toks = [verb]
    for c in verb.children:
        if c.i < verb.i and c.dep_ in CUE_LEFT_DEPS and verb.i - c.i <= 3 and not (c.dep_ == "advmod" and c.i < verb.i - 1):
            toks.append(c)
        elif c.dep_ == "prt" or (c.dep_ == "prep" and c.i == verb.i + 1 and c.lower_ in ("for", "on", "to")
                                  and _lemma(verb) in ("call", "point", "refer")):
            toks.append(c)
        elif c.dep_ == "dobj" and c.lower_ == "it" and _lemma(verb) == "put":
            toks.append(c)  # "put it"
    return sorted(toks, key=lambda t: t.i)


def _source_token(verb: Token) -> Token | None:
    if verb.dep_ == "compound" and verb.head.pos_ == "PROPN" and verb.i < verb.head.i:
        return verb.head  # "Said Ellis: ..." read as one name
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        # "Asked about the bomb, Clinton said ...": whoever asked is not named, unless "when pressed by Holt"
        return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
    if "feels" in attribution_verbs().get(_lemma(verb), ()) and any(c.dep_ == "auxpass" for c in verb.children):
        felt = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        if felt:
            return felt[0]  # "Protesters were frustrated that ...": the protesters feel it
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "for" and verb.head.head.pos_ == "VERB":
        objs = [c for c in verb.head.head.children if c.dep_ in ("dobj", "obj")]
        if objs:
            return objs[0]  # "held Pagliano in contempt for refusing to ...": Pagliano refuses
    subs = subjects(_coordinated_with(verb))
    if verb.tag_ == "VBG" and subs and subs[0].dep_ in ("dobj", "obj"):
        # "footage of Hillary Clinton asking ...": the one just before the gerund does it
        subs = [o for p in subs[0].children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj" and o.right_edge.i == verb.i - 1] or subs
    if _lemma(verb) == "quote":  # "agencies quoted Putin as saying": Putin speaks
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        subs = objs or subs
    if subs and subs[0].i > verb.i and any(t.text in ("“", '"', "''") for t in verb.doc[verb.i + 1: subs[0].i]):
        # '..." Flynn said on Fox News's "Fox and Friends."': a name inside a later quotation is no speaker
        subs = [s for s in subs if s.i < verb.i]
    if len(subs) > 1:
        # '"... One of the brightest members," Rep. Cummings said': the parser may give the verb a subject inside
        # the quotation besides the speaker outside it
        doc = verb.doc
        outside = [s for s in subs if s.i > verb.i or not any(  # nor a label before a colon ("The Latest: Trump urges")
            doc[k].text in CLOSING_MARKS or doc[k].text == ":" for k in range(s.right_edge.i + 1, verb.i))]
        subs = outside or subs
    if subs and subs[0].pos_ == "NOUN" and not subs[0].ent_type_:
        named = [c for c in subs[0].children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if named:  # "With 50 days until the election, Minyon Moore, an adviser, called ...": Moore, not the election
            return named[0]
    if subs:
        return _after_dateline(subs[0], verb)
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if verb.tag_ in ("VBP", "VBZ", "VBD") and before is not None and before.pos_ in ("NOUN", "PROPN") \
            and before.dep_ in ("pobj", "conj") and not any(c.dep_ == "expl" for c in verb.children):
        # "the $20 million experts say it costs", "as the US, Britain and France support": a finite verb
        # the parser left without a subject follows it
        while before.dep_ == "conj" and before.head.i < before.i and before.head.ent_type_ and before.ent_type_:
            before = before.head  # "the US, Britain and France": the list, not "the investigation and Democrats"
        # "Protesters marching through the streets chanted ...": the protesters, not the streets
        verb_of = before.head.head if before.dep_ == "pobj" else None
        if verb_of is not None and verb_of.tag_ in ("VBG", "VBN"):
            if verb_of.dep_ == "acl":
                return verb_of.head
            doers = subjects(verb_of) if verb_of.i == verb.head.i else []
            if doers:
                return doers[0]
        return before
    named = _name_after_quotation(verb) or _described_speaker(verb)
    if named is not None:
        return named
    # "Clinton paused, then revealed why ...", "a video threatening an attack": the clause it hangs on speaks
    head = verb
    for _ in range(3):
        if head.dep_ in ("ROOT", "ccomp", "parataxis") or head.head.i == head.i:
            return None
        if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
            noun = head.head
            if head.tag_ != "VBG":
                return None  # "contests known as ...": a passive names no source
            setting = noun.head.head if noun.dep_ == "pobj" and not noun.ent_type_ else None
            speakers = subjects(setting) if setting is not None and setting.pos_ == "VERB" else []
            if speakers:
                return speakers[0]  # "she said at a news conference announcing ...": she announces
            return noun
        head = head.head
        subs = subjects(head) if head.pos_ in ("VERB", "AUX") else []
        if subs:
            return subs[0]
    return None


def _coordinated_with(verb: Token) -> Token:
    """"May said that the country would leave ... and suggested that ...": spaCy may join the second
    reporting verb to the reported one; a past-tense verb cannot share "would", so it goes with the
    verb that reports."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or head.tag_ != "VB" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return verb
    if head.dep_ == "ccomp" and head.head.pos_ == "VERB" and head.head.i < head.i:
        return head.head
    return verb


def _described_speaker(verb: Token) -> Token | None:
    """"Marc H. Morial, the chief executive of the National Urban League, told ...": a long apposition can leave
    the verb without a subject in the parse; the name before it, set off by commas, speaks."""
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or verb.tag_ == "VBN" and verb.dep_ != "acl":
        return None
    k = verb.i - 1
    while k > verb.sent.start and doc[k].dep_ == "advmod":
        k -= 1
    if doc[k].text != ",":
        return None
    names = [e for e in verb.doc.ents if verb.sent.start <= e.start and e.end < k and e.label_ in ("PERSON", "ORG")
             and doc[e.end].text in (",", "(")
             and not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in doc[e.end:verb.i])]
    people = [e for e in names if e.label_ == "PERSON"]
    return (people or names)[0].root if names else None


def _name_after_quotation(verb: Token) -> Token | None:
    """'"...," Bozell answers': spaCy may hang the name between a quotation and its verb on something else
    (a compound of the verb, an apposition of the quoted words); it is still the verb's subject."""
    doc = verb.doc
    lo = max(verb.sent.start, verb.i - AFTER_QUOTE_TOKENS)
    mark = next((k for k in range(verb.i - 1, lo - 1, -1) if doc[k].text in CLOSING_MARKS), None)
    if mark is None:
        return None
    words = [t for t in doc[mark + 1: verb.i] if not t.is_punct]
    if not words or any(t.pos_ in ("VERB", "AUX") for t in words) or words[0].pos_ not in ("PROPN", "NOUN", "DET"):
        return None
    return doc[words[0].i: words[-1].i + 1].root


def _after_dateline(subject: Token, verb: Token) -> Token:
    """"CLEVELAND, July 19 (UPI) — Former Attorney General X told ...": spaCy may make the dateline (a place in
    capitals before a dash) the subject; the speaker is the subject or apposition after the dash."""
    if not (subject.text.isupper() and len(subject.text) > 1 and subject.i < verb.i):
        return subject
    doc = subject.doc
    dash = next((t.i for t in doc[subject.i + 1: verb.i] if t.text in DASHES), None)
    if dash is None:
        return subject
    later = [c for c in (*subject.children, *verb.children) if c.dep_ in ("appos", "nsubj") and dash < c.i < verb.i]
    return max(later, key=lambda t: t.i) if later else subject


def _clause_finds(ctx: Context, verb: Token, reporting: frozenset[str]) -> list[Found]:
    out: list[Found] = []
    lemma = _lemma(verb)
    seen_as = lemma == "see" and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if lemma in NOT_CUES and not seen_as or verb.pos_ != "VERB" or verb.lower_ in ("’s", "'s"):
        return out  # but "critics see the plan as a giveaway" is a view
    if verb.dep_ == "pcomp" and verb.head.lower_ == "to" and verb.head.head.lower_ == "according":
        return out  # "according to show insiders": part of a source, misread as a verb
    # "as a tax lawyer recently put it, ...": "put it" says something
    speech = lemma in reporting or lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    if speech and any(_lemma(a) == "quote" for a in list(verb.ancestors)[:3]):
        return out  # "quoted Putin as saying that ...": found once, from "quoted"
    # not "spoke at the rally that the group organized": a clause whose "that" is its object is a relative clause
    comps = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and not (
        c.left_edge.lower_ in ("that", "which") and c.left_edge.dep_ in ("dobj", "pobj") and c.left_edge.head.i == c.i)]
    if not speech:  # "McKinley notes that ... at once: Home values are rising": a clause before a verb that is
        comps = [c for c in comps if c.i > verb.i]  # no reporting verb is not what it reports
    if speech and not comps:  # "He said legalizing it could ...": spaCy may read the statement as an xcomp
        comps = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i]
    if speech and not comps:
        # "tweeted in the early hours that Machado was ...": or as an adverbial clause opened by "that"
        comps = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ == "that"
                 and c.left_edge.dep_ in ("mark", "advmod")]
    if speech and not comps:
        # "reported at the time that the editor told ...": spaCy may read the clause as a relative clause of
        # "time"; its "that" is not its subject, so it is the statement
        comps = [r for p in verb.children if p.dep_ == "prep" and p.i > verb.i for o in p.children if o.dep_ == "pobj"
                 for r in o.children if r.dep_ == "relcl" and r.left_edge.lower_ == "that"
                 and r.left_edge.dep_ in ("mark", "advmod")
                 and any(c.dep_ == "nsubj" and c.lower_ != "that" for c in r.children)]
    if lemma == "quote":  # "quoted Putin as saying that ...": the content hangs below "as saying"
        comps += [g for c in verb.children if c.dep_ in ("advcl", "prep")
                  for g in c.subtree if g.dep_ in ("ccomp", "pcomp") and g.pos_ == "VERB"]
    for comp in comps:
        if lemma == "quote" and _lemma(comp) in reporting and any(c.dep_ in CLAUSE_DEPS for c in comp.children):
            continue  # "quoted X as saying that ...": the inner verb carries the content
        source = _source_token(verb)
        # '"...," Bozell tells ...': a name that spaCy hung inside the quoted clause is not part of it
        inside = source is not None and comp.left_edge.i <= source.i <= comp.right_edge.i and source.i > comp.i
        span = _subtree_span(comp, exclude=source if inside else None)
        if span:
            out.append(Found(*span, cue=_cue(verb), source=source, verb=verb, speech=speech))
    # "Prices will rise, the minister said": spaCy may hang the reporting verb under the statement
    # "The nostalgia, he noted, may be ...": a parenthetical verb may also come before its statement's verb
    # but not "Cook said A, but Cook did not say when": a verb joined to another reporting verb reports nothing
    # nor "His lawyer said he would not answer": a verb in the clause a reporting verb reports, nor "X derided
    # the deal, but Obama learned": a joined verb, unless set off by punctuation ("He will deny it, the minister
    # said")
    # nor "police fear that crackdowns could add fuel": a verb with its own object or a "that" is no aside
    subs = subjects(verb)
    if not comps and speech and subs and not any(
            c.dep_ in ("dobj", "obj", "mark") for c in verb.children) and (verb.dep_ == "parataxis" or (
            verb.dep_ in ("ccomp", "conj") and verb.head.i < verb.i
            and not (verb.dep_ == "conj" and (_lemma(verb.head) in reporting or _coordinated_with(verb) is not verb))
            and not ((verb.dep_ == "conj" or _lemma(verb.head) in reporting) and verb.left_edge.i > 0
                     and not verb.doc[verb.left_edge.i - 1].is_punct))):
        out += _said(verb, _subtree_span(verb.head, exclude=verb))
    # "..., as police have said", "As many experts have pointed out, Mr. Trump is free to ...": the clause the
    # "as" clause hangs on is what they said
    if not comps and (speech or lemma == "point" and any(c.dep_ == "prt" for c in verb.children)) \
            and verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            and subs and verb.head.pos_ in ("VERB", "AUX"):
        out += _said(verb, _subtree_span(verb.head, exclude=verb))
    # "People like Scott, he said.": a fragment the parser hung on the verb before a comma is what was said
    if not comps and speech and subs and not out:
        fragment = next((c for c in verb.children if c.dep_ == "dep" and c.i < subs[0].i
                         and c.right_edge.i + 1 < verb.i and verb.doc[c.right_edge.i + 1].text == ","), None)
        if fragment is not None:
            out += _said(verb, _subtree_span(fragment))
    ways = attribution_verbs().get(lemma, frozenset())
    if ways and not comps and verb.pos_ == "VERB":
        out.extend(_complement_finds(verb, ways, speech))
    if speech and not out:  # "half said so", "he said no": a word that stands for the whole statement
        answer = next((c for c in verb.children if c.lower_ in PRO_FORMS and c.i > verb.i
                       and c.dep_ in ("advmod", "intj", "dobj", "ccomp")), None)
        if answer is not None:
            out.append(Found(answer.idx, answer.idx + len(answer.text), cue=_cue(verb), source=_source_token(verb),
                             verb=verb, speech=True))
    return out


def _said(verb: Token, span: tuple[int, int] | None) -> list[Found]:
    """The statement a reporting verb makes about a span of text outside its own clause, if there is one."""
    return [Found(*span, cue=_cue(verb), source=_source_token(verb), verb=verb, speech=True)] if span else []


def _complement_finds(verb: Token, ways: frozenset[str], speech: bool) -> list[Found]:
    """What an attribution verb without a clause is about: its object, its infinitive or a preposition's object."""
    out: list[Found] = []
    # "the plan seems to fail" is the writer's view, but in "he appeared to suggest that ..." he suggests
    reports = any(c.dep_ == "xcomp" and (_lemma(c) in load_lexicon().reporting or _lemma(c) in attribution_verbs())
                  for c in verb.children)
    source = None if "unsourced" in ways and not reports else _source_token(verb)
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")] if "object" in ways else []
    passive = False
    if not objs and "object" in ways and source is not None and any(
            c.dep_ == "agent" for c in verb.children):
        # "The meeting was first reported by Politico": the passive subject is what the agent said or backed
        objs, passive = [c for c in verb.children if c.dep_ == "nsubjpass"], True
    if objs:
        toks = [t for o in objs for t in o.subtree]
        # "called the deal a disaster", "accused Russia of lying": what follows the object belongs to it
        toks += [t for c in verb.children if c.dep_ in OBJECT_EXTRA_DEPS and c.i > objs[0].i and not passive
                 for t in c.subtree]
        toks = _trim_punct(toks)
        if toks:
            cue = _cue(verb) + [c for c in verb.children if c.dep_ == "agent" and passive]
            out.append(Found(*_span_of(toks), cue=cue, source=source, verb=verb, speech=speech))
            return out
    if "to" in ways:
        for x in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
            span = _subtree_span(x)
            if span:
                out.append(Found(*span, cue=_cue(verb), source=source, verb=verb))
                return out
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ways):
        toks = _trim_punct([t for o in prep.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree])
        if toks:
            cue = sorted({*_cue(verb), prep}, key=lambda t: t.i)
            out.append(Found(*_span_of(toks), cue=cue, source=source, verb=verb, speech=speech))
            return out
    # "called for the senator to resign": spaCy reads "for" as the mark of a clause that hangs on the verb
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i):
        mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in ways and m.i == verb.i + 1), None)
        toks = _trim_punct([t for t in clause.subtree if t.i != mark.i]) if mark is not None else []
        if toks:
            cue = sorted({*_cue(verb), mark}, key=lambda t: t.i)
            out.append(Found(*_span_of(toks), cue=cue, source=source, verb=verb, speech=speech))
            break
    return out


def _noun_finds(ctx: Context, word: Token, ways: frozenset[str]) -> list[Found]:
    """"his claim that ...", "criticism of the plan", "they were wary of ...": a noun or adjective as the cue."""
    if word.pos_ == "ADJ" and not (word.dep_ == "acomp" and word.head.pos_ in ("AUX", "VERB")):
        return []  # "a skeptical voter" attributes nothing
    cue = [word]
    content: list[Token] = []
    for c in word.children:
        # "a report that Trump had a loss" may be parsed as a relative clause: its "that" is a mark
        if (c.dep_ in ("acl", "ccomp") or c.dep_ == "relcl" and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)) and c.pos_ in ("VERB", "AUX") \
                and not (c.dep_ == "acl" and c.tag_ in ("VBN", "VBG") and not any(
                    g.dep_ in ("mark", "nsubj", "nsubjpass", "expl", "aux") for g in c.children)):
            # but "a message posted Friday" has no content
            infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            if ("to" if infinitive else "that") in ways:
                content = list(c.subtree)
                break
        if c.dep_ == "prep" and c.lower_ in ways:
            content = [t for o in c.children if o.dep_ in ("pobj", "pcomp") for t in o.subtree]
            if content:
                cue.append(c)
                break
    if not content and word.pos_ == "ADJ" and "that" in ways:
        # "It was clear Clinton is attempting ...": the clause may hang on the copula, after the adjective
        clause = next((c for c in word.head.children if c.dep_ == "ccomp" and c.i > word.i
                       and c.pos_ in ("VERB", "AUX")), None)
        if clause is not None:
            content = list(clause.subtree)
    if not content and word.dep_ == "nsubj" and _lemma(word.head) == "be" and "that" in ways:
        # "His argument is that ...", "The fear was that ...": the clause after "is" is the noun's content
        clause = next((c for c in word.head.children if c.dep_ in ("ccomp", "attr") and c.i > word.head.i
                       and c.pos_ in ("VERB", "AUX")), None)
        if clause is not None:
            content, cue = list(clause.subtree), [word, word.head]
    content = _trim_punct(content)
    if not content:
        return []
    if word.pos_ == "ADJ":
        source = _source_token(word.head)
        cue = [word.head, *cue] if word.head.i < word.i else cue
        if source is not None and source.lower_ == "it" and source.i < word.i:
            cue, source = [source, *cue], None  # "It was clear that ...": no one in particular holds it
    else:  # "his claim", "criticism from Democrats", "a request by the senator"
        source = next((c for c in word.children if c.dep_ == "poss"), None) or next(
            (o for c in word.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
             for o in c.children if o.dep_ == "pobj"), None) or next(
            (c for c in word.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")),
            None) or _holder(word)  # "a New York Times report that ..."
    return [Found(*_span_of(content), cue=cue, source=source)]


def _holder(noun: Token) -> Token | None:
    """"She made no mention of ...", "the union voted in support of ...": the subject of the verb the noun
    completes holds the view."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
        if verb.pos_ == "NOUN" and verb.dep_ in ("attr", "dobj"):
            verb = verb.head  # "McConnell had been an influential voice in support of ...": the copula's subject
    elif noun.dep_ not in ("dobj", "obj", "attr"):  # "Clinton has been an outspoken supporter of NATO"
        return None
    return _source_token(verb) if verb.pos_ in ("VERB", "AUX") else None


def _according_finds(ctx: Context, sent: SpacySpan) -> list[Found]:
    out = []
    doc = ctx.doc
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
            # "according to show insiders": the parser may read the source as a clause ("show" a verb)
            objs = [c for c in to.children if c.dep_ == "pobj"] or [
                g for c in to.children if c.dep_ == "pcomp" for g in c.children if g.dep_ in ("dobj", "obj")]
            phrase_end = max((o.right_edge.i for o in objs), default=to.i)
            rest = [x for x in sent if not (t.i <= x.i <= phrase_end)]
            rest = _trim_punct(rest)
            if rest:
                out.append(Found(*_span_of(rest), cue=[t, to], source=objs[0] if objs else None, speech=True))
    return out


def _in_source_finds(ctx: Context, sent: SpacySpan, nouns: dict[str, frozenset[str]],
                     reporting: frozenset[str]) -> list[Found]:
    """"In a CNN poll, Clinton led Trump": a sentence-initial "in" names the source of the rest of the sentence."""
    first = next((t for t in sent if not t.is_space and not t.is_punct), None)
    if first is None or first.lower_ != "in" or first.dep_ != "prep" or _lemma(first.head) in reporting \
            or _lemma(first.head) in attribution_verbs():
        return []  # "In a statement, the ministry said ...", "In an interview, she criticized ...": the verb attributes
    objs = [c for c in first.children if c.dep_ == "pobj" and "frame" in nouns.get(_lemma(c), ())]
    if not objs:
        return []
    rest = _trim_punct([x for x in sent if not (first.i <= x.i <= first.right_edge.i)])
    return [Found(*_span_of(rest), cue=[first], source=objs[0], speech=True)] if rest else []


def _headline_finds(ctx: Context, text: str, finds: list[Found], lemmas: set[str]) -> list[Found]:
    """"Carson Says Cut Regulations", "Biden trashes Trump": a headline's verb is often tagged a name or a noun.

    In the first line, when nothing else was found there, a word ending in -s
    whose stem attributes is the cue, the words before it the source and the
    words after it the content.
    """
    end = text.find("\n")
    end = len(text) if end == -1 else end
    if not text[:end].strip() or len(text[:end].split()) > HEADLINE_WORDS \
            or any(f.cue and f.cue[0].idx < end for f in finds):
        return []
    line = [t for t in ctx.doc if t.idx < end and not t.is_space]
    for k, t in enumerate(line[1:-1], 1):
        word = t.lower_
        # "Slams" -> slam, "Pushes" -> push; but "Voters" is not "vote" + "rs"
        stems = {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]} if word.endswith("s") else set()
        if stems & lemmas and not line[k - 1].is_punct:
            rest = _trim_punct(line[k + 1:])
            if rest:
                return [Found(*_span_of(rest), cue=[t], source=line[k - 1], speech=False)]
    return []


@lru_cache(maxsize=1)
def text_labels() -> frozenset[str]:
    """Labels that name a kind of text ("Editor's note", "UPDATE"), from `text_labels.txt`."""
    return frozenset(norm(line) for line in word_lines("text_labels.txt"))


def _colon_finds(ctx: Context, text: str, finds: list[Found]) -> list[Found]:
    """Headlines and transcripts: "Kerry: We will take more refugees" (a short name, a colon, the words)."""
    out = []
    headline_end = text.find("\n") if "\n" in text else len(text)
    headline_cued = any(f.cue and f.cue[0].idx < headline_end for f in finds)
    for m in LINE.finditer(text):
        s, e = m.span()
        line = m.group()
        colon = line.find(":")
        if not 0 < colon <= 60 or len(line[colon + 1:].split()) < 3:
            continue
        first = ctx.token_at(s + colon)
        if first.text != ":":
            continue
        head = ctx.sent(first)
        label = line[:colon]
        if norm(label.strip("\"“'‘ ")) in text_labels() or label.lower().startswith("follow "):
            continue  # "Editor's note: ...", "Follow X on Twitter: @x": no one speaks there
        # transcripts: "Q: ...", "TAPPER: ...", "SEN. KAINE: ..." (a quoted transcript opens each turn with a mark)
        if TRANSCRIPT_LABEL.fullmatch(label.lstrip("\"“'‘ ")):
            source = ctx.doc[first.i - 1]
        elif s == 0 and not headline_cued and len(label.split()) <= HEADLINE_LABEL_WORDS \
                and not any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[head.start: first.i]):
            source = ctx.doc[first.i - 1]  # a headline's "Gingrich: ...", "Report: ..." (title case hides names)
            about = [t for t in ctx.doc[head.start: first.i] if t.lower_ == "on" and t.i > head.start]
            if about:  # "Obama on Climate Change: ...": the name before "on" speaks
                source = ctx.doc[about[0].i - 1]
        else:
            names = [ent for ent in ctx.ents if s <= ent.start_char and ent.end_char <= s + colon
                     and ent.label_ in ("PERSON", "ORG", "GPE", "NORP")]
            if not names or head.start > names[0].start \
                    or any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[head.start: first.i]):
                continue  # "Obama said: ..." is the verb's
            source = names[-1].root
        content = line[colon + 1:]
        lead = len(content) - len(content.lstrip())
        if not TRANSCRIPT_LABEL.fullmatch(label.lstrip("\"“'‘ ")) and s > 0 and any(
                f.cue and f.source is not None and f.verb is not None and f.verb.dep_ == "ROOT"
                and s + colon < f.source.left_edge.idx <= s + colon + 2 + lead and f.cue[0].idx < e for f in finds):
            continue  # "Frustration with police: Civil rights activists say ...": the line names its own speaker
        out.append(Found(s + colon + 1 + lead, e, cue=[first], source=source, speech=True))
    return out


def _signed_finds(ctx: Context, text: str, quotes: list[tuple[int, int]]) -> list[Found]:
    """'"He represents our greatest shame." ― Sonya Herridge': the dash is the cue, the name the speaker,
    when the name ends the line (a few capitalised words, maybe with a title or a place after a comma)."""
    out = []
    for qs, qe in quotes:
        m = SIGNED.match(text, qe)
        if not m:
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        name = [t for t in ctx.doc[ctx.token_at(m.end()).i:] if t.idx < line_end and not t.is_space]
        words = [t for t in name if not t.is_punct]
        if not words or len(words) > SIGNATURE_WORDS or not words[0].is_title:
            continue
        ents = [e for e in ctx.ents if e.start_char >= m.end() and e.end_char <= line_end
                and e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
        dash = ctx.token_at(m.start(1))
        if m.group(1) not in dash.text:  # the tokenizer may keep '”―' together
            continue
        run = list(itertools.takewhile(lambda t: t.is_title, words))
        source = ents[0].root if ents else run[-1]  # a flat name's head is its last word
        out.append(Found(qs, qe, cue=[dash], source=source, direct=True, speech=True))
    return out


def _speaker(ctx: Context, head: Token | None) -> ActorRef | Span | None:
    if head is None:
        return None
    found = resolve(ctx, head)
    if found:
        return ctx.actor_ref(found[0], found[1], found[2])
    left = min((t.i for t in head.subtree if t.i <= head.i and not t.is_punct), default=head.i)
    return ctx.of(head.doc[left: head.i + 1])


def _via(ctx: Context, verb: Token, verbs: list[Token]) -> list[ActorRef | Span]:
    """Outlets in the chain: the subject of "quoted", and media subjects of other reporting verbs nearby."""
    out: list[ActorRef | Span] = []
    if _lemma(verb) == "quote":
        for s in subjects(verb):
            found = resolve(ctx, s)
            out.append(ctx.actor_ref(found[0], found[1]) if found else ctx.of(s))
    sent = ctx.sent(verb)
    for other in verbs:
        if sent.start <= other.i < sent.end and other.i != verb.i:
            for s in subjects(other):
                found = resolve(ctx, s)
                if found and found[0].sector == "MED":
                    out.append(ctx.actor_ref(found[0], found[1]))
    unique: list[ActorRef | Span] = []
    for item in out:
        if not any(u.start == item.start and u.end == item.end for u in unique):
            unique.append(item)
    return unique


def _sector(ctx: Context, ref: ActorRef | Span | None) -> str | None:
    if not isinstance(ref, ActorRef):
        return None
    return next((a.sector for a in ctx.record.actors if a.code == ref.code and a.name == ref.name), None)


@register("quotes")
def extract_quotes(ctx: Context) -> None:
    doc = ctx.doc
    text = ctx.cleaned.text  # the doc's text; spaCy rebuilds doc.text on every access
    reporting = load_lexicon().reporting
    kinds = attribution_verbs()
    finds: list[Found] = []
    verbs = [t for t in doc if t.pos_ == "VERB" or _lemma(t) in kinds]
    # nouns ("his comments", "the note says") do not introduce a quotation
    speech_verbs = [t for t in verbs if t.pos_ == "VERB" and (_lemma(t) in reporting or _lemma(t) in quote_verbs())]
    for verb in verbs:
        finds.extend(_clause_finds(ctx, verb, reporting))
    nouns = attribution_nouns()
    for word in doc:
        if word.pos_ in ("NOUN", "ADJ") and _lemma(word) in nouns:
            finds.extend(_noun_finds(ctx, word, nouns[_lemma(word)]))
    for sent in doc.sents:
        if "ccording" in sent.text:
            finds.extend(_according_finds(ctx, sent))
        finds.extend(_in_source_finds(ctx, sent, nouns, reporting))
    for f in finds:  # an indirect content stays in its cue's paragraph (spaCy's sentences may run across)
        if f.cue:
            lo = text.rfind("\n", 0, f.cue[0].idx) + 1
            hi = text.find("\n", f.cue[-1].idx)
            hi = len(text) if hi == -1 else hi
            f.start, f.end = max(f.start, lo), min(f.end, hi)
    finds = [f for f in finds if f.end > f.start and not (f.cue and _in_tag(text, f.cue[0].idx))]
    finds.extend(_colon_finds(ctx, text, finds))
    finds.extend(_headline_finds(ctx, text, finds, {*reporting, *kinds, *quote_verbs()}))
    quotes = direct_spans(text)
    finds.extend(_signed_finds(ctx, text, quotes))
    finds = _with_direct(ctx, text, finds, speech_verbs, quotes)
    _split_coordinated(finds)
    finds = _outermost(_one_per_cue(_not_in_sources(finds)))
    for f in sorted(finds, key=lambda f: (f.start, f.end)):
        _emit(ctx, f, speech_verbs, quotes)


def _in_tag(text: str, at: int) -> bool:
    """Inside markup left in a text ('<tweet author="..." ...>'): the tag's name and attributes are not words
    anyone said."""
    opening = text.rfind("<", max(0, at - MAX_TAG), at)
    return opening != -1 and TAG.match(text, opening) is not None and TAG.match(text, opening).end() > at


def _with_direct(ctx: Context, text: str, finds: list[Found], speech_verbs: list[Token],
                 quotes: list[tuple[int, int]]) -> list[Found]:
    """Merge quotations into the finds whose content they overlap; give the others a speaker of their own."""
    starts = [s for s, _ in quotes]
    by_quote: dict[int, Found] = {}
    # Attributions inside a quotation ("I think ...") belong to the quoted speaker's words, not the report.
    # (its last character: the tokenizer may keep a closing mark and a dash together, '”―')
    finds = [f for f in finds if not f.cue or not _inside(f.cue[0].idx + len(f.cue[0].text) - 1, quotes, starts)]
    for f in finds:
        i = bisect.bisect_right(starts, f.end) - 1
        while i >= 0 and quotes[i][1] > f.start:
            qs, qe = quotes[i]
            f.start, f.end, f.direct = min(f.start, qs), max(f.end, qe), True
            by_quote.setdefault(i, f)
            i -= 1
    out = list(finds)
    speech_ids = {t.i for t in speech_verbs}
    for i, (qs, qe) in enumerate(quotes):
        if i in by_quote:
            continue
        first, last = ctx.token_at(qs), ctx.token_at(qe - 1)
        sents = {ctx.sent(first).start: ctx.sent(first), ctx.sent(last).start: ctx.sent(last)}
        near = [t for s in sents.values() for t in speech_verbs if s.start <= t.i < s.end and not qs <= t.idx < qe]
        if not near:
            near = _verb_after(ctx, text, qe, last, speech_ids)
        if not near:
            prev = ctx.sent(first).start - 1
            before = ctx.sent(ctx.doc[prev]) if prev >= 0 else None
            # "X said: ..." or '"A," X said. "B."' (same paragraph): the previous sentence's verb speaks
            if before is not None and (before.text.rstrip().endswith(":") or "\n" not in text[before.end_char:qs]):
                near = [t for t in speech_verbs if before.start <= t.i <= prev]
        verb = min(near, key=lambda t: min(abs(t.idx - qs), abs(t.idx - qe)), default=None)
        used = next((f for f in out if f.verb is not None and verb is not None and f.verb.i == verb.i), None)
        if used is not None:
            lo, hi = (used.end, qs) if used.end <= qs else (qe, used.start)
            if "\n" not in text[lo:hi]:
                # '"A," he said. "B."': the second part continues the same statement
                used.start, used.end, used.direct = min(used.start, qs), max(used.end, qe), True
                continue
            verb = None  # a verb attributes one statement; a later paragraph's quotation is left without a cue
        if verb is not None:
            # "X said, adding "...": a verb that already attributes another content still speaks this one
            out.append(Found(qs, qe, cue=_cue(verb), source=_source_token(verb), verb=verb, direct=True, speech=True))
        elif len(text[qs:qe].split()) >= MIN_UNCUED_WORDS:
            out.append(Found(qs, qe, direct=True, speech=True))
    return out


def _verb_after(ctx: Context, text: str, qe: int, last: Token, speech_ids: set[int]) -> list[Token]:
    """'"Who are they?" Trump said.': spaCy often starts a new sentence after a quotation's closing ?/!/. mark;
    a speaker and a bare reporting verb right after it (same paragraph) still speak the quotation."""
    doc = ctx.doc
    if last.i + 1 >= len(doc) or "\n" in text[qe:doc[last.i + 1].idx]:
        return []
    sent = ctx.sent(doc[last.i + 1])
    if sent.start != last.i + 1:
        return []
    return [t for t in doc[sent.start: min(sent.end, sent.start + AFTER_QUOTE_TOKENS)]
            if t.i in speech_ids and not any(c.dep_ in CLAUSE_DEPS and c.i > t.i for c in t.children)][:1]


def _inside(char: int, quotes: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, char) - 1
    return i >= 0 and quotes[i][0] < char < quotes[i][1]


def _not_in_sources(finds: list[Found]) -> list[Found]:
    """"Critics of the program see it as ...": a noun cue inside another attribution's source phrase
    describes that source; it is not an attribution of its own."""
    spans = [(f.source.left_edge.i, f.source.right_edge.i) for f in finds
             if f.source is not None and f.verb is not None]
    return [f for f in finds if f.verb is not None or not f.cue or f.cue[0].pos_ != "NOUN"
            or not any(lo <= f.cue[0].i <= hi for lo, hi in spans)]


def _one_per_cue(finds: list[Found]) -> list[Found]:
    """One find per cue: a clause found twice, a quotation merged into the same clause, or a misparse that gives
    a verb two complements. A quotation wins, then the widest content."""
    best: dict[tuple, Found] = {}
    out = []
    for f in finds:
        if not f.cue:
            out.append(f)
            continue
        key = tuple(t.i for t in f.cue)
        other = best.get(key)
        if other is None or (f.direct, f.end - f.start) > (other.direct, other.end - other.start):
            best[key] = f
    return out + list(best.values())


def _coordinated(verb: Token) -> bool:
    """"X said A and added B", "X said A, warning B": a second statement of the same speaker, not part of A."""
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return not own_subject and (verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"))


def _split_coordinated(finds: list[Found]) -> None:
    """spaCy often hangs the second statement under the first one's clause: end the first before it."""
    for g in finds:
        if g.verb is None or not _coordinated(g.verb):
            continue
        doc = g.verb.doc
        last = g.verb.left_edge.i - 1
        while last >= 0 and (doc[last].is_punct or doc[last].dep_ == "cc"):
            last -= 1
        if last < 0:
            continue
        for f in finds:
            if f is not g and f.cue and f.cue[-1].i < last and f.start <= g.verb.idx < f.end:
                f.end = min(f.end, doc[last].idx + len(doc[last].text))
                if f.verb is not None:  # the speaker of the first statement makes the second (not "In a poll")
                    g.source = f.source or g.source


def _outermost(finds: list[Found]) -> list[Found]:
    """An attribution reported inside another one's content ("X said Y wants Z") is part of what X said, not a
    second attribution: PolNeAR, like a reader, attributes the whole to X. A relative clause is the exception
    ("X blasted the plan, which Y said would fail"): it tells who said what about a thing X only names, so it is
    an attribution of its own, and X's content ends before it."""
    kept: list[Found] = []
    for f in sorted(finds, key=lambda f: f.start - f.end):  # widest content first
        outer = [k for k in kept if k.cue and k.start <= f.cue[0].idx < k.end
                 and not (f.start <= k.cue[0].idx < f.end)] if f.cue else []
        relatives = [_relative_clause(f, k) for k in outer]
        if any(r is None for r in relatives):
            continue
        for k, r in zip(outer, relatives):
            _end_before(k, r)
        kept.append(f)
    return kept


def _relative_clause(f: Found, outer: Found) -> Token | None:
    """The relative clause of `outer`'s content that holds `f`'s verb ("which Y said ...", "who announced ...")."""
    if f.verb is None or f.source is None:
        return None
    for t in (f.verb,):  # the relative clause's own verb ("which he said would fail")
        if not outer.start <= t.idx < outer.end or (outer.verb is not None and t.i == outer.verb.i):
            return None
        if t.dep_ == "relcl":
            # "which he said ...", not "who said ...": a clause about someone (its subject the relative pronoun)
            # describes that person; PolNeAR annotates those far less often
            own = [s for s in t.children if s.dep_ in ("nsubj", "nsubjpass") and s.tag_ not in ("WDT", "WP")
                   and s.lower_ != "that"]
            return t if own and outer.start <= t.head.idx < outer.end else None
        if t.dep_ in ("advcl", "conj") and t.i > (outer.verb.i if outer.verb is not None else -1):
            # "X said A, though she noted B": a clause with its own speaker, joined to the end of the content
            own = [s for s in t.children if s.dep_ == "nsubj" and s.tag_ not in ("WDT", "WP")]
            joiner = [c for c in t.children if c.dep_ in ("mark", "cc") and c.i < t.i
                      and c.lower_ in ("though", "although", "while", "whereas", "but", "and")]
            return t if own and joiner and outer.start <= t.head.idx < outer.end else None
    return None


def _end_before(f: Found, clause: Token) -> None:
    """End a content before a relative clause that closes it (", which ..."); one in its middle stays."""
    doc = clause.doc
    after = clause.right_edge.i + 1
    while after < len(doc) and doc[after].idx < f.end:
        if not (doc[after].is_punct or doc[after].is_space):
            return
        after += 1
    k = clause.left_edge.i - 1
    while k >= 0 and doc[k].is_punct:
        k -= 1
    if k >= 0 and doc[k].idx >= f.start:
        f.end = doc[k].idx + len(doc[k].text)


def _emit(ctx: Context, f: Found, speech_verbs: list[Token], quotes: list[tuple[int, int]]) -> None:
    text = ctx.cleaned.text
    while f.start < f.end and text[f.start].isspace():
        f.start += 1
    while f.end > f.start and text[f.end - 1].isspace():
        f.end -= 1
    speaker = _speaker(ctx, f.source)
    cue = ctx.span(f.cue[0].idx, f.cue[-1].idx + len(f.cue[-1].text)) if f.cue else None
    via: list[ActorRef | Span] = _via(ctx, f.verb, speech_verbs) if f.verb is not None and f.speech else []
    if f.verb is not None and _sector(ctx, speaker) == "MED":
        inner = _inner_speaker(ctx, f.verb, quotes)
        if inner is not None:  # "..., he noted, RT reported": he speaks, RT reports him
            via = [v for v in [speaker, *via] if v is not None and v.start != inner[0].start]
            speaker, cue = inner
    via = [v for i, v in enumerate(via) if all(v.start != u.start for u in via[:i])
           and not (speaker is not None and v.start == speaker.start)]
    quote = Quote(speaker=speaker, cue=cue, content=ctx.span(f.start, f.end),
                  kind="direct" if f.direct else "indirect", via=via)
    ctx.record.quotes.append(quote)
    if f.speech:
        _remember(ctx, quote)


def _inner_speaker(ctx: Context, verb: Token, quotes: list[tuple[int, int]]) -> tuple[ActorRef | Span, Span] | None:
    """When an outlet is the subject, a reporting verb in parenthesis names the real speaker; one inside a
    quotation is the quoted speaker's own words ('"We think ...," said the CNN chief')."""
    reporting = load_lexicon().reporting
    starts = [s for s, _ in quotes]
    for child in verb.children:
        if child.dep_ in ("parataxis", "ccomp") and _lemma(child) in reporting and child.i < verb.i \
                and not _inside(child.idx, quotes, starts):
            inner = _speaker(ctx, _source_token(child))
            if inner is not None and _sector(ctx, inner) != "MED":
                return inner, ctx.of(child)
    return None


def _remember(ctx: Context, quote: Quote) -> None:
    """Note who speaks where so that events inside the statement can be attributed."""
    actor = None
    if isinstance(quote.speaker, ActorRef):
        actor = next((a for a in ctx.record.actors if a.code == quote.speaker.code and a.name == quote.speaker.name), None)
    chain = [quote.speaker] if isinstance(quote.speaker, ActorRef) else []
    chain += [v for v in quote.via if isinstance(v, ActorRef)]
    ctx.quoted.append((quote.content.start, quote.content.end, actor, chain))

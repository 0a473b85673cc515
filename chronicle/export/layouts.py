"""Export layouts: which columns an exported event has, and which event field fills each.

A layout is a CSV file in `layouts/` (column, type, field). The fields are
computed once per event by `event_fields` from a row of `Store.stream_events`
and the sightings of its story; a layout only picks and renames them, so
that a new layout is a new file, not new code.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from chronicle.knowledge.base import table

LAYOUTS = Path(__file__).parent / "layouts"
NAMES = ("chronicle", "gdelt", "polecat")
TYPES = {"VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "BOOLEAN", "DATE"}
# Actor code prefixes that are not countries: international and non-state groups (CAMEO convention).
GROUP_PREFIXES = {"IGO", "NGO", "IMG", "MNC", "NGM", "INT"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    field: str | None  # None: always empty


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@functools.cache
def layout(name: str) -> tuple[Column, ...]:
    """The columns of a layout, read once per process."""
    if name not in NAMES:
        raise ValueError(f"unknown export layout {name!r}; layouts: {', '.join(NAMES)}")
    columns = []
    for row in _rows(LAYOUTS / f"{name}.csv"):
        kind = row["type"].strip().upper()
        if kind not in TYPES:
            raise ValueError(f"{name}.csv: column {row['column']!r} has unknown type {kind!r}")
        columns.append(Column(row["column"].strip(), kind, row["field"].strip() or None))
    return tuple(columns)


@functools.cache
def quad_classes() -> dict[str, int]:
    return {row["root"]: int(row["quad_class"]) for row in _rows(LAYOUTS / "quad_classes.csv")}


@functools.cache
def country_names() -> dict[str, str]:
    return {row["code"]: row["name"] for row in table("countries.csv")}


def split_actor(code: str | None) -> dict[str, str | None]:
    """An actor code's parts: country (ISO 3166-1 alpha-3), group (for IGO/NGO/IMG... codes) and 3-letter types."""
    if not code:
        return {"country": None, "group": None, "types": []}
    prefix, rest = code[:3], code[3:]
    group = None
    if prefix in GROUP_PREFIXES:
        group, rest = rest[:3] or None, rest[3:]
    types = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    country = prefix if prefix.isalpha() and prefix not in GROUP_PREFIXES else None
    return {"country": country, "group": group, "types": types}


def _number(day: str | None, length: int) -> int | None:
    return int(day.replace("-", "")[:length]) if day else None


def _geo_type(country: str | None, precision: str | None) -> int | None:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)."""
    if not country or not precision:
        return None
    if precision == "country":
        return 1
    if precision == "region":
        return 2 if country == "USA" else 5
    return 3 if country == "USA" else 4


def _sources(sightings: Iterable[tuple[str, str, str]]) -> int:
    """Distinct outlets among sightings: a URL's host name, else the input it was read from."""
    return len({(urlsplit(url).hostname or url) if url else source for _, url, source in sightings})


def event_fields(row: dict[str, Any], sightings: list[tuple[str, str, str]], per_story: bool) -> dict[str, Any]:
    """Every exportable field of one event row (`Store.stream_events`).

    `sightings` are (content hash, url, source) of every copy in the event's story; with `per_story`
    the counts take them all, otherwise only those of the event's own article.
    """
    record = json.loads(row["record"]) if row.get("record") else {}
    location = record.get("location") or {}
    code = row["code"] or ""
    root = code[:2]
    # The day the event happened: its own date when it names a day, else the article's.
    day = row["event_date"] if row["event_date"] and DAY.match(row["event_date"]) else row["date"]
    year = int(day[:4]) if day else None
    mine = sightings if per_story else [s for s in sightings if s[0] == row["content_hash"]]
    event_id = f"{row['content_hash']}-{row['n']}"
    source, target = split_actor(row["source_code"]), split_actor(row["target_code"])
    fields: dict[str, Any] = {
        "event_id": event_id,
        "numeric_id": int.from_bytes(hashlib.blake2b(event_id.encode(), digest_size=8).digest(), "big") >> 1,
        "content_hash": row["content_hash"], "n": row["n"], "article_id": row["article_id"],
        "article_date": row["date"], "event_date": row["event_date"],
        "day_number": _number(day, 8), "month_number": _number(day, 6), "year": year,
        "month": int(day[5:7]) if day else None, "day": int(day[8:10]) if day else None,
        "fraction_date": round(year + (_day_of_year(day) / 365), 4) if day else None,
        "code": code, "base_code": code[:3], "root_code": root, "quad_class": quad_classes().get(root),
        "plover": row["plover"], "mode": row["mode"], "negated": row["negated"], "modality": row["modality"],
        "background": bool(row["background"]),
        "confidence": row["confidence"], "trigger": row["trigger"], "evidence": row["evidence"],
        "place": row["place"], "place_country": row["place_country"], "place_admin1": location.get("admin1"),
        "place_kind": location.get("kind"), "location_precision": record.get("location_precision"),
        "location_inferred": record.get("location_inferred") if row["place"] else None,
        "geonameid": row["geonameid"], "lat": row["lat"], "lon": row["lon"],
        "geo_type": _geo_type(row["place_country"], record.get("location_precision")),
        "place_full_name": ", ".join(dict.fromkeys(
            x for x in (row["place"], location.get("admin1"), country_names().get(row["place_country"] or ""))
            if x)) or None,
        "url": row["url"] or next((u for _, u, _ in mine if u), None), "title": row["title"],
        "story": row["story"], "duplicate_of": row["duplicate_of"],
        "num_mentions": len(record.get("evidence") or ()) or 1,
        "num_articles": len({(u, s) for _, u, s in mine}) or 1, "num_sources": _sources(mine) or 1,
        "stored_at": row["stored_at"],
        "added_number": int(re.sub(r"\D", "", row["stored_at"])[:14]) if row["stored_at"] else None,
    }
    for side, parts in (("source", source), ("target", target)):
        for key in ("code", "name", "text"):
            fields[f"{side}_{key}"] = row[f"{side}_{key}"]
        fields[f"{side}_country"] = parts["country"]
        fields[f"{side}_group"] = parts["group"]
        fields[f"{side}_sectors"] = "|".join(parts["types"]) or None
        for i in range(3):
            fields[f"{side}_type{i + 1}"] = parts["types"][i] if i < len(parts["types"]) else None
    return fields


def _day_of_year(day: str) -> int:
    return dt.date.fromisoformat(day).timetuple().tm_yday


def project(columns: tuple[Column, ...], fields: dict[str, Any]) -> list[Any]:
    """One output row: each column's field, or None."""
    return [fields[c.field] if c.field else None for c in columns]

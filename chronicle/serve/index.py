"""Event pages answered from memory: the filter columns of every event, as numpy arrays.

Under load most of the server's time went to DuckDB finding one page of filtered events (a scan, a top-N
sort) and counting them. Stored events never change, so the columns the filters and sorts read are
kept here once, dictionary-encoded: a prefix or equality filter on a code becomes a lookup table over the
few distinct values, a page is the first matching positions of an order computed once per sort. The
answers are those of `queries.event_keys` and `queries.events_total`, which stay the reference (a test
compares them on random filters). Filters on the evidence text or on one article still go to the store.

The index belongs to one `generation` of the store: after a write it is stale, the store answers, and a
new index is built in the background.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import numpy as np

from chronicle.store import queries
from chronicle.store.queries import EventFilter, iso_date, parse_bbox

INDEX_MAX = 2_000_000  # more events than this: the store answers (the index keeps about 90 bytes an event)
UNSUPPORTED = ("q", "article")  # text search and one article's events: the store's indexes do those
NO_DATE = np.iinfo(np.int32).min


class Coded:
    """A text column as sorted distinct values and one small integer per row (0 is NULL)."""

    def __init__(self, values: list[Any]) -> None:
        distinct = sorted({v for v in values if v is not None})
        self.values = distinct
        position = {v: i + 1 for i, v in enumerate(distinct)}
        self.ids = np.fromiter((position.get(v, 0) for v in values), dtype=np.int32, count=len(values))

    def where(self, test: Callable[[str], bool]) -> np.ndarray:
        """Rows whose value passes `test` (never a NULL row)."""
        table = np.zeros(len(self.values) + 1, dtype=bool)
        table[1:] = [test(v) for v in self.values]
        return table[self.ids]


class EventIndex:
    def __init__(self, column: Callable[[str], list[Any]], generation: int) -> None:
        """`column(name)` gives one column's values, every column in the same row order."""
        self.generation = generation
        hashes = Coded(column("content_hash"))  # an article's events share its hash: kept once
        self.hashes, self.hash_rank = hashes.values, hashes.ids
        self.size = len(self.hash_rank)
        self.n = np.asarray(column("n"), dtype=np.int64)
        self.date = np.fromiter((d.toordinal() if d is not None else NO_DATE for d in column("article_date")),
                                dtype=np.int32)
        self.undated = self.date == NO_DATE
        self.text = {c: Coded(column(c)) for c in ("source_code", "target_code", "code", "plover", "modality",
                                                   "event_date", "place", "place_country")}
        self.negated, self.background = (np.fromiter((-1 if v is None else int(bool(v)) for v in column(c)),
                                                     dtype=np.int8) for c in ("negated", "background"))
        self.confidence, self.lat, self.lon = (np.asarray([np.nan if v is None else v for v in column(c)],
                                                          dtype=np.float64) for c in ("confidence", "lat", "lon"))
        if any(len(a) != self.size for a in (self.n, self.date, self.negated, self.background, self.confidence,
                                             self.lat, self.lon, *(t.ids for t in self.text.values()))):
            raise ValueError("the event columns differ in length: the store changed while they were read")
        self._orders: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, query, generation: int) -> "EventIndex | None":
        """The index of every stored event, or None when there are too many to keep (or a write interfered)."""
        if query("SELECT count(*) FROM events")[1][0][0] > INDEX_MAX:
            return None

        # One column at a time, in one order: rows of every column at once, as Python objects, would take
        # ten times the memory the index keeps.
        def column(name: str) -> list[Any]:
            return [r[0] for r in query(f"SELECT {name} FROM events ORDER BY content_hash, n")[1]]

        try:
            return cls(column, generation)
        except ValueError:
            return None  # the next build will do

    @staticmethod
    def supports(flt: EventFilter) -> bool:
        return not any(getattr(flt, name) for name in UNSUPPORTED)

    def mask(self, flt: EventFilter) -> np.ndarray:
        """The rows `flt` keeps: the conditions of `EventFilter.where`, NULLs failing every test."""
        flt.where()  # the same checks, so bad values fail alike
        keep = np.ones(self.size, dtype=bool)
        src, tgt = self.text["source_code"], self.text["target_code"]
        if flt.actor:
            prefix = flt.actor.upper()
            keep &= src.where(lambda v: v.startswith(prefix)) | tgt.where(lambda v: v.startswith(prefix))
        for name, column in (("source", src), ("target", tgt)):
            value = getattr(flt, name)
            if value:
                keep &= column.where(lambda v, p=value.upper(): v.startswith(p))
        if flt.country:
            country = flt.country.upper()
            keep &= (src.where(lambda v: v[:3] == country) | tgt.where(lambda v: v[:3] == country)
                     | self.text["place_country"].where(lambda v: v == country))
        if flt.code:
            keep &= self.text["code"].where(lambda v: v.startswith(flt.code))
        if flt.plover:
            wanted = flt.plover.lower()
            keep &= self.text["plover"].where(lambda v: v.lower() == wanted)
        if flt.since:
            keep &= ~self.undated & (self.date >= dt.date.fromisoformat(iso_date("since", flt.since)).toordinal())
        if flt.until:
            keep &= ~self.undated & (self.date <= dt.date.fromisoformat(iso_date("until", flt.until)).toordinal())
        if flt.event_since:
            low = iso_date("event_since", flt.event_since)
            keep &= self.text["event_date"].where(lambda v: v >= low)
        if flt.event_until:
            high = iso_date("event_until", flt.event_until)
            keep &= self.text["event_date"].where(lambda v: v <= high)
        if flt.place:
            name, code = flt.place.lower(), flt.place.upper()
            keep &= self.text["place"].where(lambda v: v.lower() == name) | \
                self.text["place_country"].where(lambda v: v == code)
        if flt.bbox:
            min_lon, min_lat, max_lon, max_lat = parse_bbox(flt.bbox)
            with np.errstate(invalid="ignore"):  # NaN (no place) fails every comparison, as NULL does
                inside = (self.lat >= min_lat) & (self.lat <= max_lat)
                east, west = self.lon >= min_lon, self.lon <= max_lon
            keep &= inside & ((east & west) if min_lon <= max_lon else (east | west))
        if flt.negated is not None:
            keep &= self.negated == int(bool(flt.negated))
        if flt.background is not None:
            keep &= self.background == int(bool(flt.background))
        if flt.modality:
            keep &= self.text["modality"].where(lambda v: v == flt.modality)
        return keep

    def order(self, sort: str) -> np.ndarray:
        """Row positions in the order of `queries.SORTS[sort]` (computed once per sort)."""
        if sort not in queries.SORTS:
            raise queries.FilterError(f"sort must be one of {', '.join(queries.SORTS)}, got {sort[:40]!r}")
        found = self._orders.get(sort)
        if found is None:
            # np.lexsort: the last key is the first sort key; every order ends with content hash and n
            newest_first = (self.n, self.hash_rank, -self.date.astype(np.int64), self.undated)
            if sort == "date":
                keys = (self.n, self.hash_rank, self.date, ~self.undated)  # NULLS FIRST
            elif sort == "-date":
                keys = newest_first
            elif sort.endswith("code"):
                code = self.text["code"].ids.astype(np.int64)
                keys = newest_first + ((-code if sort.startswith("-") else code),)
            else:
                conf = self.confidence
                keys = newest_first + ((-conf if sort.startswith("-") else conf),)
            found = np.lexsort(keys)
            self._orders[sort] = found
        return found

    def total(self, flt: EventFilter) -> int:
        return int(self.mask(flt).sum())

    def page(self, flt: EventFilter, limit: int, offset: int, sort: str) -> list[tuple[str, int]]:
        order = self.order(sort)
        picked = order[np.flatnonzero(self.mask(flt)[order])[offset: offset + limit]]
        return [(self.hashes[self.hash_rank[i] - 1], int(self.n[i])) for i in picked]

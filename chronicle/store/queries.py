"""Read queries for browsing a store: filtered events, aggregates, the actor network, articles, actors, quotes.

Every function takes `query(sql, args) -> (columns, rows)` (``?`` placeholders), so that a caller can run it on
a store's own connection or on a per-thread cursor. Filter values only ever travel as parameters; the few
pieces of SQL chosen by a caller (sort order, time interval, grouping) are picked from fixed tables here.
The SQL is the common ground of DuckDB and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Any, Callable, Iterable


Query = Callable[[str, Iterable[Any]], tuple[list[str], list[tuple]]]

EVENT_COLUMNS = ("content_hash", "n", "article_id", "CAST(article_date AS VARCHAR) AS date", "event_date",
                 "source_code", "source_name", "target_code", "target_name", "code", "plover", "mode", "negated",
                 "modality", "background", "confidence", "trigger", "evidence", "evidence_start", "evidence_end",
                 "place", "place_country", "lat", "lon")
# Sort keys; content hash and position make every order total, so pages never overlap or skip.
SORTS = {
    "date": "article_date ASC NULLS FIRST, content_hash, n",
    "-date": "article_date DESC NULLS LAST, content_hash, n",
    "code": "code ASC, article_date DESC NULLS LAST, content_hash, n",
    "-code": "code DESC, article_date DESC NULLS LAST, content_hash, n",
    "confidence": "confidence ASC, article_date DESC NULLS LAST, content_hash, n",
    "-confidence": "confidence DESC, article_date DESC NULLS LAST, content_hash, n",
}
INTERVALS = ("day", "week", "month")
GROUPINGS = {
    "root": "substr(code, 1, 2)",
    "code": "code",
    "plover": "coalesce(plover, '-')",
    "dyad": "coalesce(source_code, '-') || '>' || coalesce(target_code, '-')",
}
ROLES = ("source", "target", "any")
MODALITIES = ("asserted", "future", "planned", "hypothetical", "reported")
MIN_HASH_PREFIX = 6
# Words inside a column, any case. strpos and starts_with (both backends) need no escaping of % and _, and
# are several times faster in DuckDB than LIKE with an escape character.
CONTAINS = "strpos(lower({}), ?) > 0"


class FilterError(ValueError):
    """A filter value that cannot be used; the message names the filter."""


@dataclass(frozen=True)
class EventFilter:
    """What `GET /api/events` and the aggregates filter on; None means no filter."""
    actor: str | None = None  # source or target code prefix
    source: str | None = None
    target: str | None = None
    country: str | None = None  # ISO3 of the source, the target or the place
    code: str | None = None  # CAMEO prefix
    plover: str | None = None
    since: str | None = None  # article date, YYYY-MM-DD
    until: str | None = None
    event_since: str | None = None  # the event's own TIMEX3 value, compared as text (ISO sorts)
    event_until: str | None = None
    place: str | None = None  # name (any case) or country code
    bbox: str | None = None  # minlon,minlat,maxlon,maxlat
    negated: bool | None = None
    modality: str | None = None
    background: bool | None = None  # named as the setting of another event
    q: str | None = None  # words in the evidence sentence
    article: str | None = None  # article id or content-hash prefix

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition (``TRUE`` when empty) and its parameters; a bad value raises `FilterError`."""
        where: list[str] = []
        args: list[Any] = []
        if self.actor:
            where.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
            args += [self.actor.upper()] * 2
        for column in ("source", "target"):
            value = getattr(self, column)
            if value:
                where.append(f"starts_with({column}_code, ?)")
                args.append(value.upper())
        if self.country:
            country = self.country.upper()
            if not re.fullmatch(r"[A-Z]{3}", country):
                raise FilterError(f"country must be a 3-letter code, got {_shown(self.country)}")
            where.append("(substr(source_code, 1, 3) = ? OR substr(target_code, 1, 3) = ? OR place_country = ?)")
            args += [country] * 3
        if self.code:
            where.append("starts_with(code, ?)")
            args.append(self.code)
        if self.plover:
            where.append("lower(plover) = ?")
            args.append(self.plover.lower())
        for name, op in (("since", ">="), ("until", "<=")):
            value = getattr(self, name)
            if value:
                where.append(f"article_date {op} CAST(? AS DATE)")
                args.append(iso_date(name, value))
        for name, op in (("event_since", ">="), ("event_until", "<=")):
            value = getattr(self, name)
            if value:
                where.append(f"event_date {op} ?")
                args.append(iso_date(name, value))
        if self.place:
            where.append("(lower(place) = ? OR place_country = ?)")
            args += [self.place.lower(), self.place.upper()]
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = parse_bbox(self.bbox)
            # A box whose west edge is east of its east edge crosses the antimeridian.
            joint = "AND" if min_lon <= max_lon else "OR"
            where.append(f"(lat BETWEEN ? AND ?) AND (lon >= ? {joint} lon <= ?)")
            args += [min_lat, max_lat, min_lon, max_lon]
        if self.negated is not None:
            where.append("negated = ?")
            args.append(bool(self.negated))
        if self.modality:
            if self.modality not in MODALITIES:
                raise FilterError(f"modality must be one of {', '.join(MODALITIES)}, got {_shown(self.modality)}")
            where.append("modality = ?")
            args.append(self.modality)
        if self.background is not None:
            where.append("background = ?")
            args.append(bool(self.background))
        if self.q:
            where.append(CONTAINS.format("evidence"))
            args.append(self.q.lower())
        if self.article:
            clause, more = article_clause(self.article, "article_id")
            where.append(clause)
            args += more
        return (" AND ".join(where) or "TRUE"), args

    def active(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def _shown(value: str, n: int = 40) -> str:
    return repr(value if len(value) <= n else value[:n] + "…")


def iso_date(name: str, value: str) -> str:
    """A YYYY-MM-DD date (a longer ISO timestamp is cut to its date); anything else is a `FilterError`."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise FilterError(f"{name} must be a date YYYY-MM-DD, got {_shown(value)}") from None


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    parts = value.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or any(n != n for n in numbers):  # n != n: NaN
        raise FilterError(f"bbox must be minlon,minlat,maxlon,maxlat (4 numbers), got {_shown(value)}")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise FilterError(f"bbox out of range (longitudes -180..180, latitudes -90..90, minlat <= maxlat): "
                          f"{_shown(value)}")
    return min_lon, min_lat, max_lon, max_lat


def article_clause(key: str, id_column: str = "id") -> tuple[str, list[Any]]:
    """Rows of the article whose id is `key` or whose content hash starts with it (6 characters or more)."""
    if len(key) >= MIN_HASH_PREFIX:
        return f"({id_column} = ? OR starts_with(content_hash, ?))", [key, key.lower()]
    return f"{id_column} = ?", [key]


def _dicts(result: tuple[list[str], list[tuple]]) -> list[dict[str, Any]]:
    columns, rows = result
    return [dict(zip(columns, row)) for row in rows]


def _count(query: Query, sql: str, args: list[Any]) -> int:
    return query(f"SELECT count(*) FROM ({sql}) AS counted", args)[1][0][0]


def _page(limit: int, offset: int) -> str:
    return f" LIMIT {int(limit)} OFFSET {int(offset)}"


def titles(query: Query, hashes: Iterable[str]) -> dict[str, str | None]:
    """Article titles by content hash."""
    hashes = list(dict.fromkeys(hashes))
    if not hashes:
        return {}
    marks = ", ".join("?" * len(hashes))
    return dict(query(f"SELECT content_hash, title FROM articles WHERE content_hash IN ({marks})", hashes)[1])


def events_total(query: Query, flt: EventFilter) -> int:
    where, args = flt.where()
    return query(f"SELECT count(*) FROM events WHERE {where}", args)[1][0][0]


def event_keys(query: Query, flt: EventFilter, limit: int = 50, offset: int = 0,
               sort: str = "-date") -> list[tuple[str, int]]:
    """The keys (content hash, n) of one page of filtered events, in order.

    Only the keys go through the sort: carrying every column of every matching row through it costs
    several times more than sorting the keys and fetching the page's rows afterwards.
    """
    if sort not in SORTS:
        raise FilterError(f"sort must be one of {', '.join(SORTS)}, got {_shown(sort)}")
    where, args = flt.where()
    rows = query(f"SELECT content_hash, n FROM events WHERE {where} ORDER BY {SORTS[sort]}" + _page(limit, offset),
                 args)[1]
    return [(h, n) for h, n in rows]


def event_rows(query: Query, hashes: Iterable[str], title_of: Callable | None = None
               ) -> dict[tuple[str, int], dict[str, Any]]:
    """Every event of the articles `hashes`, by key, each with its article's title."""
    hashes = list(dict.fromkeys(hashes))
    if not hashes:
        return {}
    marks = ", ".join("?" * len(hashes))
    items = _dicts(query(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE content_hash IN ({marks})", hashes))
    found = (title_of or titles)(query, hashes)
    rows = {}
    for item in items:
        item["article_title"] = found.get(item["content_hash"])
        rows[(item["content_hash"], item["n"])] = item
    return rows


def newest_event_rows(query: Query, limit: int) -> list[dict[str, Any]]:
    """The `limit` newest events (by article date), oldest of them first, each with its article's title."""
    newest = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY {SORTS['-date']}" + _page(limit, 0))
    return _dicts(query(f"SELECT e.*, a.title AS article_title FROM ({newest}) AS e "
                        f"LEFT JOIN articles AS a ON a.content_hash = e.content_hash "
                        f"ORDER BY e.date NULLS FIRST, e.content_hash, e.n", []))


def events_page(query: Query, flt: EventFilter, limit: int = 50, offset: int = 0, sort: str = "-date",
                total: int | None = None, title_of: Callable | None = None) -> dict[str, Any]:
    """One page of filtered events, each with its article's title, and the filtered total.

    A caller may pass the `total` it already knows for the filter, and a `title_of(query, hashes)` that
    caches titles (an article never changes once stored).
    """
    keys = event_keys(query, flt, limit, offset, sort)
    if total is None:
        total = events_total(query, flt)
    rows = event_rows(query, [h for h, _ in keys], title_of)
    items = [rows[key] for key in keys if key in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _counts_sql(flt: EventFilter, interval: str, by: str) -> tuple[str, list[Any]]:
    if interval not in INTERVALS:
        raise FilterError(f"interval must be one of {', '.join(INTERVALS)}, got {_shown(interval)}")
    if by not in GROUPINGS:
        raise FilterError(f"by must be one of {', '.join(GROUPINGS)}, got {_shown(by)}")
    where, args = flt.where()
    # Grouped first, then made text: casting every row's date to text costs more than the grouping.
    grouped = (f"SELECT date_trunc('{interval}', article_date) AS p, {GROUPINGS[by]} AS key, count(*) AS count "
               f"FROM events WHERE {where} GROUP BY 1, 2")
    return f"SELECT p, CAST(CAST(p AS DATE) AS VARCHAR) AS period, key, count FROM ({grouped}) AS g", args


def counts(query: Query, flt: EventFilter, interval: str = "day", by: str = "root") -> list[dict[str, Any]]:
    """Events per period (of the article date) and key; undated events have period None."""
    sql, args = _counts_sql(flt, interval, by)
    return _dicts(query(f"SELECT period, key, count FROM ({sql}) AS c ORDER BY p NULLS LAST, key", args))


# A JSON array of objects, made by the database: a timeline of days has tens of thousands of counts, and
# turning them into Python objects and back into JSON takes longer than the query.
JSON_ARRAYS = {
    "duckdb": "CAST(to_json(list(struct_pack({pairs}) ORDER BY {order})) AS VARCHAR)",
    "postgres": "CAST(json_agg(json_build_object({pairs}) ORDER BY {order}) AS TEXT)",
}
JSON_PAIRS = {"duckdb": "{name} := {name}", "postgres": "'{name}', {name}"}


def _json_array(backend: str, columns: tuple[str, ...], order: str) -> str:
    """SQL of the JSON array of objects `columns` over a subquery's rows, in `order`."""
    pairs = ", ".join(JSON_PAIRS[backend].format(name=n) for n in columns)
    return JSON_ARRAYS[backend].format(pairs=pairs, order=order)


def counts_json(query: Query, backend: str, flt: EventFilter, interval: str = "day",
                by: str = "root") -> tuple[str, int]:
    """`counts` as the JSON text of its items (the same objects, in the same order), and their total."""
    sql, args = _counts_sql(flt, interval, by)
    array = _json_array(backend, ("period", "key", "count"), "p NULLS LAST, key")
    items, total = query(f"SELECT {array}, sum(count) FROM ({sql}) AS c", args)[1][0]
    return items or "[]", int(total or 0)


def top_actors(query: Query, flt: EventFilter, role: str = "any", limit: int = 20) -> list[dict[str, Any]]:
    """Actor codes by the number of filtered events they take part in (as source, target, or either)."""
    if role not in ROLES:
        raise FilterError(f"role must be one of {', '.join(ROLES)}, got {_shown(role)}")
    where, args = flt.where()
    parts = [r for r in ("source", "target") if role in (r, "any")]
    union = " UNION ALL ".join(f"SELECT {r}_code AS code FROM events WHERE {where} AND {r}_code IS NOT NULL"
                               for r in parts)
    sql = f"SELECT code, count(*) AS count FROM ({union}) AS roles GROUP BY code ORDER BY 2 DESC, 1" + _page(limit, 0)
    return _dicts(query(sql, args * len(parts)))


def _places_sql(flt: EventFilter, limit: int) -> tuple[str, list[Any]]:
    where, args = flt.where()
    return (f"SELECT place, place_country AS country, lat, lon, count(*) AS count FROM events "
            f"WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL "
            f"GROUP BY place, place_country, lat, lon ORDER BY 5 DESC, 1, 2" + _page(limit, 0)), args


def places(query: Query, flt: EventFilter, limit: int = 1000) -> list[dict[str, Any]]:
    """Located events per place, for a map."""
    sql, args = _places_sql(flt, limit)
    return _dicts(query(sql, args))


def places_json(query: Query, backend: str, flt: EventFilter, limit: int = 1000) -> str:
    """`places` as the JSON text of its items (the same objects, in the same order)."""
    sql, args = _places_sql(flt, limit)
    array = _json_array(backend, ("place", "country", "lat", "lon", "count"), '"count" DESC, place, country')
    return query(f"SELECT {array} FROM ({sql}) AS p", args)[1][0][0] or "[]"


def network(query: Query, flt: EventFilter, min_weight: int = 1, limit: int = 100) -> dict[str, Any]:
    """Weighted dyads: one edge per (source, target) with its event count and counts per CAMEO root.

    The `limit` heaviest edges of at least `min_weight` are kept; a node's count is the events it takes
    part in among them.
    """
    where, args = flt.where()
    # The heaviest dyads are picked in SQL; only theirs are split by root (thousands of dyads would otherwise
    # come back to Python).
    dyads = f"FROM events WHERE {where} AND source_code IS NOT NULL AND target_code IS NOT NULL"
    sql = (f"WITH top AS (SELECT source_code, target_code, count(*) AS weight {dyads} GROUP BY 1, 2 "
           f"HAVING count(*) >= {int(min_weight)} ORDER BY 3 DESC, 1, 2 LIMIT {int(limit)}) "
           f"SELECT e.source_code, e.target_code, substr(e.code, 1, 2), count(*) "
           f"FROM ({'SELECT source_code, target_code, code ' + dyads}) AS e "
           f"JOIN top ON top.source_code = e.source_code AND top.target_code = e.target_code GROUP BY 1, 2, 3")
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for source, target, root, n in query(sql, args * 2)[1]:
        edge = edges.setdefault((source, target), {"source": source, "target": target, "weight": 0, "codes": {}})
        edge["weight"] += n
        edge["codes"][root] = n
    kept = sorted(edges.values(), key=lambda e: (-e["weight"], e["source"], e["target"]))
    nodes: dict[str, int] = {}
    for edge in kept:
        edge["codes"] = dict(sorted(edge["codes"].items()))
        for end in {edge["source"], edge["target"]}:
            nodes[end] = nodes.get(end, 0) + edge["weight"]
    return {"nodes": [{"id": k, "count": v} for k, v in sorted(nodes.items(), key=lambda kv: (-kv[1], kv[0]))],
            "edges": kept}


def articles_page(query: Query, q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Articles, newest first; `q` matches words in the title, the id or the URL."""
    where, args = "TRUE", []
    if q:
        where = "(" + " OR ".join(CONTAINS.format(c) for c in ("title", "id", "url")) + ")"
        args = [q.lower()] * 3
    total = query(f"SELECT count(*) FROM articles WHERE {where}", args)[1][0][0]
    items = _dicts(query(
        f"SELECT content_hash, id, title, CAST(date AS VARCHAR) AS date, url, language "
        f"FROM articles WHERE {where} ORDER BY date DESC NULLS LAST, content_hash" + _page(limit, offset), args))
    if items:
        marks = ", ".join("?" * len(items))
        per = dict(query(f"SELECT content_hash, count(*) FROM events WHERE content_hash IN ({marks}) "
                         f"GROUP BY content_hash", [a["content_hash"] for a in items])[1])
        for item in items:
            item["events"] = per.get(item["content_hash"], 0)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def article_candidates(query: Query, key: str) -> list[dict[str, Any]]:
    """The articles (hash, id, title) that `key` names: an id, or a content-hash prefix (at most 20)."""
    clause, args = article_clause(key)
    return _dicts(query(f"SELECT content_hash, id, title FROM articles WHERE {clause} "
                        f"ORDER BY stored_at, content_hash LIMIT 20", args))


def article_record(query: Query, content_hash: str) -> str | None:
    """The stored record (JSON text) of one article, found by its key: reading records is the slow part."""
    rows = query("SELECT record FROM articles WHERE content_hash = ?", [content_hash])[1]
    return rows[0][0] if rows else None


def actors_page(query: Query, q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Actors by code: name, country, sector, how many articles mention them and events they take part in."""
    where, args = "TRUE", []
    if q:
        where = f"(starts_with(code, ?) OR {CONTAINS.format('name')})"
        args = [q.upper(), q.lower()]
    grouped = (f"SELECT code, min(name) AS name, min(country) AS country, min(sector) AS sector, "
               f"count(DISTINCT content_hash) AS articles FROM actors WHERE {where} GROUP BY code")
    total = _count(query, grouped, args)
    items = _dicts(query(grouped + " ORDER BY articles DESC, code" + _page(limit, offset), args))
    if items:
        marks = ", ".join("?" * len(items))
        codes = [a["code"] for a in items]
        sql = (f"SELECT code, count(*) FROM (SELECT source_code AS code FROM events WHERE source_code IN ({marks}) "
               f"UNION ALL SELECT target_code FROM events WHERE target_code IN ({marks}) "
               f"AND target_code IS DISTINCT FROM source_code) AS roles GROUP BY code")
        per = dict(query(sql, codes * 2)[1])
        for item in items:
            item["events"] = per.get(item["code"], 0)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def quotes_page(query: Query, speaker: str | None = None, q: str | None = None, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    """Quotes, newest article first; `speaker` matches the speaker's code (prefix) or words of the speaker's
    mention, `q` words in what was said."""
    where, args = [], []
    if speaker:
        where.append(f"(starts_with(speaker_code, ?) OR {CONTAINS.format('speaker')})")
        args += [speaker.upper(), speaker.lower()]
    if q:
        where.append(CONTAINS.format("content"))
        args.append(q.lower())
    condition = " AND ".join(where) or "TRUE"
    total = query(f"SELECT count(*) FROM quotes WHERE {condition}", args)[1][0][0]
    items = _dicts(query(
        f"SELECT q.content_hash, q.n, a.id AS article_id, q.kind, q.speaker, q.speaker_code, q.cue, q.content "
        f"FROM (SELECT * FROM quotes WHERE {condition}) AS q JOIN articles AS a ON a.content_hash = q.content_hash "
        f"ORDER BY a.date DESC NULLS LAST, q.content_hash, q.n" + _page(limit, offset), args))
    return {"total": total, "limit": limit, "offset": offset, "items": items}

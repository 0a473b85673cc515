"""The HTTP API (and the web app's files) over one store: `create_app(db, token)`.

Read endpoints browse events, articles, actors and quotes, and aggregate events for the timeline, the map
and the network; write endpoints process a posted article or an uploaded file. Every answer is JSON with a
response model (see /openapi.json); every error is ``{"error": {"status", "message"}}``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import anyio
from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException as StarletteHTTPException

from chronicle import __version__
from chronicle.ingest import InputError, ReadOptions, read_paths, reader_for
from chronicle.ingest.base import normalise_date
from chronicle.ingest.text import article_from_text
from chronicle.records import Document, json_schema
from chronicle.serve import models
from chronicle.serve.cache import CACHE_SIZE, AnswerCache, json_bytes
from chronicle.serve.jobs import Jobs, QueueFull
from chronicle.serve.security import MAX_BODY, MAX_UPLOAD, Guard, check_token, error_body
from chronicle.serve.state import Busy, ServedStore
from chronicle.serve.world import world_json
from chronicle.store import queries
from chronicle.store.queries import EventFilter, FilterError

STATIC = Path(__file__).parent / "static"
MAX_LIMIT = 500
RECORDS_KEPT = 4096  # article records kept encoded, up to this many and bytes
RECORD_BYTES = 64 * 2**20
POSTGRES_CACHE_TTL = 5.0  # seconds
# Queries running at once, in arrival order: dozens at once (one per waiting request) would share the same
# cores and all finish late; a few at a time finish one by one. Twice the cores: a worker also waits for the
# GIL (to turn rows into Python objects, and DuckDB's binding takes it now and then while a query runs), and
# with one worker per core the cores were a quarter idle under load.
QUERY_WORKERS = max(4, min(16, 2 * (os.cpu_count() or 2)))
log = logging.getLogger("chronicle.serve")
ERRORS = {status: {"model": models.Error} for status in (400, 401, 404, 409, 413, 422, 503)}


async def event_filter(
        actor: str | None = Query(None, description="source or target actor code prefix, e.g. RUS"),
        source: str | None = Query(None, description="source actor code prefix"),
        target: str | None = Query(None, description="target actor code prefix"),
        country: str | None = Query(None, description="ISO 3166 alpha-3 code of the source, target or place"),
        code: str | None = Query(None, description="CAMEO code prefix, e.g. 19 or 042"),
        plover: str | None = Query(None, description="PLOVER event type, e.g. ASSAULT"),
        since: str | None = Query(None, description="article date on or after, YYYY-MM-DD"),
        until: str | None = Query(None, description="article date on or before, YYYY-MM-DD"),
        event_since: str | None = Query(None, description="the event's own date on or after, YYYY-MM-DD"),
        event_until: str | None = Query(None, description="the event's own date on or before, YYYY-MM-DD"),
        place: str | None = Query(None, description="place name (any case) or country code"),
        bbox: str | None = Query(None, description="minlon,minlat,maxlon,maxlat"),
        negated: bool | None = Query(None),
        modality: str | None = Query(None, description="asserted, future, planned, hypothetical or reported"),
        background: bool | None = Query(None, description="true: only events named as the setting of another "
                                                          "event; false: only those reported in their own right"),
        q: str | None = Query(None, description="words in the evidence sentence"),
        article: str | None = Query(None, description="article id or content-hash prefix (6+ characters)"),
) -> EventFilter:
    flt = EventFilter(actor=actor, source=source, target=target, country=country, code=code, plover=plover,
                      since=since, until=until, event_since=event_since, event_until=event_until, place=place,
                      bbox=bbox, negated=negated, modality=modality, background=background, q=q,
                      article=article)
    try:
        flt.where()  # bad values are a 400 here, naming the filter
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    return flt


def answer_key(scope: dict, generation: int) -> tuple:
    """What a read answer is kept under: its path, its parameters in order, the store's generation."""
    return scope["path"], tuple(sorted(QueryParams(scope["query_string"]).multi_items())), generation


class KeptAnswers:
    """A GET whose answer is kept goes out before FastAPI routes it.

    Under load the server's Python time (one core: the interpreter lock) goes mostly to routing,
    dependencies and parameter checks; a kept answer needs none of them: it was checked when it was made.
    """

    def __init__(self, app, cache: AnswerCache, served: ServedStore) -> None:
        self.app, self.cache, self.served = app, cache, served

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith("/api/"):
            body = self.cache.peek(answer_key(scope, self.served.generation))
            if body is not None:
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def create_app(db: str | None, token: str, allow_private: bool = False, read_token: bool = False,
               max_body: int = MAX_BODY, max_upload: int = MAX_UPLOAD, cache_size: int = CACHE_SIZE,
               served: ServedStore | None = None) -> FastAPI:
    """The application over the store `db` (opened here, for writing, and closed on shutdown).

    `token` guards the write endpoints, and the read endpoints too when `read_token` is set (a server bound
    to an address other than loopback). `allow_private` lets posted URLs reach private addresses. The last
    `cache_size` read answers are kept until the next write.
    """
    if not token:
        raise ValueError("the server needs a token")
    served = served or ServedStore(db)
    jobs = Jobs(served, allow_private=allow_private)
    # DuckDB: this server is the only writer. PostgreSQL: others may write too, so answers age out.
    ttl = POSTGRES_CACHE_TTL if served.backend == "postgres" else None
    # Worker threads in two lanes, made in the event loop on first use: pages a user waits on (events,
    # an article) do not queue behind aggregates over the whole store, which take longer.
    lanes: dict[str, anyio.CapacityLimiter] = {}

    async def in_worker(func: Callable[..., Any], *args: Any, lane: str = "aggregates") -> Any:
        if not lanes:
            lanes.update(pages=anyio.CapacityLimiter(QUERY_WORKERS), aggregates=anyio.CapacityLimiter(QUERY_WORKERS))
        return await anyio.to_thread.run_sync(func, *args, limiter=lanes[lane])

    cache = AnswerCache(cache_size, ttl)
    totals = AnswerCache(cache_size * 4, ttl)
    # Article records apart: big, never changed once stored, and read again and again (an article view);
    # among the many one-off filtered answers they would be the first to go.
    records = AnswerCache(RECORDS_KEPT, ttl, max_bytes=RECORD_BYTES)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        threading.Thread(target=served.warm, name="chronicle-warm", daemon=True).start()
        yield
        jobs.close()
        served.close()

    app = FastAPI(title="Chronicle", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Events, quotes, actors and places of stored news articles, with their evidence.")
    app.state.served = served
    app.state.jobs = jobs
    if not read_token:  # with a read token, every read goes through the token check
        app.add_middleware(KeptAnswers, cache=cache, served=served)
    app.add_middleware(Guard, max_body=max_body, max_upload=max_upload)  # added last: outermost

    async def writer(request: Request) -> None:
        check_token(request, token)

    async def reader(request: Request) -> None:
        if read_token:
            check_token(request, token)

    async def cached(request: Request, compute: Callable[[], Any], lane: str = "aggregates") -> Response:
        """The JSON answer, kept encoded: checking and encoding a big answer (a timeline of thousands of
        counts) through its response model takes longer than the query; the tests check the shapes.
        A kept answer goes out from the event loop; only a query goes to a worker thread."""
        key = answer_key(request.scope, served.generation)
        body = cache.peek(key)
        if body is None:
            try:
                body = await in_worker(cache.get, key, lambda: json_bytes(compute()), lane=lane)
            except FilterError as exc:
                raise HTTPException(400, str(exc)) from None
        return Response(body, media_type="application/json")

    read = [Depends(reader)]
    query = served.query

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(exc.status_code, str(exc.detail)), exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return JSONResponse(error_body(422, problems or "invalid request"), 422)

    @app.exception_handler(Busy)
    async def busy_error(_request: Request, exc: Busy) -> JSONResponse:
        return JSONResponse(error_body(503, str(exc)), 503, headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error")
        return JSONResponse(error_body(500, f"internal error ({type(exc).__name__})"), 500)

    @app.get("/api/health", response_model=models.Health, dependencies=read, responses=ERRORS)
    def health() -> dict:
        return {"status": "ok", "version": __version__, "store": served.describe(), "backend": served.backend,
                "counts": served.counts(), "warming": not served.warmed.is_set()}

    @app.get("/api/events", response_model=models.EventsPage, dependencies=read, responses=ERRORS)
    async def events(request: Request, flt: EventFilter = Depends(event_filter),
               limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0),
               sort: str = Query("-date", description=", ".join(queries.SORTS))) -> Response:
        def page(count: Callable[[], int], rows: list[bytes]) -> bytes:
            # Paging or re-sorting keeps the filter: its total is counted once.
            total = totals.get((tuple(sorted(flt.active().items())), served.generation), count)
            return b'{"total":%d,"limit":%d,"offset":%d,"items":[%s]}' % (total, limit, offset, b",".join(rows))

        index = served.event_index()
        if index is not None and index.supports(flt):
            # A short job (about 2 ms, all from memory) is answered here on the event loop rather than
            # queued for a worker thread behind database queries: shortest job first keeps pages quick.
            key = answer_key(request.scope, served.generation)
            try:
                keys = index.page(flt, limit, offset, sort)
            except FilterError as exc:
                raise HTTPException(400, str(exc)) from None
            rows = served.kept_event_json(keys)
            if rows is not None:
                body = page(lambda: index.total(flt), rows)
                cache.put(key, body)
                return Response(body, media_type="application/json")

        def compute() -> bytes:
            index = served.event_index()
            if index is not None and index.supports(flt):  # from memory (serve/index.py)
                return page(lambda: index.total(flt), served.event_json(index.page(flt, limit, offset, sort)))
            return page(lambda: queries.events_total(query, flt),
                        served.event_json(queries.event_keys(query, flt, limit, offset, sort)))
        return await cached(request, compute, lane="pages")

    @app.get("/api/articles", response_model=models.ArticlesPage, dependencies=read, responses=ERRORS)
    async def articles(request: Request, q: str | None = Query(None, description="words in the title, id or URL"),
                 limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)) -> Response:
        return await cached(request, lambda: queries.articles_page(query, q, limit, offset))

    @app.get("/api/articles/{key}", response_model=Document, dependencies=read, responses=ERRORS,
             description="The stored document record of the article whose id is `key`, or whose content hash "
                         "starts with it (6+ characters). 409 when the key names several articles: the error "
                         "lists them as `candidates`.")
    async def article(request: Request, key: str) -> Response:
        def lookup() -> bytes | list[dict]:
            """The stored record (the JSON answer), or the articles the key names when not exactly one."""
            candidates = queries.article_candidates(query, key)
            record = queries.article_record(query, candidates[0]["content_hash"]) if len(candidates) == 1 else None
            return record.encode() if record is not None else candidates

        # A stored record never changes, but a new article may make a short key name two: kept per generation.
        kept = (request.url.path, served.generation)
        record = records.peek(kept)
        if record is None:
            record = await in_worker(records.get, kept, lookup, lane="pages")
        if not isinstance(record, bytes) and len(record) <= 1:  # none, or deleted meanwhile
            raise HTTPException(404, f"no stored article with id or content hash {key[:80]!r}")
        if not isinstance(record, bytes):
            return JSONResponse(error_body(409, f"{key[:80]!r} names {len(record)} articles: use a longer "
                                                f"content-hash prefix", candidates=record), 409)
        return Response(record, media_type="application/json")  # the stored record is the JSON answer

    @app.get("/api/actors", response_model=models.ActorsPage, dependencies=read, responses=ERRORS)
    async def actors(request: Request, q: str | None = Query(None, description="code prefix or words of the name"),
               limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)) -> Response:
        return await cached(request, lambda: queries.actors_page(query, q, limit, offset))

    @app.get("/api/quotes", response_model=models.QuotesPage, dependencies=read, responses=ERRORS)
    async def quotes(request: Request,
               speaker: str | None = Query(None, description="speaker code prefix or words of the speaker"),
               q: str | None = Query(None, description="words of what was said"),
               limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)) -> Response:
        return await cached(request, lambda: queries.quotes_page(query, speaker, q, limit, offset))

    @app.get("/api/aggregates/counts", response_model=models.Counts, dependencies=read, responses=ERRORS)
    async def counts(request: Request, flt: EventFilter = Depends(event_filter),
               interval: str = Query("day", description="day, week or month"),
               by: str = Query("root", description="root, code, plover or dyad")) -> Response:
        def compute() -> bytes:
            items, total = queries.counts_json(query, served.backend, flt, interval, by)
            head = json_bytes({"interval": interval, "by": by, "total": total})
            return head[:-1] + b',"items":' + items.encode() + b"}"
        return await cached(request, compute)

    @app.get("/api/aggregates/top-actors", response_model=models.TopActors, dependencies=read, responses=ERRORS)
    async def top_actors(request: Request, flt: EventFilter = Depends(event_filter),
                   role: str = Query("any", description="source, target or any"),
                   limit: int = Query(20, ge=1, le=MAX_LIMIT)) -> Response:
        return await cached(request, lambda: {"role": role, "items": queries.top_actors(query, flt, role, limit)})

    @app.get("/api/aggregates/places", response_model=models.Places, dependencies=read, responses=ERRORS)
    async def places(request: Request, flt: EventFilter = Depends(event_filter),
               limit: int = Query(1000, ge=1, le=5000)) -> Response:
        return await cached(request, lambda: b'{"items":%s}' % queries.places_json(query, served.backend, flt,
                                                                                   limit).encode())

    @app.get("/api/network", response_model=models.Network, dependencies=read, responses=ERRORS)
    async def network(request: Request, flt: EventFilter = Depends(event_filter),
                min_weight: int = Query(1, ge=1), limit: int = Query(100, ge=1, le=2000)) -> Response:
        return await cached(request, lambda: queries.network(query, flt, min_weight, limit))

    @app.get("/api/schema", dependencies=read, responses=ERRORS)
    def schema() -> dict:
        """The published JSON Schema of the document record (`chronicle schema`)."""
        return json_schema()

    @app.get("/api/world", dependencies=read, responses=ERRORS)
    def world() -> Response:
        """Country outlines for the web app's map: GeoJSON, Natural Earth 1:110m, bundled (see serve/world.py)."""
        return Response(world_json(), media_type="application/json")

    @app.post("/api/articles", response_model=Document, dependencies=[Depends(writer)], status_code=201,
              responses={200: {"model": Document, "description": "processed, not stored (store=false), or "
                                                                  "already stored"}, **ERRORS})
    def post_article(body: models.ArticleIn,
                     store: bool = Query(True, description="false: process and return, store nothing")) -> Response:
        raw = _raw_article(body, allow_private)
        doc = served.process([raw])[0]
        added = served.write([doc])[0] if store else False
        return Response(doc.model_dump_json(), status_code=201 if added else 200, media_type="application/json")

    @app.post("/api/upload", response_model=models.JobAccepted, dependencies=[Depends(writer)], status_code=202,
              responses=ERRORS)
    async def upload(file: UploadFile = File(description="a file of any input type Chronicle reads")) -> dict:
        name = file.filename or ""
        if reader_for(Path(name)) is None:
            raise HTTPException(400, f"{name[:120]!r}: not a file type Chronicle reads (.txt, .html, .jsonl, .csv, "
                                     f".tsv, .parquet, .warc, .warc.gz, .rss, .atom)")
        path = jobs.upload_path(name)
        with path.open("wb") as out:
            while chunk := await file.read(1 << 20):
                out.write(chunk)
        try:
            job = jobs.submit(name, path)
        except QueueFull as exc:
            raise Busy(str(exc)) from None
        return {"job": job.id}

    @app.get("/api/jobs/{job_id}", response_model=models.Job, dependencies=read, responses=ERRORS)
    def job(job_id: str) -> dict:
        found = jobs.get(job_id)
        if found is None:
            raise HTTPException(404, f"no job {job_id[:40]!r}")
        return found.view()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        page = STATIC / "index.html"
        if not page.exists():
            raise HTTPException(404, "the web app is not installed (chronicle/serve/static/index.html)")
        return FileResponse(page, media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


def _raw_article(body: models.ArticleIn, allow_private: bool):
    """The raw article a POST describes: its text, or the page at its URL (through the SSRF guard)."""
    try:
        date = normalise_date(body.date)
    except ValueError as exc:
        raise HTTPException(400, f"date: {exc}") from None
    if body.text is not None:
        if not body.text.strip():
            raise HTTPException(400, "text: empty article text")
        raw = article_from_text(body.text, source=None, options=ReadOptions(date=date), default_id=None)
        return replace(raw, id=body.id or raw.id, title=body.title or raw.title, url=body.url or raw.url)
    if not body.url:
        raise HTTPException(400, "give the article's text, or a url to fetch")
    if not body.url.lower().startswith(("http://", "https://")):
        raise HTTPException(400, f"url: only http and https URLs can be fetched, got {body.url[:80]!r}")
    items = read_paths([body.url], options=ReadOptions(date=date, allow_private=allow_private))
    first = next(items, None)
    if isinstance(first, InputError) or first is None:
        raise HTTPException(400, f"url: {first.message if first else 'nothing to read'}")
    if next(items, None) is not None:
        raise HTTPException(400, "url: a feed of several articles; upload it, or post its entries' URLs one by one")
    return replace(first, id=body.id or first.id, title=body.title or first.title)

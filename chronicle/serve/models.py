"""The API's response shapes, so that /openapi.json documents every answer and the tests can check them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(Out):
    status: int
    message: str
    candidates: list[dict] | None = Field(None, description="the articles an ambiguous key names (409)")


class Error(Out):
    error: ErrorBody


class Health(Out):
    status: Literal["ok"]
    version: str
    store: str = Field(description="the store's address (no password)")
    backend: str
    counts: dict[str, int]
    warming: bool = Field(description="the server is still reading the newest events into memory (answers are "
                                      "right, some slower, until it is done)")


class EventRow(Out):
    content_hash: str
    n: int
    article_id: str | None
    article_title: str | None
    date: str | None = Field(description="the article's publication date")
    event_date: str | None = Field(description="TIMEX3 value of the event's own date")
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    code: str
    plover: str | None
    mode: str | None
    negated: bool
    modality: str
    background: bool | None = Field(None, description="named as the setting of another event; not counted")
    confidence: float
    trigger: str
    evidence: str
    evidence_start: int
    evidence_end: int
    place: str | None
    place_country: str | None
    lat: float | None
    lon: float | None


class Page(Out):
    total: int
    limit: int
    offset: int


class EventsPage(Page):
    items: list[EventRow]


class ArticleRow(Out):
    content_hash: str
    id: str | None
    title: str | None
    date: str | None
    url: str | None
    language: str | None
    events: int


class ArticlesPage(Page):
    items: list[ArticleRow]


class ActorRow(Out):
    code: str
    name: str | None
    country: str | None
    sector: str | None
    articles: int
    events: int


class ActorsPage(Page):
    items: list[ActorRow]


class QuoteRow(Out):
    content_hash: str
    n: int
    article_id: str | None
    kind: str
    speaker: str | None
    speaker_code: str | None
    cue: str | None
    content: str


class QuotesPage(Page):
    items: list[QuoteRow]


class CountRow(Out):
    period: str | None = Field(description="first day of the day, week (Monday) or month; null when undated")
    key: str
    count: int


class Counts(Out):
    interval: str
    by: str
    total: int = Field(description="events counted: the filtered total")
    items: list[CountRow]


class ActorCount(Out):
    code: str
    count: int


class TopActors(Out):
    role: str
    items: list[ActorCount]


class PlaceCount(Out):
    place: str | None
    country: str | None
    lat: float
    lon: float
    count: int


class Places(Out):
    items: list[PlaceCount]


class Node(Out):
    id: str
    count: int


class Edge(Out):
    source: str
    target: str
    weight: int
    codes: dict[str, int] = Field(description="events of the dyad per CAMEO root code")


class Network(Out):
    nodes: list[Node]
    edges: list[Edge]


class Job(Out):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    filename: str | None
    done: int
    total: int | None
    stored: int
    errors: list[str]


class JobAccepted(Out):
    job: str


class ArticleIn(BaseModel):
    """An article to process: its text (with optional date, title, URL), or a URL to fetch."""
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="the article text; header lines (Title:, Date:) are honoured")
    date: str | None = Field(None, description="publication date, YYYY-MM-DD")
    title: str | None = None
    url: str | None = Field(None, description="with no text: fetched (public addresses only, unless the server "
                                              "runs with --allow-private); with text: recorded as the source URL")
    id: str | None = None

"""The record types Chronicle produces, defined once.

Every record that comes from the text carries a span (`start`, `end`, `text`)
into the *original* input text: `text == document.text[start:end]`, end
exclusive. `chronicle schema` publishes these models as JSON Schema.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    start: int = Field(ge=0, description="character offset into the original text")
    end: int = Field(ge=0, description="end offset, exclusive")
    text: str


class Entity(Span):
    label: str = Field(description="PERSON, ORG, GPE, LOC, NORP, MONEY, QUANTITY, CARDINAL, DATE, TIME, "
                                   "MILITARY_PLATFORM, WEAPON or VEHICLE")
    origin: Literal["model", "knowledge"] = Field(
        description="'knowledge' when the entity ruler matched a knowledge file entry")
    mention: Literal["name", "nominal", "pronoun", "value"] = Field(
        "name", description="a proper name, a description ('the village', 'ground forces'), a pronoun, "
                            "or a date, time or number")
    actor: str | None = Field(None, description="code of the actor this mention resolves to")


class Actor(Record):
    code: str = Field(description="CAMEO-style code: ISO3 (or IGO/IMG/NGO prefix) plus sector codes")
    name: str
    country: str | None = None
    sector: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class ActorRef(Span):
    """An actor as it takes part in an event: its code plus the mention."""
    code: str
    name: str
    via: str | None = Field(None, description="how the mention was resolved when it does not name the actor "
                                              "itself: 'pronoun', 'description', 'speaker', 'place', 'agent', 'earlier event'")


class Event(Record):
    source: ActorRef | None
    target: ActorRef | None
    code: str = Field(description="CAMEO event code")
    plover: str | None = Field(None, description="PLOVER event type")
    mode: str | None = Field(None, description="PLOVER mode")
    trigger: Span = Field(description="the word or phrase that expresses the action")
    pattern: str | None = Field(None, description="the knowledge-file pattern that matched, e.g. "
                                                  "'verb: accuse (verbs/10-20.yaml)'")
    negated: bool = False
    modality: Literal["asserted", "future", "planned", "hypothetical", "reported"] = "asserted"
    background: bool = Field(False, description="true when the sentence names the event as the setting of another "
                                                "event it reports (in a relative clause, an 'after' or 'since' "
                                                "clause, an 'over' phrase); such mentions are not counted")
    evidence: list[Span] = Field(description="sentence(s) that support the event")
    confidence: float = Field(ge=0.0, le=1.0)
    location: Place | None = Field(None, description="where it happened: the place its sentence attaches to it, "
                                                     "else the article's focus place (location_inferred)")
    location_inferred: bool = Field(False, description="true when the location is the article's focus place")
    location_precision: Literal["city", "region", "country"] | None = None
    date: Time | None = Field(None, description="the event's own time expression, when its sentence has one")
    date_value: str | None = Field(None, description="TIMEX3 value of the event's date: its own time expression's, "
                                                     "else the publication date (date_inferred)")
    date_inferred: bool = Field(False, description="true when date_value is the publication date")
    date_precision: Literal["time", "day", "week", "month", "year", "other"] | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list, description="counts of people killed, injured or displaced")
    attributed_to: list[ActorRef] = Field(default_factory=list,
                                          description="speaker and outlets when the event is reported speech")
    why: list[str] = Field(default_factory=list, description="how the coder reached this event, step by step")

    def coded(self) -> dict:
        """The sentence-level coding format of the event gold sets: actors as code strings."""
        return {"source": self.source.code if self.source else "", "target": self.target.code if self.target else "",
                "code": self.code, "plover": self.plover, "mode": self.mode, "negated": self.negated,
                "modality": self.modality, "background": self.background,
                "evidence": [span.model_dump() for span in self.evidence],
                "confidence": self.confidence}


class Quote(Record):
    speaker: ActorRef | Span | None
    cue: Span | None
    content: Span
    kind: Literal["direct", "indirect"]
    via: list[ActorRef | Span] = Field(default_factory=list)


class Place(Span):
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    kind: str | None = Field(None, description="country, continent, city, region, area, water or landmark")
    literal: bool = Field(True, description="false when the name stands for its government, people or team, or "
                                            "modifies a noun ('Moscow said', 'U.S. officials'): a place name, "
                                            "but not where something happened")


class Time(Span):
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = Field(None, description="TIMEX3 value, resolved against the publication date")


class Quantity(Span):
    value: float | None = None
    unit: str | None = Field(None, description="currency code or the thing counted")
    approx: bool = False


class Casualty(Quantity):
    kind: Literal["killed", "injured", "displaced"]


class Document(Record):
    id: str
    title: str | None = None
    date: str | None = Field(None, description="publication date, YYYY-MM-DD")
    url: str | None = None
    source: str | None = Field(None, description="file (and line) the article came from")
    language: str | None = Field(None, description="ISO 639-1 code of the article's detected language; None when "
                                                   "the text is too short or unclear to tell. Articles in another "
                                                   "language than English are stored but not coded (no records)")
    content_hash: str
    duplicate_of: str | None = Field(None, description="content hash of the first article of the story this "
                                                       "article copies with small edits (a near-duplicate); None "
                                                       "when it starts a story. Set when the article is stored")
    text: str = Field(description="the original input text all spans index")
    body: list[Span] = Field(default_factory=list, description="paragraphs kept for NLP")
    furniture: list[Span] = Field(default_factory=list, description="page furniture removed before NLP")
    captions: list[Span] = Field(default_factory=list, description="photo captions, kept apart from the story")
    entities: list[Entity] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    schema_version: str = SCHEMA_VERSION


Event.model_rebuild()

RECORD_TYPES = {
    "document": Document, "entity": Entity, "actor": Actor, "event": Event,
    "quote": Quote, "place": Place, "time": Time, "quantity": Quantity, "casualty": Casualty,
}


def json_schema() -> dict:
    """The published schema: the document record, which nests all the others."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Chronicle document record"
    return schema

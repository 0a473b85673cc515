"""`chronicle serve`: the real server (a `chronicle serve` subprocess on loopback) over a store of the samples.

Every filter is checked against the events computed here from the full list: the filtered total is the
number of events that satisfy it, and every returned row satisfies it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import queue
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel

from chronicle.cli import main
from chronicle.ingest import RawArticle, read_paths
from chronicle.pipeline import process_many
from chronicle.records import Document
from chronicle.serve import models
from chronicle.store import Store
from chronicle.store import queries
from chronicle.store.inuse import marker_path
from chronicle.store.queries import EventFilter
from tests.conftest import ROOT, SAMPLES
from tests import test_store

TOKEN = "test-token-for-chronicle-serve"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>"
pg = test_store.pg  # the fixture: a fresh schema on $CHRONICLE_TEST_PG, else a skip
INJECTIONS = ["' OR 1=1 --", "%", "_", "!", "!%", ";DROP TABLE events", "\" OR \"\"=\"", "RUS' --",
              "Ĳ̈́𝔘 ünïcödé ☃", "\\", "?", "%s", "x" * 5000]


class Server:
    def __init__(self, db: Path, host: str = "127.0.0.1", token: str | None = TOKEN, *extra: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("CHRONICLE_TOKEN", None)
        if token:
            env["CHRONICLE_TOKEN"] = token
        self.proc = subprocess.Popen([sys.executable, "-m", "chronicle.cli", "serve", "--db", str(db), "--host", host,
                                      "--port", "0", *extra], env=env, stderr=subprocess.PIPE, text=True)
        # A thread drains stderr into a queue: the server never blocks on a full pipe, and lines are not
        # lost in a read buffer.
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._drain, daemon=True).start()
        self.lines = [self._line(), self._line()]
        self.url = re.search(r" at (http://\S+?)/ ", self.lines[0]).group(1).replace("0.0.0.0", "127.0.0.1")
        self.client = httpx.Client(base_url=self.url, timeout=120)

    def _drain(self) -> None:
        for line in self.proc.stderr:
            self._lines.put(line)
        self._lines.put("")

    def _line(self) -> str:
        try:
            line = self._lines.get(timeout=90)
        except queue.Empty:
            self.stop()
            raise AssertionError("the server did not start in 90 s") from None
        assert line, f"the server stopped: exit status {self.proc.wait()}"
        return line

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def sample_docs() -> list[Document]:
    return list(process_many([r for r in read_paths([SAMPLES]) if isinstance(r, RawArticle)]))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, sample_docs) -> Path:
    path = tmp_path_factory.mktemp("serve") / "samples.duckdb"
    with Store(str(path)) as store:
        store.add_many(sample_docs)
    return path


@pytest.fixture(scope="module")
def server(store_path: Path):
    srv = Server(store_path)
    yield srv
    srv.client.close()
    srv.stop()


@pytest.fixture(scope="module")
def api(server: Server) -> httpx.Client:
    return server.client


@pytest.fixture(scope="module")
def all_events(api) -> list[dict]:
    body = api.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == len(body["items"]) > 50
    return body["items"]


def ok(response: httpx.Response, model: type[BaseModel] | None = None) -> dict:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    if model is not None:
        model.model_validate(body)  # the response model /openapi.json publishes; extra fields are refused
    return body


def error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]["message"]


def _monday(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return (d - dt.timedelta(days=d.weekday())).isoformat()


# Each filter: a value to try, and whether an event row satisfies the filter with a given value.
FILTERS = {
    "actor": ("RUS", lambda e, v: any((c or "").startswith(v.upper()) for c in (e["source_code"], e["target_code"]))),
    "source": ("SYR", lambda e, v: (e["source_code"] or "").startswith(v.upper())),
    "target": ("KEN", lambda e, v: (e["target_code"] or "").startswith(v.upper())),
    "country": ("SYR", lambda e, v: v.upper() in ((e["source_code"] or "")[:3], (e["target_code"] or "")[:3],
                                                   e["place_country"])),
    "code": ("19", lambda e, v: e["code"].startswith(v)),
    "plover": ("assault", lambda e, v: (e["plover"] or "").lower() == v.lower()),
    "since": ("2020-01-01", lambda e, v: e["date"] is not None and e["date"] >= v),
    "until": ("2020-01-01", lambda e, v: e["date"] is not None and e["date"] <= v),
    "event_since": ("2020-01-01", lambda e, v: e["event_date"] is not None and e["event_date"] >= v),
    "place": ("Idlib", lambda e, v: (e["place"] or "").lower() == v.lower() or e["place_country"] == v.upper()),
    "bbox": ("30,10,50,40", lambda e, v: e["lat"] is not None and 10 <= e["lat"] <= 40 and 30 <= e["lon"] <= 50),
    "negated": ("true", lambda e, v: e["negated"] is (v == "true")),
    "modality": ("future", lambda e, v: e["modality"] == v),
    "background": ("true", lambda e, v: e["background"] is (v == "true")),
    "q": ("said", lambda e, v: v.lower() in e["evidence"].lower()),
    "article": ("01-airstrikes-idlib", lambda e, v: e["article_id"] == v or e["content_hash"].startswith(v.lower())),
}


def test_health_counts_and_headers(api):
    body = ok(api.get("/api/health"), models.Health)
    assert body["status"] == "ok" and body["backend"] == "duckdb"
    assert body["counts"]["articles"] >= 13 and body["counts"]["events"] > 0
    headers = api.get("/api/health").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"


def test_openapi_documents_every_endpoint_and_docs_are_off(api):
    spec = ok(api.get("/openapi.json"))
    for path in ("/api/health", "/api/events", "/api/articles", "/api/articles/{key}", "/api/actors", "/api/quotes",
                 "/api/aggregates/counts", "/api/aggregates/top-actors", "/api/aggregates/places", "/api/network",
                 "/api/upload", "/api/jobs/{job_id}", "/api/schema"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert set(FILTERS) | {"limit", "offset", "sort"} <= params
    assert "EventsPage" in spec["components"]["schemas"]
    for page in ("/docs", "/redoc"):  # they would load Swagger UI from a CDN
        error(api.get(page), 404)
    assert ok(api.get("/api/schema"))["title"] == "Chronicle document record"


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_each_event_filter_keeps_exactly_the_matching_events(api, all_events, name):
    value, matches = FILTERS[name]
    expected = [e for e in all_events if matches(e, value)]
    body = ok(api.get("/api/events", params={name: value, "limit": 500}), models.EventsPage)
    assert body["total"] == len(body["items"]) == len(expected)
    assert {(e["content_hash"], e["n"]) for e in body["items"]} == {(e["content_hash"], e["n"]) for e in expected}


def test_pages_from_memory_once_warm_are_the_stores(api, all_events):
    # Once the server has read the events into memory, pages are answered from its index on the event
    # loop (no worker thread, no query): they must be the same pages.
    deadline = time.monotonic() + 60
    while ok(api.get("/api/health"))["warming"] and time.monotonic() < deadline:
        time.sleep(0.1)
    for name in ("country", "code", "actor", "since"):
        value, matches = FILTERS[name]
        expected = [e for e in all_events if matches(e, value)]
        body = ok(api.get("/api/events", params={name: value, "limit": 500, "sort": "-code"}), models.EventsPage)
        assert body["total"] == len(body["items"]) == len(expected) > 0, name
        assert [e["code"] for e in body["items"]] == sorted((e["code"] for e in expected), reverse=True)
        assert {(e["content_hash"], e["n"]) for e in body["items"]} == {(e["content_hash"], e["n"]) for e in expected}


def test_filters_combine_and_the_samples_exercise_them(api, all_events):
    # The filters above must not pass by matching nothing or everything on these samples.
    for name, (value, matches) in FILTERS.items():
        n = sum(matches(e, value) for e in all_events)
        if name not in ("negated", "modality", "background", "event_since"):
            assert 0 < n < len(all_events), name
    params = {"country": "SYR", "code": "1", "negated": "false"}
    expected = [e for e in all_events if all(FILTERS[k][1](e, v) for k, v in params.items())]
    body = ok(api.get("/api/events", params={**params, "limit": 500}))
    assert body["total"] == len(expected) and len(expected) > 0


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_injection_strings_in_every_filter(api, all_events, name):
    _, matches = FILTERS[name]
    for value in INJECTIONS:
        response = api.get("/api/events", params={name: value, "limit": 500})
        if response.status_code == 400:  # dates, boxes, countries, flags and modalities are checked first
            assert name in error(response, 400)
            continue
        if response.status_code == 422:
            assert name in ("negated", "background"), response.text  # booleans: FastAPI's own check
            continue
        body = ok(response, models.EventsPage)
        assert body["total"] == sum(matches(e, value) for e in all_events), (name, value)
        assert all(matches(e, value) for e in body["items"])


def test_injection_strings_in_the_other_lists(api, all_events):
    lists = {path: ok(api.get(path, params={"limit": 500}))["items"]
             for path in ("/api/articles", "/api/actors", "/api/quotes")}
    others = [("/api/articles", "q", lambda a, v: any(v.lower() in (a[k] or "").lower() for k in ("title", "id", "url"))),
              ("/api/actors", "q", lambda a, v: a["code"].startswith(v.upper()) or v.lower() in (a["name"] or "").lower()),
              ("/api/quotes", "speaker", lambda q, v: (q["speaker_code"] or "").startswith(v.upper())
               or v.lower() in (q["speaker"] or "").lower()),
              ("/api/quotes", "q", lambda q, v: v.lower() in q["content"].lower())]
    for path, param, matches in others:
        for value in INJECTIONS:
            body = ok(api.get(path, params={param: value, "limit": 500}))
            assert body["total"] == sum(matches(row, value) for row in lists[path]), (path, param, value)
    assert ok(api.get("/api/health"))["counts"]["events"] >= len(all_events)  # nothing dropped


def test_paging_and_sorting(api, all_events):
    for sort, key, reverse in (("date", "date", False), ("-date", "date", True), ("code", "code", False),
                               ("-code", "code", True), ("confidence", "confidence", False),
                               ("-confidence", "confidence", True)):
        pages, offset = [], 0
        while True:
            body = ok(api.get("/api/events", params={"sort": sort, "limit": 17, "offset": offset}))
            assert body["limit"] == 17 and body["offset"] == offset
            pages += body["items"]
            offset += 17
            if offset >= body["total"]:
                break
        assert len(pages) == len(all_events)
        assert len({(e["content_hash"], e["n"]) for e in pages}) == len(all_events)  # no overlap, nothing skipped
        values = [e[key] for e in pages if e[key] is not None]
        assert values == sorted(values, reverse=reverse), sort
    assert "sort" in error(api.get("/api/events", params={"sort": "date; DROP TABLE events"}), 400)
    error(api.get("/api/events", params={"limit": 501}), 422)
    error(api.get("/api/events", params={"offset": -1}), 422)
    assert ok(api.get("/api/events", params={"offset": 10_000}))["items"] == []


@pytest.mark.parametrize("interval", ["day", "week", "month"])
@pytest.mark.parametrize("by", ["root", "code", "plover", "dyad"])
def test_counts_add_up_to_the_filtered_events(api, all_events, interval, by):
    params = {"interval": interval, "by": by, "until": "2023-12-31"}
    body = ok(api.get("/api/aggregates/counts", params=params), models.Counts)
    events = [e for e in all_events if FILTERS["until"][1](e, "2023-12-31")]
    period = {"day": lambda d: d, "week": _monday, "month": lambda d: d[:7] + "-01"}[interval]
    key = {"root": lambda e: e["code"][:2], "code": lambda e: e["code"], "plover": lambda e: e["plover"] or "-",
           "dyad": lambda e: f"{e['source_code'] or '-'}>{e['target_code'] or '-'}"}[by]
    expected = Counter((period(e["date"]) if e["date"] else None, key(e)) for e in events)
    assert {(i["period"], i["key"]): i["count"] for i in body["items"]} == dict(expected)
    assert body["total"] == sum(i["count"] for i in body["items"]) == len(events)
    assert "interval" in error(api.get("/api/aggregates/counts", params={"interval": "year"}), 400)


def test_top_actors_places_and_network(api, all_events):
    for role in ("source", "target", "any"):
        counted = Counter(e[f"{r}_code"] for e in all_events for r in ("source", "target")
                          if role in (r, "any") and e[f"{r}_code"])
        body = ok(api.get("/api/aggregates/top-actors", params={"role": role, "limit": 5}), models.TopActors)
        assert [i["count"] for i in body["items"]] == sorted(counted.values(), reverse=True)[:5]
        assert all(counted[i["code"]] == i["count"] for i in body["items"])
    located = Counter((e["place"], e["place_country"], e["lat"], e["lon"]) for e in all_events if e["lat"] is not None)
    body = ok(api.get("/api/aggregates/places"), models.Places)
    assert {(i["place"], i["country"], i["lat"], i["lon"]): i["count"] for i in body["items"]} == dict(located)

    dyads = Counter((e["source_code"], e["target_code"]) for e in all_events if e["source_code"] and e["target_code"])
    body = ok(api.get("/api/network", params={"limit": 1000}), models.Network)
    assert {(x["source"], x["target"]): x["weight"] for x in body["edges"]} == dict(dyads)
    for edge in body["edges"]:
        assert sum(edge["codes"].values()) == edge["weight"]
    nodes = {n["id"]: n["count"] for n in body["nodes"]}
    assert set(nodes) == {c for pair in dyads for c in pair}
    heavy = ok(api.get("/api/network", params={"min_weight": 2, "limit": 3}))
    assert len(heavy["edges"]) == min(3, sum(1 for w in dyads.values() if w >= 2))
    assert all(x["weight"] >= 2 for x in heavy["edges"])
    assert [x["weight"] for x in heavy["edges"]] == sorted(dyads.values(), reverse=True)[:len(heavy["edges"])]


def test_articles_and_their_records(api, all_events):
    body = ok(api.get("/api/articles", params={"limit": 500}), models.ArticlesPage)
    assert body["total"] == len(body["items"]) >= 13
    per_article = Counter(e["content_hash"] for e in all_events)
    for item in body["items"]:
        assert item["events"] == per_article[item["content_hash"]]
    item = next(i for i in body["items"] if i["events"] > 0)
    for key in (item["content_hash"], item["content_hash"][:8], item["id"]):
        response = api.get(f"/api/articles/{key}")
        assert response.headers["content-type"].startswith("application/json")
        doc = Document.model_validate(ok(response))  # the published record schema (jsonschema is not installed)
        assert doc.content_hash == item["content_hash"] and len(doc.events) == item["events"]
        for event in doc.events:
            assert doc.text[event.trigger.start:event.trigger.end] == event.trigger.text
    found = ok(api.get("/api/articles", params={"q": item["title"][:12].lower()}))
    assert item["content_hash"] in {i["content_hash"] for i in found["items"]}
    assert all(item["title"][:12].lower() in (i["title"] or "").lower() + (i["id"] or "") + (i["url"] or "")
               for i in found["items"])
    assert "no stored article" in error(api.get("/api/articles/ffffffffffff"), 404)
    error(api.get("/api/articles/" + item["content_hash"][:5]), 404)  # too short to be a prefix


def test_actors_and_quotes(api):
    body = ok(api.get("/api/actors", params={"limit": 500}), models.ActorsPage)
    assert body["total"] == len(body["items"]) > 10
    some = ok(api.get("/api/actors", params={"q": "syr"}), models.ActorsPage)
    assert some["total"] > 0
    assert all(a["code"].startswith("SYR") or "syr" in (a["name"] or "").lower() for a in some["items"])
    quotes = ok(api.get("/api/quotes", params={"limit": 500}), models.QuotesPage)
    assert quotes["total"] == len(quotes["items"]) > 10
    speaker = next(q["speaker_code"] for q in quotes["items"] if q["speaker_code"])
    body = ok(api.get("/api/quotes", params={"speaker": speaker, "limit": 500}), models.QuotesPage)
    assert body["total"] >= 1 and all((q["speaker_code"] or "").startswith(speaker)
                                      or speaker.lower() in (q["speaker"] or "").lower() for q in body["items"])
    word = quotes["items"][0]["content"].split()[0]
    body = ok(api.get("/api/quotes", params={"q": word, "limit": 500}))
    assert body["total"] == sum(word.lower() in q["content"].lower() for q in quotes["items"])


def test_write_endpoints_need_the_token(api):
    article = {"text": "Kenya's president met Ethiopia's prime minister in Nairobi on Monday.", "date": "2021-03-01"}
    assert "token" in error(api.post("/api/articles", json=article), 401)
    error(api.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}), 401)
    error(api.post("/api/upload", files={"file": ("a.txt", b"Some text.")}), 401)
    body = api.post("/api/articles", params={"store": "false"}, json=article, headers={"X-Chronicle-Token": TOKEN})
    assert body.status_code == 200, body.text
    doc = Document.model_validate(body.json())
    error(api.get(f"/api/articles/{doc.content_hash}"), 404)  # store=false stores nothing


def test_untrusted_text_round_trips_as_json(api):
    text = (f"Title: Rebels shell {PAYLOAD} town\n\nRussian warplanes bombed rebel positions near Aleppo on Friday, "
            f"the Syrian army said. {PAYLOAD}\n")
    first = api.post("/api/articles", json={"text": text, "date": "2016-02-05"}, headers=AUTH)
    assert first.status_code == 201, first.text
    again = api.post("/api/articles", json={"text": text, "date": "2016-02-05"}, headers=AUTH)
    assert again.status_code == 200  # already stored: nothing duplicated
    doc = Document.model_validate(first.json())
    response = api.get(f"/api/articles/{doc.content_hash}")
    assert response.headers["content-type"] == "application/json"
    stored = response.json()
    assert stored["text"] == text and PAYLOAD in stored["title"]
    assert ok(api.get("/api/articles", params={"q": "<script>"}))["items"][0]["title"] == stored["title"]
    assert sum(1 for i in ok(api.get("/api/articles", params={"limit": 500}))["items"]
               if i["content_hash"] == doc.content_hash) == 1
    if stored["events"]:
        rows = ok(api.get("/api/events", params={"article": doc.content_hash}))["items"]
        assert rows and all(r["article_title"] == stored["title"] for r in rows)


def test_bad_posts_get_clear_errors(api, server):
    assert "date" in error(api.post("/api/articles", json={"text": "x y z", "date": "tomorrow"}, headers=AUTH), 400)
    error(api.post("/api/articles", json={"date": "2020-01-01"}, headers=AUTH), 400)
    error(api.post("/api/articles", json={"text": "   "}, headers=AUTH), 400)
    error(api.post("/api/articles", json={"text": 5}, headers=AUTH), 422)
    error(api.post("/api/articles", content=b"{not json", headers={**AUTH, "content-type": "application/json"}), 422)
    message = error(api.post("/api/articles", json={"url": f"{server.url}/api/health"}, headers=AUTH), 400)
    assert "loopback" in message and "--allow-private" in message  # the SSRF guard
    assert "http" in error(api.post("/api/articles", json={"url": "file:///etc/passwd"}, headers=AUTH), 400)
    big = {"text": "a " * (3 * 1024 * 1024)}  # over 5 MiB of JSON
    assert "limit" in error(api.post("/api/articles", json=big, headers=AUTH), 413)

    def chunks():  # no Content-Length: the limit applies to the streamed body
        for _ in range(6):
            yield b" " * (1024 * 1024)
    error(api.post("/api/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"}), 413)
    upload_headers = {**AUTH, "content-type": "multipart/form-data; boundary=x", "content-length": str(51 * 2**20)}
    error(api.post("/api/upload", headers=upload_headers, content=(b"x" * 2**20 for _ in range(51))), 413)
    assert "file type" in error(api.post("/api/upload", files={"file": ("a.exe", b"MZ")}, headers=AUTH), 400)
    error(api.get("/api/jobs/nope"), 404)
    ok(api.get("/api/health"))  # the server is still up


def test_upload_reports_progress_and_stores(api):
    lines = [{"id": "upload-dup", "date": "2021-05-0%d" % i, "text": text} for i, text in enumerate((
        "Israeli aircraft struck Hamas positions in Gaza on Tuesday, the army said.",
        "Turkish forces shelled Kurdish militia positions in northern Syria, officials said."), start=1)]
    data = "".join(json.dumps(line) + "\n" for line in lines).encode() + b"not json\n"
    response = api.post("/api/upload", files={"file": ("batch.jsonl", data)}, headers=AUTH)
    assert response.status_code == 202, response.text
    job_id = models.JobAccepted.model_validate(response.json()).job
    seen, deadline = set(), time.monotonic() + 120
    while True:
        job = ok(api.get(f"/api/jobs/{job_id}"), models.Job)
        seen.add(job["status"])
        # Readers meanwhile see whole articles only: the event count listed is the record's.
        for item in ok(api.get("/api/articles", params={"q": "upload-dup"}))["items"]:
            record = ok(api.get(f"/api/articles/{item['content_hash']}"))
            assert len(record["events"]) == item["events"]
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert job["status"] == "done", job
    assert job["total"] == job["done"] == 2 and job["stored"] == 2
    assert len(job["errors"]) == 1 and "batch.jsonl" in job["errors"][0] and "/tmp" not in job["errors"][0]
    # The same listing as while polling: a write makes the server's cached answers stale.
    assert ok(api.get("/api/articles", params={"q": "upload-dup"}))["total"] == 2
    # The two articles share an id: the id is ambiguous, each content hash is not.
    body = api.get("/api/articles/upload-dup")
    assert "2 articles" in error(body, 409)
    candidates = body.json()["error"]["candidates"]
    assert len(candidates) == 2
    for c in candidates:
        assert ok(api.get(f"/api/articles/{c['content_hash'][:10]}"))["id"] == "upload-dup"


def test_cli_is_told_the_store_is_served(cli, store_path, server):
    marker = json.loads(marker_path(store_path).read_text())
    assert marker["pid"] == server.proc.pid and marker["url"] == server.url
    for args in (["events", "--db", str(store_path)], ["run", str(SAMPLES / "01-airstrikes-idlib.txt"), "--db",
                                                        str(store_path)]):
        result = cli.runner.invoke(main, args)
        assert result.exit_code == 1
        assert f"in use by `chronicle serve` (pid {server.proc.pid}, {server.url})" in result.output
        assert "POST /api/articles" in result.output


def test_a_stale_marker_is_ignored(tmp_path):
    db = tmp_path / "stale.duckdb"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    marker_path(db).write_text(json.dumps({"pid": gone.pid, "url": "http://127.0.0.1:1"}))
    with Store(str(db)) as store:
        assert store.count() == 0


def test_other_hosts_need_the_token_to_read(tmp_path):
    srv = Server(tmp_path / "open.duckdb", "0.0.0.0", None)
    try:
        token = re.search(r"#token=(\S+)", srv.lines[1]).group(1)  # made up and printed once
        assert "token" in error(srv.client.get("/api/events"), 401)
        body = ok(srv.client.get("/api/events", headers={"Authorization": f"Bearer {token}"}), models.EventsPage)
        assert body["total"] == 0
        assert "token" in error(srv.client.get("/api/events"), 401)  # a kept answer is no way around the token
        ok(srv.client.get("/api/health", headers={"X-Chronicle-Token": token}))
    finally:
        srv.client.close()
        srv.stop()
    assert not marker_path(tmp_path / "open.duckdb").exists()  # removed on shutdown


def test_queries_answer_alike_on_both_backends(sample_docs, tmp_path, pg):
    """The API's queries are plain SQL both backends run: the same store gives the same answers."""
    answers = {}
    for backend, db in (("duckdb", str(tmp_path / "alike.duckdb")), ("postgres", pg)):
        with Store(db) as store:
            store.add_many(sample_docs)
            q = store._query
            flts = [EventFilter(**{name: (value == "true") if name == "negated" else value})
                    for name, (value, _) in FILTERS.items()] + [EventFilter()]
            answers[backend] = (
                [queries.events_page(q, flt, 500) for flt in flts],
                [queries.events_page(q, EventFilter(), 20, 10, sort) for sort in queries.SORTS],
                [queries.counts(q, flts[-1], interval, by) for interval in queries.INTERVALS for by in queries.GROUPINGS],
                [queries.top_actors(q, flt, role) for flt in flts[:3] for role in queries.ROLES],
                [queries.places(q, flt) for flt in flts], [queries.network(q, flt) for flt in flts],
                queries.articles_page(q, None, 500), queries.articles_page(q, "the"),
                queries.actors_page(q, None, 500), queries.actors_page(q, "gov"),
                queries.quotes_page(q, None, None, 500), queries.quotes_page(q, "gov", "the"),
                queries.article_candidates(q, sample_docs[0].id), queries.newest_event_rows(q, 40),
                [(json.loads(items), total) for items, total in
                 (queries.counts_json(q, backend, flt, interval, by) for flt in (flts[0], flts[-1])
                  for interval in queries.INTERVALS for by in queries.GROUPINGS)])
            # The counts the database writes as JSON are those `counts` gives, in the same order.
            by_python = [(c, sum(i["count"] for i in c)) for c in
                         (queries.counts(q, flt, interval, by) for flt in (flts[0], flts[-1])
                          for interval in queries.INTERVALS for by in queries.GROUPINGS)]
            assert answers[backend][-1] == by_python
            assert [json.loads(queries.places_json(q, backend, flt)) for flt in flts] == answers[backend][4]
    assert answers["duckdb"] == answers["postgres"]
    assert answers["duckdb"][0][-1]["total"] == sum(len(d.events) for d in sample_docs)


def test_run_posts_to_the_server(cli, server, api, monkeypatch, tmp_path):
    path = tmp_path / "via-server.txt"
    path.write_text("Title: Talks in Nairobi\nDate: 2021-03-01\n\n"
                    "Kenya's president met Ethiopia's prime minister in Nairobi on Monday.\n", encoding="utf-8")
    monkeypatch.setenv("CHRONICLE_TOKEN", "wrong")
    refused = cli.runner.invoke(main, ["run", str(path), "--server", server.url])
    assert refused.exit_code == 1 and "refused the token" in refused.output
    monkeypatch.setenv("CHRONICLE_TOKEN", TOKEN)
    runs = [cli.runner.invoke(main, ["run", str(path), "--server", server.url, "--format", "jsonl"]) for _ in "ab"]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    assert "1 stored, 0 already stored" in runs[0].output and "0 stored, 1 already stored" in runs[1].output
    doc = Document.model_validate_json(next(line for line in runs[0].output.splitlines() if line.startswith("{")))
    stored = ok(api.get(f"/api/articles/{doc.content_hash}"))
    assert stored["title"] == "Talks in Nairobi" and stored["date"] == "2021-03-01" and stored["text"] == doc.text


def test_answer_cache_keeps_recent_answers_within_its_byte_budget():
    from chronicle.serve.cache import AnswerCache

    computed: list[str] = []

    def answer(name: str, size: int):
        def compute() -> bytes:
            computed.append(name)
            return name.encode() * size
        return compute

    cache = AnswerCache(size=10, max_bytes=250)
    assert cache.get(("a",), answer("a", 100)) == b"a" * 100
    assert cache.get(("b",), answer("b", 100)) == b"b" * 100
    assert cache.get(("a",), answer("a", 100)) == b"a" * 100  # kept: not computed again, and now the newest
    assert computed == ["a", "b"]
    cache.get(("c",), answer("c", 100))  # 300 bytes: the oldest answer (b) goes
    cache.get(("a",), answer("a", 100))
    cache.get(("b",), answer("b", 100))
    assert computed == ["a", "b", "c", "b"]
    # An answer bigger than the whole budget is still given, and kept alone until the next one.
    assert cache.get(("d",), answer("d", 1000)) == b"d" * 1000
    cache.get(("d",), answer("d", 1000))
    assert computed == ["a", "b", "c", "b", "d"]
    cache.get(("c",), answer("c", 10))
    cache.get(("d",), answer("d", 1000))
    assert computed == ["a", "b", "c", "b", "d", "c", "d"]


def test_answers_on_a_kept_alive_connection_are_not_held_back():
    """The server's sockets send small writes at once (TCP_NODELAY): with Nagle's algorithm on, a keep-alive
    client waits for its delayed ACK (~40 ms) between an answer's headers and its body."""
    from chronicle.cli_serve import _listen

    listener = _listen("127.0.0.1", 0)
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    try:
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        for s in (accepted, client, listener):
            s.close()


def test_event_rows_are_read_once_and_pages_keep_their_order(sample_docs, tmp_path):
    from chronicle.serve.state import ServedStore

    db = tmp_path / "rows.duckdb"
    with Store(str(db)) as store:
        store.add_many(sample_docs)
    served = ServedStore(str(db))
    try:
        sql: list[str] = []
        query = served.query

        def counted(text, args=()):
            sql.append(text)
            return query(text, args)

        served.query = counted
        keys = queries.event_keys(counted, EventFilter(), limit=30, offset=5, sort="-confidence")
        expected = queries.events_page(counted, EventFilter(), limit=30, offset=5, sort="-confidence")["items"]
        sql.clear()
        assert served.kept_event_json(keys) is None  # not read yet: the caller must query
        first = [json.loads(row) for row in served.event_json(keys)]
        assert [json.loads(row) for row in served.kept_event_json(keys)] == first
        assert first == expected and len(first) == 30
        assert sum("FROM events" in s for s in sql) == 1
        sql.clear()
        again = [json.loads(row) for row in served.event_json(list(reversed(keys)))]
        assert again == list(reversed(expected)) and sql == []  # all from memory
    finally:
        served.close()
    # A server starting up reads the newest events into memory: their pages need no row queries.
    warmed = ServedStore(str(db))
    try:
        assert not warmed.warmed.is_set()
        warmed.warm()
        assert warmed.warmed.is_set()
        query = warmed.query
        warmed.query = counted
        sql.clear()
        assert [json.loads(row) for row in warmed.event_json(keys)] == expected and sql == []
    finally:
        warmed.query = query
        warmed.close()


def test_a_kept_answer_is_the_answer_with_the_same_headers(api):
    params = {"code": "19", "sort": "code", "limit": 7}
    first, again = api.get("/api/events", params=params), api.get("/api/events", params=params)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    for name in ("content-type", "content-length", "content-security-policy", "x-content-type-options"):
        assert first.headers[name] == again.headers[name]
    # parameters in another order name the same answer; a bad one is still refused
    assert api.get("/api/events", params=dict(reversed(list(params.items())))).content == first.content
    assert api.get("/api/events", params={**params, "country": "Russia"}).status_code == 400

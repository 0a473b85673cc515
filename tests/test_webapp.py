"""The web app in a real browser: headless Chromium (Debian's package) driven by Playwright, against the real
server (`chronicle serve` in a subprocess on a loopback port) over a store of the bundled samples plus an
article whose text carries script and markup.

Every page is loaded with no console errors and no request leaving 127.0.0.1. Screenshots go to
$CHRONICLE_ARTIFACTS (else the test's tmp_path).
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                               "(apt-get install chromium chromium-driver)")
# Without the background-networking flags Chromium tries to reach Google's services, refused on a closed network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "webapp-test-token"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
PAYLOAD_ARTICLE = ("Title: Markup inside an article\nDate: 2024-05-02\n\n"
                   "Russian warplanes bombed Islamic State targets near Raqqa on Friday, the defence ministry said. "
                   f"{PAYLOAD} Residents said <b>nothing</b> was left of the market.\n")
KINDS = ["entity", "event", "evidence", "quote", "place", "time"]
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def store(tmp_path_factory, samples, cli) -> str:
    """A DuckDB store of the samples and the payload article, processed once for the module."""
    folder = tmp_path_factory.mktemp("webapp")
    payload = folder / "payload.txt"
    payload.write_text(PAYLOAD_ARTICLE, encoding="utf-8")
    db = str(folder / "web.duckdb")
    result = cli("run", str(samples), str(payload), "--db", db, "--format", "jsonl", "--out", str(folder / "out.jsonl"))
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def server(store):
    """`chronicle serve` on a free loopback port; yields its base URL."""
    env = {**os.environ, "CHRONICLE_TOKEN": TOKEN}
    command = [sys.executable, "-m", "chronicle.cli", "serve", "--db", store, "--host", "127.0.0.1", "--port", "0"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    base, seen = None, []
    while base is None:
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            break
        seen.append(line)
        found = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        base = found.group(1) if found else None
    if base is None:
        proc.kill()
        pytest.fail("the server did not start: " + "".join(seen))
    yield base
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server, timeout=60, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        yield client


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def artifacts(tmp_path) -> Path:
    folder = Path(os.environ.get("CHRONICLE_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Tab:
    """A browser page on the app that records console errors and blocks (and records) other hosts."""

    def __init__(self, browser, base: str, artifacts: Path) -> None:
        self.base, self.artifacts = base, artifacts
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.set_default_timeout(WAIT_MS)
        # The address the server prints: the app keeps the token and drops it from the address bar.
        self.page.goto(f"{base}/#token={TOKEN}")
        self.ready()

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith("data:") or host == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def ready(self, state: str = "ready") -> None:
        self.page.wait_for_function("s => document.body.dataset.state === s", arg=state)

    def open(self, hash_route: str, state: str = "ready") -> None:
        self.page.evaluate("""h => {
            document.body.dataset.state = 'loading';
            if (location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'));
            else location.hash = h;
        }""", hash_route)
        self.ready(state)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.artifacts / f"{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        assert self.foreign == [], f"requests left 127.0.0.1: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.page.locator("#error").is_hidden(), self.page.locator("#error").text_content()

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def tab(browser, server, artifacts):
    tab = Tab(browser, server, artifacts)
    yield tab
    tab.close()


def test_every_page_loads_offline_without_errors(tab, api):
    assert "token" not in tab.page.url
    assert tab.page.evaluate("sessionStorage.getItem('chronicle.token')") == TOKEN
    expected = {  # a page and what it must draw
        "#/events": "#events-table tbody tr",
        "#/timeline": "#timeline-chart rect",
        "#/map": "#map path.country",
        "#/network": "#network .node",
        "#/articles": "table.articles tbody tr",
        "#/paste": "#paste-form textarea",
    }
    for route, selector in expected.items():
        tab.open(route)
        assert tab.page.locator(selector).count() > 0, f"{route}: nothing matches {selector}"
        tab.shot("page-" + route.strip("#/"))
        if route == "#/timeline":  # the bars add up to the events counted
            drawn = tab.page.locator("#timeline-chart rect").evaluate_all("rs => rs.map(r => +r.dataset.count)")
            assert sum(drawn) == api.get("/api/aggregates/counts", params={"interval": "month"}).json()["total"]
    tab.assert_clean()
    shown = tab.page.evaluate("[...document.querySelectorAll('script')].map(s => s.src)")
    assert shown == [f"{tab.base}/static/js/main.js"]


def test_filtered_events_table_rows_all_match(tab, api):
    coded = api.get("/api/events", params={"limit": 100}).json()["items"]
    actor = next(e["source_code"] for e in coded if e["source_code"])[:3]
    plover = api.get("/api/events", params={"actor": actor, "limit": 1}).json()["items"][0]["plover"]
    tab.open("#/events")
    tab.page.fill("#f-actor", actor)
    if plover:
        tab.page.select_option("#f-plover", plover)
    tab.page.evaluate("document.body.dataset.state = 'loading'")
    tab.page.click("#event-filters button[type=submit]")
    tab.ready()
    rows = tab.page.locator("#events-table tbody tr")
    data = [rows.nth(i).evaluate("r => ({...r.dataset})") for i in range(rows.count())]
    expected = api.get("/api/events", params={"actor": actor, "plover": plover or "", "limit": 50}).json()
    assert len(data) == len(expected["items"]) > 0
    for row in data:
        assert row["source"].startswith(actor) or row["target"].startswith(actor), row
        if plover:
            assert row["plover"] == plover, row
    assert f"of {expected['total']:,} events" in tab.page.locator(".pager .count").first.text_content()
    assert f"actor={actor}" in tab.page.url
    tab.shot("events-filtered")
    tab.assert_clean()


def covered_offsets(tab) -> dict:
    """For each highlight kind, the text offsets its pieces cover; and the text shown, read back from the DOM."""
    return tab.page.evaluate("""() => {
        const box = document.getElementById('article-text');
        const kinds = {}; let at = 0;
        for (const node of box.childNodes) {
            const length = node.textContent.length;
            if (node.nodeType === 1) for (const cls of node.classList) if (cls.startsWith('hl-')) {
                (kinds[cls.slice(3)] ||= []).push([at, at + length]);
            }
            at += length;
        }
        return {text: box.textContent, kinds};
    }""")


def record_spans(doc: dict) -> dict[str, list[dict]]:
    return {"entity": doc["entities"], "event": [e["trigger"] for e in doc["events"]],
            "evidence": [s for e in doc["events"] for s in e["evidence"]],
            "quote": [q["content"] for q in doc["quotes"]], "place": doc["places"], "time": doc["times"]}


def offsets(ranges) -> set[int]:
    return {i for start, end in ranges for i in range(start, end)}


def test_article_highlights_every_kind_over_the_right_text(tab, api):
    listing = api.get("/api/articles", params={"limit": 100}).json()["items"]
    # The article with most events among those that have records of every kind.
    docs = [api.get(f"/api/articles/{a['content_hash']}").json()
            for a in sorted(listing, key=lambda a: -a["events"])]
    doc = next(d for d in docs if all(record_spans(d).values()))
    tab.open(f"#/article/{doc['content_hash']}")
    shown = covered_offsets(tab)
    assert shown["text"] == doc["text"]
    for kind, spans in record_spans(doc).items():
        # The pieces of a kind cover exactly the characters of that kind's records.
        assert offsets(shown["kinds"].get(kind, [])) == offsets((s["start"], s["end"]) for s in spans), kind
    place = next(p for p in doc["places"] if p["lat"] is not None)
    title = tab.page.locator("#article-text .hl-place").filter(has_text=place["text"]).first.get_attribute("title")
    assert f"{place['lat']:.4f}" in title and f"{place['lon']:.4f}" in title
    time = next(t for t in doc["times"] if t["value"])
    assert any(time["value"] in (t or "") for t in tab.page.locator("#article-text .hl-time").evaluate_all(
        "nodes => nodes.map(n => n.title)"))
    # A highlighted trigger leads to its event's details, which lead to its row in the events table.
    trigger = tab.page.locator("#article-text .hl-event").first
    n = trigger.get_attribute("data-event")
    assert doc["events"][int(n)]["code"] in trigger.get_attribute("title")
    trigger.click()
    assert "selected" in tab.page.locator(f"#ev-{n}").get_attribute("class")
    tab.shot("article")
    tab.page.evaluate("document.body.dataset.state = 'loading'")
    tab.page.locator(f"#ev-{n} a").click()
    tab.ready()
    focused = tab.page.locator("#events-table tr.focus")
    assert focused.get_attribute("data-n") == n and focused.get_attribute("data-hash") == doc["content_hash"]
    tab.assert_clean()


def test_map_draws_countries_and_event_places(tab, api):
    places = [p for p in api.get("/api/aggregates/places").json()["items"] if p["lat"] is not None]
    tab.open("#/map")
    assert tab.page.locator("#map path.country").count() >= 150
    assert tab.page.locator("#map path.country.has-events").count() > 0
    circles = tab.page.locator("#map circle.place")
    assert circles.count() == len(places) > 0
    biggest = max(places, key=lambda p: p["count"])
    assert circles.first.get_attribute("data-place") == biggest["place"]
    tab.shot("map")
    tab.assert_clean()


def test_network_draws_nodes_and_a_click_filters_the_events(tab, api):
    network = api.get("/api/network").json()
    tab.open("#/network")
    nodes = tab.page.locator("#network .node")
    assert sorted(nodes.evaluate_all("ns => ns.map(n => n.dataset.id)")) == sorted(n["id"] for n in network["nodes"])
    assert tab.page.locator("#network line.edge").count() > 0
    tab.shot("network")
    node = nodes.first
    actor = node.get_attribute("data-id")
    tab.page.evaluate("document.body.dataset.state = 'loading'")
    node.dispatch_event("click")  # not a click at its centre, where a neighbour's label may lie
    tab.ready()
    rows = tab.page.locator("#events-table tbody tr").evaluate_all("rs => rs.map(r => [r.dataset.source, r.dataset.target])")
    assert rows and all(s.startswith(actor) or t.startswith(actor) for s, t in rows)
    tab.assert_clean()


def assert_not_executed(tab) -> None:
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.page.locator("#view script, img").count() == 0
    assert tab.page.locator("#view b").count() == 0


def test_markup_in_an_article_is_shown_as_text(tab, api):
    found = api.get("/api/articles", params={"q": "Markup inside"}).json()["items"]
    assert len(found) == 1
    tab.open(f"#/article/{found[0]['content_hash']}")
    assert PAYLOAD in tab.page.locator("#article-text").text_content()
    assert_not_executed(tab)
    tab.shot("payload-article")
    tab.assert_clean()


def test_pasted_article_shows_its_records_without_storing(tab, api):
    before = api.get("/api/articles").json()["total"]
    text = PAYLOAD_ARTICLE.split("\n\n", 1)[1].replace("market", "bakery")
    tab.open("#/paste")
    tab.page.fill("#paste-text", text)
    tab.page.fill("#paste-date", "2024-05-03")
    with tab.page.expect_response(lambda r: r.request.method == "POST" and "/api/articles" in r.url) as answer:
        tab.page.click("#paste-submit")
    assert "store=false" in answer.value.url
    expected = answer.value.json()
    tab.page.wait_for_selector("#paste-result .document")
    assert tab.page.locator("#paste-result .record[id^=ev-]").count() == len(expected["events"]) > 0
    assert tab.page.locator("#article-text").text_content() == text
    assert tab.page.locator("#article-text .hl-event").count() > 0
    assert_not_executed(tab)
    tab.shot("paste")
    tab.assert_clean()
    assert api.get("/api/articles").json()["total"] == before


def test_api_errors_are_shown(tab, api):
    message = api.get("/api/articles/no-such-article-key").json()["error"]["message"]
    tab.open("#/article/no-such-article-key", state="error")
    assert tab.page.locator("#error").text_content() == message
    assert tab.foreign == []


def test_upload_shows_progress_and_stores(tab, api, tmp_path):
    before = api.get("/api/articles").json()["total"]
    upload = tmp_path / "upload.jsonl"
    upload.write_text('{"id": "up-1", "date": "2024-05-04", "text": "Kenya and Ethiopia signed a trade agreement '
                      'in Nairobi on Tuesday."}\n{"id": "up-2", "date": "2024-05-04", "text": "Protesters '
                      'marched in Tbilisi on Wednesday against the new law."}\n', encoding="utf-8")
    tab.open("#/paste")
    tab.page.set_input_files("#upload-file", str(upload))
    tab.page.click("#upload-form button[type=submit]")
    tab.page.wait_for_function("() => /^done/.test(document.getElementById('upload-status').textContent)",
                               timeout=60_000)
    assert tab.page.locator("#upload-progress").evaluate("p => [p.value, p.max]") == [2, 2]
    assert "2 stored" in tab.page.locator("#upload-status").text_content()
    tab.shot("upload")
    tab.assert_clean()
    assert api.get("/api/articles").json()["total"] == before + 2

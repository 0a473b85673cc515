"""Event pages from memory (chronicle/serve/index.py) give exactly the store's answers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chronicle.ingest import RawArticle, read_paths
from chronicle.pipeline import content_hash, process_many
from chronicle.serve.index import EventIndex
from chronicle.serve.state import ServedStore
from chronicle.store import Store, queries
from chronicle.store.queries import EventFilter, FilterError
from tests import test_store

pg = test_store.pg  # the fixture: a fresh schema on $CHRONICLE_TEST_PG, else a skip

SAMPLES = Path(__file__).resolve().parents[1] / "chronicle" / "samples"


def copies(docs, count: int, rng: random.Random):
    """The sample articles again under new hashes, dates (some none) and actor countries."""
    swaps = ["RUS", "USA", "SYR", "KEN", "FRA", "ETH", None]
    for i in range(count):
        doc = docs[i % len(docs)]
        text = f"{doc.text}\n\n(copy {i})\n"
        date = None if i % 7 == 0 else f"{rng.randint(2014, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        swap = rng.choice(swaps)

        def recode(ref):
            if ref is None or swap is None:
                return ref
            return ref.model_copy(update={"code": swap + ref.code[3:]})

        events = [e.model_copy(update={"source": recode(e.source), "confidence": round(rng.random(), 2)})
                  for e in doc.events]
        yield doc.model_copy(update={"text": text, "content_hash": content_hash(text), "id": f"copy-{i}",
                                     "date": date, "url": None, "events": events})


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    docs = [d for d in process_many([r for r in read_paths([SAMPLES]) if isinstance(r, RawArticle)]) if d.events]
    path = tmp_path_factory.mktemp("index") / "index.duckdb"
    with Store(str(path)) as store:
        store.add_many(docs + list(copies(docs, 40, random.Random(7))))
    s = ServedStore(str(path))
    yield s
    s.close()


def vocabulary(query) -> dict:
    """The stored values random filters draw from, and the number of events."""
    rows = query("SELECT source_code, target_code, code, plover, place, place_country FROM events")[1]
    return {"events": len(rows), "codes": sorted({c for r in rows for c in r[:2] if c}),
            "countries": sorted({c[:3] for r in rows for c in (r[0], r[1], r[5]) if c and c[:3].isalpha()}),
            "cameo": sorted({r[2] for r in rows}), "plover": sorted({r[3] for r in rows if r[3]}),
            "places": sorted({p for r in rows for p in (r[4], r[5]) if p})}


def random_filter(rng: random.Random, vocab: dict) -> EventFilter:
    f: dict = {}
    for _ in range(rng.randint(0, 3)):
        name = rng.choice(["actor", "source", "target", "country", "code", "plover", "since", "until",
                           "event_since", "place", "bbox", "negated", "modality", "background"])
        if name in ("actor", "source", "target"):
            f[name] = rng.choice(vocab["codes"])[:rng.choice((1, 3, 6))].lower()
        elif name == "country":
            f["country"] = rng.choice(vocab["countries"])
        elif name == "code":
            f["code"] = rng.choice(vocab["cameo"])[:rng.choice((2, 3))]
        elif name == "plover":
            f["plover"] = rng.choice(vocab["plover"]).lower()
        elif name in ("since", "until"):
            f[name] = f"{rng.randint(2013, 2025)}-{rng.randint(1, 12):02d}-01"
        elif name == "event_since":
            f["event_since"] = f"{rng.randint(2013, 2025)}-01-01"
        elif name == "place":
            f["place"] = rng.choice(vocab["places"])
        elif name == "bbox":
            lon, lat = rng.uniform(-170, 170), rng.uniform(-60, 60)
            width = rng.choice((10, 40, 120))
            f["bbox"] = f"{lon:.1f},{lat - 20:.1f},{(lon + width + 180) % 360 - 180:.1f},{lat + 20:.1f}"
        elif name in ("negated", "background"):
            f[name] = rng.random() < 0.5
        else:
            f["modality"] = rng.choice(["asserted", "planned", "future", "hypothetical"])
    return EventFilter(**f)


def test_index_pages_and_totals_are_the_stores(served):
    index = EventIndex.load(served.query, served.generation)
    vocab = vocabulary(served.query)
    assert index.size == vocab["events"] > 300
    rng = random.Random(11)
    nonempty = 0
    for _ in range(300):
        flt = random_filter(rng, vocab)
        sort = rng.choice(list(queries.SORTS))
        limit, offset = rng.choice((5, 20, 50)), rng.choice((0, 0, 10, 40))
        total = queries.events_total(served.query, flt)
        assert index.total(flt) == total, flt
        assert index.page(flt, limit, offset, sort) == queries.event_keys(served.query, flt, limit, offset, sort), \
            (flt, sort, limit, offset)
        nonempty += total > 0
    assert nonempty > 150  # the filters were not all empty


def test_index_checks_filters_and_sorts_like_the_store(served):
    index = EventIndex.load(served.query, served.generation)
    with pytest.raises(FilterError):
        index.total(EventFilter(country="Russia"))
    with pytest.raises(FilterError):
        index.page(EventFilter(), 10, 0, "-nonsense")
    assert not EventIndex.supports(EventFilter(q="attack")) and EventIndex.supports(EventFilter(actor="RUS"))


def test_the_index_is_rebuilt_after_a_write(served):
    served.build_index()
    assert served.event_index() is not None
    docs = [d for d in process_many([r for r in read_paths([SAMPLES]) if isinstance(r, RawArticle)]) if d.events]
    before = served.index.size
    served.write(list(copies(docs, 45, random.Random(8)))[40:])  # five new copies
    assert served.event_index() is None  # stale: the store answers meanwhile
    served.build_index()
    assert served.event_index() is not None and served.index.size > before


def test_index_answers_alike_on_postgresql(pg):
    docs = [d for d in process_many([r for r in read_paths([SAMPLES]) if isinstance(r, RawArticle)]) if d.events]
    with Store(pg) as store:
        store.add_many(docs + list(copies(docs, 12, random.Random(3))))
    s = ServedStore(pg)
    try:
        index = EventIndex.load(s.query, s.generation)
        vocab = vocabulary(s.query)
        assert index.size == vocab["events"] > 100
        rng = random.Random(13)
        for _ in range(100):
            flt, sort = random_filter(rng, vocab), rng.choice(list(queries.SORTS))
            assert index.total(flt) == queries.events_total(s.query, flt)
            assert index.page(flt, 20, 0, sort) == queries.event_keys(s.query, flt, 20, 0, sort), (flt, sort)
    finally:
        s.close()

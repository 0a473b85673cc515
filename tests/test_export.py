"""`chronicle export`: every layout and format read back and checked against the store's events.

Store tests run on DuckDB and, with CHRONICLE_TEST_PG set, on PostgreSQL (the fixtures of test_store).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

import chronicle
from chronicle.export import export_events
from chronicle.export.layouts import NAMES, event_fields, layout
from chronicle.store import Store
from tests import test_store
from tests.test_dedupe import doc_of, republish, sample_texts

pg = test_store.pg
db = test_store.db


@pytest.fixture(scope="module")
def articles() -> list[chronicle.Document]:
    """Three processed sample stories, and a republished copy of the first (a near-duplicate)."""
    texts = sample_texts()
    docs = [chronicle.process(t, date=d, url=f"https://wire.example/{i}")
            for i, (t, d) in enumerate(zip(texts[:3], ["2019-06-08", "2020-01-15", "2019-02-24"]))]
    copy = doc_of(republish(docs[0].text), "https://paper.example/copy", like=docs[0])
    return [*docs, copy]


@pytest.fixture()
def store_db(db, articles) -> str:
    with Store(db) as store:
        store.add_many(articles)
        store.add_sightings([(articles[1].content_hash, "https://mirror.example/1", None)])
    return db


def read_back(path: Path, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM read_parquet('{path}')")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def quad(root: str) -> int:
    """GDELT's quad classes by CAMEO root: 01-05, 06-09, 10-14, 15-20."""
    return 1 if int(root) <= 5 else 2 if int(root) <= 9 else 3 if int(root) <= 14 else 4


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_layout_has_its_columns_and_one_row_per_event(store_db, tmp_path, fmt):
    with Store(store_db, read_only=True) as store:
        events = store.events()
        for name in NAMES:
            out = tmp_path / f"{name}.{fmt}"
            assert export_events(store, str(out), fmt, name) == len(events)
            rows = read_back(out, fmt)
            assert len(rows) == len(events)
            assert list(rows[0]) == [c.name for c in layout(name)]
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_gdelt_columns_take_codes_dates_and_places_from_the_events(store_db, tmp_path):
    out = tmp_path / "gdelt.jsonl"
    with Store(store_db, read_only=True) as store:
        export_events(store, str(out), "jsonl", "gdelt")
        events = store.events()
        urls = {d.content_hash: d.url for d in store.documents()}
    rows = read_back(out, "jsonl")
    assert [r["EventCode"] for r in rows] == [e["code"] for e in events]
    for row, event in zip(rows, events):
        assert row["EventRootCode"] == event["code"][:2] and row["EventBaseCode"] == event["code"][:3]
        assert row["QuadClass"] == quad(event["code"][:2])
        assert row["Actor1Code"] == event["source_code"] and row["Actor2Code"] == event["target_code"]
        if event["source_code"] and event["source_code"][:3].isalpha() and event["source_code"][:3] not in {
                "IGO", "NGO", "IMG", "MNC", "NGM", "INT"}:
            assert row["Actor1CountryCode"] == event["source_code"][:3]
        day = event["event_date"] if len(event["event_date"] or "") == 10 else event["date"]
        assert str(row["SQLDATE"]) == day.replace("-", "") and row["Year"] == int(day[:4])
        assert row["ActionGeo_CountryCode"] == event["place_country"]
        assert row["SOURCEURL"] == urls[event["content_hash"]]
        assert row["GoldsteinScale"] is None and row["AvgTone"] is None  # no table of our own: left empty
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)


def test_per_story_export_counts_every_copy(store_db, tmp_path, articles):
    original, copy = articles[0], articles[3]
    out = tmp_path / "polecat.csv"
    with Store(store_db, read_only=True) as store:
        per_story = store.events(per_story=True)
        assert export_events(store, str(out), "csv", "polecat", per_story=True) == len(per_story)
    rows = read_back(out, "csv")
    assert copy.content_hash not in {r["article_id"] for r in rows}
    story_rows = [r for r in rows if r["story_id"] == original.content_hash]
    assert story_rows and all(r["num_articles"] == "2" and r["num_sources"] == "2" for r in story_rows)
    mirrored = [r for r in rows if r["story_id"] == articles[1].content_hash]
    assert mirrored and all(r["num_articles"] == "2" for r in mirrored)
    assert {r["event_type"] for r in rows} <= {e["plover"] or "" for e in per_story}


def test_filters_and_asserted_only(store_db, tmp_path):
    with Store(store_db, read_only=True) as store:
        everything = store.events()
        actor = next(e["source_code"] for e in everything if e["source_code"])[:3]
        wanted = store.events(actor=actor)
        out = tmp_path / "actor.jsonl"
        assert export_events(store, str(out), "jsonl", "chronicle", actor=actor) == len(wanted)
        assert all(actor in ((r["source_code"] or "") + (r["target_code"] or "")) for r in read_back(out, "jsonl"))
        asserted = [e for e in everything if e["modality"] == "asserted" and not e["negated"] and not e["background"]]
        assert len(asserted) < len(everything)
        assert export_events(store, str(tmp_path / "a.jsonl"), "jsonl", "chronicle", asserted=True) == len(asserted)


def test_every_layout_field_is_an_event_field(store_db):
    with Store(store_db, read_only=True) as store:
        row = next(store.stream_events())
        fields = event_fields(row, store.story_sightings([row["story"]])[row["story"]], False)
    for name in NAMES:
        assert {c.field for c in layout(name) if c.field} <= set(fields)


def test_cli_export_and_its_errors(cli, tmp_path, articles):
    db = str(tmp_path / "cli.duckdb")
    with Store(db) as store:
        store.add_many(articles)
    out = tmp_path / "events.parquet"
    done = cli("export", "--db", db, "--format", "parquet", "--layout", "gdelt", "--out", str(out), "--per-story")
    assert done.exit_code == 0, done.output
    with Store(db, read_only=True) as store:
        assert len(read_back(out, "parquet")) == len(store.events(per_story=True)) > 0
    to_stdout = cli("export", "--db", db, "--format", "csv")
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("event_id,content_hash,")
    no_file = cli("export", "--db", db, "--format", "parquet")
    assert no_file.exit_code != 0 and "--out" in no_file.output
    bad_dir = cli("export", "--db", db, "--out", str(tmp_path / "missing" / "x.jsonl"))
    assert bad_dir.exit_code != 0 and "missing" in bad_dir.output
    no_store = cli("export", "--db", str(tmp_path / "none.duckdb"))
    assert no_store.exit_code != 0 and "none.duckdb" in no_store.output
    bad_date = cli("export", "--db", db, "--since", "last week")
    assert bad_date.exit_code != 0 and "last week" in bad_date.output

"""The DuckDB store: idempotent by content, queryable, and all-or-nothing per article."""

from __future__ import annotations

import pytest

import chronicle
from chronicle.store import Store


@pytest.fixture(scope="module")
def docs():
    return [chronicle.process("Russian warplanes bombed Islamic State targets in Raqqa.", date="2015-11-20", id="a"),
            chronicle.process("Venezuelan police arrested 40 protesters in Caracas on Monday.", date="2019-02-04", id="b")]


def test_adding_the_same_article_twice_stores_it_once(db, docs):
    with Store(db) as store:
        assert store.add(docs[0]) is True
        assert store.add(docs[0]) is False
        assert store.count() == 1
        assert store.count("events") == len(docs[0].events)


def test_reopening_keeps_what_was_stored(db, docs):
    with Store(db) as store:
        for d in docs:
            store.add(d)
    with Store(db, read_only=True) as store:
        assert store.count() == 2
        [doc] = store.find("b")
        assert doc == docs[1]  # the full record round-trips
        assert store.find(docs[0].content_hash[:10])[0].id == "a"


def test_event_queries_filter_by_actor_code_and_date(db, docs):
    with Store(db) as store:
        for d in docs:
            store.add(d)
        assert {r["article_id"] for r in store.events(actor="RUS")} == {"a"}
        assert {r["article_id"] for r in store.events(code="17")} == {"b"}
        assert store.events(since="2019-01-01", code="19") == []
        assert {r["article_id"] for r in store.events(until="2016-01-01")} == {"a"}


def test_a_failed_write_leaves_nothing_behind(db, docs):
    broken = docs[0].model_copy(update={"content_hash": "x" * 64, "events": docs[0].events + [None]})
    with Store(db) as store:
        with pytest.raises(Exception):
            store.add(broken)
        assert store.count() == 0 and store.count("events") == 0
        assert store.add(docs[0])


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="chronicle run"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_batches_store_each_article_once_and_isolate_a_bad_one(db, docs):
    broken = docs[0].model_copy(update={"content_hash": "y" * 64, "events": [None]})
    with Store(db) as store:
        assert store.add_many([docs[0], docs[0], docs[1]]) == [True, False, True]
        assert store.count() == 2
        assert store.add_many([]) == []
    other = chronicle.process("Chinese coast guard ships blocked a Philippine supply boat.", date="2024-02-01", id="c")
    with Store(db) as store:
        with pytest.raises(Exception):
            store.add_many([broken, other])
        assert store.count() == 3 and [d.id for d in store.find(other.content_hash)] == ["c"]

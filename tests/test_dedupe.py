"""Duplicates: exact copies keep every URL; near-copies (small edits) join the story of the first article.

Store tests run on DuckDB and, with CHRONICLE_TEST_PG set, on PostgreSQL (the fixtures of test_store).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import chronicle
from chronicle.records import Document
from chronicle.store import Store, StoreError, copy_store, dedupe
from tests import test_store

pg = test_store.pg
db = test_store.db
SAMPLES = Path(chronicle.__file__).parent / "samples"


def sample_texts() -> list[str]:
    """The bundled plain-text sample articles, header lines removed: seven unrelated stories."""
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")):
        body = re.sub(r"\A(?:[A-Z][a-z]+: .*\n)+\n", "", path.read_text(encoding="utf-8"))
        texts.append(body.strip())
    return texts


def doc_of(text: str, url: str | None = None, ident: str | None = None, like: Document | None = None) -> Document:
    """A document record for a text without running the NLP (records copied from `like` when given)."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    if like is not None:
        return like.model_copy(update={"text": text, "content_hash": digest, "url": url, "id": ident or digest[:12],
                                       "body": []})
    return Document(id=ident or digest[:12], content_hash=digest, text=text, url=url)


def republish(text: str) -> str:
    """The same story as another outlet runs it: new headline, a byline, a sentence cut, a closing line."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    middle = len(paragraphs) // 2
    paragraphs[middle] = paragraphs[middle].split(". ", 1)[-1]
    return "\n\n".join(["UPDATED: " + paragraphs[0].split(".")[0] + ".", "By Staff Reporter", *paragraphs[1:],
                        "Additional reporting by wire services."])


def test_an_exact_copy_is_stored_once_and_keeps_every_url(db):
    text = sample_texts()[0]
    first, mirror = doc_of(text, "https://a.example/story"), doc_of(text, "https://b.example/copy")
    with Store(db) as store:
        assert store.add_many([first, mirror]) == [True, False]
        assert store.add(doc_of(text, "https://c.example/later")) is False
        assert store.add(doc_of(text, "https://a.example/story")) is False  # a repeat sighting adds nothing
        assert store.count() == 1
        assert [u["url"] for u in store.urls(first.content_hash)] == [
            "https://a.example/story", "https://b.example/copy", "https://c.example/later"]


def test_sightings_are_added_for_stored_articles_only(db):
    text = sample_texts()[1]
    doc = doc_of(text, "https://a.example/1")
    with Store(db) as store:
        store.add(doc)
        store.add_sightings([(doc.content_hash, None, "corpus.jsonl:7"), (doc.content_hash, None, "corpus.jsonl:7"),
                             ("f" * 64, "https://nowhere.example/", None)])
        seen = store.urls(doc.content_hash)
        assert [(u["url"], u["source"]) for u in seen] == [("https://a.example/1", None), (None, "corpus.jsonl:7")]
        assert store._query("SELECT count(*) FROM article_urls WHERE content_hash = ?", ["f" * 64])[1][0][0] == 0
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.add_sightings([(doc.content_hash, "https://x.example/", None)])


def test_republished_copies_join_the_story_of_the_first_article(db):
    texts = sample_texts()
    originals = [doc_of(t, f"https://wire.example/{i}") for i, t in enumerate(texts)]
    copies = [doc_of(republish(t), f"https://paper.example/{i}") for i, t in enumerate(texts)]
    with Store(db) as store:
        store.add_many(originals)
    with Store(db) as store:  # another run: the stored buckets find the stories
        assert all(store.add_many(copies))
        for original, copy in zip(originals, copies):
            [stored] = store.find(copy.content_hash)
            assert stored.duplicate_of == original.content_hash
            assert store.story(copy.content_hash) == [original.content_hash, copy.content_hash]
        for original in originals:  # unrelated stories stay apart
            assert store.find(original.content_hash)[0].duplicate_of is None


def test_copies_in_one_batch_link_to_the_first_and_not_to_each_other(db):
    text = sample_texts()[2]
    first, second = doc_of(text), doc_of(republish(text))
    third = doc_of(republish(republish(text)))
    with Store(db) as store:
        store.add_many([first, second, third])
        assert [store.find(d.content_hash)[0].duplicate_of for d in (first, second, third)] == \
            [None, first.content_hash, first.content_hash]
        # Only the story's first article is a candidate for later articles.
        _, rows = store._query("SELECT DISTINCT content_hash FROM article_bands")
        assert rows == [(first.content_hash,)]


@pytest.fixture(scope="module")
def processed() -> Document:
    return chronicle.process(sample_texts()[0], date="2019-06-08")


def test_events_per_story_count_one_copy(db, processed):
    original = processed
    copy = doc_of(republish(original.text), "https://other.example/", like=original)
    with Store(db) as store:
        store.add_many([original, copy])
        assert store.find(copy.content_hash)[0].duplicate_of == original.content_hash
        assert len(store.events()) == 2 * len(original.events)
        per_story = store.events(per_story=True)
        assert len(per_story) == len(original.events)
        assert {r["content_hash"] for r in per_story} == {original.content_hash}


def test_rows_prepared_in_another_process_are_stored_as_the_records_are(db, processed, tmp_path):
    # Dask workers send each article's rows and MinHash signature (`Prepared`), not its record: what they
    # make must store the same articles, rows, story links and buckets as the records themselves.
    import pickle

    from chronicle.store.base import prepare

    copy = doc_of(republish(processed.text), "https://other.example/", like=processed)
    docs = [processed, copy, doc_of(sample_texts()[2], "https://third.example/")]
    travelled = [pickle.loads(pickle.dumps(prepare(d))) for d in docs]
    assert all(p.doc is None for p in travelled)  # the record travels once, as its row's JSON
    reference = str(tmp_path / "from_records.duckdb")
    with Store(reference) as store:
        assert store.add_many(docs) == [True, True, True]
    with Store(db) as store:
        assert store.add_many(travelled) == [True, True, True]
        assert store.add_many([pickle.loads(pickle.dumps(prepare(copy)))]) == [False]

    def contents(path: str):
        with Store(path, read_only=True) as store:
            bands = sorted(store._query("SELECT content_hash, band, bucket FROM article_bands")[1])
            signatures = sorted((h, bytes(s)) for h, s in store._query("SELECT * FROM article_minhash")[1])
            return list(store.documents()), store.counts(), bands, signatures

    stored, counts, bands, signatures = contents(db)
    assert (stored, counts, bands, signatures) == contents(reference)
    assert [d.duplicate_of for d in stored] == [None, processed.content_hash, None]
    assert counts["events"] == 2 * len(processed.events) > 0 and len(signatures) == 2


def test_the_similarity_threshold_is_configurable(db, monkeypatch):
    text = sample_texts()[3]
    monkeypatch.setenv(dedupe.THRESHOLD_ENV, "off")
    with Store(db) as store:
        store.add_many([doc_of(text), doc_of(republish(text))])
        assert [d.duplicate_of for d in store.documents()] == [None, None]
    monkeypatch.setenv(dedupe.THRESHOLD_ENV, "1.5")
    with pytest.raises(StoreError, match="CHRONICLE_NEAR_DUPLICATE='1.5'"):
        Store(db)


def test_similarity_estimates_follow_the_shingle_overlap():
    texts = sample_texts()
    for text in texts:
        a, b = dedupe.shingles(text), dedupe.shingles(republish(text))
        exact = len(a & b) / len(a | b)
        estimate = dedupe.similarity(dedupe.signature(text), dedupe.signature(republish(text)))
        assert abs(estimate - exact) < 0.15
    assert dedupe.signature("  ...  ") is None
    unrelated = dedupe.similarity(dedupe.signature(texts[0]), dedupe.signature(texts[1]))
    assert unrelated < 0.2


def test_show_prints_every_url(cli, db):
    if db.startswith("postgres"):
        pytest.skip("the CLI part is the same for both backends")
    text = sample_texts()[4]
    with Store(db) as store:
        store.add_many([doc_of(text, "https://a.example/x", ident="x1"), doc_of(text, "https://b.example/y")])
    shown = cli("show", "x1", "--db", db)
    assert shown.exit_code == 0
    assert "https://a.example/x" in shown.stdout and "https://b.example/y" in shown.stdout


def test_copying_a_store_keeps_every_url(tmp_path):
    text = sample_texts()[5]
    source, target = str(tmp_path / "from.duckdb"), str(tmp_path / "to.duckdb")
    with Store(source) as store:
        store.add_many([doc_of(text, "https://a.example/1"), doc_of(text, "https://b.example/2")])
    copy_store(source, target)
    with Store(target, read_only=True) as store:
        [doc] = list(store.documents())
        assert [u["url"] for u in store.urls(doc.content_hash)] == ["https://a.example/1", "https://b.example/2"]

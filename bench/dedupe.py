"""Near-duplicate detection: precision, recall and time per article on a synthetic set.

Takes the articles of ../shared/corpus/news_articles.jsonl as originals, makes
edited copies of some (kinds below: a changed headline, a byline, sentences
added or removed, and mixes of these), shuffles them with the unedited rest,
stores them all in a fresh DuckDB store in batches, as `chronicle run` does,
and compares the stories the store formed with the truth:

- precision: of the articles given a `duplicate_of`, the share that belongs to
  the same source article as the story it was put in;
- recall: of the articles that should have joined an earlier story (a copy,
  or an original that comes after one of its copies), the share that did.

Links between two different corpus articles count against precision, but the
corpus has real near-duplicates (the same story on two days under another
headline): the bench lists those links with their true shingle overlap, so
that one can tell.

No NLP runs (documents are built from the text alone), so the time per
article is that of de-duplication and storing. `--stored N` first fills the
store with the buckets and signatures of N other stories (random ones), to
see what the bucket look-ups cost in a large store.

    .venv/bin/python bench/dedupe.py [--limit N] [--copies 0.5] [--thresholds 0.6,0.7,0.8,0.9] [--stored N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chronicle.records import Document  # noqa: E402
from chronicle.store import Store, dedupe  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news_articles.jsonl"
BYLINES = ["By Staff Reporter", "By Maria Lopez and Tom Reed", "Reporting by Wire Staff; Editing by J. Smith"]
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text.strip()) if s]


def headline(text: str, rng: random.Random, other: str) -> str:
    return f"{' '.join(sentences(other)[0].split()[:9]).rstrip('.')}\n\n{text}"


def byline(text: str, rng: random.Random, other: str) -> str:
    return f"{rng.choice(BYLINES)}\n\n{text}\n\n{rng.choice(BYLINES)}"


def add_sentences(text: str, rng: random.Random, other: str) -> str:
    parts, extra = sentences(text), sentences(other)
    for s in rng.sample(extra, min(2, len(extra))):
        parts.insert(rng.randrange(len(parts) + 1), s)
    return " ".join(parts)


def remove_sentences(text: str, rng: random.Random, other: str) -> str:
    parts = sentences(text)
    n = max(1, len(parts) // 10)  # a tenth of the story
    drop = set(rng.sample(range(len(parts)), min(n, len(parts) - 1))) if len(parts) > 1 else set()
    return " ".join(s for i, s in enumerate(parts) if i not in drop)


def mixed(text: str, rng: random.Random, other: str) -> str:
    return byline(headline(remove_sentences(add_sentences(text, rng, other), rng, other), rng, other), rng, other)


EDITS = {"headline": headline, "byline": byline, "added sentences": add_sentences,
         "removed sentences": remove_sentences, "all of these": mixed}


def document(text: str, ident: str) -> Document:
    return Document(id=ident, content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text)


def build(limit: int | None, share: float, seed: int) -> tuple[list[Document], dict[str, str], dict[str, str]]:
    """Documents in a shuffled order, each one's true source article, and each copy's kind of edit."""
    rng = random.Random(seed)
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if len(r["text"].split()) >= 50][:limit]
    docs, truth, kinds = [], {}, {}
    for row in rows:
        doc = document(row["text"], row["id"])
        docs.append(doc)
        truth[doc.content_hash] = row["id"]
        if rng.random() < share:
            kind = rng.choice(list(EDITS))
            other = rng.choice(rows)["text"]
            copy = document(EDITS[kind](row["text"], rng, other), f"{row['id']}~copy")
            if copy.content_hash not in truth:
                docs.append(copy)
                truth[copy.content_hash] = row["id"]
                kinds[copy.content_hash] = kind
    rng.shuffle(docs)
    return docs, truth, kinds


def fill(store, stories: int) -> None:
    """Buckets and signatures of `stories` random story starts, written straight into the DuckDB tables."""
    store.con.execute(f"INSERT INTO article_minhash SELECT 'filler' || i, repeat('x', {4 * dedupe.NUM_PERM})::BLOB "
                      f"FROM range({stories}) t(i)")
    store.con.execute(f"INSERT INTO article_bands SELECT 'filler' || i, b, (hash(i, b) >> 1)::BIGINT "
                      f"FROM range({stories}) t(i), range({dedupe.BANDS}) s(b)")


def measure(docs: list[Document], truth: dict[str, str], kinds: dict[str, str], threshold: float,
            batch: int = 64, stored: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.duckdb")) as store:
        store.near_threshold = threshold
        if stored:
            fill(store, stored)
        started = time.perf_counter()
        for start in range(0, len(docs), batch):
            store.add_many(docs[start:start + batch])
        elapsed = time.perf_counter() - started
        linked = {d.content_hash: d.duplicate_of for d in store.documents()}
    first_seen: set[str] = set()
    texts = {d.content_hash: d.text for d in docs}
    across = []  # links between different corpus articles: (article, story, true Jaccard of their shingles)
    should, found, correct = 0, 0, 0
    missed: Counter = Counter()
    per_kind: Counter = Counter()
    for doc in docs:
        source = truth[doc.content_hash]
        expected = source in first_seen
        first_seen.add(source)
        got = linked[doc.content_hash]
        if got is not None:
            found += 1
            correct += truth[got] == source
            if truth[got] != source:
                a, b = dedupe.shingles(doc.text), dedupe.shingles(texts[got])
                across.append((doc.id, truth[got], len(a & b) / len(a | b)))
        if expected:
            should += 1
            kind = kinds.get(doc.content_hash, "original after its copy")
            per_kind[kind] += 1
            if got is None or truth[got] != source:
                missed[kind] += 1
    return {"precision": correct / found if found else 1.0, "recall": (should - sum(missed.values())) / should,
            "linked": found, "should": should, "ms": 1000 * elapsed / len(docs), "across": across,
            "recall_by_kind": {k: (n - missed[k]) / n for k, n in sorted(per_kind.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="originals to take from the corpus (default: all)")
    parser.add_argument("--copies", type=float, default=0.5, help="share of originals that get an edited copy")
    parser.add_argument("--thresholds", default="0.6,0.7,0.8,0.9")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stored", type=int, default=0, help="stories already in the store (random buckets)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"no corpus at {CORPUS}")
    docs, truth, kinds = build(args.limit, args.copies, args.seed)
    started = time.perf_counter()
    for doc in docs:
        dedupe.signature(dedupe.story_text(doc))
    signing = 1000 * (time.perf_counter() - started) / len(docs)
    words = sum(len(d.text.split()) for d in docs) / len(docs)
    print(f"{len(docs)} articles ({len(kinds)} edited copies, {len(docs) - len(kinds)} originals), "
          f"{words:.0f} words on average; MinHash {dedupe.NUM_PERM} permutations, {dedupe.BANDS} bands of "
          f"{dedupe.ROWS}, {dedupe.SHINGLE}-word shingles")
    print(f"signature alone: {signing:.2f} ms per article; {args.stored} other stories in the store beforehand")
    for threshold in (float(t) for t in args.thresholds.split(",")):
        r = measure(docs, truth, kinds, threshold, stored=args.stored)
        kinds_line = ", ".join(f"{k} {v:.2f}" for k, v in r["recall_by_kind"].items())
        print(f"threshold {threshold:.2f}: precision {r['precision']:.3f}, recall {r['recall']:.3f} "
              f"({r['linked']} linked, {r['should']} should be); {r['ms']:.2f} ms per article stored\n"
              f"    recall by edit: {kinds_line}")
        for article, story, jaccard in r["across"]:
            print(f"    linked across corpus articles: {article} -> {story} (true shingle Jaccard {jaccard:.2f})")


if __name__ == "__main__":
    main()

"""Near-duplicate articles: the same story republished with small edits.

Each article's normalised body text is cut into overlapping word shingles and
summarised by a MinHash signature (datasketch). The signature is cut into
`BANDS` bands; each band hashes to a bucket (LSH). Articles that share a
bucket with a story's first article are candidates, and a candidate whose
estimated Jaccard similarity reaches the threshold makes the new article a
copy of that story (`duplicate_of`).

Only articles that start a story keep their signature and buckets in the
store: a copy is compared with the story's first article, never with other
copies, so a chain of small edits cannot drift into another story, and a
widely copied story does not fill its buckets with candidates.

`NUM_PERM`, `BANDS` and `SHINGLE` are part of what a store holds (changing
them makes the stored buckets useless); the threshold only decides which
candidates count, and may be changed at any time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
from datasketch import MinHash

from chronicle.records import Document

NUM_PERM = 128
BANDS = 32  # 4 rows a band: a pair at Jaccard 0.8 shares a bucket with probability > 0.99
ROWS = NUM_PERM // BANDS
SHINGLE = 4  # words per shingle
SEED = 1
SCHEME = "affine32"  # datasketch's permutation scheme: 32-bit values, named so that stored signatures stay valid
DEFAULT_THRESHOLD = 0.7  # bench/dedupe.py: recall 0.95 at 0.7 against 0.86 at 0.8, no wrong links at either
THRESHOLD_ENV = "CHRONICLE_NEAR_DUPLICATE"
WORD = re.compile(r"\w+")


def threshold_from_env() -> float:
    """The similarity threshold: $CHRONICLE_NEAR_DUPLICATE (0 < t <= 1, or 'off'), else the default."""
    value = os.environ.get(THRESHOLD_ENV, "").strip().lower()
    if not value:
        return DEFAULT_THRESHOLD
    if value == "off":
        return 2.0  # no estimate reaches it: near-duplicate detection is off
    try:
        threshold = float(value)
    except ValueError:
        threshold = -1.0
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"{THRESHOLD_ENV}={value!r}: expected a similarity between 0 and 1, or 'off'")
    return threshold


def shingles(text: str) -> set[bytes]:
    """Overlapping word n-grams of the text, lower-cased and Unicode-normalised (a text shorter than one
    shingle is one shingle)."""
    words = WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return set()
    if len(words) <= SHINGLE:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def story_text(doc: Document) -> str:
    """What is compared: the paragraphs kept for NLP (no page furniture, captions or headers), else the text."""
    if doc.body:
        return "\n".join(span.text for span in doc.body)
    return doc.text


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The hash permutations, made once per process (like a model)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM unsigned 32-bit values) of a text; None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    sketch.update_batch(list(grams))
    return sketch.hashvalues.astype(np.uint32)


def buckets(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) for each band: a signed 64-bit hash of the band number and its rows."""
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8,
                                 person=band.to_bytes(2, "little") + b"chr").digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4").astype(np.uint32)


@dataclass
class Candidate:
    content_hash: str
    signature: np.ndarray


@dataclass
class Assignment:
    """What near-duplicate detection decided for a batch of new articles."""
    duplicate_of: dict[str, str | None] = field(default_factory=dict)  # content hash -> story's first article
    signatures: list[tuple] = field(default_factory=list)  # (content_hash, signature bytes) of new stories
    bands: list[tuple] = field(default_factory=list)  # (content_hash, band, bucket) of new stories


def assign(sigs: Mapping[str, np.ndarray | None], lookup, threshold: float) -> Assignment:
    """Decide, in order, which new articles copy an earlier story.

    `sigs` maps each new article's content hash to its signature (`signature(story_text(doc))`, made where
    the article was processed). `lookup(buckets)` returns the stored story starts (`Candidate`s) that share
    any of the given buckets. Articles earlier in `sigs` count as stored: the first of two copies in one
    batch starts the story.
    """
    wanted = {bucket for sig in sigs.values() if sig is not None for _, bucket in buckets(sig)}
    by_bucket: dict[int, list[Candidate]] = {}
    for bucket, candidate in lookup(sorted(wanted)) if wanted else ():
        by_bucket.setdefault(bucket, []).append(candidate)
    result = Assignment()
    for content_hash, sig in sigs.items():
        if sig is None:
            result.duplicate_of[content_hash] = None
            continue
        mine = buckets(sig)
        best, best_score = None, threshold
        seen: set[str] = set()
        for _, bucket in mine:
            for candidate in by_bucket.get(bucket, ()):
                if candidate.content_hash in seen or candidate.content_hash == content_hash:
                    continue
                seen.add(candidate.content_hash)
                score = similarity(sig, candidate.signature)
                if score >= best_score and (best is None or score > best_score):
                    best, best_score = candidate.content_hash, score
        result.duplicate_of[content_hash] = best
        if best is None:  # a new story: later articles are compared with it
            result.signatures.append((content_hash, to_bytes(sig)))
            me = Candidate(content_hash, sig)
            for band, bucket in mine:
                result.bands.append((content_hash, band, bucket))
                by_bucket.setdefault(bucket, []).append(me)
    return result

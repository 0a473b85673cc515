"""Which language an article is written in.

py3langid (a maintained fork of langid.py, its model shipped inside the
package, offline) reads the first few thousand characters. Chronicle codes
English only: other articles are stored with their language and skipped
for NLP. A text too short to tell, or one the model is unsure about, gets
no language and is processed as English: coding a sentence of English that
the model misread matters more than coding a short foreign one by mistake.
"""

from __future__ import annotations

import threading

SAMPLE_CHARS = 5000  # enough for a confident answer; the cost grows with the sample
MIN_LETTERS = 40  # below this, no language is claimed
MIN_CONFIDENCE = 0.9  # a non-English answer below this is not trusted
# English-lexified languages that English text is mistaken for: the model reads a short English report
# about Nigeria ("The Nigerian army killed 30 Boko Haram fighters in Borno") as Nigerian Pidgin at 0.9
# and more; real Pidgin scores near 1.
CLOSE_TO_ENGLISH = {"pcm": 0.99}

_lock = threading.Lock()
_identifier = None


def _model():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short or unclear to tell."""
    sample = text[:SAMPLE_CHARS]
    letters = 0
    for char in sample:
        if char.isalpha():
            letters += 1
            if letters >= MIN_LETTERS:
                break
    else:
        return None
    language, confidence = _model().classify(sample)
    if language != "en" and confidence < CLOSE_TO_ENGLISH.get(language, MIN_CONFIDENCE):
        return None
    return language


def is_english(language: str | None) -> bool:
    """Whether an article with this language is coded (undetermined counts as English)."""
    return language is None or language == "en"

"""Custom spaCy components, registered by name."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from chronicle.annotate.entities import KnowledgeEntities

LINE_BREAK = re.compile("\n")
SENTENCE_END = {".", "!", "?", '"', "”", "'", "’", ":", "…"}


@Language.component("chronicle_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after a paragraph break, or after a line that ended a sentence.

    The parser keeps boundaries set before it, so a headline or a quote never
    runs into the next paragraph.
    """
    text = doc.text
    if "\n" not in text:
        return doc
    # Only the tokens that hold a line break need a look: find them by character offset, not by walking the doc.
    starts = doc.to_array(IDX)
    breaks = np.searchsorted(starts, [m.start() for m in LINE_BREAK.finditer(text)], side="right") - 1
    for i in sorted(set(breaks.tolist())):
        if i < 0 or i >= len(doc) - 1:
            continue
        token = doc[i]
        if token.is_space and "\n" in token.text:
            previous = doc[token.i - 1] if token.i > 0 else None
            if token.text.count("\n") >= 2 or (previous is not None and previous.text[-1:] in SENTENCE_END):
                doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("chronicle_entities")
def make_knowledge_entities(nlp: Language, name: str) -> KnowledgeEntities:
    return KnowledgeEntities(nlp)

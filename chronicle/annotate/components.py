"""Custom spaCy components, registered by name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicle.annotate.entities import KnowledgeEntities

SENTENCE_END = {".", "!", "?", '"', "”", "'", "’", ":", "…"}


@Language.component("chronicle_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after a paragraph break, or after a line that ended a sentence.

    The parser keeps boundaries set before it, so a headline or a quote never
    runs into the next paragraph.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            previous = doc[token.i - 1] if token.i > 0 else None
            if token.text.count("\n") >= 2 or (previous is not None and previous.text[-1:] in SENTENCE_END):
                doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("chronicle_entities")
def make_knowledge_entities(nlp: Language, name: str) -> KnowledgeEntities:
    return KnowledgeEntities(nlp)

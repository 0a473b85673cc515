"""Chronicle: turn news articles into sourced records of what happened.

    >>> import chronicle
    >>> doc = chronicle.process("Russian warplanes bombed Islamic State targets in Raqqa on Friday.",
    ...                         date="2015-11-20")
    >>> [(e.source.code, e.code, e.target.code) for e in doc.events]
    [('RUSMIL', '195', 'IMGMUSISI')]
"""

__version__ = "0.1.0"

from chronicle.pipeline import process, process_many  # noqa: E402
from chronicle.records import Document, json_schema  # noqa: E402

__all__ = ["process", "process_many", "Document", "json_schema", "__version__"]

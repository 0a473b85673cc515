"""Extract: records from an annotated document.

Each extractor is a function `(ctx: Context) -> None` that fills its part of
the document record; they are registered by name and run in order, so later
ones (events) can use what earlier ones (actors, places, times) found.
"""

from chronicle.extract.base import EXTRACTORS, Context, register
from chronicle.extract import actors, times, places, quantities, quotes, events  # noqa: F401,E402

__all__ = ["EXTRACTORS", "Context", "register"]

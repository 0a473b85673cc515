"""Extract: records from an annotated document.

Each extractor is a function `(ctx: Context) -> None` that fills its part of
the document record. They are registered by name and run in the order of
`ORDER`, so later ones can use what earlier ones found: events use actors,
places and the speakers of quotes; event_context gives events their
place, date and counts.
"""

from chronicle.extract.base import EXTRACTORS, Context, register
from chronicle.extract import actors, times, places, quantities, quotes, events, event_context  # noqa: F401,E402

ORDER = ("actors", "times", "places", "quantities", "quotes", "events", "event_context")


def run_extractors(ctx: Context) -> None:
    for name in ORDER:
        EXTRACTORS[name](ctx)
    for name, extractor in EXTRACTORS.items():  # extractors a user registered run last
        if name not in ORDER:
            extractor(ctx)


__all__ = ["EXTRACTORS", "ORDER", "Context", "register", "run_extractors"]

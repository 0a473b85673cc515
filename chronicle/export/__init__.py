"""Export stored events to files in Chronicle's own layout or in the columns of GDELT or POLECAT.

    from chronicle.export import export_events
    with Store(db, read_only=True) as store:
        export_events(store, "events.csv", fmt="csv", layout="gdelt", per_story=True, actor="RUS")

Events are read from the store in batches and written as they come (bounded
memory). The column mapping is in `layouts/*.csv` and docs/export.md.
"""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterator

from chronicle.export.layouts import NAMES as LAYOUTS, event_fields, layout, project
from chronicle.export.writers import FORMATS, write_rows

__all__ = ["FORMATS", "LAYOUTS", "export_events", "exported_rows"]
BATCH = 1000


def exported_rows(store, layout_name: str = "chronicle", per_story: bool = False, asserted: bool = False,
                  **filters: Any) -> Iterator[list[Any]]:
    """Rows of the layout for the stored events that match `filters` (those of `Store.events`).

    `per_story`: one copy's events per story, counted over all its copies; `asserted`: only events that
    are asserted, not negated and not a background mention of an earlier event (datasets such as GDELT
    list nothing else).
    """
    columns = layout(layout_name)
    events = store.stream_events(per_story=per_story, batch=BATCH, **filters)
    while batch := list(islice(events, BATCH)):
        if asserted:
            batch = [r for r in batch if r["modality"] == "asserted" and not r["negated"]
                     and not r["background"]]
        sightings = store.story_sightings(r["story"] for r in batch)
        for row in batch:
            yield project(columns, event_fields(row, sightings[row["story"]], per_story))


def export_events(store, out: str | None, fmt: str = "jsonl", layout_name: str = "chronicle",
                  per_story: bool = False, asserted: bool = False, **filters: Any) -> int:
    """Write the matching events to `out` (stdout for JSONL and CSV when None); the number written."""
    columns = layout(layout_name)
    return write_rows(columns, exported_rows(store, layout_name, per_story, asserted, **filters), fmt, out)

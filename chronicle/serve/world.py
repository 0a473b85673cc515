"""The world outline the web app's map draws: Natural Earth 1:110m countries, bundled as data.

The file is written once by `tools/make_world.py`; nothing is fetched at run time (the server may have no
network). Read once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

WORLD_FILE = Path(__file__).with_name("data") / "world-110m.geojson"


@lru_cache(maxsize=1)
def world_geojson() -> dict:
    """A GeoJSON FeatureCollection of country outlines; each feature has `name`, `iso2` and `iso3`."""
    return json.loads(WORLD_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def world_json() -> bytes:
    """The outline as the JSON answer of GET /api/world: encoded once, not on every request."""
    return json.dumps(world_geojson(), separators=(",", ":")).encode()

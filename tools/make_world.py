"""Write the web app's world outline (chronicle/serve/data/world-110m.geojson) from Natural Earth shapes.

Run once, by hand, when the outline should change; the server only reads the file it writes.
Input: the `countries-110m.json` TopoJSON of the npm package `world-atlas` (Natural Earth 1:110m
Admin 0 countries, public domain), e.g. after `npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`:

    .venv/bin/python tools/make_world.py package/countries-110m.json

Coordinates are rounded to 0.01 degree (about 1 km, far below what a 1:110m outline resolves), which
keeps the file small. Each country gets its name and ISO 3166 alpha-2 and alpha-3 codes (from its
numeric id, through pycountry) so the map can match event countries.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "chronicle" / "serve" / "data" / "world-110m.geojson"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc: TopoJSON stores quantized, delta-encoded positions."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One closed ring from arc indices; a negative index ~i is arc i reversed. Shared end points appear once."""
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    # Dropping repeated points left by rounding keeps the file small without changing the shape.
    out = [points[0]]
    for p in points[1:]:
        if p != out[-1]:
            out.append(p)
    return [list(p) for p in out]


def codes(numeric: str | None) -> tuple[str | None, str | None]:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return (country.alpha_2, country.alpha_3) if country else (None, None)


def features(topology: dict) -> list[dict]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [[ring(r, arcs) for r in polygon] for polygon in polygons]
        iso2, iso3 = codes(geometry.get("id"))
        out.append({"type": "Feature",
                    "properties": {"name": geometry.get("properties", {}).get("name"), "iso2": iso2, "iso3": iso3},
                    "geometry": {"type": "MultiPolygon", "coordinates": rings}})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    if topology.get("type") != "Topology" or "countries" not in topology.get("objects", {}):
        print(f"{args.topojson}: not a world-atlas countries TopoJSON file", file=sys.stderr)
        return 1
    collection = {"type": "FeatureCollection",
                  "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2",
                  "features": features(topology)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(collection['features'])} countries, {args.out.stat().st_size:,} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write ``web/static/world.json``: country outlines as SVG paths for the dashboard map.

Input: ``countries-110m.json`` of the npm package world-atlas 2.0.2 (ISC licence, data from
Natural Earth, public domain), fetched with ``npm pack world-atlas@2.0.2``. Output: one
path per country in an equirectangular projection (x = longitude, y = -latitude, degrees
rounded to 0.1), so the browser only sets ``d`` attributes: no projection code, no CDN.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/tregua/interfaces/web/static/world.json"


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        coords = []
        last = None
        for lon, lat in ring:
            point = (round(lon, 1), round(-lat, 1))
            if point != last:
                coords.append(f"{point[0]:g} {point[1]:g}")
                last = point
        if len(coords) > 2:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        rings = [_ring(arcs, r) for p in polygons.get(geometry["type"], []) for r in p]
        d = _path(rings)
        if d:
            countries.append({"name": geometry.get("properties", {}).get("name", ""), "d": d})
    note = "world-atlas 2.0.2 countries-110m (ISC; Natural Earth, public domain)"
    OUT.write_text(json.dumps({"source": note, "countries": countries}, separators=(",", ":")))
    print(f"{len(countries)} countries -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])

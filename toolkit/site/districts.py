"""District boundaries for the page: simplified to tens of KB, loaded only on "use my location".

Simplification moves each border by at most TOLERANCE degrees, so near a border the page cannot
tell the districts apart: it offers every district whose simplified border passes within that
distance of the person's position, and lets them pick.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

# About 50 m: district borders follow streets, and a phone's position is rarely much
# better than that indoors.
TOLERANCE = 0.0005
DECIMALS = 4
CALLBACK = "toolkitDistricts"

Point = tuple[float, float]


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment ab, in degrees, longitude scaled to ground distance."""
    scale = math.cos(math.radians(p[1]))
    px, py, ax, ay, bx, by = p[0] * scale, p[1], a[0] * scale, a[1], b[0] * scale, b[1]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify_ring(ring: Sequence[Sequence[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker on a closed ring; the result stays closed with at least 4 points."""
    points: list[Point] = [(float(p[0]), float(p[1])) for p in ring]
    if len(points) <= 4:
        return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    # Split the ring at its farthest point from the start, so both halves are open lines.
    far = max(range(len(points)), key=lambda i: _distance(points[i], points[0], points[0]))
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    kept = [points[i] for i in range(len(points)) if keep[i]]
    if len(kept) < 4:
        step = max(1, len(points) // 3)
        kept = [points[0], points[step], points[min(2 * step, len(points) - 2)], points[-1]]
    out: list[list[float]] = []
    for x, y in kept:
        pair = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != pair:
            out.append(pair)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def simplify(collection: Mapping[str, Any], tolerance: float = TOLERANCE) -> dict[str, Any]:
    """Each district as a list of polygons (rings of [lon, lat]); tiny rings dropped."""
    districts: list[dict[str, Any]] = []
    for feature in collection.get("features", []):
        geometry = feature["geometry"]
        polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                    else [geometry["coordinates"]])
        simple = []
        for polygon in polygons:
            rings = [simplify_ring(ring, tolerance) for ring in polygon]
            if len(rings[0]) >= 4:
                simple.append([ring for ring in rings if len(ring) >= 4])
        districts.append({"district": str(feature["properties"]["district"]),
                          "polygons": simple})
    return {"tolerance": tolerance, "districts": districts}


def districts_script(collection: Mapping[str, Any]) -> str:
    """A script the page adds when asked, so it works from file:// as from any host.

    Simplifying is the slow part of a rebuild under `toolkit serve`: the script is kept per
    collection (by its JSON text) for the life of the process."""
    key = hashlib.sha256(json.dumps(collection, sort_keys=True).encode()).hexdigest()
    script = _SCRIPTS.get(key)
    if script is None:
        data = json.dumps(simplify(collection), separators=(",", ":"), sort_keys=True)
        script = f"window.{CALLBACK}&&window.{CALLBACK}({data});\n"
        if len(_SCRIPTS) >= 8:
            _SCRIPTS.clear()
        _SCRIPTS[key] = script
    return script


_SCRIPTS: dict[str, str] = {}

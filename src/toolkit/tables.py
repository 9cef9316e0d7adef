"""Read the campaign's data files (targets CSV, ZIP CSV, GeoJSON) with located errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from toolkit.errors import Location, Problems, display_path
from toolkit.model import Target

TARGET_COLUMNS = ("name", "district", "email")
EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")
MAX_TABLE_BYTES = 20_000_000


def _read_csv(path: Path, problems: Problems) -> tuple[list[str], list[tuple[int, dict]]] | None:
    shown = display_path(path)
    raw = path.read_bytes()
    if len(raw) > MAX_TABLE_BYTES:
        problems.error(Location(shown, 1, 1), "table is larger than 20 MB")
        return None
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(Location(shown, line, 1), "file is not valid UTF-8; save it as UTF-8")
        return None
    if not text.strip():
        problems.error(Location(shown, 1, 1), "file is empty")
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        problems.error(Location(shown, reader.line_num, 1), f"invalid CSV: {exc}")
        return None
    header = [h.strip().lower() for h in rows[0]]
    records = []
    for offset, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            message = f"row has {len(row)} columns, the header has {len(header)}"
            problems.error(Location(shown, offset, 1), message)
            continue
        records.append((offset, {h: cell.strip() for h, cell in zip(header, row, strict=True)}))
    return header, records


def load_targets(path: Path, problems: Problems) -> tuple[Target, ...]:
    """The people a letter can go to; each needs a name, a district and an email address."""
    shown = display_path(path)
    table = _read_csv(path, problems)
    if table is None:
        return ()
    header, records = table
    missing = [c for c in TARGET_COLUMNS if c not in header]
    if missing:
        problems.error(Location(shown, 1, 1), f"missing column(s): {', '.join(missing)}")
        return ()
    targets = []
    for line, row in records:
        if not EMAIL.match(row["email"]):
            column = header.index("email") + 1
            problems.error(Location(shown, line, column),
                           f"'{row['email']}' is not an email address")
            continue
        if not row["name"] or not row["district"]:
            problems.error(Location(shown, line, 1), "name and district must not be empty")
            continue
        targets.append(Target(row["name"], row.get("title", ""), row["district"], row["email"],
                              dict(row)))
    if not targets and not problems.errors:
        problems.error(Location(shown, 2, 1), "the table lists no targets")
    return tuple(targets)


def load_zip_districts(path: Path, districts: set[str], problems: Problems) -> dict[str, list]:
    """ZIP code to the districts it touches (a ZIP can lie in several)."""
    shown = display_path(path)
    table = _read_csv(path, problems)
    if table is None:
        return {}
    header, records = table
    missing = [c for c in ("zip", "district") if c not in header]
    if missing:
        problems.error(Location(shown, 1, 1), f"missing column(s): {', '.join(missing)}")
        return {}
    result: dict[str, list] = {}
    for line, row in records:
        if not re.fullmatch(r"[0-9A-Za-z -]{3,10}", row["zip"]):
            problems.error(Location(shown, line, 1), f"'{row['zip']}' is not a postal code")
            continue
        if districts and row["district"] not in districts:
            column = header.index("district") + 1
            problems.error(Location(shown, line, column),
                           f"district '{row['district']}' is not in the targets table")
            continue
        found = result.setdefault(row["zip"], [])
        if row["district"] not in found:
            found.append(row["district"])
    return result


def load_geojson(path: Path, districts: set[str], problems: Problems) -> dict[str, Any] | None:
    """District polygons as a FeatureCollection whose features carry a `district` property."""
    shown = display_path(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        problems.error(Location(shown, 1, 1), "file is not valid UTF-8")
        return None
    except json.JSONDecodeError as exc:
        problems.error(Location(shown, exc.lineno, exc.colno), f"invalid JSON: {exc.msg}")
        return None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        problems.error(Location(shown, 1, 1), "expected a GeoJSON FeatureCollection")
        return None
    features = data.get("features")
    if not isinstance(features, list) or not features:
        problems.error(Location(shown, 1, 1), "the FeatureCollection has no features")
        return None
    kept = []
    for index, feature in enumerate(features):
        problem = _feature_problem(feature, districts)
        if problem:
            problems.error(Location(shown, 1, 1), f"features[{index}]: {problem}")
            continue
        kept.append({"type": "Feature", "properties": {"district": str(
            feature["properties"]["district"])}, "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": kept}


def _feature_problem(feature: Any, districts: set[str]) -> str:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return "a feature needs properties"
    district = feature["properties"].get("district")
    if district is None:
        return "missing property 'district'"
    if districts and str(district) not in districts:
        return f"district '{district}' is not in the targets table"
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return "geometry must be a Polygon or MultiPolygon"
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
        geometry.get("coordinates")]
    for polygon in polygons or [None]:
        if not _valid_polygon(polygon):
            return "polygon coordinates must be rings of [longitude, latitude] pairs"
    return ""


def _valid_polygon(polygon: Any) -> bool:
    if not isinstance(polygon, list) or not polygon:
        return False
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 4:
            return False
        for point in ring:
            if (not isinstance(point, list) or len(point) < 2
                    or not all(isinstance(v, int | float) for v in point[:2])
                    or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90)):
                return False
    return True

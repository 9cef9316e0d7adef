"""Read the campaign's data files (targets CSV, ZIP CSV, GeoJSON) with located errors."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from toolkit.errors import Location, Problems, ProblemsError, display_path
from toolkit.load.jsonsource import load_json, locate
from toolkit.load.model import Target
from toolkit.load.textfile import read_utf8
from toolkit.load.yamlsource import KeyPath

TARGET_COLUMNS = ("name", "district", "email")
EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")
MAX_TABLE_BYTES = 20_000_000
CSV_UTF8 = '"CSV UTF-8 (comma delimited)"'  # the choice's name in spreadsheet save dialogs


Rows = list[tuple[int, dict[str, str]]]  # (line number, row by column name)


def _read_csv(path: Path, problems: Problems) -> tuple[list[str], Rows] | None:
    shown = display_path(path)
    text = _csv_text(path, shown, problems)
    if text is None:
        return None
    rows = _csv_rows(text, shown, problems)
    if rows is None:
        return None
    first, header = rows[0]
    if not header:
        problems.error(Location(shown, first, 1), "the first line must name the columns")
        return None
    for index, name in enumerate(header):
        if name and name in header[:index]:
            problems.error(Location(shown, first, index + 1), f"column '{name}' appears twice")
            return None
    records = []
    for line, row in rows[1:]:
        if len(row) != len(header):
            message = f"row has {len(row)} columns, the header has {len(header)}"
            problems.error(Location(shown, line, 1), message)
            continue
        records.append((line, {h: cell.strip() for h, cell in zip(header, row, strict=True)}))
    return header, records


def _csv_text(path: Path, shown: str, problems: Problems) -> str | None:
    try:
        text = read_utf8(path, shown, MAX_TABLE_BYTES, CSV_UTF8)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None
    if not text.strip():
        problems.error(Location(shown, 1, 1), "file is empty")
        return None
    return text


def _csv_rows(text: str, shown: str, problems: Problems) -> list[tuple[int, list[str]]] | None:
    """Non-blank rows with the line each starts on; header names lowercased and trimmed."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        reason = str(exc)
        if "end of data" in reason or "expected after" in reason:
            reason = "a quoted value is not closed, or a quote inside it is not doubled (\"\")"
        problems.error(Location(shown, line, 1), f"invalid CSV in the row starting here: {reason}")
        return None
    if not rows:
        problems.error(Location(shown, 1, 1), "file is empty")
        return None
    first, header = rows[0]
    rows[0] = (first, [h.strip().lower() for h in header])
    return rows


def _missing_columns(header: list[str], needed: tuple[str, ...]) -> str:
    missing = [c for c in needed if c not in header]
    if not missing:
        return ""
    message = f"missing column(s): {', '.join(missing)}"
    if len(header) == 1 and ";" in header[0]:
        message += "; the columns seem to be separated by ';': save the file with commas"
    return message


def load_targets(path: Path, problems: Problems) -> tuple[Target, ...]:
    """The people a letter can go to; each needs a name, a district and an email address."""
    shown = display_path(path)
    table = _read_csv(path, problems)
    if table is None:
        return ()
    header, records = table
    missing = _missing_columns(header, TARGET_COLUMNS)
    if missing:
        problems.error(Location(shown, 1, 1), missing)
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


def load_zip_districts(path: Path, districts: set[str], problems: Problems
                       ) -> dict[str, list[str]]:
    """ZIP code to the districts it touches (a ZIP can lie in several)."""
    shown = display_path(path)
    table = _read_csv(path, problems)
    if table is None:
        return {}
    header, records = table
    missing = _missing_columns(header, ("zip", "district"))
    if missing:
        problems.error(Location(shown, 1, 1), missing)
        return {}
    result: dict[str, list[str]] = {}
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
    try:
        data, text = load_json(path)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None
    found = _collection_problems(data, districts)
    if found:
        where = locate(text, display_path(path), [key_path for key_path, _ in found])
        for key_path, message in found:
            problems.error(where[key_path], message)
        return None
    kept = [{"type": "Feature", "properties": {"district": str(f["properties"]["district"])},
             "geometry": f["geometry"]} for f in data["features"]]
    return {"type": "FeatureCollection", "features": kept}


Found = list[tuple[KeyPath, str]]


def _collection_problems(data: Any, districts: set[str]) -> Found:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        got = data.get("type") if isinstance(data, dict) else None
        what = f" (its type is '{got}')" if isinstance(got, str) else ""
        return [(("type",), f"expected a GeoJSON FeatureCollection{what}")]
    features = data.get("features")
    if not isinstance(features, list) or not features:
        return [(("features",), "the FeatureCollection has no features")]
    found: Found = []
    for index, feature in enumerate(features):
        found += [(("features", index, *key_path), f"features[{index}]: {message}")
                  for key_path, message in _feature_problems(feature, districts)]
    return found


def _feature_problems(feature: Any, districts: set[str]) -> Found:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return [(("properties",), "a feature needs properties")]
    district = feature["properties"].get("district")
    if district is None or isinstance(district, dict | list):
        return [(("properties",), "missing property 'district'")]
    if districts and str(district) not in districts:
        return [(("properties", "district"),
                 f"district '{district}' is not in the targets table")]
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return [(("geometry",), "geometry must be a Polygon or MultiPolygon")]
    coordinates = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        coordinates = [coordinates]
    elif not isinstance(coordinates, list) or not coordinates:
        return [(("geometry", "coordinates"), "a MultiPolygon needs a list of polygons")]
    for index, polygon in enumerate(coordinates):
        where = _polygon_problem(polygon)
        if where is not None:
            prefix = () if geometry["type"] == "Polygon" else (index,)
            return [(("geometry", "coordinates", *prefix, *where),
                     "polygon coordinates must be rings of at least 4 [longitude, latitude] "
                     "points, longitude from -180 to 180 and latitude from -90 to 90")]
    return []


def _polygon_problem(polygon: Any) -> KeyPath | None:
    """Where a polygon goes wrong (relative key path), or None."""
    if not isinstance(polygon, list) or not polygon:
        return ()
    for ring_index, ring in enumerate(polygon):
        if not isinstance(ring, list) or len(ring) < 4:
            return (ring_index,)
        for point_index, point in enumerate(ring):
            if not _valid_point(point):
                return (ring_index, point_index)
    return None


def _valid_point(point: Any) -> bool:
    return (isinstance(point, list) and len(point) >= 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point[:2])
            and -180 <= point[0] <= 180 and -90 <= point[1] <= 90)

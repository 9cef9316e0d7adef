"""Read the campaign's data files (targets CSV, ZIP CSV, GeoJSON) with located errors."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from toolkit.errors import Location, Problems, ProblemsError, display_path
from toolkit.graphics.photo import PhotoError, load_photo
from toolkit.load.fields import LANGUAGE_CODE
from toolkit.load.jsonsource import load_json, locate
from toolkit.load.model import Target
from toolkit.load.targets import (
    HANDLE_PLATFORMS,
    MAX_PHONE_DIGITS,
    MIN_PHONE_DIGITS,
    handle_problem,
    parse_handle,
    parse_phone,
    target_keys,
)
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


def load_targets(path: Path, problems: Problems, need_email: bool = True,
                 root: Path | None = None) -> tuple[Target, ...]:
    """The people a campaign addresses; each needs a name and a district (and an email address
    when letters go to them). Handles, phones, photos and translations are checked cell by
    cell, each problem located at its row and column."""
    shown = display_path(path)
    table = _read_csv(path, problems)
    if table is None:
        return ()
    header, records = table
    needed = TARGET_COLUMNS if need_email else ("name", "district")
    missing = _missing_columns(header, needed)
    if missing:
        problems.error(Location(shown, 1, 1), missing)
        return ()
    translated = _translation_columns(header, shown, problems)
    rows: list[tuple[int, dict[str, str]]] = []
    for line, row in records:
        email = row.get("email", "")
        if (need_email or email) and not EMAIL.match(email):
            column = header.index("email") + 1
            problems.error(Location(shown, line, column), f"'{email}' is not an email address")
            continue
        if not row["name"] or not row["district"]:
            problems.error(Location(shown, line, 1), "name and district must not be empty")
            continue
        rows.append((line, row))
    keys = target_keys([(row["district"], row["name"]) for _, row in rows])
    targets = []
    for (line, row), key in zip(rows, keys, strict=True):
        def where(column: str, line: int = line) -> Location:
            return Location(shown, line, header.index(column) + 1)
        handles = {}
        for platform in HANDLE_PLATFORMS:
            raw = row.get(platform, "")
            if not raw:
                continue
            handle = parse_handle(platform, raw)
            if handle is None:
                problems.error(where(platform), handle_problem(platform, raw))
            else:
                handles[platform] = handle
        phone = None
        if row.get("phone"):
            phone = parse_phone(row["phone"])
            if phone is None:
                problems.error(where("phone"), phone_problem(row["phone"]))
        photo = None
        if row.get("photo"):
            photo = _photo(path, row["photo"], root, where("photo"), problems)
        translations: dict[str, dict[str, str]] = {}
        for header_name, (base, lang) in translated.items():
            if row.get(header_name):
                translations.setdefault(lang, {})[base] = row[header_name]
        columns = {name: value for name, value in row.items() if name not in translated}
        targets.append(Target(row["name"], row.get("title", ""), row["district"],
                              row.get("email", ""), columns, key, handles, phone, photo,
                              translations, line))
    if not targets and not problems.errors:
        problems.error(Location(shown, 2, 1), "the table lists no targets")
    return tuple(targets)


def _translation_columns(header: list[str], shown: str, problems: Problems
                         ) -> dict[str, tuple[str, str]]:
    """`column:lang` headers: the column they translate and the language."""
    found = {}
    for index, name in enumerate(header):
        if ":" not in name:
            continue
        base, _, lang = name.partition(":")
        where = Location(shown, 1, index + 1)
        if not LANGUAGE_CODE.match(lang):
            problems.error(where, f"column '{name}': '{lang}' is not a language code "
                                  f"(write translations as column:lang, such as title:es)")
        elif base not in header:
            problems.error(where, f"column '{name}' translates '{base}', which the table "
                                  f"does not have")
        elif base in ("district", "email", "phone", "photo", *HANDLE_PLATFORMS):
            problems.error(where, f"column '{base}' is not translated: it is the same "
                                  f"in every language")
        else:
            found[name] = (base, lang)
    return found


def phone_problem(raw: str) -> str:
    return (f"'{raw}' is not a phone number: write {MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS} "
            f"digits, such as (213) 473-7001 or +1 213 473 7001 (an extension as ext. 12)")


def _photo(table: Path, raw: str, root: Path | None, where: Location, problems: Problems
           ) -> Path | None:
    """A headshot, relative to the table's folder, inside the workspace, that decodes."""
    folder = table.parent
    candidate = (folder / raw).resolve()
    inside = root.resolve() if root else folder.resolve()
    if Path(raw).is_absolute() or not candidate.is_relative_to(inside):
        problems.error(where, f"photo '{raw}' must be a path inside the workspace, relative "
                              f"to the folder of {table.name}")
        return None
    if not candidate.is_file():
        problems.error(where, f"photo '{raw}' not found (paths are relative to the folder "
                              f"of {table.name})")
        return None
    try:
        load_photo(candidate)
    except PhotoError as exc:
        problems.error(where, f"photo '{raw}' cannot be used: {exc}")
        return None
    except OSError as exc:
        problems.error(where, f"photo '{raw}' cannot be read: {exc.strerror}")
        return None
    return candidate


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

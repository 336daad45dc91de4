"""Read an AI Incident Database snapshot folder into plain rows, each with where it came from.

Files (all optional but `incidents.csv`): the weekly snapshot `incidents.csv`, the GraphQL export
`aiid_graphql_export.json` (display names, report urls, titles, authors), the taxonomy files
`classifications_*.csv`, `oecd_relationships_*.json` and `similar_entities.csv`. A CSV row's
origin is its first line; a JSON record's origin is its 1-based index in its list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from ingest.loading import MAX_JSON_BYTES, InputRefused, loads_json, read_json_file, read_text_file
from ingest.records import Origin, Problem
from ingest.sources.classifications import classification_properties

INCIDENTS = "incidents.csv"
GRAPHQL = "aiid_graphql_export.json"
SIMILAR = "similar_entities.csv"
GRAPHQL_ROLES = {
    "deployers": "AllegedDeployerOfAISystem",
    "harmed": "AllegedHarmedOrNearlyHarmedParties",
}
ROLE_COLUMNS = {
    "deployers": "Alleged deployer of AI system",
    "developers": "Alleged developer of AI system",
    "harmed": "Alleged harmed or nearly harmed parties",
}


@dataclass(frozen=True)
class IncidentRow:
    number: int
    date: str
    title: str
    description: str
    reports: tuple[int, ...]
    roles: dict[str, tuple[str, ...]]  # "deployers" / "developers" / "harmed" -> raw slugs
    origin: Origin


@dataclass(frozen=True)
class Report:
    number: int
    url: str
    title: str
    authors: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class SimilarPair:
    first: str
    second: str
    similarity: float
    origin: Origin


@dataclass
class Snapshot:
    """Everything read from one snapshot folder, and the rows that could not be read."""

    incidents: list[IncidentRow] = field(default_factory=list)
    reports: dict[int, Report] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    similar: list[SimilarPair] = field(default_factory=list)
    classifications: dict[int, dict[str, Any]] = field(default_factory=dict)
    oecd: dict[int, list[str]] = field(default_factory=dict)
    graphql_incidents: set[int] = field(default_factory=set)
    graphql_rows: dict[int, IncidentRow] = field(default_factory=dict)  # no developer column
    graphql_reports: set[tuple[int, int]] = field(default_factory=set)  # (incident, report)
    read: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    has_graphql: bool = False


def read_snapshot(folder: Path) -> Snapshot:
    """Read every file of the snapshot layout that is present."""
    snap = Snapshot()
    _read_incidents(folder / INCIDENTS, snap)
    if (folder / GRAPHQL).exists():
        snap.has_graphql = True
        _read_graphql(folder / GRAPHQL, snap)
    if (folder / SIMILAR).exists():
        _read_similar(folder / SIMILAR, snap)
    for path in sorted(folder.glob("classifications_*.csv")):
        _read_classifications(path, snap)
    for path in sorted(folder.glob("oecd_relationships*.json")):
        _read_oecd(path, snap)
    return snap


def csv_rows(path: Path) -> Iterator[tuple[dict[str, str], Origin]]:
    """Each row of a CSV file as a dict, with the line it starts on."""
    try:
        text = read_text_file(path, MAX_JSON_BYTES)
    except InputRefused as exc:
        raise exc.at(path) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise InvalidInput(f"{path}: the CSV file is empty (no header row)")
    start = reader.line_num + 1
    for row in reader:
        yield dict(zip(header, row, strict=False)), Origin(str(path), start)
        start = reader.line_num + 1


def _read_incidents(path: Path, snap: Snapshot) -> None:
    count = 0
    for row, origin in csv_rows(path):
        count += 1
        try:
            snap.incidents.append(_incident(row, origin))
        except (ValueError, TypeError, KeyError) as exc:
            snap.problems.append(Problem(origin, f"incident row refused: {exc}"))
    snap.read[INCIDENTS] = count


def _incident(row: dict[str, str], origin: Origin) -> IncidentRow:
    roles = {role: tuple(_json_list(row[column], column)) for role, column in ROLE_COLUMNS.items()}
    reports = tuple(int(n) for n in _json_list(row["reports"], "reports"))
    return IncidentRow(int(row["incident_id"]), row["date"].strip(), row["title"].strip(),
                       row.get("description", "").strip(), reports, roles, origin)


def _json_list(text: str, column: str) -> list[Any]:
    try:
        value = loads_json(text) if text.strip() else []
    except InputRefused as exc:
        raise ValueError(f"column {column!r}: {exc}") from None
    if not isinstance(value, list):
        raise ValueError(f"column {column!r} is not a JSON list")
    return value


def _read_graphql(path: Path, snap: Snapshot) -> None:
    data = read_json_file(path)
    inner = data.get("data") if isinstance(data, dict) else None
    incidents = inner.get("incidents") if isinstance(inner, dict) else None
    if not isinstance(incidents, list):
        raise InvalidInput(f"{path}: not the AIID GraphQL export ({{data: {{incidents: [...]}}}})")
    snap.read[GRAPHQL] = len(incidents)
    for index, incident in enumerate(incidents, 1):
        origin = Origin(str(path), index)
        snap.graphql_incidents.add(int(incident["incident_id"]))
        for key in GRAPHQL_ROLES.values():
            for entity in incident.get(key) or []:
                if entity.get("entity_id") and (entity.get("name") or "").strip():
                    snap.names.setdefault(entity["entity_id"], entity["name"].strip())
        try:
            row = _graphql_incident(incident, origin)
        except (ValueError, TypeError, KeyError) as exc:
            snap.problems.append(Problem(origin, f"GraphQL incident refused: {exc}"))
        else:
            snap.graphql_rows[row.number] = row
        for report in incident.get("reports") or []:
            number = int(report["report_number"])
            snap.graphql_reports.add((int(incident["incident_id"]), number))
            authors = tuple(a.strip() for a in report.get("authors") or [] if a and a.strip())
            found = Report(number, (report.get("url") or "").strip(),
                           " ".join((report.get("title") or "").split()), authors, origin)
            snap.reports.setdefault(number, found)


def _graphql_incident(incident: dict[str, Any], origin: Origin) -> IncidentRow:
    """An incident as the GraphQL export states it: deployers, harmed parties, reports, no
    developers (the export has no developer field; only `incidents.csv` names them)."""
    roles: dict[str, tuple[str, ...]] = {"developers": ()}
    for role, key in GRAPHQL_ROLES.items():
        roles[role] = tuple(str(e.get("entity_id") or "") for e in incident.get(key) or [])
    reports = tuple(int(r["report_number"]) for r in incident.get("reports") or [])
    return IncidentRow(int(incident["incident_id"]), str(incident["date"]).strip(),
                       " ".join(str(incident["title"]).split()), "", reports, roles, origin)


def similar_pairs(folder: Path) -> list[SimilarPair]:
    """AIID's own near-duplicate pairs (`similar_entities.csv`): candidates, never decisions."""
    snap = Snapshot()
    if (folder / SIMILAR).exists():
        _read_similar(folder / SIMILAR, snap)
    return snap.similar


def _read_similar(path: Path, snap: Snapshot) -> None:
    count = 0
    for row, origin in csv_rows(path):
        count += 1
        first, second = row.get("Entity ID 1", "").strip(), row.get("Entity ID 2", "").strip()
        for slug, name in ((first, row.get("Entity Name 1")), (second, row.get("Entity Name 2"))):
            if slug and name and name.strip():
                snap.names.setdefault(slug, name.strip())
        if first and second:
            snap.similar.append(SimilarPair(first, second, float(row["Similarity"]), origin))
    snap.read[SIMILAR] = count


def _read_classifications(path: Path, snap: Snapshot) -> None:
    count = 0
    for row, origin in csv_rows(path):
        count += 1
        try:
            props = classification_properties(row)
        except ValueError as exc:
            snap.problems.append(Problem(origin, f"classification refused: {exc}"))
            continue
        if props:
            snap.classifications.setdefault(int(row["Incident ID"]), {}).update(props)
    snap.read[path.name] = count


def _read_oecd(path: Path, snap: Snapshot) -> None:
    links = read_json_file(path)
    if not isinstance(links, list):
        raise InvalidInput(f"{path}: expected a JSON list of links")
    snap.read[path.name] = len(links)
    for index, link in enumerate(links, 1):
        url = link.get("sameAs")
        if link.get("source_namespace") != "OECD" or not isinstance(url, str):
            snap.problems.append(Problem(Origin(str(path), index), "not an OECD sameAs link"))
            continue
        urls = snap.oecd.setdefault(int(link["incident_id"]), [])
        if url not in urls:
            urls.append(url)

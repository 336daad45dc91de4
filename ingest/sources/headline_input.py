"""Headlines to read facts from: AIID report titles, or any CSV / NDJSON list a user brings.

Input formats (chosen by the file's suffix):
- `.json`: the AIID GraphQL export (`data.incidents[].reports[]`: report_number, title, url);
  a folder is read as an AIID snapshot holding `aiid_graphql_export.json`.
- `.csv`: a header row with `title` and `url` columns, and optionally `date` (ISO: YYYY,
  YYYY-MM or YYYY-MM-DD); other columns are ignored.
- `.ndjson` / `.jsonl`: one object per line with `title`, `url` and optionally `date`.
AIID reports carry no date of their own: a report's date is the year and month in its url
(`/2023/12/19/` or `2023-12-19`), when the url has one.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.dates import parse_partial_date
from ingest.loading import MAX_JSON_BYTES, InputRefused, json_lines, loads_json
from ingest.records import Origin, Problem, read_text

AIID_EXPORT = "aiid_graphql_export.json"
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](?:[0-3]\d)(?!\d)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")


@dataclass(frozen=True)
class Headline:
    """One title to read, with where it was published and where we read it."""

    title: str
    url: str
    origin: Origin
    date: str | None = None
    report: int | None = None  # AIID report number
    incident: int | None = None  # the first AIID incident listing the report


@dataclass
class Headlines:
    items: list[Headline]
    problems: list[Problem]
    read: dict[str, int]


def url_date(url: str) -> str | None:
    """The year and month a url's path gives (`/2023/12/19/`, `2023-12-19`, `/2023/12/`)."""
    found = _URL_DATE.search(url) or _URL_MONTH.search(url)
    return f"{found.group(1)}-{found.group(2)}" if found else None


def read_headlines(path: Path) -> Headlines:
    """Every headline in the file, or problems naming the line when a row is unusable."""
    if path.is_dir():
        path = path / AIID_EXPORT
    problems: list[Problem] = []
    text = read_text(path, problems, MAX_JSON_BYTES)
    if text is None:
        return Headlines([], problems, {})
    suffix = path.suffix.lower()
    if suffix == ".json":
        items = _aiid_export(path, text, problems)
    elif suffix == ".csv":
        items = _rows(path, _csv_rows(text), problems)
    elif suffix in (".ndjson", ".jsonl"):
        items = _rows(path, _ndjson_rows(path, text, problems), problems)
    else:
        problems.append(Problem(Origin(str(path)), "unknown headline format: use .csv, .ndjson "
                                                   "or the AIID GraphQL export (.json)"))
        items = []
    return Headlines(items, problems, {path.name: len(items)})


def _aiid_export(path: Path, text: str, problems: list[Problem]) -> list[Headline]:
    try:
        incidents = loads_json(text)["data"]["incidents"]
    except (InputRefused, KeyError, TypeError) as exc:
        problems.append(Problem(Origin(str(path)), f"not an AIID GraphQL export ({exc}); "
                                                   "expected data.incidents[].reports[]"))
        return []
    seen: dict[int, Headline] = {}
    for incident in incidents:
        for report in incident.get("reports") or []:
            number, title, url = report.get("report_number"), report.get("title"), report.get("url")
            if not isinstance(number, int) or number in seen or not title or not url:
                continue
            origin = Origin(str(path), number)
            seen[number] = Headline(" ".join(str(title).split()), str(url).strip(), origin,
                                    url_date(str(url)), number, incident.get("incident_id"))
    return [seen[n] for n in sorted(seen)]


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    return [(reader.line_num, dict(row)) for row in reader]


def _ndjson_rows(path: Path, text: str,
                 problems: list[Problem]) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, line in json_lines(text):
        try:
            data = loads_json(line)
        except InputRefused as exc:
            problems.append(Problem(Origin(str(path), number), str(exc)))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(Origin(str(path), number), "each line must be a JSON object"))
            continue
        rows.append((number, data))
    return rows


def _rows(path: Path, rows: list[tuple[int, dict[str, Any]]],
          problems: list[Problem]) -> list[Headline]:
    items = []
    for line, row in rows:
        origin = Origin(str(path), line)
        title, url = str(row.get("title") or "").strip(), str(row.get("url") or "").strip()
        if not title or not url:
            problems.append(Problem(origin, "a headline needs `title` and `url`; fill both in"))
            continue
        date = str(row.get("date") or "").strip() or None
        if date is not None:
            try:
                parse_partial_date(date)
            except ValueError as exc:
                problems.append(Problem(origin, f"invalid `date` {date!r}: {exc}"))
                continue
        items.append(Headline(" ".join(title.split()), url, origin, date))
    return items

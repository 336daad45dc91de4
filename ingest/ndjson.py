"""The interchange format: one JSON object per line, `kind` entity or relation."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ingest.records import Origin, ParsedFile, Problem, RawRecord, read_text

SUFFIXES = (".ndjson", ".jsonl")


def parse_ndjson(path: Path) -> ParsedFile:
    """Every record of an NDJSON file with its line; malformed lines become problems."""
    parsed = ParsedFile(path)
    text = read_text(path, parsed.problems)
    if text is None:
        return parsed
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        origin = Origin(str(path), number)
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            parsed.problems.append(
                Problem(origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
            )
            continue
        if not isinstance(data, dict):
            parsed.problems.append(Problem(origin, "each line must be a JSON object"))
            continue
        parsed.records.append(RawRecord(data, origin))
    return parsed


def dump_records(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write records as NDJSON (stable key order, UTF-8 kept readable); returns the count."""
    count = 0
    for line in iter_lines(records):
        out.write(line)
        count += 1
    return count


def iter_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Records as NDJSON lines, for streaming."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"

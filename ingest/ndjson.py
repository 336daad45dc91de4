"""The interchange format: one JSON object per line, `kind` entity or relation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ingest.loading import (
    MAX_NDJSON_BYTES,
    InputRefused,
    json_lines,
    json_object_line,
    loads_json,
)
from ingest.records import Origin, ParsedFile, Problem, RawRecord, read_text

SUFFIXES = (".ndjson", ".jsonl")
# Written escaped (they occur only inside strings), so that tools splitting at every Unicode
# line break still see one record per line.
_ESCAPED = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})
_HAS_SEPARATOR = re.compile("[\u2028\u2029\u0085]")


def parse_ndjson(path: Path) -> ParsedFile:
    """Every record of an NDJSON file with its line; malformed lines become problems."""
    parsed = ParsedFile(path)
    text = read_text(path, parsed.problems, MAX_NDJSON_BYTES)
    if text is not None:
        parse_lines(text, str(path), parsed.records, parsed.problems)
    return parsed


def parse_lines(text: str, where: str, records: list[RawRecord], problems: list[Problem]) -> None:
    """Each line of NDJSON text as a record; a line that is no strict JSON object is a problem.

    Lines end at \\n only: U+2028, U+2029 and U+0085 are valid inside JSON strings.
    """
    for number, line in json_lines(text):
        origin = Origin(where, number)
        data = json_object_line(line)  # the usual line, parsed without `loads_json`'s wrapping
        if data is None:
            try:
                data = loads_json(line)
            except InputRefused as exc:
                problems.append(Problem(origin, str(exc)))
                continue
        if not isinstance(data, dict):
            problems.append(Problem(origin, "each line must be a JSON object"))
            continue
        records.append(RawRecord(data, origin))


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
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        yield (line.translate(_ESCAPED) if _HAS_SEPARATOR.search(line) else line) + "\n"

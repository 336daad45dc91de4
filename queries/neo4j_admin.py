"""CSV files for `neo4j-admin database import full`: the bulk path for big initial loads.

One node file per entity type and one relationship file per relation type, each with its
header row: ids in the `Entity` id space, `:LABEL` (Entity, type, extra labels), `:TYPE`, and
typed properties (`:long`, `:double`, `:string[]`...). The property maps are exactly those the
Neo4j store writes over Bolt (`queries.encoding`), so the store reads an imported graph back.
Arrays use U+001F as delimiter: names and quotes may hold `;` or `|`, never that character.
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.model import Entity, Relation
from graph.schema import BASE_LABEL, Schema
from queries.encoding import ENTITY_KEYS, RELATION_KEYS, UNDATED, entity_props, relation_props

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
SCRIPT = "import.sh"
_TYPES = {"integer": "long", "number": "double", "boolean": "boolean", "strings": "string[]"}
_ENTITY_TYPES = {
    "aliases": "string[]", "sources": "string[]", "merged_ids": "string[]", "conflicts": "string[]"
}
_RELATION_TYPES = {
    **{k: "string[]" for k in RELATION_KEYS if k.startswith("evidence_")}, "conflicts": "string[]",
    UNDATED: "boolean",
}


@dataclass
class ImportFiles:
    """The files written, and the one command that imports them."""

    directory: Path
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    entities: int = 0
    relations: int = 0

    def command(self, database: str = "neo4j") -> str:
        """`neo4j-admin database import full`, run from the folder holding the files."""
        parts = [
            "neo4j-admin", "database", "import", "full", database,
            "--overwrite-destination=true",
            f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
            "--multiline-fields=true",
            *(f"--nodes={name}" for name in sorted(self.nodes)),
            *(f"--relationships={name}" for name in sorted(self.relationships)),
        ]
        return shlex.join(parts)


def _header(name: str, kind: str | None) -> str:
    return f"{name}:{kind}" if kind else name


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    text = str(value)
    if ARRAY_DELIMITER in text:
        raise InvalidInput(f"value {text!r} holds U+001F, the import's array delimiter")
    return text


class _Tables:
    """Open CSV writers, one per file, created on first use with their header row."""

    def __init__(self, stack: ExitStack, directory: Path) -> None:
        self.stack, self.directory = stack, directory
        self.writers: dict[str, Any] = {}

    def row(self, name: str, header: list[str], cells: list[str]) -> bool:
        """Write a row to file `name`; True when the file is new."""
        fresh = name not in self.writers
        if fresh:
            handle = self.stack.enter_context(
                (self.directory / name).open("w", encoding="utf-8", newline="")
            )
            self.writers[name] = csv.writer(handle, lineterminator="\n")
            self.writers[name].writerow(header)
        self.writers[name].writerow(cells)
        return fresh


def write_import_files(
    schema: Schema, entities: Iterable[Entity], relations: Iterable[Relation], directory: Path
) -> ImportFiles:
    """Write the node and relationship files and `import.sh` into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    files = ImportFiles(directory)
    with ExitStack() as stack:
        tables = _Tables(stack, directory)
        for entity in entities:
            declared = schema.entity_types[entity.type].properties
            keys = [*ENTITY_KEYS, *declared]
            header = [
                f"id:ID({BASE_LABEL})", ":LABEL",
                *(_header(k, _ENTITY_TYPES.get(k) or _TYPES.get(declared.get(k, "")))
                  for k in keys[1:]),
            ]
            props = entity_props(entity)
            labels = _cell([BASE_LABEL, *entity.labels])
            cells = [entity.id, labels, *(_cell(props.get(k)) for k in keys[1:])]
            if tables.row(f"nodes_{entity.type}.csv", header, cells):
                files.nodes.append(f"nodes_{entity.type}.csv")
            files.entities += 1
        for relation in relations:
            declared = schema.relation_types[relation.type].properties
            keys = [*RELATION_KEYS, UNDATED, *declared]
            header = [
                f":START_ID({BASE_LABEL})", f":END_ID({BASE_LABEL})", ":TYPE",
                *(_header(k, _RELATION_TYPES.get(k) or _TYPES.get(declared.get(k, "")))
                  for k in keys),
            ]
            props = relation_props(relation)
            cells = [relation.source, relation.target, relation.type,
                     *(_cell(props.get(k)) for k in keys)]
            if tables.row(f"relationships_{relation.type}.csv", header, cells):
                files.relationships.append(f"relationships_{relation.type}.csv")
            files.relations += 1
    _write_script(files)
    return files


def _write_script(files: ImportFiles) -> None:
    script = directory_script(files)
    path = files.directory / SCRIPT
    path.write_text(script, encoding="utf-8")
    path.chmod(0o755)


def directory_script(files: ImportFiles) -> str:
    return (
        "#!/bin/sh\n"
        "# Written by `aikg export --format neo4j-admin`. Loads this folder into an EMPTY or\n"
        "# replaced Neo4j database (default: neo4j) with the database stopped; afterwards start\n"
        "# Neo4j and run `aikg db init` for the constraint and indexes.\n"
        "set -eu\n"
        'cd "$(dirname "$0")"\n'
        + files.command("${1:-neo4j}").replace("'${1:-neo4j}'", '"${1:-neo4j}"')
        + "\n"
    )

"""`aikg export --format neo4j-admin`: files neo4j-admin's documented CSV rules read back whole.

No Neo4j (so no neo4j-admin) runs here: the files are read back with the rules of the import
tool's documentation (header types, `:LABEL`, `:ID`/`:START_ID`/`:END_ID` in the Entity id
space, the array delimiter, an empty field is no property) and must decode, through the same
encoding the Neo4j store reads with, to exactly what was exported.
"""

from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from api.cli import cli
from graph.model import Entity, Relation
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths
from queries.encoding import entity_from_node, relation_from_record
from queries.neo4j_admin import ARRAY_DELIMITER, write_import_files
from tests.contract.conftest import INPUTS

SCHEMA = load_schema()
_CONVERT = {"long": int, "double": float, "boolean": lambda v: v == "true", "string": str}


def _value(kind: str, raw: str) -> Any:
    if kind.endswith("[]"):
        return [_CONVERT[kind[:-2]](v) for v in raw.split(ARRAY_DELIMITER)]
    return _CONVERT[kind](raw)


def _read(path: Path) -> list[tuple[dict[str, str], dict[str, Any]]]:
    """(special columns, typed properties) per row, as the import tool reads them."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, found = rows[0], []
    for row in rows[1:]:
        special: dict[str, str] = {}
        props: dict[str, Any] = {}
        for column, raw in zip(header, row, strict=True):
            name, _, kind = column.partition(":")
            if kind.startswith(("ID", "START_ID", "END_ID", "LABEL", "TYPE")):
                special[kind.split("(")[0]] = raw
                if name:
                    props[name] = raw
            elif raw != "":
                props[name] = _value(kind or "string", raw)
        found.append((special, props))
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(SCHEMA, tmp_path_factory.mktemp("admin-store"))
    assert ingest_paths(store, INPUTS).ok
    return store


def test_import_files_read_back_to_the_exported_graph(store: EmbeddedStore, tmp_path: Path) -> None:
    files = write_import_files(SCHEMA, store.iter_entities(), store.iter_relations(), tmp_path)
    entities: list[Entity] = []
    for name in files.nodes:
        for special, props in _read(tmp_path / name):
            labels = special["LABEL"].split(ARRAY_DELIMITER)
            entities.append(entity_from_node(SCHEMA, labels, props))
    relations: list[Relation] = []
    for name in files.relationships:
        for special, props in _read(tmp_path / name):
            relations.append(relation_from_record(
                SCHEMA, special["TYPE"], special["START_ID"], special["END_ID"], props))
    assert sorted(entities, key=lambda e: e.id) == list(store.iter_entities())
    assert sorted(relations, key=lambda r: r.id) == list(store.iter_relations())
    assert (files.entities, files.relations) == (len(entities), len(relations))


def test_headers_declare_id_spaces_labels_types_and_typed_properties(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    files = write_import_files(SCHEMA, store.iter_entities(), store.iter_relations(), tmp_path)
    incident = (tmp_path / "nodes_Incident.csv").read_text(encoding="utf-8").splitlines()[0]
    assert incident.startswith("id:ID(Entity),:LABEL,name,aliases:string[]")
    assert "aiid_incident:long" in incident and "oecd_urls:string[]" in incident
    fined = (tmp_path / "relationships_FINED.csv").read_text(encoding="utf-8").splitlines()[0]
    assert fined.startswith(":START_ID(Entity),:END_ID(Entity),:TYPE,id,date,")
    assert "evidence_quotes:string[]" in fined and "amount:double" in fined
    command = shlex.split(files.command())
    assert command[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert "--array-delimiter=U+001F" in command
    assert {f"--nodes={n}" for n in files.nodes} | {
        f"--relationships={n}" for n in files.relationships} <= set(command)
    assert 'import full "${1:-neo4j}"' in (tmp_path / "import.sh").read_text(encoding="utf-8")


def test_the_cli_writes_a_folder_and_refuses_stdout(tmp_path: Path) -> None:
    env = {"AIKG_STORE": "embedded", "AIKG_DATA_DIR": str(tmp_path / "store")}
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "-q", *map(str, INPUTS)], env=env).exit_code == 0
    done = runner.invoke(cli, ["export", "--format", "neo4j-admin", "-o", str(tmp_path / "out")],
                         env=env)
    assert done.exit_code == 0, done.output
    assert "neo4j-admin database import full neo4j" in done.output
    assert (tmp_path / "out" / "nodes_Company.csv").is_file()
    refused = runner.invoke(cli, ["export", "--format", "neo4j-admin"], env=env)
    assert refused.exit_code != 0 and "give -o FOLDER" in str(refused.exception)

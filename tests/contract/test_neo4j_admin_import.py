"""`aikg export --format neo4j-admin`, loaded by Neo4j's own `neo4j-admin database import full`
(tools/neo4j-server/bin/neo4j-admin, the import tool of the Neo4j the tests run) through the
`import.sh` the export writes, then served by Neo4j and read back equal to the embedded store."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

from graph.schema import load_schema
from graph.settings import PROJECT_ROOT, Settings
from graph.store.embedded import EmbeddedStore
from queries.neo4j_admin import write_import_files
from queries.neo4j_store import Neo4jStore
from tests.support.neo4j_server import run_neo4j_server

ADMIN_BIN = PROJECT_ROOT / "tools" / "neo4j-server" / "bin"


def _export(store: EmbeddedStore, folder: Path) -> None:
    """What `aikg export --format neo4j-admin -o FOLDER` writes (the files and import.sh)."""
    write_import_files(store.schema, store.iter_entities(), store.iter_relations(), folder)


def _import(folder: Path, home: Path) -> str:
    env = {**os.environ, "PATH": f"{ADMIN_BIN}{os.pathsep}{os.environ['PATH']}",
           "NEO4J_HOME": str(home), "NEO4J_HEAP": "512m"}
    done = subprocess.run(["sh", str(folder / "import.sh")], env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_neo4j_admin_import_serves_what_the_embedded_store_holds(
    reference: EmbeddedStore, tmp_path: Path
) -> None:
    folder, home = tmp_path / "import", tmp_path / "home"
    _export(reference, folder)
    assert "IMPORT DONE" in _import(folder, home)
    want = reference.stats()
    with run_neo4j_server(tmp_path / "server", home=home, heap="512m") as server:
        settings = replace(Settings(), store="neo4j", neo4j_uri=server.uri,
                           neo4j_user=server.user, neo4j_password=server.password,
                           neo4j_database=server.database)
        with Neo4jStore.connect(load_schema(), settings) as store:
            store.init_schema()  # the constraint and full-text index, on the imported graph
            assert store.stats() == want
            assert list(store.iter_entities()) == list(reference.iter_entities())
            assert list(store.iter_relations()) == list(reference.iter_relations())
            assert [e.id for e in store.search("clearview")][:1] == ["clearview-ai"]

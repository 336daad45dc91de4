"""Move a data dir from the old pickled networkx graph to the SQLite store.

    python -m graph.store.migrate DATA_DIR

Reads DATA_DIR/graph.pickle (written by aikg before the SQLite store), writes every entity
and relation into a new DATA_DIR/graph.sqlite in one transaction, then renames the pickle to
graph.pickle.converted. Re-ingesting your sources into an empty folder gives the same graph.
"""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path
from typing import Any

from graph.bulk import paused_gc
from graph.errors import AikgError, StoreUnavailable
from graph.model import Entity, Relation
from graph.schema import load_schema
from graph.store.embedded import GRAPH_FILE, OLD_PICKLE, EmbeddedStore

OLD_FORMAT = "aikg-embedded/1"


def read_pickle(path: Path) -> tuple[list[Entity], list[Relation]]:
    """The entities and relations of an old graph.pickle, or StoreUnavailable saying why not."""
    try:
        with path.open("rb") as handle, paused_gc():
            saved: Any = pickle.load(handle)  # noqa: S301 - the user's own file, named by them
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        raise StoreUnavailable(f"cannot read {path}: {exc}; re-ingest your sources") from None
    if not isinstance(saved, dict) or saved.get("format") != OLD_FORMAT:
        raise StoreUnavailable(f"{path} is not an aikg {OLD_FORMAT} graph; re-ingest instead")
    graph = saved["graph"]
    entities = [data for _, data in graph.nodes(data="entity")]
    relations = [data for *_, data in graph.edges(keys=True, data="relation")]
    if not all(isinstance(e, Entity) for e in entities) or not all(
        isinstance(r, Relation) for r in relations
    ):
        raise StoreUnavailable(f"{path} holds objects of another aikg version; re-ingest instead")
    return entities, relations


def convert(data_dir: Path) -> tuple[int, int]:
    """Convert DATA_DIR/graph.pickle into DATA_DIR/graph.sqlite; the counts written."""
    old = data_dir / OLD_PICKLE
    if (data_dir / GRAPH_FILE).exists():
        raise StoreUnavailable(f"{data_dir / GRAPH_FILE} exists already; nothing to convert")
    if not old.exists():
        raise StoreUnavailable(f"{old} does not exist; nothing to convert")
    entities, relations = read_pickle(old)
    building = data_dir / ".converting"
    shutil.rmtree(building, ignore_errors=True)
    store = EmbeddedStore(load_schema(), building)
    try:
        plan = store.upsert(entities, relations)
    finally:
        store.close()
    if plan.conflicts:
        shutil.rmtree(building, ignore_errors=True)
        raise StoreUnavailable(f"{old}: {plan.conflicts[0].message}; re-ingest instead")
    (building / GRAPH_FILE).replace(data_dir / GRAPH_FILE)
    shutil.rmtree(building, ignore_errors=True)
    old.replace(old.with_name(OLD_PICKLE + ".converted"))
    return len(entities), len(relations)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m graph.store.migrate DATA_DIR", file=sys.stderr)
        return 2
    try:
        entities, relations = convert(Path(args[0]))
    except AikgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"converted {entities} entities and {relations} relations into {GRAPH_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

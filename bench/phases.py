"""One benchmark phase in this process; `bench.ingest_bench` runs each in a fresh subprocess.

    python -m bench.phases PHASE --file FILE.ndjson --store DIR

Prints one JSON object on stdout: the phase's wall and CPU seconds (the work only:
interpreter start-up and imports are excluded), the process's RSS once imports are done and
its peak RSS (VmHWM), time spent in the cyclic GC, and phase-specific details. Progress goes
to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import resource
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from bench.proc import status_mib
from graph.bulk import paused_gc
from graph.model import Entity, Evidence, Relation
from graph.schema import load_schema
from graph.settings import PROJECT_ROOT
from graph.store import sqlite_schema
from graph.store.embedded import GRAPH_FILE, EmbeddedStore
from graph.store.periods import date_properties
from graph.store.search_index import text_properties
from graph.store.sqlite_conn import connect
from graph.store.sqlite_write import write_entities, write_relations
from ingest.runner import ProgressBar, ingest_paths

PHASES = ("floor", "sqlite_floor", "ingest", "reingest", "load", "article_empty",
          "article_full")
ARTICLE = PROJECT_ROOT / "data" / "curated" / "2020-02-27-clearview-ai-client-list-stolen.yaml"
Result = dict[str, Any]


def rss_mib(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process in MiB, from /proc; ru_maxrss without it."""
    found = status_mib(field)
    if found is not None:
        return found
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class GcTimer:
    """Time spent in the cyclic garbage collector, and how many full (gen 2) collections."""

    def __init__(self) -> None:
        self.seconds, self.full, self._start = 0.0, 0, 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
            return
        self.seconds += time.perf_counter() - self._start
        self.full += info.get("generation") == 2


GC = GcTimer()


class Clock:
    """Wall, CPU and cyclic-GC seconds from start() to stop()."""

    def __init__(self) -> None:
        self.wall, self.cpu, self.gc = time.perf_counter(), time.process_time(), GC.seconds

    def stop(self) -> Result:
        return {"seconds": time.perf_counter() - self.wall,
                "cpu_seconds": time.process_time() - self.cpu,
                "gc_seconds_in_work": GC.seconds - self.gc}


def _log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class _Bar:
    """Logs about every tenth of a step's total to stderr."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done, self.next = label, total, 0, max(1, total // 10)
        self.started = time.perf_counter()

    def update(self, n_steps: int) -> None:
        self.done += n_steps
        if self.done >= self.next or self.done >= self.total:
            _log(f"{self.label}: {self.done:,}/{self.total:,} "
                 f"({time.perf_counter() - self.started:.1f} s)")
            self.next = self.done + max(1, self.total // 10)


@contextlib.contextmanager
def log_progress(label: str, total: int) -> Iterator[ProgressBar]:
    _log(f"{label}: start ({total:,} steps)")
    yield _Bar(label, total)


def floor(path: Path, _store: Path) -> Result:
    """Plain networkx: json.loads each line, add_node/add_edge with the record as attributes
    (cyclic collector paused, as the ingest runs: a fair floor)."""
    clock = Clock()
    graph = nx.MultiDiGraph()
    with path.open(encoding="utf-8") as lines, paused_gc():
        for line in lines:
            record = json.loads(line)
            if record.pop("kind") == "entity":
                graph.add_node(record.pop("id"), **record)
            else:
                graph.add_edge(record.pop("source"), record.pop("target"), key=record.pop("id"),
                               **record)
    return {**clock.stop(), "entities": graph.number_of_nodes(),
            "relations": graph.number_of_edges()}


def _items(path: Path) -> tuple[list[Entity], list[Relation]]:
    """The entities and relations of the file as records state them (no validation, merge)."""
    entities, relations = [], []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            if r["kind"] == "entity":
                entities.append(Entity(
                    r["id"], r["type"], r["name"], tuple(r.get("aliases", ())),
                    tuple(label for label in r.get("labels", ()) if label != r["type"]),
                    r.get("properties", {}), tuple(r.get("sources", ())),
                    r.get("external_ids", {}), tuple(r.get("merged_ids", ()))))
            else:
                relations.append(Relation(
                    r["id"], r["type"], r["source"], r["target"], r.get("date"),
                    r.get("properties", {}),
                    tuple(Evidence(e.get("article"), e.get("url"), e.get("quote"))
                          for e in r.get("evidence", ()))))
    return entities, relations


def sqlite_floor(path: Path, store_dir: Path) -> Result:
    """Plain SQLite: the same rows executemany'd into the same tables, indexes and triggers,
    in one transaction (json.loads and row encoding included; validation, merging and the
    probes for stored rows not)."""
    folder = store_dir.with_name(store_dir.name + "-sqlite-floor")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / GRAPH_FILE).unlink(missing_ok=True)
    conn = connect(folder / GRAPH_FILE)
    conn.execute("PRAGMA journal_mode = WAL")
    clock = Clock()
    schema = load_schema()
    dates, keys = date_properties(schema), text_properties(schema)
    with paused_gc():
        entities, relations = _items(path)
        conn.execute("BEGIN IMMEDIATE")
        sqlite_schema.create(conn, schema)
        write_entities(conn, entities, dates, keys, fresh=True)
        write_relations(conn, relations, fresh=True)
        conn.execute("COMMIT")
    work = clock.stop()
    conn.close()
    return {**work, "entities": len(entities), "relations": len(relations)}


def _ingest(path: Path, store_dir: Path) -> Result:
    started = time.perf_counter()
    store = EmbeddedStore(load_schema(), store_dir)
    opened = time.perf_counter()
    clock = Clock()
    report = ingest_paths(store, [path], progress=log_progress)
    work = clock.stop()
    stats = store.stats()
    graph_file = store_dir / GRAPH_FILE
    return {
        **work, "open_seconds": opened - started, "records": report.records,
        "summary": report.summary.as_dict(), "problems": len(report.problems),
        "first_problems": [str(p) for p in report.problems[:5]],
        "entities": stats.entities, "relations": stats.relations,
        "store_file_mib": graph_file.stat().st_size / 2**20 if graph_file.exists() else 0.0,
    }


def ingest(path: Path, store_dir: Path) -> Result:
    """aikg ingest into a fresh store: parse, validate, merge, write, atomic persist."""
    if (store_dir / GRAPH_FILE).exists():
        raise SystemExit(f"{store_dir} already holds a graph; the ingest phase needs a fresh store")
    return _ingest(path, store_dir)


def reingest(path: Path, store_dir: Path) -> Result:
    """The same file again into the full store: everything unchanged, nothing written."""
    return _ingest(path, store_dir)


def load(_path: Path, store_dir: Path) -> Result:
    """Open the persisted store in a fresh process (unpickle), then one stats() call."""
    clock = Clock()
    store = EmbeddedStore(load_schema(), store_dir)
    opened = time.perf_counter()
    stats = store.stats()
    work = clock.stop()
    return {**work, "open_seconds": opened - clock.wall,
            "stats_seconds": clock.wall + work["seconds"] - opened, "entities": stats.entities,
            "relations": stats.relations}


def _article(store_dir: Path) -> Result:
    store = EmbeddedStore(load_schema(), store_dir)
    clock = Clock()
    report = ingest_paths(store, [ARTICLE])
    work = clock.stop()
    stats = store.stats()
    return {**work, "summary": report.summary.as_dict(), "problems": len(report.problems),
            "first_problems": [str(p) for p in report.problems[:5]],
            "entities": stats.entities, "relations": stats.relations}


def article_empty(_path: Path, store_dir: Path) -> Result:
    """One curated article into an empty store."""
    folder = store_dir.with_name(store_dir.name + "-article")
    if folder.exists():
        shutil.rmtree(folder)
    return _article(folder)


def article_full(_path: Path, store_dir: Path) -> Result:
    """The same article into the full store (the store keeps it: run this phase last)."""
    return _article(store_dir)


RUNNERS: dict[str, Callable[[Path, Path], Result]] = {
    "floor": floor, "sqlite_floor": sqlite_floor, "ingest": ingest, "reingest": reingest,
    "load": load, "article_empty": article_empty, "article_full": article_full,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.phases", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("phase", choices=PHASES)
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--store", type=Path, required=True)
    args = parser.parse_args(argv)
    load_schema()  # parsed once per process (cached), like an import: not part of the work
    gc.collect()
    start_rss = rss_mib("VmRSS")
    gc.callbacks.append(GC)
    result = RUNNERS[args.phase](args.file, args.store)
    gc.collect()  # what the work left for the collector, timed here rather than at exit
    gc.callbacks.remove(GC)
    result.update(phase=args.phase, start_rss_mib=start_rss, peak_rss_mib=rss_mib("VmHWM"),
                  gc_seconds=GC.seconds, gc_full_collections=GC.full,
                  python=sys.version.split()[0], networkx=nx.__version__)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

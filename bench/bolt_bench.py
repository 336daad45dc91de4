"""Ingest benchmark over Bolt: the Neo4j store's write path, relations per second by batch size.

    python -m bench.bolt_bench --relations 100000 [--batch-sizes 500,1000,5000] [--json OUT]

Generates one synthetic file (bench.generate), then for each batch size ingests it into a
fresh database through the Neo4j store (`aikg ingest` with AIKG_STORE=neo4j does the same)
and ingests it again (which must add nothing; --no-reingest skips that). Without --neo4j it
starts Neo4j Community (tools/neo4j-server, `make neo4j-deps` first; one server, emptied
before each batch size).
With --neo4j it uses NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE and EMPTIES
that database before each run (--server-home: its home, to read its CPU time).
Each row gives the write phase's CPU seconds, of this process and of the server (read from
/proc), and the load average: on a shared machine wall seconds follow the load, CPU seconds
much less. A second table splits each ingest into its phases (`bench.bolt_timing`): parse,
validate, plan (the reads of stored items within them apart), entity and relation batches.
The first batch size on a freshly started server also pays its warm-up; --writers (default
AIKG_WRITERS' default, 2) sets the write transactions at once.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase

from bench.bolt_timing import PHASES, TimedStore, phase_table, server_cpu_seconds, total
from bench.generate import default_entities, generate
from graph.schema import load_schema
from graph.settings import Settings
from ingest.runner import ingest_paths


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def local_neo4j(tmp: Path, heap: str, page_cache: str) -> Iterator[Settings]:
    """Neo4j Community (tools/neo4j-server) on 127.0.0.1 for the block."""
    from tests.support.neo4j_server import run_neo4j_server

    with run_neo4j_server(tmp, heap=heap, page_cache=page_cache) as server:
        _log(f"started {server.describe()}")
        yield Settings(store="neo4j", neo4j_uri=server.uri, neo4j_user=server.user,
                       neo4j_password=server.password, neo4j_database=server.database)


@contextlib.contextmanager
def emptied_neo4j(settings: Settings) -> Iterator[Settings]:
    """The configured server, its database emptied first (in chunks, so no giant transaction)."""
    auth = (settings.neo4j_user, settings.neo4j_password or "")
    with GraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        while True:
            records, _, _ = driver.execute_query(
                "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted",
                database_=settings.neo4j_database,
            )
            if records[0]["deleted"] == 0:
                break
    yield settings


def run_once(settings: Settings, path: Path, batch_size: int, again: bool,
             home: Path | None, writers: int) -> dict[str, Any]:
    store = TimedStore.connect(load_schema(), replace(settings, batch_size=batch_size))
    assert isinstance(store, TimedStore)
    store.home, store.writers = home, writers
    store.reset_phases()
    try:
        started, cpu = time.perf_counter(), time.process_time()
        server_before = server_cpu_seconds(home)
        first = ingest_paths(store, [path], store.progress)
        store.ingested()
        ingest_seconds, ingest_cpu = time.perf_counter() - started, time.process_time() - cpu
        server_after = server_cpu_seconds(home)
        if not first.ok:
            raise SystemExit(f"ingest refused the file: {first.problems[:3]}")
        phases = store.reset_phases()
        started = time.perf_counter()
        second = ingest_paths(store, [path]) if again else None
        reingest_seconds = time.perf_counter() - started
        stats = store.stats()
    finally:
        store.close()
    relations = first.summary.relations_added
    write = total(phases[kind] for kind in ("entities", "relations"))
    return {
        "batch_size": batch_size,
        "writers": writers,
        "server": store.agent,
        "entities": stats.entities,
        "relations": stats.relations,
        "ingest_s": round(ingest_seconds, 2),
        "write_s": round(write.wall, 2),
        "relations_per_s_ingest": round(relations / ingest_seconds),
        "relations_per_s_write": round(relations / write.wall),
        "client_cpu_s": {"ingest": round(ingest_cpu, 1), "write": round(write.client_cpu, 1)},
        "server_cpu_s": None if server_before is None or server_after is None else {
            "ingest": round(server_after - server_before, 1), "write": _round(write.server_cpu)},
        "phases": {name: phase.as_dict() for name, phase in phases.items()},
        "load_avg": [round(x, 1) for x in os.getloadavg()],
        "reingest_s": round(reingest_seconds, 2) if second else None,
        "reingest_added": (second.summary.entities_added + second.summary.relations_added
                           if second else None),
        "ok": stats.relations == relations and (
            second is None or (second.ok and second.summary.relations_added == 0)),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def table(results: Sequence[dict[str, Any]], label: str) -> str:
    lines = [
        f"Ingest over Bolt: {label} ({results[0]['server']}), "
        f"{results[0]['writers']} writer(s)",
        "| batch size | ingest s | write s | relations/s (ingest) | relations/s (write) "
        "| CPU s client / server (write) | server CPU s entities / relations "
        "| re-ingest s | re-ingest added | load avg |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['batch_size']} | {r['ingest_s']} | {r['write_s']} | {r['relations_per_s_ingest']}"
        f" | {r['relations_per_s_write']} | {r['client_cpu_s']['write']} / "
        f"{(r['server_cpu_s'] or {}).get('write', '-')} "
        f"| {r['phases']['entities']['server_cpu_s']} / {r['phases']['relations']['server_cpu_s']}"
        f" | {r['reingest_s']} | {r['reingest_added']} | {r['load_avg'][0]} |"
        for r in results
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bolt_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--entities", type=int, help="default: relations / 5")
    parser.add_argument("--batch-sizes", default="500,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--neo4j", action="store_true", help="use NEO4J_* (empties the database)")
    parser.add_argument("--heap", default="2g", help="JVM heap of the Neo4j started here")
    parser.add_argument("--page-cache", default="1g", help="its page cache")
    parser.add_argument("--writers", type=int, default=Settings.writers,
                        help=f"write transactions at once (default {Settings.writers}, "
                        "AIKG_WRITERS)")
    parser.add_argument("--server-home", type=Path,
                        help="with --neo4j: that server's home, to read its CPU time (/proc)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--no-reingest", action="store_true",
                        help="skip the second ingest (which must add nothing)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.batch_sizes.split(",")]
    entities = args.entities or default_entities(args.relations)
    label = "Neo4j at NEO4J_URI" if args.neo4j else "Neo4j Community started here"
    results = []
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="aikg-bolt-bench-")))
        path = tmp / "synthetic.ndjson"
        _log(f"generating {entities:,} entities and {args.relations:,} relations")
        generate(path, entities, args.relations, args.seed)
        server = (Settings.from_env(os.environ) if args.neo4j
                  else stack.enter_context(local_neo4j(tmp / "neo4j", args.heap, args.page_cache)))
        for size in sizes:
            again = "" if args.no_reingest else ", then ingest again"
            _log(f"batch size {size}: ingest{again} ({label})")
            with emptied_neo4j(server) as settings:
                results.append(run_once(settings, path, size, not args.no_reingest,
                                        args.server_home if args.neo4j else tmp / "neo4j" / "home",
                                        args.writers))
            _log(json.dumps(results[-1]))
    print(table(results, label))
    print(f"Phases of each ingest: wall s (CPU s of this process / of the server); "
          f"{PHASES[3]!r} lies within {PHASES[1]!r} and {PHASES[2]!r}")
    print(phase_table(results))
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; {entities:,} entities, {args.relations:,} relations")
    if args.json:
        args.json.write_text(json.dumps({"label": label, "results": results}, indent=2) + "\n")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

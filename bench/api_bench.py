"""API benchmark: latency per query class through HTTP on embedded stores of growing size.

    python -m bench.api_bench --relations 10000,100000,1000000 [--requests 200]
        [--concurrency 4] [--time-cap 60] [--work DIR] [--json OUT] [--store neo4j]

For each size: generate a synthetic graph (bench.generate, N = M/5 entities, seed 1), ingest
it with `aikg ingest`, start `aikg serve` on 127.0.0.1 in a subprocess, then per query class
send a fixed number of requests from a bounded pool of concurrent httpx clients (stopping
early at the time cap), after a few warm-up requests that build the store's lazy indexes.
Inputs are drawn with a fixed seed from the entities, uniformly (so mostly ordinary
entities, occasionally a hub). Latency is client-side, per request, in milliseconds; a
GraphQL error (a path search past its budget) counts as answered but is reported apart.
The closing table gives p50/p95 per class and size with the median answer size (rows matched
in all: relations of the entity, search hits counted up to 1000, neighbours found, paths),
and p50 largest/smallest.

With --store neo4j the same runs on the Neo4j store: Neo4j Community (tools/neo4j-server,
`make neo4j-deps` first) is started here once, emptied and ingested into for each size, and
`aikg serve` reads it (AIKG_STORE=neo4j); each class's cell adds the Neo4j JVM's CPU per
request ("+ Neo4j"), the work done in the database rather than in `aikg serve`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.bolt_bench import emptied_neo4j, local_neo4j
from bench.generate import DATED_SHARE, default_entities, generate
from bench.proc import serving, status_mib, total_cpu_seconds
from graph.settings import Settings
from graph.store.embedded import GRAPH_FILE

SEED = 1
WARM_UP = 3
Request = tuple[str, dict[str, Any]]
QUERIES = {
    "lookup": "query ($id: ID!) { entity(id: $id) { id name type aliases } }",
    "relations page": """query ($id: ID!) { entity(id: $id) { relations(first: 20) {
        totalCount edges { node { id type date other { name }
        evidence { quote article { title } } } } } } }""",
    "search": """query ($text: String!) { search(text: $text, first: 10) { totalCount
        edges { node { id name } } } }""",
    "neighbourhood": """query ($id: ID!) { neighbourhood(id: $id, depth: 2) { totalCount
        truncated entityTypeCounts { type count }
        neighbours(first: 20) { edges { node { entity { id } } } } } }""",
    "path": """query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) {
        length steps { relation { id } } } }""",
    "root relations page": """query ($type: RelationType!) { relations(filter: {type: [$type]},
        orderBy: {field: DATE, direction: DESC}, first: 20) {
        totalCount edges { node { id type date source { name } target { name } } } } }""",
}


def answer_size(name: str, data: dict[str, Any]) -> int:
    """How big the answer was: rows matched in all (not just the page returned)."""
    if name == "lookup":
        return int(data["entity"] is not None)
    if name == "relations page":
        return int(data["entity"]["relations"]["totalCount"]) if data["entity"] else 0
    if name == "path":
        return len(data["paths"])
    if name == "root relations page":
        return int(data["relations"]["totalCount"])
    return int(data[name]["totalCount"])


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def aikg_command() -> list[str]:
    return [str(Path(sys.executable).with_name("aikg"))]


def prepare(
    relations: int, work: Path, env: dict[str, str], dated_share: float = DATED_SHARE
) -> tuple[Path, Path, dict[str, float]]:
    """The NDJSON file and a store holding it (both reused when present), with timings."""
    variant = "" if dated_share == DATED_SHARE else f"-dated{dated_share:g}"
    ndjson = work / f"synthetic-{relations}{variant}.ndjson"
    data_dir = work / f"store-{relations}{variant}"
    timings: dict[str, float] = {}
    if not ndjson.exists():
        started = time.perf_counter()
        generate(ndjson, default_entities(relations), relations, SEED, dated_share=dated_share)
        timings["generate_s"] = time.perf_counter() - started
    env = {**env, "AIKG_DATA_DIR": str(data_dir)}
    if env.get("AIKG_STORE") == "neo4j" or not (data_dir / GRAPH_FILE).exists():
        started = time.perf_counter()
        subprocess.run([*aikg_command(), "ingest", "-q", str(ndjson)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        timings["ingest_s"] = time.perf_counter() - started
    return ndjson, data_dir, timings


def entity_names(ndjson: Path) -> list[tuple[str, str]]:
    """(id, name) of every entity: the generator writes them before any relation."""
    found = []
    with ndjson.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["kind"] != "entity":
                break
            found.append((record["id"], record["name"]))
    return found


def relation_types(ndjson: Path) -> list[str]:
    """The relation types present in the file, in order of first appearance."""
    found: dict[str, None] = {}
    with ndjson.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["kind"] == "relation":
                found.setdefault(record["type"], None)
    return list(found)


def requests_for(
    entities: list[tuple[str, str]], count: int, types: list[str]
) -> dict[str, list[Request]]:
    """The same kind of inputs for every size: a seeded uniform sample of the entities."""
    rng = random.Random(SEED)
    picks = [rng.choice(entities) for _ in range(2 * count)]
    ids = [i for i, _ in picks]
    prefixes = [name.split()[0][:5] for _, name in picks]
    return {
        "lookup": [(QUERIES["lookup"], {"id": i}) for i in ids[:count]],
        "relations page": [(QUERIES["relations page"], {"id": i}) for i in ids[:count]],
        "search": [(QUERIES["search"], {"text": p}) for p in prefixes[:count]],
        "neighbourhood": [(QUERIES["neighbourhood"], {"id": i}) for i in ids[:count]],
        "path": [(QUERIES["path"], {"from": a, "to": b})
                 for a, b in zip(ids[:count], ids[count:], strict=True)],
        "root relations page": [(QUERIES["root relations page"], {"type": rng.choice(types)})
                                for _ in range(count)],
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def server(
    data_dir: Path, env: dict[str, str]
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`aikg serve` on a free loopback port, stopped (by its pid) on exit."""
    port = _free_port()
    env = {**env, "AIKG_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen([*aikg_command(), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                    break
            if proc.poll() is not None:
                raise RuntimeError(f"aikg serve exited with {proc.returncode}")
            time.sleep(0.2)
        else:
            raise RuntimeError("aikg serve did not answer /health within 900 s")
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Measured:
    latencies_ms: list[float] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None
    stopped_early: bool = False

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies_ms)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else None
        return {"requests": len(ordered), "errors": self.errors, "first_error": self.first_error,
                "p50_ms": statistics.median(ordered) if ordered else None, "p95_ms": p95,
                "median_answer": statistics.median(self.answers) if self.answers else None,
                "stopped_early": self.stopped_early}


async def _load(
    url: str, name: str, requests: list[Request], concurrency: int, cap: float
) -> Measured:
    measured = Measured()
    queue = list(reversed(requests))
    deadline = time.monotonic() + cap
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def worker() -> None:
            while queue and time.monotonic() < deadline:
                query, variables = queue.pop()
                started = time.perf_counter()
                response = await client.post("/graphql", json={"query": query,
                                                               "variables": variables})
                measured.latencies_ms.append((time.perf_counter() - started) * 1000)
                body = response.json() if response.status_code == 200 else {}
                if "errors" in body or not body.get("data"):
                    measured.errors += 1
                    measured.first_error = measured.first_error or str(
                        body.get("errors") or f"HTTP {response.status_code}")[:300]
                else:
                    measured.answers.append(answer_size(name, body["data"]))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    measured.stopped_early = bool(queue)
    return measured


def run_size(relations: int, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    _log(f"{relations:,} relations: preparing")
    if env.get("AIKG_STORE") == "neo4j":
        with emptied_neo4j(Settings.from_env(env)):
            pass
    ndjson, data_dir, timings = prepare(relations, args.work, env, args.dated_share)
    names = entity_names(ndjson)
    plan = {name: requests for name, requests in
            requests_for(names, args.requests, relation_types(ndjson)).items()
            if name in args.classes}
    result: dict[str, Any] = {"relations": relations, **timings, "classes": {}}
    started = time.perf_counter()
    with server(data_dir, env) as (url, proc):
        result["server_start_s"] = time.perf_counter() - started
        first = httpx.post(f"{url}/graphql", timeout=120, json={
            "query": QUERIES["lookup"], "variables": {"id": names[0][0]}})
        result["first_answer_s"] = time.perf_counter() - started
        result["first_answer_cpu_s"] = total_cpu_seconds([proc.pid])  # imports, open, one answer
        result["first_answer_ok"] = first.status_code == 200 and "errors" not in first.json()
        neo4j = serving(getattr(args, "neo4j_home", None))
        for name, requests in plan.items():
            warm = asyncio.run(_load(url, name, requests[-WARM_UP:], 1, args.time_cap))
            cpu, db_cpu = total_cpu_seconds([proc.pid]), total_cpu_seconds(neo4j)
            measured = asyncio.run(_load(url, name, requests, args.concurrency, args.time_cap))
            cpu, db_cpu = total_cpu_seconds([proc.pid]) - cpu, total_cpu_seconds(neo4j) - db_cpu
            answered = max(1, len(measured.latencies_ms))
            result["classes"][name] = {**measured.summary(),
                                       "warm_up_ms": max(warm.latencies_ms, default=None),
                                       "server_cpu_ms_per_request": 1000 * cpu / answered}
            if neo4j:
                result["classes"][name]["neo4j_cpu_ms_per_request"] = 1000 * db_cpu / answered
            _log(f"{relations:,} {name}: {result['classes'][name]}")
        result["server_rss_mib"] = status_mib("VmRSS", proc.pid)
    if result["server_rss_mib"] is not None:
        result["rss_bytes_per_relation"] = result["server_rss_mib"] * 2**20 / relations
    return result


def table(results: list[dict[str, Any]]) -> str:
    sizes = [r["relations"] for r in results]
    head = "| query class | " + " | ".join(
        f"{s:,}: p50 / p95 ms (answer), server CPU ms/request" for s in sizes)
    lines = [head + " | p50 largest/smallest | CPU largest/smallest |",
             "|---" * (len(sizes) + 3) + "|"]
    for name in results[0]["classes"]:
        cells, p50s, cpus = [], [], []
        for r in results:
            c = r["classes"][name]
            p50s.append(c["p50_ms"])
            cpus.append(c.get("server_cpu_ms_per_request", 0.0))
            neo4j = c.get("neo4j_cpu_ms_per_request")
            cells.append(f"{c['p50_ms']:.1f} / {c['p95_ms']:.1f} ({c['median_answer']:g}), "
                         f"{cpus[-1]:.1f}" + (f" + Neo4j {neo4j:.1f}" if neo4j is not None else "")
                         + (f" {c['errors']} err" if c["errors"] else ""))
        ratio = p50s[-1] / p50s[0] if p50s[0] else float("nan")
        cpu_ratio = cpus[-1] / cpus[0] if cpus[0] else float("nan")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f} | {cpu_ratio:.2f} |")
    for label, key, unit in (("first answer after start", "first_answer_s", "s"),
                             ("server CPU until the first answer", "first_answer_cpu_s", "s"),
                             ("server RSS after the run", "server_rss_mib", "MiB"),
                             ("RSS per relation", "rss_bytes_per_relation", "B")):
        cells = [f"{r[key]:,.2f} {unit}" if r.get(key) is not None else "-" for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.api_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relations", default="10000,100000,1000000",
                        help="comma-separated graph sizes (relations)")
    parser.add_argument("--requests", type=int, default=200, help="requests per class")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--time-cap", type=float, default=60.0, help="seconds per class")
    parser.add_argument("--work", type=Path, default=Path("bench/out/api"),
                        help="where the generated files and stores are kept (reused)")
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--classes", default=",".join(QUERIES),
                        help="comma-separated query classes to run (default: all of "
                        f"{', '.join(QUERIES)})")
    parser.add_argument("--dated-share", type=float, default=DATED_SHARE,
                        help="share of the generated relations without a date identity that "
                        "carry a date (0.999: a few undated relations among many dated ones)")
    parser.add_argument("--store", choices=("embedded", "neo4j"), default="embedded",
                        help="neo4j: a Neo4j Community started here, emptied for each size")
    args = parser.parse_args(argv)
    args.classes = [name.strip() for name in args.classes.split(",")]
    unknown = sorted(set(args.classes) - set(QUERIES))
    if unknown:
        parser.error(f"unknown query classes {unknown}; known: {', '.join(QUERIES)}")
    args.work.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        env = dict(os.environ)
        if args.store == "neo4j":
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="aikg-api-bench-")))
            settings = stack.enter_context(local_neo4j(tmp, "2g", "1g"))
            args.neo4j_home = str(tmp)  # its JVM's CPU is read per class too
            env.update(AIKG_STORE="neo4j", NEO4J_URI=settings.neo4j_uri,
                       NEO4J_USER=settings.neo4j_user, NEO4J_PASSWORD=settings.neo4j_password or "",
                       NEO4J_DATABASE=settings.neo4j_database)
        results = [run_size(int(s), args, env) for s in args.relations.split(",")]
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

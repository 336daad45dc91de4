"""Export benchmark: aikg's streaming writers against networkx's own writers, same graph, same run.

    python -m bench.export_bench --relations 1000000 [--entities N] [--seed 1] [--workdir DIR]

Generates a synthetic graph (`python -m bench.generate`), ingests it with `aikg ingest` into an
embedded store, then runs every (format, writer) pair in a fresh subprocess that opens the
store and writes the whole graph to a file:

  aikg      graph.export's writer, streamed from the store (what `aikg export` runs)
  networkx  to_networkx(store) (same vocabulary) then networkx's own writer: node_link_data +
            json.dump, write_graphml, write_gexf, write_edgelist (no nodes table, no CSV
            quoting); networkx has no NDJSON writer

Seconds are the export alone (the store is loaded first): CPU seconds (user + system, what the
ratio uses: on a shared machine they move far less than wall time) and wall seconds, each the
best of --repeat runs. Peak MiB is the rise of the process's peak RSS over its RSS with the store
loaded (VmHWM is reset through /proc/self/clear_refs), the largest of the runs.
With --workdir, the generated file and the store are reused when their parameters match.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from bench.proc import status_mib
from graph.export import EDGE_KEYS, FORMATS, GraphExport, to_networkx
from graph.export.formats import write_chunks
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parent.parent
WRITERS = ("aikg", "networkx")
Result = dict[str, Any]


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _status_mib(field: str) -> float:
    value = status_mib(field)
    if value is None:
        raise RuntimeError(f"no {field} in /proc/self/status")
    return value


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def _nx_node_link(graph: Any, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(nx.node_link_data(graph, edges="edges"), handle, ensure_ascii=False)


NX_WRITERS: dict[str, Callable[[Any, Path], None]] = {
    "node-link": _nx_node_link,
    "graphml": lambda graph, path: nx.write_graphml(graph, path),
    "gexf": lambda graph, path: nx.write_gexf(graph, path),
    "edgelist": lambda graph, path: nx.write_edgelist(
        graph, path, delimiter=",", data=list(EDGE_KEYS)
    ),
}


def _aikg_write(store: EmbeddedStore, fmt: str, path: Path) -> Result:
    chosen, export = FORMATS[fmt], GraphExport(store)
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_chunks(chosen.chunks(export, None), handle)
    size = path.stat().st_size
    if chosen.nodes_table is not None:
        nodes = Path(chosen.nodes_path_for(str(path)))
        with nodes.open("w", encoding="utf-8", newline="") as handle:
            write_chunks(chosen.nodes_table(export, None), handle)
        size += nodes.stat().st_size
    return {"bytes": size, "entities": export.entities_written,
            "relations": export.relations_written}


def _networkx_write(store: EmbeddedStore, fmt: str, path: Path) -> Result:
    started = time.perf_counter()
    graph = to_networkx(store)
    built = time.perf_counter() - started
    NX_WRITERS[fmt](graph, path)
    return {"bytes": path.stat().st_size, "build_seconds": built,
            "entities": graph.number_of_nodes(), "relations": graph.number_of_edges()}


def child(fmt: str, writer: str, store_dir: Path, out: Path) -> Result:
    """One export in this process, after the store is loaded; the JSON line the parent reads."""
    store = EmbeddedStore(load_schema(), store_dir)
    store.stats()
    gc.collect()
    loaded, reset = _status_mib("VmRSS"), _reset_peak()
    cpu, started = _cpu(), time.perf_counter()
    work = _aikg_write if writer == "aikg" else _networkx_write
    result = work(store, fmt, out)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    peak = _status_mib("VmHWM")
    return {"format": fmt, "writer": writer, "seconds": seconds, "cpu_seconds": cpu,
            "loaded_mib": loaded, "peak_mib": peak, "extra_peak_mib": peak - loaded,
            "peak_reset": reset, **result}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, check=True,
                          stdout=subprocess.PIPE, text=True)


def prepare(workdir: Path, entities: int, relations: int, seed: int) -> Path:
    """The store for these parameters: generated and ingested, or reused from `workdir`."""
    params = {"entities": entities, "relations": relations, "seed": seed}
    data, store = workdir / f"synthetic-{relations}.ndjson", workdir / f"store-{relations}"
    stamp = workdir / f"store-{relations}.json"
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == params:
        _log(f"reusing {store}")
        return store
    _log(f"generating {relations} relations, {entities} entities")
    _run(["-m", "bench.generate", "--entities", str(entities), "--relations", str(relations),
          "--seed", str(seed), "-o", str(data)])
    _log(f"ingesting into {store}")
    env = {**os.environ, "AIKG_DATA_DIR": str(store), "AIKG_STORE": "embedded"}
    _run(["-c", "from api.cli import main; main()", "ingest", "-q", str(data)], env)
    stamp.write_text(json.dumps(params), encoding="utf-8")
    return store


def run_all(store: Path, workdir: Path, formats: list[str], repeat: int) -> list[Result]:
    """Every (format, writer) `repeat` times, each in a fresh process; one result per pair."""
    results = []
    for fmt in formats:
        for writer in WRITERS:
            if writer == "networkx" and fmt not in NX_WRITERS:
                continue
            runs = [_run_child(store, workdir, fmt, writer) for _ in range(repeat)]
            results.append(_best(runs))
    return results


def _run_child(store: Path, workdir: Path, fmt: str, writer: str) -> Result:
    out = workdir / f"out-{writer}{FORMATS[fmt].suffix}"
    _log(f"{fmt} with {writer}")
    done = _run(["-m", "bench.export_bench", "--child", fmt, writer,
                 "--store", str(store), "--out", str(out)])
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    _log(f"  {result['cpu_seconds']:.1f} s CPU, {result['seconds']:.1f} s wall, "
         f"+{result['extra_peak_mib']:.0f} MiB")
    for written in workdir.glob("out-*"):
        written.unlink()
    return result


def _best(runs: list[Result]) -> Result:
    """The fastest CPU and wall times and the largest peak of several runs of one pair."""
    best = dict(min(runs, key=lambda r: r["cpu_seconds"]))
    best["seconds"] = min(r["seconds"] for r in runs)
    best["extra_peak_mib"] = max(r["extra_peak_mib"] for r in runs)
    best["runs"] = len(runs)
    return best


def table(results: list[Result]) -> str:
    """The Markdown table: one row per format, aikg and networkx side by side, with ratios."""
    by = {(r["format"], r["writer"]): r for r in results}
    lines = [
        "| format | aikg CPU s (wall) | aikg peak MiB | networkx CPU s (wall) | networkx peak MiB "
        "| CPU aikg/nx | peak aikg/nx | aikg output MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for fmt in dict.fromkeys(r["format"] for r in results):
        ours, theirs = by[fmt, "aikg"], by.get((fmt, "networkx"))
        row = [fmt, _time(ours), f"{ours['extra_peak_mib']:.0f}"]
        if theirs is None:
            row += ["n/a", "n/a", "n/a", "n/a"]
        else:
            row += [_time(theirs), f"{theirs['extra_peak_mib']:.0f}",
                    f"{ours['cpu_seconds'] / theirs['cpu_seconds']:.2f}",
                    f"{ours['extra_peak_mib'] / max(theirs['extra_peak_mib'], 1):.3f}"]
        lines.append("| " + " | ".join([*row, f"{ours['bytes'] / 1e6:.0f}"]) + " |")
    return "\n".join(lines)


def _time(result: Result) -> str:
    return f"{result['cpu_seconds']:.1f} ({result['seconds']:.1f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--entities", type=int, help="default: relations / 5")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the data and store here for reuse")
    parser.add_argument("--formats", nargs="+", choices=list(FORMATS), default=list(FORMATS))
    parser.add_argument("--repeat", type=int, default=1, help="runs per pair; the best is kept")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "WRITER"), help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.store, args.out)))
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="aikg-export-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    entities = args.entities or max(100, args.relations // 5)
    store = prepare(workdir, entities, args.relations, args.seed)
    results = run_all(store, workdir, args.formats, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"{args.relations} relations, {entities} entities; Python {sys.version.split()[0]}, "
          f"networkx {nx.__version__}, {os.cpu_count()} CPUs; best of {args.repeat} run(s)")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

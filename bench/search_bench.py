"""In-process search cost at several graph sizes: the store calls one `search` request makes.

    python -m bench.search_bench --relations 10000,1000000 [--requests 200] [--work bench/out/api]

Uses the stores `bench.api_bench` prepares (reused when present). For each size, the same kind
of inputs as the API benchmark (the first five letters of a seeded sample of entity names) go
through `search_page` (first 10 of the best 1000) and `get_entities` of the page; CPU time per
search (p50 / mean) and the median `totalCount` are printed, and the p50 ratio to the smallest.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from bench.api_bench import SEED, entity_names, prepare
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from graph.store.query import Window

CAP = 1000  # the API's SEARCH_WINDOW


def measure(store: EmbeddedStore, prefixes: list[str]) -> tuple[list[float], list[int]]:
    """CPU milliseconds and totals of one first page per prefix (after three warm-up runs)."""
    cpu, totals = [], []
    for text in prefixes[:3] + prefixes:
        started = time.process_time()
        page = store.search_page(text, None, Window(first=10), CAP)
        store.get_entities([entity_id for _, entity_id in page.rows])
        cpu.append(1000 * (time.process_time() - started))
        totals.append(page.total)
    return cpu[3:], totals[3:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relations", default="10000,1000000")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--work", type=Path, default=Path("bench/out/api"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    first_p50 = None
    print("| relations | search CPU ms p50 / mean | median totalCount | p50 ratio |")
    print("|---|---|---|---|")
    for relations in (int(n) for n in args.relations.split(",")):
        ndjson, data_dir, _ = prepare(relations, args.work, dict(os.environ))
        rng = random.Random(SEED)
        names = entity_names(ndjson)
        prefixes = [rng.choice(names)[1].split()[0][:5] for _ in range(args.requests)]
        cpu, totals = measure(EmbeddedStore(load_schema(), data_dir), prefixes)
        p50 = statistics.median(cpu)
        first_p50 = first_p50 or p50
        print(f"| {relations:,} | {p50:.2f} / {statistics.mean(cpu):.2f} | "
              f"{statistics.median(totals):g} | {p50 / first_p50:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

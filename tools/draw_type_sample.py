"""Draw a blind entity-type sample: ids at random, with what the bundled data says around each
one and never the type the rules gave, for labelling by hand (data/samples/README.md).

    .venv/bin/python tools/draw_type_sample.py --seed 20261201 --size 320 \
        -o data/samples/entity_types_round4.csv --context /tmp/round4_context.txt

Population: the entities of the curated files and the committed extract that are not Articles,
Incidents or LegalActions and not in an earlier sample (`data/samples/entity_types_*.csv`),
sorted by id; drawn with `random.Random(seed).sample`. The CSV gets `id,name,true_type,reason`
with the last two empty, to fill in; the context file lists, per id, its AIID roles and
incidents, the sites a byline wrote for, a web domain's articles, and its litigation roles.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from ingest.sources.curated_index import load_curated

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
NOT_SAMPLED = ("Article", "Incident", "LegalAction")
SHOWN = 4  # context lines per relation kind


def entities(folders: list[Path]) -> tuple[dict[str, tuple[str, str]], list[dict[str, object]]]:
    """id -> (type, name) of every entity (an article's name with its web host), and every
    relation, of the curated and NDJSON files."""
    found: dict[str, tuple[str, str]] = {}
    relations: list[dict[str, object]] = []
    for folder in folders:
        for entity_id, fixed in load_curated(folder).entities.items():
            found.setdefault(entity_id, (fixed.type, fixed.name))
        for path in sorted(folder.glob("*.ndjson")):
            for line in path.read_text(encoding="utf-8").splitlines():
                data = json.loads(line)
                if data.get("kind") == "entity":
                    url = (data.get("properties") or {}).get("url") or ""
                    host = f" [{urlsplit(url).hostname}]" if data["type"] == "Article" else ""
                    found.setdefault(data["id"], (data["type"], data["name"][:80] + host))
                elif data.get("kind") == "relation":
                    relations.append(data)
    return found, relations


def earlier_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted(SAMPLES.glob("entity_types_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            ids |= {row["id"] for row in csv.DictReader(handle)}
    return ids


def population(found: dict[str, tuple[str, str]], excluded: set[str]) -> list[str]:
    return sorted(i for i, (etype, _) in found.items()
                  if etype not in NOT_SAMPLED and i not in excluded)


def context_lines(drawn: list[str], found: dict[str, tuple[str, str]],
                  relations: list[dict[str, object]]) -> list[str]:
    """What the data says around each drawn id: relation kind and the other end's name (an
    article's url), never a type."""
    wanted = set(drawn)
    near: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rel in relations:
        source, target, kind = str(rel["source"]), str(rel["target"]), str(rel["type"])
        for me, other, side in ((source, target, ">"), (target, source, "<")):
            if me in wanted:
                near[me][f"{side}{kind}"].append(found.get(other, ("", other))[1][:100])
    lines = []
    for entity_id in drawn:
        lines.append(f"== {entity_id} | {found[entity_id][1]}")
        for kind, others in sorted(near[entity_id].items()):
            shown = sorted(set(others))[:SHOWN]
            lines.append(f"   {kind} ({len(others)}): " + " || ".join(shown))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--size", type=int, default=320)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--context", type=Path, required=True)
    args = parser.parse_args()
    found, relations = entities([ROOT / "data" / "curated", ROOT / "data" / "extract"])
    pool = population(found, earlier_ids())
    drawn = sorted(random.Random(args.seed).sample(pool, args.size))  # noqa: S311 (a sample)
    print(f"drew {len(drawn)} of {len(pool)} entities (seed {args.seed})")
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "name", "true_type", "reason"])
        writer.writerows([i, found[i][1], "", ""] for i in drawn)
    args.context.write_text("\n".join(context_lines(drawn, found, relations)) + "\n",
                            encoding="utf-8")


if __name__ == "__main__":
    main()

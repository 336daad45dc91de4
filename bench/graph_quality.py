"""Typing accuracy and duplicate resolution of the bundled extract, against labelled samples.

    .venv/bin/python -m bench.graph_quality [--extract data/extract] [--curated data/curated]

Samples (data/samples/): `entity_types_sample.csv` (320 drawn at random, seed 10, labelled by
hand; the rules were tuned on it), `entity_types_holdout.csv` (110 more, seed 2026, labelled
blind; a second tuning round used it), `entity_types_fresh.csv` (labelled blind after the last
rule change, never tuned on), `entity_types_round3.csv` (320 drawn with seed 20261130 from the
8,912 non-Article/Incident/LegalAction entities not in the earlier samples, after the issue-10
round-3 rule change, labelled by hand from AIID context with a reason per row, measured once),
`entity_types_round4.csv` (320 drawn with seed 20261201 by `tools/draw_type_sample.py` from the
8,600 not in the earlier samples, after the round-4 rule change, labelled and committed before
measuring, measured once; rules were tuned on it afterwards), `entity_types_round5.csv` (320
drawn with seed 20261202 from the 8,280 not in earlier samples, after the last rule change,
labelled and committed before measuring, measured once; tuned on afterwards),
`entity_types_round6.csv` (320, seed 20261203, the same way after the last rule change, measured
once), `entity_types_round7.csv` (320, seed 20261204, the same way after the rule change that
let Company and Platform author, measured once), `entity_types_round8.csv` (320, seed
20261205, from the 7,320 not in rounds 1 to 7, the same way after the round-8 preparation rule
change, measured once), `entity_types_round9.csv` (320, seed 20261206, from the 7,000 not in
rounds 1 to 8, after the post-round-8 rule change, measured once), `entity_types_round10.csv`
(320, seed 20261207, from the 6,680 not in rounds 1 to 9, after the unseen-name rule, measured
once), `entity_types_round11.csv` (320, seed 20261208, from the 6,360 not in rounds 1 to 10,
drawn before the reviewed types of `data/resolution/types_reviewed.yaml` and labelled blind,
measured once after them) and `known_duplicates.csv` (groups that are one thing, pairs that
are related but distinct). Prints one table; `--json` prints the figures as JSON.
Each typing rule's own figures (entities, labelled, right): `python -m bench.type_rules`.
"""

from __future__ import annotations

import argparse
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.sources.curated_index import load_curated

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
TYPE_SAMPLES = ("entity_types_sample.csv", "entity_types_holdout.csv", "entity_types_fresh.csv",
                "entity_types_final.csv", "entity_types_round3.csv", "entity_types_round4.csv",
                "entity_types_round5.csv", "entity_types_round6.csv", "entity_types_round7.csv",
                "entity_types_round8.csv", "entity_types_round9.csv",
                "entity_types_round10.csv", "entity_types_round11.csv")


@dataclass
class Nodes:
    """Each stated id's node (itself or the survivor it was merged into) and node types."""

    node_of: dict[str, str] = field(default_factory=dict)
    type_of: dict[str, str] = field(default_factory=dict)


def read_nodes(folders: list[Path]) -> Nodes:
    """Entities of the NDJSON files in `folders`, and of the curated YAML files among them."""
    nodes = Nodes()
    for folder in folders:
        for entity_id, fixed in load_curated(folder).entities.items():
            nodes.type_of.setdefault(entity_id, fixed.type)
            nodes.node_of.setdefault(entity_id, entity_id)
    for folder in folders:
        for path in sorted(folder.glob("*.ndjson")):
            for line in path.read_text(encoding="utf-8").splitlines():
                data = json.loads(line)
                if data.get("kind") != "entity":
                    continue
                nodes.type_of.setdefault(data["id"], data["type"])
                nodes.node_of.setdefault(data["id"], data["id"])
                for merged in data.get("merged_ids") or []:
                    nodes.node_of[merged] = data["id"]
    return nodes


def typing_accuracy(sample: Path, nodes: Nodes) -> tuple[int, int, list[str]]:
    """(right, labelled, errors) of the types in `nodes` against a labelled sample."""
    with sample.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    errors = []
    for row in rows:
        found = nodes.type_of.get(nodes.node_of.get(row["id"], row["id"]))
        if found != row["true_type"]:
            errors.append(f"{row['id']}: {found} (true: {row['true_type']})")
    return len(rows) - len(errors), len(rows), errors


def duplicates(sample: Path, nodes: Nodes) -> dict[str, object]:
    """Groups resolved to one node, and related-but-distinct pairs wrongly merged."""
    with sample.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = sorted({i for r in rows for i in r["ids"].split() if i not in nodes.node_of})
    groups = [r for r in rows if r["expect"] == "one"]
    resolved = [r for r in groups if len({nodes.node_of.get(i, i) for i in r["ids"].split()}) == 1]
    apart = [r for r in rows if r["expect"] == "apart"]
    wrong = [r["ids"] for r in apart
             if len({nodes.node_of.get(i, i) for i in r["ids"].split()}) == 1]
    return {"groups": len(groups), "resolved": len(resolved),
            "unresolved": [r["ids"] for r in groups if r not in resolved],
            "apart_pairs": len(apart), "wrong_merges": wrong, "missing_ids": missing}


def measure(folders: list[Path]) -> dict[str, object]:
    nodes = read_nodes(folders)
    figures: dict[str, object] = {}
    for name in TYPE_SAMPLES:
        if (SAMPLES / name).exists():
            right, total, errors = typing_accuracy(SAMPLES / name, nodes)
            figures[name] = {"right": right, "labelled": total,
                             "accuracy": round(right / total, 4), "errors": errors}
    figures["known_duplicates.csv"] = duplicates(SAMPLES / "known_duplicates.csv", nodes)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", type=Path, default=ROOT / "data" / "extract")
    parser.add_argument("--curated", type=Path, default=ROOT / "data" / "curated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure([args.curated, args.extract])
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    print("| sample | right / labelled | accuracy |\n| --- | --- | --- |")
    for name in TYPE_SAMPLES:
        found = figures.get(name)
        if isinstance(found, dict):
            print(f"| {name} | {found['right']} / {found['labelled']} | {found['accuracy']:.1%} |")
    dup = figures["known_duplicates.csv"]
    assert isinstance(dup, dict)
    print(f"\nknown duplicates: {dup['resolved']} / {dup['groups']} groups resolved to one node; "
          f"wrong merges: {len(dup['wrong_merges'])} of {dup['apart_pairs']} distinct pairs")
    for ids in dup["unresolved"]:  # type: ignore[attr-defined]
        print(f"  unresolved: {ids}")


if __name__ == "__main__":
    main()

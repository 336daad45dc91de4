"""Each typing rule's reliability on the labelled samples: entities it typed, labelled, right.

    .venv/bin/python -m bench.type_rules [--shared ../shared/data] [--json]

Runs the AIID and litigation importers in-process (as `make extract` does, from
`../shared/data`) to learn which rule typed each id (`report.typed`: curated, override,
reviewed, a rule name such as `web_domain`, or undecided); an id of the curated files the
importers did not type is `curated`, another id no importer typed `other`. Each labelled id of
the samples in `bench.graph_quality.TYPE_SAMPLES` is joined with its node's rule and compared
with the type the committed extract gives it (as `bench.graph_quality` does). Figures on
samples that were tuned or reviewed on are not blind (data/samples/README.md).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.graph_quality import ROOT, SAMPLES, TYPE_SAMPLES, Nodes, read_nodes
from ingest.sources.curated_index import load_curated
from ingest.sources.pipeline import Decided, extract

SHARED = ROOT.parent / "shared" / "data"


@dataclass
class RuleFigures:
    typed: int = 0
    labelled: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    def accuracy(self) -> float | None:
        return self.right / self.labelled if self.labelled else None


def rules_of(shared: Path, folders: list[Path]) -> dict[str, str]:
    """id -> the rule that typed it: the importers' reports, then curated, then other."""
    decided = Decided(ROOT / "data" / "curated", ROOT / "data" / "resolution")
    found: dict[str, str] = {}
    for source, path in (("aiid", shared / "aiid"),
                         ("ai-incident-law", shared / "ai-incident-law" / "data.json")):
        for entity_id, (_, rule) in extract(source, path, decided).report.typed.items():
            found.setdefault(entity_id, rule)
    for folder in folders:
        found.update(dict.fromkeys(set(load_curated(folder).entities) - set(found), "curated"))
    for folder in folders:
        for path in sorted(folder.glob("*.ndjson")):
            for line in path.read_text(encoding="utf-8").splitlines():
                data = json.loads(line)
                if data.get("kind") == "entity" and data["type"] not in (
                        "Article", "Incident", "LegalAction"):
                    domain = (data.get("properties") or {}).get("domain")
                    found.setdefault(data["id"], "web_domain" if domain else "other")
    return found


def labelled() -> dict[str, str]:
    """id -> true type over every labelled sample (the first sample's label for an id)."""
    labels: dict[str, str] = {}
    for name in TYPE_SAMPLES:
        path = SAMPLES / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    labels.setdefault(row["id"], row["true_type"])
    return labels


def rule_table(rules: dict[str, str], nodes: Nodes,
               labels: dict[str, str]) -> dict[str, RuleFigures]:
    table: dict[str, RuleFigures] = {}
    for rule, count in Counter(rules.values()).items():
        table[rule] = RuleFigures(typed=count)
    for entity_id, true_type in sorted(labels.items()):
        node = nodes.node_of.get(entity_id, entity_id)
        rule = rules.get(node) or rules.get(entity_id) or "not_in_extract"
        figures = table.setdefault(rule, RuleFigures())
        figures.labelled += 1
        found = nodes.type_of.get(node)
        if found == true_type:
            figures.right += 1
        else:
            figures.misses.append(f"{entity_id}: {found} (true: {true_type})")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list each rule's misses")
    args = parser.parse_args()
    if not (args.shared / "aiid").is_dir():
        raise SystemExit(f"{args.shared}: no AIID snapshot here (../shared/data is needed)")
    folders = [ROOT / "data" / "curated", ROOT / "data" / "extract"]
    table = rule_table(rules_of(args.shared, folders), read_nodes(folders), labelled())
    order = sorted(table.items(), key=lambda kv: (-(kv[1].labelled - kv[1].right), kv[0]))
    if args.json:
        print(json.dumps({k: {"typed": v.typed, "labelled": v.labelled, "right": v.right,
                              "misses": v.misses} for k, v in order}, indent=1))
        return
    print("| rule | typed in the extract | labelled | right | accuracy | expected misses |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for rule, fig in order:
        acc = fig.accuracy()
        shown = f"{acc:.1%}" if acc is not None else "-"
        expected = f"{fig.typed * (1 - acc):.0f}" if acc is not None else "-"
        print(f"| {rule} | {fig.typed} | {fig.labelled} | {fig.right} | {shown} | {expected} |")
        if args.misses:
            for miss in fig.misses:
                print(f"|   | {miss} | | | | |")


if __name__ == "__main__":
    main()

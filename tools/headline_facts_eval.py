"""Precision and recall of the headline reader against data/samples/headline_facts_labelled.csv.

A fact is (actor id, ACTION, target id) as labelled by reading the title (parties the graph
lacks are labelled with a slug and can only be missed). Proposals are the reader's raw output,
before review. Run: .venv/bin/python tools/headline_facts_eval.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from graph.schema import load_schema
from graph.settings import PROJECT_ROOT
from ingest.sources.headline_rules import HeadlineReader
from ingest.sources.headline_words import hedged
from ingest.sources.headlines import ALIASES, headline_names
from ingest.sources.resolution import load_decisions, resolve

SAMPLE = PROJECT_ROOT / "data" / "samples" / "headline_facts_labelled.csv"


def main(sample: Path = SAMPLE) -> int:
    curated, decided = PROJECT_ROOT / "data" / "curated", PROJECT_ROOT / "data" / "resolution"
    redirects = resolve(load_decisions(decided / "decisions.yaml")).redirects
    reader = HeadlineReader(headline_names(curated, decided / ALIASES, redirects), load_schema())
    tp = proposed = labelled = hedged_facts = 0
    by_stratum: dict[str, list[int]] = {}
    with sample.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            truth = {tuple(f.split("|")[:3]) for f in row["facts"].split(";") if f}
            proposals = reader.read(row["title"], row["url"])
            got = {(p.actor.id, p.action, p.target.id) for p in proposals}
            hit = len(truth & got)
            tp, proposed, labelled = tp + hit, proposed + len(got), labelled + len(truth)
            hedged_facts += len(got) if hedged(row["title"]) else 0
            for name in row["stratum"].split("+"):
                counts = by_stratum.setdefault(name, [0, 0, 0, 0])
                counts[0] += 1
                counts[1] += hit
                counts[2] += len(got)
                counts[3] += len(truth)
            for miss in sorted(truth - got):
                print(f"missed  {row['report']}: {' '.join(miss)}  | {row['title']}")
            for wrong in sorted(got - truth):
                print(f"wrong   {row['report']}: {' '.join(wrong)}  | {row['title']}")
    print(f"titles by stratum: {by_stratum} (titles, true positives, proposed, labelled)")
    print(f"labelled facts {labelled}, proposed {proposed}, correct {tp}")
    print(f"precision {tp / proposed if proposed else 0:.3f}  recall {tp / labelled:.3f}")
    print(f"facts proposed from hedged titles: {hedged_facts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

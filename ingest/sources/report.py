"""What an importer read and wrote: the parity report every source prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ingest.records import Problem, RawRecord


@dataclass
class SourceReport:
    """Rows read per file, records written by type, merges applied, rows refused and why."""

    source: str
    read: dict[str, int] = field(default_factory=dict)
    refused: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    merged: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (survivor, reason)
    undecided: list[str] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)  # which typing rule decided how many
    typed: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (type, rule)
    entity_types: Counter[str] = field(default_factory=Counter)
    relation_types: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)  # what the source lacks, said once

    def skip(self, reason: str, count: int = 1) -> None:
        if count:
            self.skipped[reason] += count

    def count_written(self, records: list[RawRecord]) -> None:
        self.entity_types = Counter(
            r.data["type"] for r in records if r.data.get("kind") == "entity")
        self.relation_types = Counter(
            r.data["type"] for r in records if r.data.get("kind") == "relation")

    def lines(self) -> list[str]:
        """The report as text lines, for the CLI and for reading in a test failure."""
        out = [f"source: {self.source}"]
        out += [f"read {count} rows from {name}" for name, count in sorted(self.read.items())]
        out += [f"note: {note}" for note in self.notes]
        out.append(f"wrote {sum(self.entity_types.values())} entities, "
                   f"{sum(self.relation_types.values())} relations")
        out += [f"  {name:<24}{count:>8}" for name, count in sorted(self.entity_types.items())]
        out += [f"  {name:<24}{count:>8}" for name, count in sorted(self.relation_types.items())]
        out.append(f"typed by: {', '.join(f'{k} {v}' for k, v in sorted(self.rules.items()))}")
        out.append(f"undecided type (written as Organization): {len(self.undecided)}")
        out.append(f"merged by decision: {len(self.merged)}")
        out += [f"  {m} -> {s} ({why})" for m, (s, why) in sorted(self.merged.items())]
        out.append(f"refused: {len(self.refused)}")
        out += [f"  {problem}" for problem in sorted(self.refused)]
        out.append(f"skipped: {sum(self.skipped.values())}")
        out += [f"  {count:>6}  {why}" for why, count in sorted(self.skipped.items())]
        return out

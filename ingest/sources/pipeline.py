"""One entry point per step: extract a source to records, write them as NDJSON, load them.

`extract` applies what the repository decided (curated ids, `data/resolution/types.yaml`,
`decisions.yaml`, `litigation_parties.yaml`); `load` hands the records to the runner, which
validates them and writes all or nothing, and reports which ids changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from graph.errors import InvalidInput
from graph.model import relation_id
from graph.store.base import GraphStore
from ingest.ndjson import dump_records
from ingest.runner import IngestReport, ProgressFactory, discover, load_records, parse_file, silent
from ingest.sources.aiid import Extract, SourceConfig, aiid_records
from ingest.sources.aiid_files import SimilarPair, similar_pairs
from ingest.sources.candidates import Candidate, find_candidates, known_entity
from ingest.sources.changes import Changes, track_changes
from ingest.sources.curated_index import load_curated
from ingest.sources.headlines import headlines_extract
from ingest.sources.litigation import litigation_records, load_parties
from ingest.sources.litigation_matters import Party, load_matters
from ingest.sources.resolution import load_decisions, resolve
from ingest.sources.typing_rules import Overrides, load_overrides

SOURCES = ("aiid", "ai-incident-law", "headlines")
HEADLINE_FACTS = "headline_facts.yaml"
DECISIONS = "decisions.yaml"
TYPES = "types.yaml"
PARTIES = "litigation_parties.yaml"
MATTERS = "litigation_matters.yaml"


@dataclass(frozen=True)
class Decided:
    """Where the repository keeps its decisions: curated files and the resolution folder."""

    curated: Path | None
    resolution: Path | None

    def file(self, name: str) -> Path | None:
        return self.resolution / name if self.resolution is not None else None


def extract(source: str, path: Path, decided: Decided, descriptions: bool = False) -> Extract:
    """The records of one source file or folder, with its report."""
    if source not in SOURCES:
        raise InvalidInput(f"unknown source {source!r}; use one of {', '.join(SOURCES)}")
    if not path.exists():
        raise InvalidInput(f"{path}: no such file or folder")
    parties = load_parties(decided.file(PARTIES))
    matters = load_matters(decided.file(MATTERS))
    everyone = {**{f"{k} deployer": v for k, v in parties.items()},
                **{f"{k} party": [*m.parties(), *(Party(n.name, n.type, n.id)
                                                   for n in m.mentions),
                                  *(Party(s.name, s.type, s.id) for s in m.sanctioned)]
                   for k, m in matters.items()}}
    overrides = with_party_types(load_overrides(decided.file(TYPES)), everyone)
    config = SourceConfig(load_curated(decided.curated), overrides,
                          resolve(load_decisions(decided.file(DECISIONS))), descriptions)
    if source == "headlines":
        return headlines_extract(path, config, decided.curated, decided.file(HEADLINE_FACTS))
    if source == "aiid":
        if not path.is_dir():
            raise InvalidInput(f"{path}: the AIID source is a snapshot folder (incidents.csv...)")
        return aiid_records(path, config)
    return litigation_records(path, config, parties, matters)


def with_party_types(overrides: Overrides, parties: dict[str, list[Party]]) -> Overrides:
    """The reviewed litigation parties are type decisions too: every source types an id alike."""
    types = dict(overrides.types)
    for party in (p for listed in parties.values() for p in listed):
        if types.setdefault(party.id, party.type) != party.type:
            raise InvalidInput(f"{party.id!r} is a {types[party.id]} in {TYPES} or another "
                               f"entry but a {party.type} in {PARTIES} or {MATTERS}; "
                               "use one type")
    return replace(overrides, types=types)


def write_extract(result: Extract, target: Path) -> int:
    """Write the records as NDJSON, atomically (a reader never sees half a file)."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            count = dump_records((r.data for r in result.records), handle)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def load(
    store: GraphStore, result: Extract, progress: ProgressFactory = silent,
) -> tuple[IngestReport, Changes]:
    """Load extracted records through the runner; nothing is written if any is refused."""
    report = IngestReport(records=len(result.records), problems=list(result.problems))
    if report.problems:
        return report, Changes()
    ids = [r.data["id"] for r in result.records if r.data.get("kind") == "entity"]
    rel_ids = [_relation_id(r.data) for r in result.records if r.data.get("kind") == "relation"]
    changes = track_changes(store, ids, rel_ids,
                            lambda: load_records(store, result.records, report, progress))
    return report, changes


def _relation_id(data: dict[str, object]) -> str:
    """Importers write only relation types without identity fields: type and ends are the id."""
    return relation_id(str(data["type"]), str(data["source"]), str(data["target"]))


def merge_candidates(
    inputs: list[Path], aiid: Path | None, decided: Decided,
) -> list[Candidate]:
    """Scored, undecided merge candidates among the entities of these inputs."""
    files, problems = discover(inputs)
    if problems:
        raise InvalidInput("; ".join(str(p) for p in problems))
    entities: dict[str, dict[str, object]] = {}
    for path in files:
        for raw in parse_file(path).records:
            if raw.data.get("kind") == "entity" and isinstance(raw.data.get("id"), str):
                entities.setdefault(raw.data["id"], raw.data)
    known = [known_entity(data) for data in entities.values()]
    slugs = {str(ext["aiid"]): str(data["id"]) for data in entities.values()
             if isinstance(ext := data.get("external_ids"), dict) and "aiid" in ext}
    similar = [SimilarPair(slugs.get(p.first, p.first), slugs.get(p.second, p.second),
                           p.similarity, p.origin)
               for p in (similar_pairs(aiid) if aiid is not None else [])]
    decided_pairs = resolve(load_decisions(decided.file(DECISIONS))).decided_pairs
    return find_candidates(known, similar, decided_pairs)

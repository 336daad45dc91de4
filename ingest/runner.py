"""The ingest runner: find inputs, parse, validate everything, then write all or nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from graph.bulk import paused_gc
from graph.store.base import GraphStore, UpsertSummary
from ingest import curated, ndjson
from ingest.records import Origin, ParsedFile, Problem, RawRecord
from ingest.validate import validate

SUFFIXES = curated.SUFFIXES + ndjson.SUFFIXES


class ProgressBar(Protocol):
    def update(self, n_steps: int) -> None: ...


ProgressFactory = Callable[[str, int], AbstractContextManager[ProgressBar]]


class _Silent:
    def update(self, n_steps: int) -> None:
        """Progress goes nowhere."""


@contextlib.contextmanager
def silent(_label: str, _total: int) -> Iterator[ProgressBar]:
    yield _Silent()


@dataclass
class IngestReport:
    """What an ingest read, wrote, and refused."""

    files: list[Path] = field(default_factory=list)
    records: int = 0
    summary: UpsertSummary = field(default_factory=UpsertSummary)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The input files: given files, and every curated/NDJSON file below given folders."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            # anything named like an input but a folder is read, so that a FIFO or a device
            # is refused by name instead of skipped in silence
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and not p.is_dir())
            if not found:
                problems.append(Problem(Origin(str(path)), "folder holds no .yaml/.ndjson files"))
            files.extend(found)
        elif not path.exists():
            problems.append(Problem(Origin(str(path)), "no such file or folder"))
        elif path.suffix not in SUFFIXES:
            problems.append(
                Problem(
                    Origin(str(path)),
                    f"unknown input format {path.suffix!r}; use {', '.join(SUFFIXES)}",
                )
            )
        else:
            files.append(path)
    return files, problems


def parse_file(path: Path) -> ParsedFile:
    return (
        curated.parse_curated(path)
        if path.suffix in curated.SUFFIXES
        else ndjson.parse_ndjson(path)
    )


def ingest_paths(
    store: GraphStore, paths: Sequence[Path], progress: ProgressFactory = silent
) -> IngestReport:
    """Load every input into the store in one atomic batch; on any problem write nothing."""
    with paused_gc():
        return _ingest_paths(store, paths, progress)


def _ingest_paths(
    store: GraphStore, paths: Sequence[Path], progress: ProgressFactory
) -> IngestReport:
    files, problems = discover(paths)
    report = IngestReport(files=files, problems=problems)
    records = _parse_all(files, report, progress)
    report.records = len(records)
    return _load_records(store, records, report, progress, release_input=True)


def _parse_all(
    files: list[Path], report: IngestReport, progress: ProgressFactory
) -> list[RawRecord]:
    records: list[RawRecord] = []
    with progress("parsing", len(files)) as bar:
        for path in files:
            parsed = parse_file(path)
            records.extend(parsed.records)
            report.problems.extend(parsed.problems)
            bar.update(1)
    return records


def load_records(
    store: GraphStore,
    records: list[RawRecord],
    report: IngestReport,
    progress: ProgressFactory = silent,
) -> IngestReport:
    """Validate records against the schema and the store, then upsert them as one batch."""
    with paused_gc():
        return _load_records(store, records, report, progress)


def _load_records(
    store: GraphStore,
    records: list[RawRecord],
    report: IngestReport,
    progress: ProgressFactory,
    release_input: bool = False,
) -> IngestReport:
    """`release_input`: the runner owns `records` and frees them once validated (at 1M
    relations the raw parsed dicts are ~1 GiB of the peak)."""

    def stored_types(ids: Sequence[str]) -> dict[str, str]:
        return {i: e.type for i, e in store.get_entities(ids).items()}

    batch = validate(records, store.schema, stored_types)
    if release_input:
        records.clear()
    report.problems.extend(batch.problems)
    if report.problems:
        report.problems.sort()
        return report
    total = len(batch.entities) + len(batch.relations)
    with progress("writing", total) as bar:
        plan = store.upsert(batch.entities, batch.relations, bar.update)
    report.summary = plan.summary
    unknown = Origin("(store)")
    report.problems.extend(
        Problem(batch.origins.get(c.item_id, unknown), c.message) for c in plan.conflicts
    )
    report.problems.sort()
    return report

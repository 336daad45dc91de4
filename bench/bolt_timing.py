"""Where a Bolt ingest spends its time: the Neo4j store timing its own phases (`bolt_bench`).

An ingest (`ingest.runner.ingest_paths`) parses its files, validates the records (reading the
types of ids it cites from the store), plans the upsert against the store (reading back what
is stored of its ids) and writes the plan in batches, entities first. `TimedStore` times
each of these: the progress factory it hands the runner marks the parse and the write
("writing" opens after validation), and its own methods time the plan, the reads of stored
items (within validation and the plan) and the entity and relation batches. Each phase has
wall seconds, this process's CPU seconds and the server's (read from /proc; None: unknown).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.proc import cpu_seconds, serving
from graph.model import Entity, Relation
from graph.store.base import Progress, UpsertPlan
from ingest.runner import ProgressBar
from queries.neo4j_store import Neo4jStore

# Phases in the order an ingest runs them; "reads" lies within "validate" and "plan"; "report"
# runs from the end of the writes to the ingest's return (conflicts, freeing the batch).
PHASES = ("parse", "validate", "plan", "reads", "entities", "relations", "report")


def server_cpu_seconds(home: Path | None) -> float | None:
    """CPU seconds (user + system) of the Java process serving `home` (None: unknown)."""
    if home is None:
        return None
    if home not in _SERVERS:
        found = serving(home, "java")
        if not found:
            return None
        _SERVERS[home] = found[0]
    return cpu_seconds(_SERVERS[home])


_SERVERS: dict[Path, int] = {}  # a server home's Java process, found once


@dataclass
class Phase:
    """Wall seconds, this process's CPU seconds and the server's (None: unknown) of a phase."""

    wall: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float | None = 0.0

    def add(self, wall: float, cpu: float, server: float | None) -> None:
        self.wall += wall
        self.client_cpu += cpu
        self.server_cpu = (None if server is None or self.server_cpu is None
                           else self.server_cpu + server)

    def as_dict(self) -> dict[str, float | None]:
        return {"wall_s": round(self.wall, 2), "client_cpu_s": round(self.client_cpu, 1),
                "server_cpu_s": None if self.server_cpu is None else round(self.server_cpu, 1)}


def total(phases: Iterable[Phase]) -> Phase:
    summed = Phase()
    for phase in phases:
        summed.add(phase.wall, phase.client_cpu, phase.server_cpu)
    return summed


class _Bar:
    def update(self, n_steps: int) -> None:
        """Progress is not shown."""


class TimedStore(Neo4jStore):
    """The Neo4j store, timing the phases of the ingests it serves (see the module)."""

    home: Path | None = None
    phases: dict[str, Phase] = {}
    _validating: tuple[float, float, float | None] | None = None
    _written: tuple[float, float, float | None] | None = None

    def reset_phases(self) -> dict[str, Phase]:
        """Start the phases' totals again; the totals so far."""
        previous, self.phases = self.phases, {name: Phase() for name in PHASES}
        return previous

    def _mark(self) -> tuple[float, float, float | None]:
        return time.perf_counter(), time.process_time(), server_cpu_seconds(self.home)

    def _record(self, name: str, since: tuple[float, float, float | None]) -> None:
        wall, cpu, server = self._mark()
        self.phases[name].add(wall - since[0], cpu - since[1],
                              None if server is None or since[2] is None else server - since[2])

    @contextlib.contextmanager
    def timed(self, name: str) -> Iterator[None]:
        since = self._mark()
        try:
            yield
        finally:
            self._record(name, since)

    @contextlib.contextmanager
    def progress(self, label: str, _total: int) -> Iterator[ProgressBar]:
        """The runner's progress factory: "parsing", then "writing" once validation is done."""
        if label == "writing" and self._validating is not None:
            self._record("validate", self._validating)
        with self.timed("parse") if label == "parsing" else contextlib.nullcontext():
            yield _Bar()
        self._validating = self._mark() if label == "parsing" else None
        self._written = self._mark() if label == "writing" else None

    def ingested(self) -> None:
        """Called when the ingest has returned: ends its "report" phase."""
        if self._written is not None:
            self._record("report", self._written)
            self._written = None

    def get_entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        with self.timed("reads"):
            return super().get_entities(ids)

    def get_relations(self, ids: Sequence[str]) -> dict[str, Relation]:
        with self.timed("reads"):
            return super().get_relations(ids)

    def plan_upsert(self, entities: Iterable[Entity], relations: Iterable[Relation]) -> UpsertPlan:
        with self.timed("plan"):
            return super().plan_upsert(entities, relations)

    def _write(self, plan: UpsertPlan, progress: Progress | None) -> None:
        for kind, part in (("entities", replace(plan, relations=[])),
                           ("relations", replace(plan, entities=[]))):
            with self.timed(kind):
                super()._write(part, progress)


def phase_table(results: Sequence[dict[str, Any]]) -> str:
    """Wall / client CPU / server CPU seconds of each phase, a row per run; "other" is the
    ingest's wall seconds outside them (finding the files, between the phases)."""
    lines = ["| batch size | " + " | ".join(f"{p} s (CPU client / server)" for p in PHASES)
             + " | other s |", "| ---: |" + " ---: |" * (len(PHASES) + 1)]
    for result in results:
        cells = []
        for name in PHASES:
            p = result["phases"][name]
            cells.append(f"{p['wall_s']} ({p['client_cpu_s']} / {p['server_cpu_s']})")
        timed = sum(result["phases"][name]["wall_s"] for name in PHASES if name != "reads")
        cells.append(f"{result['ingest_s'] - timed:.2f}")
        lines.append(f"| {result['batch_size']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)

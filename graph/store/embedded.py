"""The default store: a networkx MultiDiGraph in memory, persisted atomically under a data dir."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from graph.bulk import paused_gc
from graph.errors import StoreUnavailable
from graph.model import Entity, Relation
from graph.schema import Schema
from graph.store.base import Direction, GraphStats, GraphStore, Progress, UpsertPlan
from graph.store.embedded_reads import EmbeddedReads
from graph.store.search_index import NameIndex

FORMAT = "aikg-embedded/1"
GRAPH_FILE = "graph.pickle"
LOCK_FILE = "graph.lock"


class EmbeddedStore(EmbeddedReads, GraphStore):
    """Nodes carry their Entity under "entity", edges (keyed by relation id) their Relation."""

    def __init__(self, schema: Schema, data_dir: Path) -> None:
        super().__init__(schema)
        self.data_dir = data_dir
        self.path = data_dir / GRAPH_FILE
        self.graph: Any = nx.MultiDiGraph()
        self._edges: dict[str, tuple[str, str]] = {}
        self._redirects: dict[str, str] | None = None
        self._stats: GraphStats | None = None
        self._loaded_stamp: tuple[int, int] | None = None
        self._index: NameIndex | None = None
        self.refresh()

    def refresh(self) -> None:
        """Load the persisted graph if it changed on disk since we last read it."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._loaded_stamp:
            return
        try:
            with self.path.open("rb") as handle, paused_gc():
                saved = pickle.load(handle)  # noqa: S301 - our own file in the user's data dir
        except (OSError, pickle.UnpicklingError, EOFError) as exc:
            raise StoreUnavailable(
                f"cannot read the graph at {self.path}: {exc}. Move the file aside and re-ingest."
            ) from exc
        if not isinstance(saved, dict) or saved.get("format") != FORMAT:
            raise StoreUnavailable(
                f"{self.path} is not an aikg {FORMAT} graph; move it aside and re-ingest"
            )
        self.graph, self._edges = saved["graph"], saved["edges"]
        self._loaded_stamp, self._index, self._redirects, self._stats = stamp, None, None, None

    def get_entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        nodes = self.graph.nodes
        return {i: nodes[i]["entity"] for i in ids if i in nodes}

    def resolve(self, ids: Sequence[str]) -> dict[str, str]:
        if self._redirects is None:
            self._redirects = {
                old: e.id for _, e in self.graph.nodes(data="entity") for old in e.merged_ids
            }
        nodes, redirects = self.graph.nodes, self._redirects
        found = {i: i for i in ids if i in nodes}
        found.update({i: redirects[i] for i in ids if i not in found and i in redirects})
        return found

    def get_relations(self, ids: Sequence[str]) -> dict[str, Relation]:
        found = {}
        for rel_id in ids:
            ends = self._edges.get(rel_id)
            if ends is not None:
                found[rel_id] = self.graph.edges[ends[0], ends[1], rel_id]["relation"]
        return found

    def relations_of(
        self,
        ids: Sequence[str],
        direction: Direction | None = None,
        types: Sequence[str] | None = None,
    ) -> dict[str, list[Relation]]:
        wanted = set(types) if types else None
        result: dict[str, list[Relation]] = {}
        for node in ids:
            if node not in self.graph:
                result[node] = []
                continue
            found: dict[str, Relation] = {}
            if direction in (None, Direction.OUT):
                for _, _, rel in self.graph.out_edges(node, data="relation"):
                    found[rel.id] = rel
            if direction in (None, Direction.IN):
                for _, _, rel in self.graph.in_edges(node, data="relation"):
                    found[rel.id] = rel
            rels = (r for r in found.values() if wanted is None or r.type in wanted)
            result[node] = sorted(rels, key=lambda r: r.id)
        return result

    def search(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[Entity]:
        wanted = set(types) if types else None
        nodes = self.graph.nodes
        hits = (nodes[i]["entity"] for i in self.name_index().search(text))
        return [e for e in hits if wanted is None or e.type in wanted][:limit]

    def stats(self) -> GraphStats:
        if self._stats is None:
            self._stats = self._count()
        return self._stats

    def _count(self) -> GraphStats:
        entity_types = Counter(e.type for _, e in self.graph.nodes(data="entity"))
        relation_types = Counter(r.type for *_, r in self.graph.edges(keys=True, data="relation"))
        return GraphStats(
            entities=self.graph.number_of_nodes(),
            relations=self.graph.number_of_edges(),
            entity_types=dict(sorted(entity_types.items())),
            relation_types=dict(sorted(relation_types.items())),
        )

    def iter_entities(self) -> Iterator[Entity]:
        nodes = self.graph.nodes
        for node_id in sorted(nodes):
            yield nodes[node_id]["entity"]

    def iter_relations(self) -> Iterator[Relation]:
        edges = self.graph.edges
        for rel_id in sorted(self._edges):
            source, target = self._edges[rel_id]
            yield edges[source, target, rel_id]["relation"]

    @contextlib.contextmanager
    def _write_lock(self) -> Iterator[None]:
        """One writer at a time across processes; re-read the file under the lock."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with (self.data_dir / LOCK_FILE).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                for stale in self.data_dir.glob(f".{GRAPH_FILE}.*.tmp"):
                    stale.unlink(missing_ok=True)  # left by a writer that died; we hold the lock
                self.refresh()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _write(self, plan: UpsertPlan, progress: Progress | None) -> None:
        self._apply(plan, progress)
        self._index = self._redirects = self._stats = None
        try:
            self._persist()
        except OSError as exc:
            self._reset_to_disk()
            raise StoreUnavailable(f"cannot write the graph to {self.path}: {exc}") from exc

    def _reset_to_disk(self) -> None:
        """Drop unsaved in-memory changes: the file on disk is the truth."""
        self.graph, self._edges, self._loaded_stamp = nx.MultiDiGraph(), {}, None
        self.refresh()

    def _apply(self, plan: UpsertPlan, progress: Progress | None) -> None:
        graph, edges = self.graph, self._edges
        for entity in plan.entities:
            graph.add_node(entity.id, entity=entity)
        if progress and plan.entities:
            progress(len(plan.entities))
        step = 10_000
        for done, rel in enumerate(plan.relations, 1):
            graph.add_edge(rel.source, rel.target, key=rel.id, relation=rel)
            edges[rel.id] = (rel.source, rel.target)
            if progress and done % step == 0:
                progress(step)
        if progress and len(plan.relations) % step:
            progress(len(plan.relations) % step)

    def _persist(self) -> None:
        """Write a new file, fsync it, rename it over the old one, fsync the folder."""
        tmp = self.path.with_name(f".{GRAPH_FILE}.{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as handle:
                saved = {"format": FORMAT, "graph": self.graph, "edges": self._edges}
                pickle.dump(saved, handle, protocol=pickle.HIGHEST_PROTOCOL)
                handle.flush()
                os.fsync(handle.fileno())
            tmp.replace(self.path)
        finally:
            tmp.unlink(missing_ok=True)
        dir_fd = os.open(self.data_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        stat = self.path.stat()
        self._loaded_stamp = (stat.st_mtime_ns, stat.st_size)

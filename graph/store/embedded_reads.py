"""The embedded store's faster answers to the read helpers: indexes built once per loaded state.

Each index is derived from the in-memory graph on first use and dropped when the persisted
state changes (a new `_loaded_stamp`); results equal the generic ones in `graph.store.reads`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from graph.model import Entity, Relation
from graph.schema import Schema
from graph.store.lookup import external_keys, names_of
from graph.store.query import SortKey
from graph.store.reads import GraphReads
from graph.store.search_index import NameIndex, fold, text_properties

Index = TypeVar("Index")


class EmbeddedReads(GraphReads):
    """Overrides for a store holding a networkx MultiDiGraph in `graph` (see EmbeddedStore)."""

    graph: Any
    schema: Schema
    _edges: dict[str, tuple[str, str]]
    _loaded_stamp: tuple[int, int] | None
    _index: NameIndex | None

    def _derived(self, name: str, build: Callable[[], Index]) -> Index:
        """An index for the current state, built on first use."""
        stamp = self._loaded_stamp
        cache: dict[str, Any] = self.__dict__.setdefault("_derived_cache", {})
        if cache.get("stamp") != stamp:
            cache.clear()
            cache["stamp"] = stamp
        if name not in cache:
            cache[name] = build()
        value: Index = cache[name]
        return value

    def name_index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex.build(self._all_entities(), text_properties(self.schema))
        return self._index

    def _all_entities(self) -> Iterator[Entity]:
        nodes = self.graph.nodes
        return (nodes[i]["entity"] for i in sorted(nodes))

    def _relation(self, rel_id: str) -> Relation:
        source, target = self._edges[rel_id]
        rel: Relation = self.graph.edges[source, target, rel_id]["relation"]
        return rel

    def _degrees(self) -> Counter[str]:
        """Relations per entity, counted once per state (networkx counts a hub's in O(degree))."""
        found: Counter[str] = Counter()
        for source, target in self._edges.values():
            found[source] += 1
            if target != source:
                found[target] += 1
        return found

    def degrees(self, ids: Sequence[str]) -> dict[str, int]:
        counted = self._derived("degrees", self._degrees)
        return {i: counted[i] for i in ids}

    def _by_type(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        entities: dict[str, list[str]] = defaultdict(list)
        for node_id in sorted(self.graph.nodes):
            entities[self.graph.nodes[node_id]["entity"].type].append(node_id)
        relations: dict[str, list[str]] = defaultdict(list)
        for rel_id in sorted(self._edges):
            relations[self._relation(rel_id).type].append(rel_id)
        return dict(entities), dict(relations)

    def scan_relations(self, types: Sequence[str] | None = None) -> Iterator[Relation]:
        if not types:
            return (self._relation(i) for i in sorted(self._edges))
        by_type = self._derived("by_type", self._by_type)[1]
        ids = sorted(i for t in set(types) for i in by_type.get(t, ()))
        return (self._relation(i) for i in ids)

    def entities_of_types(self, types: Sequence[str] | None = None) -> Iterator[Entity]:
        if not types:
            return self._all_entities()
        by_type = self._derived("by_type", self._by_type)[0]
        ids = sorted(i for t in set(types) for i in by_type.get(t, ()))
        return (self.graph.nodes[i]["entity"] for i in ids)

    def _citations(self) -> dict[str, list[str]]:
        cited: dict[str, set[str]] = defaultdict(set)
        for *_ends, rel in self.graph.edges(data="relation"):
            for evidence in rel.evidence:
                if evidence.article:
                    cited[evidence.article].add(rel.id)
        return {article: sorted(ids) for article, ids in cited.items()}

    def relations_citing(self, article_ids: Sequence[str]) -> dict[str, list[Relation]]:
        cited = self._derived("citations", self._citations)
        return {a: [self._relation(r) for r in cited.get(a, [])] for a in article_ids}

    def _lookup_keys(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        external: dict[str, set[str]] = defaultdict(set)
        named: dict[str, set[str]] = defaultdict(set)
        for entity in self._all_entities():
            for key in external_keys(entity):
                external[key].add(entity.id)
            for name in names_of(entity):
                named[name].add(entity.id)
        return _sorted_sets(external), _sorted_sets(named)

    def lookup(self, keys: Sequence[str]) -> dict[str, list[str]]:
        found = {key: [current] for key, current in self._store.resolve(keys).items()}
        if len(found) == len(set(keys)):
            return found
        external, named = self._derived("lookup", self._lookup_keys)
        for key in keys:
            hits = external.get(fold(key)) or named.get(fold(key))
            if key not in found and hits:
                found[key] = hits
        return found

    def search_hits(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, Entity]]:
        wanted = set(types or ())
        nodes = self.graph.nodes
        hits: list[tuple[SortKey, Entity]] = []
        for key, entity_id in self.name_index().ranked(text):
            entity: Entity = nodes[entity_id]["entity"]
            if not wanted or entity.type in wanted:
                hits.append((key, entity))
                if len(hits) >= limit:
                    break
        return hits


def _sorted_sets(index: dict[str, set[str]]) -> dict[str, list[str]]:
    return {key: sorted(ids) for key, ids in index.items()}

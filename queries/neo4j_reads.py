"""The Neo4j store's answers to the read helpers of `graph.store.reads`, in named Cypher.

Degrees, scans by type, citations and external-id look-ups run on the server instead of
through `iter_relations`; search is `queries.neo4j_search`. Results equal the generic ones.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

from neo4j import Record

from graph.model import Entity, Relation
from graph.store import paths, traversal
from graph.store.lookup import external_keys, generic_lookup
from graph.store.query import EntityFilter, Order, Page, RelationFilter, SortKey, Window
from graph.store.search_index import fold
from queries import neo4j_paths
from queries.neo4j_pages import RelationSeeks, page_statements
from queries.neo4j_rows import Neo4jRows
from queries.neo4j_search import Neo4jSearch
from queries.neo4j_traversal import BoundedReads, within
from queries.registry import Statement


class Neo4jReads(Neo4jSearch):
    """Overrides for `Neo4jStore`; every statement is a file of queries/."""

    @property
    def _neo4j(self) -> Neo4jRows:
        return cast("Neo4jRows", self)

    def _records(self, name: str, **params: Any) -> list[Record]:
        return self._neo4j._read(name, **params)

    def run_statement(
        self, statement: Statement, params: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """A named statement from outside queries/ (queries/named/), its records as dicts."""
        return [record.data() for record in self._neo4j._run_read(statement, params)]

    def find_entities(
        self, flt: EntityFilter | None, order: Order, window: Window, as_of: str | None = None
    ) -> Page[Entity]:
        """Lists by type in id order are keyset seeks on the id index with LIMIT in Cypher;
        any other filter, order or window takes the generic path."""
        types = _types_only(flt)
        if types is None or as_of is not None or order.field != "ID" or window.last is not None \
                or window.before is not None or window.first is None:
            return super().find_entities(flt, order, window, as_of)
        return self._entities_page(types, order.descending, window.first, window.after)

    def _entities_page(
        self, types: list[str], descending: bool, first: int, after: SortKey | None
    ) -> Page[Entity]:
        cursor = after[0] if after else None
        if not descending:
            records = self._records("entities_page_after", types=types, after=cursor or "",
                                    limit=first + 1)
        elif cursor is None:
            records = self._records("entities_page_last", types=types, limit=first + 1)
        else:
            records = self._records("entities_page_before", types=types, before=cursor,
                                    limit=first + 1)
        rows = [self._neo4j._entity(r) for r in records]
        previous = cursor is not None and bool(self._records(
            "entity_at_or_after" if descending else "entity_at_or_before",
            types=types, cursor=cursor,
        ))
        counts = self._neo4j.stats().entity_types
        total = sum(n for t, n in counts.items() if not types or t in types)
        page = rows[:first]
        return Page(page, [(e.id,) for e in page], total, len(rows) > first, previous)

    def find_relations(
        self, flt: RelationFilter | None, order: Order, window: Window, as_of: str | None = None
    ) -> Page[Relation]:
        """Lists by type in id or date order, either way, are keyset seeks on the relationship
        indexes with LIMIT in Cypher (`queries.neo4j_pages`); any other filter, order or window
        takes the generic path."""
        types = _relation_types_only(flt)
        if types is None or as_of is not None or order.field not in ("ID", "DATE") \
                or window.last is not None or window.before is not None or window.first is None:
            return super().find_relations(flt, order, window, as_of)
        wanted = types or sorted(self._neo4j.schema.relation_types)
        counts = self._neo4j.stats().relation_types
        seeks = RelationSeeks(self._seek, wanted, order.field)
        first, cursor = window.first, window.after
        rows = seeks.beyond(cursor, order.descending, first + 1)
        total = sum(n for t, n in counts.items() if t in wanted)
        page = rows[:first]
        return Page(page, [seeks.key(r) for r in page], total, len(rows) > first,
                    cursor is not None and self._reaches(seeks, cursor, order.descending))

    def _seek(self, rtype: str, run: str, params: dict[str, Any]) -> list[Relation]:
        statement = self._pages[(rtype, run)]
        return [self._neo4j._relation(r) for r in self._neo4j._run_read(statement, params)]

    @functools.cached_property
    def _pages(self) -> dict[tuple[str, str], Statement]:
        return page_statements(self._neo4j.schema)

    def _reaches(self, seeks: RelationSeeks, cursor: SortKey, descending: bool) -> bool:
        """Whether a relation's key is at or before `cursor` in the page's order (a page
        before it exists, as `keyset.window_page` counts)."""
        if not descending:  # a key <= cursor is a key < its successor (id + the lowest char)
            successor = (*cursor[:-1], cursor[-1] + "\0")
            return bool(seeks.beyond(successor, True, 1))
        if seeks.beyond(cursor, False, 1):
            return True
        found = self._neo4j.get_relations([cursor[-1]]).get(cursor[-1])
        return found is not None and found.type in seeks.types and seeks.key(found) == cursor

    def neighbourhood(
        self,
        root: Entity,
        depth: int,
        types: list[str] | None,
        bounds: traversal.Bounds,
        as_of: str | None = None,
    ) -> traversal.Neighbourhood:
        """The generic hub-safe walk over reads bounded in Cypher (`queries.neo4j_traversal`)."""
        with within(bounds):
            store = BoundedReads(self._neo4j, bounds).as_store()
            return traversal.neighbourhood(store, root, depth, types, bounds, as_of)

    def shortest_paths(
        self,
        source: str,
        target: str,
        max_hops: int,
        k: int,
        types: list[str] | None,
        bounds: traversal.Bounds,
        as_of: str | None = None,
    ) -> list[paths.Path]:
        """The link search of `queries.neo4j_paths`; with `as_of`, the generic bidirectional
        search over reads bounded in Cypher."""
        if as_of is None:
            with within(bounds):
                return neo4j_paths.shortest_paths(self._neo4j, source, target, max_hops, k,
                                                  types, bounds)
        with within(bounds):
            store = BoundedReads(self._neo4j, bounds).as_store()
            return paths.shortest_paths(store, source, target, max_hops, k, types, bounds, as_of)

    def degrees(self, ids: Sequence[str]) -> dict[str, int]:
        found = {r["entity"]: r["degree"] for r in self._records("degrees", ids=list(ids))}
        return {i: int(found.get(i, 0)) for i in ids}

    def scan_relations(self, types: Sequence[str] | None = None) -> Iterator[Relation]:
        records = self._records("relations_of_types", types=list(types or ()))
        return map(self._neo4j._relation, records)

    def entities_of_types(self, types: Sequence[str] | None = None) -> Iterator[Entity]:
        records = self._records("entities_of_types", types=list(types or ()))
        return map(self._neo4j._entity, records)

    def relations_citing(self, article_ids: Sequence[str]) -> dict[str, list[Relation]]:
        found: dict[str, list[Relation]] = {a: [] for a in article_ids}
        rels = map(self._neo4j._relation, self._records("relations_citing", ids=list(article_ids)))
        for rel in sorted(rels, key=lambda r: r.id):
            for article in sorted({e.article for e in rel.evidence if e.article in found}):
                found[str(article)].append(rel)
        return found

    def conflicted(self, first: int) -> tuple[list[Entity], list[Relation]]:
        store = self._neo4j
        entities = [store._entity(r) for r in self._records("conflicted_entities", limit=first)]
        rest = first - len(entities)
        records = self._records("conflicted_relations", limit=rest) if rest > 0 else []
        return entities, [store._relation(r) for r in records]

    def lookup(self, keys: Sequence[str]) -> dict[str, list[str]]:
        found = generic_lookup(self._neo4j, keys)
        missing = [k for k in keys if k not in found]
        if not missing:
            return found
        values = [k.split(":", 1)[-1] for k in missing]
        records = self._records(
            "lookup_external",
            fragments=[json.dumps(v)[1:-1] for v in values],
            keys=[v.lower() for v in values],
        )
        candidates = [self._neo4j._entity(r) for r in records]
        for key in missing:
            hits = sorted({e.id for e in candidates if fold(key) in set(external_keys(e))})
            if hits:
                found[key] = hits
        return found


def _relation_types_only(flt: RelationFilter | None) -> list[str] | None:
    """The filter's relation types when it asks for nothing else (all types: []), else None."""
    if flt is None:
        return []
    if flt == RelationFilter(types=flt.types):
        return list(flt.types)
    return None


def _types_only(flt: EntityFilter | None) -> list[str] | None:
    """The filter's types when it asks for nothing else (all types: []), else None."""
    if flt is None:
        return []
    if flt == EntityFilter(types=flt.types):
        return list(flt.types)
    return None

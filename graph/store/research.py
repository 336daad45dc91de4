"""The researchers' queries as plain functions over a `Store` (graph/store/contract.py).

Each works on any store through its batched primitives. The generic index helpers at the top
(`degrees`, `scan_relations`, `entities_of_types`, `relations_citing`, `lookup`,
`search_hits`) are where a store with indexes gains most: the embedded and the Neo4j store
answer them (or anything below) directly, bound as methods of `GraphStore` (graph/store/reads.py).
Results are always sorted, so two stores can be compared row for row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice

from graph.model import Entity, Relation
from graph.store import lookup as lookups
from graph.store.contract import Store
from graph.store.direction import Direction
from graph.store.filtering import Matcher
from graph.store.keyset import entity_key, page_of, relation_key
from graph.store.periods import date_properties
from graph.store.query import EntityFilter, Order, Page, RelationFilter, SortKey, Window
from graph.store.search_index import TIER_TYPO, allowed_typos, entity_rank_key, tokens

TYPO_CANDIDATES = 10_000  # names checked for typos by the generic search


# Generic index helpers.

def degrees(store: Store, ids: Sequence[str]) -> dict[str, int]:
    """How many relations each entity has (in and out, all types)."""
    found = store.relations_of(ids)
    return {i: len(found.get(i, [])) for i in ids}


def scan_relations(store: Store, types: Sequence[str] | None = None) -> Iterator[Relation]:
    """Every relation of these types (all when none), in id order."""
    wanted = set(types or ())
    return (r for r in store.iter_relations() if not wanted or r.type in wanted)


def entities_of_types(store: Store, types: Sequence[str] | None = None) -> Iterator[Entity]:
    """Every entity of these types (all when none), in id order."""
    wanted = set(types or ())
    return (e for e in store.iter_entities() if not wanted or e.type in wanted)


def relations_citing(store: Store, article_ids: Sequence[str]) -> dict[str, list[Relation]]:
    """The relations whose evidence cites each article, sorted by id."""
    wanted = set(article_ids)
    found: dict[str, list[Relation]] = {a: [] for a in article_ids}
    for rel in store.iter_relations():
        for article in sorted({e.article for e in rel.evidence if e.article in wanted}):
            found[str(article)].append(rel)
    return found


def conflicted(store: Store, first: int) -> tuple[list[Entity], list[Relation]]:
    """Up to `first` entities and relations whose sources disagree, entities first, by id."""
    entities = list(islice((e for e in store.iter_entities() if e.conflicts), first))
    rest = first - len(entities)
    relations = list(islice((r for r in store.iter_relations() if r.conflicts), rest))
    return entities, relations


def lookup(store: Store, keys: Sequence[str]) -> dict[str, list[str]]:
    """The entity ids each key names: an id or merged id, else an external id, else a name."""
    return lookups.generic_lookup(store, keys)


def search_hits(
    store: Store, text: str, types: Sequence[str] | None = None, limit: int = 10
) -> list[tuple[SortKey, Entity]]:
    """Search results with their rank keys (`search_index.rank_key`), best first."""
    hits = store.search(text, types, limit) or _typo_candidates(store, text, types)
    return sorted((entity_rank_key(text, e), e) for e in hits)[:limit]


# Queries.

def find_entities(
    store: Store, flt: EntityFilter | None, order: Order, window: Window,
    as_of: str | None = None,
) -> Page[Entity]:
    """A window of the entities matching `flt`, sorted by `order`, with the total count."""
    if flt is not None and flt.ids:
        found = store.get_entities(sorted(set(flt.ids)))
        pool = [found[i] for i in sorted(found)]
    else:
        pool = list(store.entities_of_types(flt.types if flt else None))
    matched = Matcher(store, as_of).entities(flt, pool)
    return page_of(matched, entity_key(order, date_properties(store.schema)), order, window)


def find_relations(
    store: Store, flt: RelationFilter | None, order: Order, window: Window,
    as_of: str | None = None,
) -> Page[Relation]:
    """A window of all relations matching `flt`, sorted by `order`, with the total count."""
    pool = _relation_candidates(store, flt)
    matched = [r for r, _ in Matcher(store, as_of).relations(flt, [(r, None) for r in pool])]
    return page_of(matched, relation_key(order), order, window)


def relations_matching(
    store: Store, ids: Sequence[str], flt: RelationFilter | None, as_of: str | None = None
) -> dict[str, list[Relation]]:
    """Each entity's relations matching `flt` (sorted by id), for many entities at once."""
    types = list(flt.types) if flt and flt.types else None
    found = store.relations_of(ids, flt.direction if flt else None, types)
    items = [(r, i) for i in ids for r in found.get(i, [])]
    result: dict[str, list[Relation]] = {i: [] for i in ids}
    for rel, seen_from in Matcher(store, as_of).relations(flt, items):
        result[str(seen_from)].append(rel)
    return result


def _relation_candidates(store: Store, flt: RelationFilter | None) -> list[Relation]:
    """Relations that may match: by id, by a given endpoint id, else by type."""
    if flt is None:
        return list(store.scan_relations())
    if flt.ids:
        found = store.get_relations(sorted(set(flt.ids)))
        return [found[i] for i in sorted(found)]
    types = list(flt.types) or None
    for end, direction in ((flt.source, Direction.OUT), (flt.target, Direction.IN)):
        if end is not None and end.ids:
            by_end = store.relations_of(sorted(set(end.ids)), direction, types)
            return sorted({r.id: r for rs in by_end.values() for r in rs}.values(), key=_rid)
    return list(store.scan_relations(types))


def _typo_candidates(store: Store, text: str, types: Sequence[str] | None) -> list[Entity]:
    """When nothing matches: entities whose names match with typos, searched by the first two
    letters of each long word (a store with a fuzzy index should override `search_hits`)."""
    words = tokens(text)
    stems = [w[:2] if allowed_typos(w) else w for w in words]
    candidates = store.search(" ".join(stems), types, TYPO_CANDIDATES) if words else []
    return [e for e in candidates if entity_rank_key(text, e)[0] <= str(TIER_TYPO)]


def _rid(rel: Relation) -> str:
    return rel.id

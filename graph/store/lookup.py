"""Finding an entity by what a researcher has in hand: an id, an old id, an external id, a name."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from graph.model import Entity
from graph.store.search_index import fold

if TYPE_CHECKING:
    from graph.store.contract import Store

CANDIDATES = 50  # search hits checked per key by the generic look-up
WIKIDATA = "wikidata"


def external_keys(entity: Entity) -> Iterator[str]:
    """Every external id of an entity, bare and as scheme:value (folded), incl. its Wikidata id."""
    pairs = dict(entity.external_ids)
    wikidata = entity.properties.get(WIKIDATA)
    if isinstance(wikidata, str):
        pairs.setdefault(WIKIDATA, wikidata)
    for scheme, value in pairs.items():
        yield fold(value)
        yield fold(f"{scheme}:{value}")


def names_of(entity: Entity) -> Iterator[str]:
    yield fold(entity.name)
    for alias in entity.aliases:
        yield fold(alias)


def generic_lookup(store: Store, keys: Sequence[str]) -> dict[str, list[str]]:
    """The ids each key names: its id or merged id; else external ids; else exact names.

    Candidates for external ids and names come from the store's search, so a store whose
    search does not index external ids should override `lookup`.
    """
    found = {key: [current] for key, current in store.resolve(keys).items()}
    for key in keys:
        if key in found:
            continue
        hits = store.search(key, None, CANDIDATES)
        wanted = fold(key)
        by_external = sorted({e.id for e in hits if wanted in set(external_keys(e))})
        by_name = sorted({e.id for e in hits if wanted in set(names_of(e))})
        if by_external or by_name:
            found[key] = by_external or by_name
    return found

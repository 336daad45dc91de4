"""The store contract: the few primitives every store implements, as a `Protocol`.

The researchers' queries (`graph.store.research`, `filtering`, `traversal`, `paths`,
`timeline`, `aggregates`, `lookup`) are plain functions over a `Store`: they import this module
and nothing that implements it, so no store module and no query module import each other in
a circle. `graph.store.base.GraphStore` adds the writes and binds the queries as methods, which
is where a store may override one with an equivalent (the contract suite,
`tests/contract/test_store_contract.py`, runs every store against the same answers).

Every method takes many ids at once and returns rows sorted by id, so a caller never loops
over single look-ups and two stores can be compared row for row.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from graph.model import Entity, Relation
from graph.schema import Schema
from graph.store.direction import Direction


@dataclass(frozen=True)
class GraphStats:
    entities: int
    relations: int
    entity_types: dict[str, int]
    relation_types: dict[str, int]


class Store(Protocol):
    """What the researchers' queries need from a store: batched reads and three index helpers."""

    schema: Schema

    @abstractmethod
    def get_entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        """The entities with these ids (missing ids are absent from the result)."""

    @abstractmethod
    def resolve(self, ids: Sequence[str]) -> dict[str, str]:
        """The current id of each id that names an entity or was merged into one."""

    @abstractmethod
    def get_relations(self, ids: Sequence[str]) -> dict[str, Relation]:
        """The relations with these ids."""

    @abstractmethod
    def relations_of(
        self,
        ids: Sequence[str],
        direction: Direction | None = None,
        types: Sequence[str] | None = None,
    ) -> dict[str, list[Relation]]:
        """Each entity's relations (sorted by relation id), in one call for many entities."""

    @abstractmethod
    def search(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[Entity]:
        """Entities whose name or aliases match `text`, best first."""

    @abstractmethod
    def stats(self) -> GraphStats:
        """Counts of entities and relations, in all and by type."""

    @abstractmethod
    def iter_entities(self) -> Iterator[Entity]:
        """Every entity, in id order."""

    @abstractmethod
    def iter_relations(self) -> Iterator[Relation]:
        """Every relation, in id order."""

    # Index helpers: `graph.store.research` has a generic version of each (over the primitives
    # above); a store with indexes answers them directly.

    @abstractmethod
    def degrees(self, ids: Sequence[str]) -> dict[str, int]:
        """How many relations each entity has (in and out, all types)."""

    @abstractmethod
    def scan_relations(self, types: Sequence[str] | None = None) -> Iterator[Relation]:
        """Every relation of these types (all when none), in id order."""

    @abstractmethod
    def entities_of_types(self, types: Sequence[str] | None = None) -> Iterator[Entity]:
        """Every entity of these types (all when none), in id order."""

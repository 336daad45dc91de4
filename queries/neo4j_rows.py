"""What the Neo4j read overrides need from `Neo4jStore` (queries/neo4j_store.py, which mixes
them in), declared on its own so that neither `neo4j_reads` nor `neo4j_traversal` imports the
store, or each other, back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from neo4j import Record

from graph.model import Entity, Relation
from graph.store.contract import Store
from queries.registry import Statement


class Neo4jRows(Store, Protocol):
    """The store's primitives plus the row-level reads of `Neo4jStore`."""

    def _read(self, name: str, **params: Any) -> list[Record]: ...

    def _run_read(self, statement: Statement, params: Mapping[str, Any]) -> list[Record]: ...

    def _entity(self, record: Record) -> Entity: ...

    def _relation(self, record: Record) -> Relation: ...

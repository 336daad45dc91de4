"""The write path of the Neo4j store: a plan cut into batches, one transaction each. Entities go
first, then relations, each batch of one type and sent to that type's static statement (one
plan per type, cached by Neo4j); rows are sorted by (type, id), so concurrent writers lock in
the same order. What the plan found absent is created outright (`queries.create_statements`:
the whole property map, no merge); the rest goes through the upsert, which merges its rows
into what is stored (unions of aliases, sources and evidence, refined dates). If another writer
created one of a create batch's ids meanwhile, the uniqueness constraint fails that batch and
its items are sent again through the upsert, so concurrent ingests and mutations lose nothing.
A batch is all or nothing; batches before a failed one stay committed, so an ingest is not one
transaction on Neo4j. Re-running it is safe: it is idempotent, and the batches already written
count as unchanged. A deadlock between concurrent writers is retried by the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import ConstraintError, CypherTypeError, DriverError, Neo4jError

from graph.errors import AikgError, InvalidInput, StoreUnavailable
from graph.model import Entity, Relation
from graph.store.base import Progress, UpsertPlan
from queries.encoding import entity_props, entity_row, relation_props, relation_row
from queries.registry import Statement
from queries.statements import WriteStatements

MAX_IDS_IN_ERROR = 50


@dataclass(frozen=True)
class Batch:
    """Rows for one statement, written in one transaction."""

    what: str  # "Company entities", "SCRAPED_FROM relations"
    statement: Statement
    rows: list[dict[str, Any]]
    merging: Callable[[], Batch] | None = None  # a create batch's items as an upsert batch

    @property
    def ids(self) -> list[str]:
        return [str(row["id"]) for row in self.rows]


def plan_batches(plan: UpsertPlan, writes: WriteStatements, size: int) -> list[Batch]:
    """Batches of at most `size` rows of one type each, in (type, id) order: entities, then
    relations, so every writer locks in the same order; per type the creates, then the upserts."""
    for entity in plan.entities:
        allowed = writes.entity_labels.get(entity.type)
        if allowed is None or not set(entity.extra_labels) <= allowed:
            raise InvalidInput(f"entity {entity.id!r} has type {entity.type!r} and labels "
                               f"{sorted(entity.extra_labels)}, not in the schema")
    for rel in plan.relations:
        if rel.type not in writes.relations:
            raise InvalidInput(f"relation {rel.id!r} has type {rel.type!r}, not in the schema")
    entities = _Writes("entities", writes.entity_creates, writes.entities, _create_entity_row,
                       entity_row)
    relations = _Writes("relations", writes.relation_creates, writes.relations,
                        _create_relation_row, relation_row)
    return [*entities.batches(plan.entities, plan.new_entity_ids, size),
            *relations.batches(plan.relations, plan.new_relation_ids, size)]


Item = TypeVar("Item", Entity, Relation)


@dataclass(frozen=True)
class _Writes:
    """How items of one kind become batches: creates for the new ones, upserts for the rest."""

    kind: str  # "entities", "relations"
    creates: dict[str, Statement]
    upserts: dict[str, Statement]
    create_row: Callable[[Any], dict[str, Any]]
    upsert_row: Callable[[Any], dict[str, Any]]

    def batches(self, items: Iterable[Item], new: frozenset[str], size: int) -> list[Batch]:
        by_type: dict[tuple[str, bool], list[Item]] = {}
        for item in sorted(items, key=lambda i: (i.type, i.id)):
            by_type.setdefault((item.type, item.id not in new), []).append(item)
        batches = []
        for (name, stored), of_type in sorted(by_type.items()):
            for chunk in _chunks(of_type, size):
                upsert = self._upsert(name, chunk)
                batches.append(upsert() if stored else Batch(
                    f"{name} {self.kind}", self.creates[name],
                    [self.create_row(item) for item in chunk], upsert))
        return batches

    def _upsert(self, name: str, chunk: list[Item]) -> Callable[[], Batch]:
        return lambda: Batch(f"{name} {self.kind}", self.upserts[name],
                             [self.upsert_row(item) for item in chunk])


def _create_entity_row(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, "labels": list(entity.extra_labels), "props": entity_props(entity)}


def _create_relation_row(rel: Relation) -> dict[str, Any]:
    return {"id": rel.id, "source": rel.source, "target": rel.target,
            "props": relation_props(rel)}


def _chunks(rows: list[Item], size: int) -> Iterator[list[Item]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Incomplete(Exception):
    """The statement merged fewer rows than it was sent (see `queries.statements`)."""


def write_batches(
    driver: Driver, database: str, batches: Sequence[Batch], progress: Progress | None
) -> None:
    """Commit each batch in its own transaction; on failure say which records it held."""
    for number, batch in enumerate(batches, 1):
        try:
            with driver.session(database=database) as session:
                try:
                    session.execute_write(_transaction(batch))
                except ConstraintError:
                    if batch.merging is None:
                        raise
                    session.execute_write(_transaction(batch.merging()))  # another writer won
        except (_Incomplete, Neo4jError, DriverError) as exc:
            raise batch_error(batch, number, len(batches), exc) from exc
        if progress:
            progress(len(batch.rows))


def _transaction(batch: Batch) -> Any:
    @unit_of_work(metadata={"query": batch.statement.name})
    def work(tx: ManagedTransaction) -> None:
        result = tx.run(batch.statement.text, batch.statement.bind({"rows": batch.rows}))
        written = result.single(strict=True)["written"]
        if written != len(batch.rows):
            raise _Incomplete(
                f"{batch.statement.name} merged {written} of {len(batch.rows)} rows: an "
                "endpoint is missing, an id is an entity of another type, or a date contradicts "
                "the stored one (another write may have got there first)"
            )

    return work


def batch_error(batch: Batch, number: int, total: int, cause: Exception) -> AikgError:
    """A refused batch is bad input (constraint, property type); anything else the store's."""
    ids = batch.ids
    shown = ", ".join(ids[:MAX_IDS_IN_ERROR])
    if len(ids) > MAX_IDS_IN_ERROR:
        shown += f" and {len(ids) - MAX_IDS_IN_ERROR} more"
    message = (
        f"Neo4j write of batch {number} of {total} ({len(ids)} {batch.what}: {shown}) failed "
        f"and was rolled back: {_describe(cause)}. The {number - 1} batch(es) before it are "
        "committed (an ingest is not one transaction on Neo4j); fix the cause and run the "
        "ingest again: it is idempotent."
    )
    refused = isinstance(cause, ConstraintError | CypherTypeError | _Incomplete)
    return InvalidInput(message) if refused else StoreUnavailable(message)


def _describe(exc: Exception) -> str:
    if isinstance(exc, Neo4jError):
        return f"{exc.code}: {exc.message}"
    return f"{type(exc).__name__}: {exc}"

"""The write path of the Neo4j store: a plan cut into batches, one transaction each. Entities go
first, then relations, each batch of one type and sent to that type's static statement (one
plan per type, cached by Neo4j); rows are sorted by (type, id), so concurrent writers lock in
the same order. Each statement merges its
rows into what is stored (unions of aliases, sources and evidence, refined dates), so
concurrent ingests and mutations lose nothing. A batch is all or nothing; batches before a
failed one stay committed, so an ingest is not one transaction on Neo4j. Re-running it is safe:
it is idempotent, and the batches already written count as unchanged. A deadlock between
concurrent writers is retried by the driver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import ConstraintError, CypherTypeError, DriverError, Neo4jError

from graph.errors import AikgError, InvalidInput, StoreUnavailable
from graph.model import Entity, Relation
from graph.store.base import Progress
from queries.encoding import entity_row, relation_row
from queries.registry import Statement
from queries.statements import WriteStatements

MAX_IDS_IN_ERROR = 50


@dataclass(frozen=True)
class Batch:
    """Rows for one statement, written in one transaction."""

    what: str  # "Company entities", "SCRAPED_FROM relations"
    statement: Statement
    rows: list[dict[str, Any]]

    @property
    def ids(self) -> list[str]:
        return [str(row["id"]) for row in self.rows]


def plan_batches(
    entities: Iterable[Entity], relations: Iterable[Relation], writes: WriteStatements, size: int
) -> list[Batch]:
    """Batches of at most `size` rows of one type each, in (type, id) order: entities, then
    relations, so every writer locks in the same order."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for entity in sorted(entities, key=lambda e: (e.type, e.id)):
        allowed = writes.entity_labels.get(entity.type)
        if allowed is None or not set(entity.extra_labels) <= allowed:
            raise InvalidInput(f"entity {entity.id!r} has type {entity.type!r} and labels "
                               f"{sorted(entity.extra_labels)}, not in the schema")
        by_type.setdefault(entity.type, []).append(entity_row(entity))
    batches = [Batch(f"{name} entities", writes.entities[name], chunk)
               for name, rows in by_type.items() for chunk in _chunks(rows, size)]
    by_type = {}
    for rel in sorted(relations, key=lambda r: (r.type, r.id)):
        if rel.type not in writes.relations:
            raise InvalidInput(f"relation {rel.id!r} has type {rel.type!r}, not in the schema")
        by_type.setdefault(rel.type, []).append(relation_row(rel))
    batches += [Batch(f"{name} relations", writes.relations[name], chunk)
                for name, rows in by_type.items() for chunk in _chunks(rows, size)]
    return batches


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
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
                session.execute_write(_transaction(batch))
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

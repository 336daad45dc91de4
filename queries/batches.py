"""The write path of the Neo4j store: a plan cut into batches, one transaction each.

Entities go first (grouped by type and extra labels, so each batch runs one static MERGE),
then relations (grouped by type). A batch is all or nothing; batches before a failed one stay
committed, so an ingest is not one transaction on Neo4j. Re-running it is safe: it is
idempotent, and the batches already written count as unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import ConstraintError, CypherTypeError, DriverError, Neo4jError

from graph.errors import AikgError, InvalidInput, StoreUnavailable
from graph.store.base import Progress, UpsertPlan
from queries.encoding import entity_props, relation_props
from queries.registry import Statement
from queries.statements import WriteStatements

MAX_IDS_IN_ERROR = 50


@dataclass(frozen=True)
class Batch:
    """Rows for one statement, written in one transaction."""

    what: str  # "Company entities", "SCRAPED_FROM relations"
    statement: Statement
    rows: list[dict[str, Any]]
    before: tuple[Statement, ...] = field(default=())  # run first, with the batch's ids

    @property
    def ids(self) -> list[str]:
        return [str(row["id"]) for row in self.rows]


def plan_batches(plan: UpsertPlan, writes: WriteStatements, size: int) -> list[Batch]:
    """The plan as batches of at most `size` rows: entities by labels, then relations by type."""
    batches: list[Batch] = []
    by_labels: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for entity in plan.entities:
        row = {"id": entity.id, "props": entity_props(entity)}
        by_labels[entity.type, tuple(sorted(entity.extra_labels))].append(row)
    for key, rows in by_labels.items():
        before = tuple(writes.labels[label] for label in key[1])
        what = " ".join((key[0], *key[1], "entities"))
        statement = writes.entities[key]
        batches += [Batch(what, statement, chunk, before) for chunk in _chunks(rows, size)]
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in plan.relations:
        by_type[rel.type].append(
            {"id": rel.id, "source": rel.source, "target": rel.target, "props": relation_props(rel)}
        )
    for rel_type, rows in by_type.items():
        statement = writes.relations[rel_type]
        batches += [Batch(f"{rel_type} relations", statement, c) for c in _chunks(rows, size)]
    return batches


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Incomplete(Exception):
    """The statement wrote fewer rows than it was sent: an endpoint vanished meanwhile."""


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
        for statement in batch.before:
            tx.run(statement.text, statement.bind({"ids": batch.ids})).consume()
        result = tx.run(batch.statement.text, batch.statement.bind({"rows": batch.rows}))
        written = result.single(strict=True)["written"]
        if written != len(batch.rows):
            raise _Incomplete(
                f"{batch.statement.name} wrote {written} of {len(batch.rows)} rows "
                "(an endpoint is missing from the store)"
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

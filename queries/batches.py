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

import functools
import itertools
import operator
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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
_TYPE_AND_ID = operator.attrgetter("type", "id")  # the order batches are written in


@dataclass(frozen=True)
class Batch:
    """Rows for one statement, written in one transaction."""

    what: str  # "Company entities", "SCRAPED_FROM relations"
    statement: Statement
    rows: list[dict[str, Any]]
    merging: Callable[[], Batch] | None = None  # a create batch's items as an upsert batch

    @property
    def records(self) -> list[dict[str, Any]]:
        """A row per record (a create batch of relations sends them grouped by source)."""
        return [record for row in self.rows for record in row.get("rels", (row,))]

    @property
    def ids(self) -> list[str]:
        """The records' ids (a create row carries its id in its property map only)."""
        return [str(record["id"] if "id" in record else record["props"]["id"])
                for record in self.records]


def plan_batches(plan: UpsertPlan, writes: WriteStatements, size: int) -> list[Pending]:
    """Batches of at most `size` rows of one type each, in (type, id) order: entities, then
    relations, so every writer locks in the same order; per type the creates, then the upserts.
    Their rows are built when they are sent (by the writer threads, while others wait on Neo4j).
    """
    for entity in plan.entities:
        allowed = writes.entity_labels.get(entity.type)
        if allowed is None or not set(entity.extra_labels) <= allowed:
            raise InvalidInput(f"entity {entity.id!r} has type {entity.type!r} and labels "
                               f"{sorted(entity.extra_labels)}, not in the schema")
    for rel in plan.relations:
        if rel.type not in writes.relations:
            raise InvalidInput(f"relation {rel.id!r} has type {rel.type!r}, not in the schema")
    entities = _Writes("entities", writes.entity_creates, writes.entities, _create_entity_rows,
                       entity_row)
    relations = _Writes("relations", writes.relation_creates, writes.relations,
                        _create_relation_rows, relation_row)
    return [*entities.batches(plan.entities, plan.new_entity_ids, size),
            *relations.batches(plan.relations, plan.new_relation_ids, size)]


@dataclass(frozen=True)
class Pending:
    """A batch not built yet: its phase ("entities" before "relations") and how to build it."""

    phase: str
    build: Callable[[], Batch]


Item = TypeVar("Item", Entity, Relation)


@dataclass(frozen=True)
class _Writes:
    """How items of one kind become batches: creates for the new ones, upserts for the rest."""

    kind: str  # "entities", "relations"
    creates: dict[str, Statement]
    upserts: dict[str, Statement]
    create_rows: Callable[[list[Any]], list[dict[str, Any]]]
    upsert_row: Callable[[Any], dict[str, Any]]

    def batches(self, items: Iterable[Item], new: frozenset[str], size: int) -> list[Pending]:
        by_type: dict[tuple[str, bool], list[Item]] = {}
        for item in sorted(items, key=_TYPE_AND_ID):
            by_type.setdefault((item.type, item.id not in new), []).append(item)
        return [Pending(self.kind, self._upsert(name, chunk) if stored
                        else self._create(name, chunk))
                for (name, stored), of_type in sorted(by_type.items())
                for chunk in _chunks(of_type, size)]

    def _create(self, name: str, chunk: list[Item]) -> Callable[[], Batch]:
        return lambda: Batch(f"{name} {self.kind}", self.creates[name],
                             self.create_rows(chunk), self._upsert(name, chunk))

    def _upsert(self, name: str, chunk: list[Item]) -> Callable[[], Batch]:
        return lambda: Batch(f"{name} {self.kind}", self.upserts[name],
                             [self.upsert_row(item) for item in chunk])


def _create_entity_rows(entities: list[Entity]) -> list[dict[str, Any]]:
    return [{"labels": list(e.extra_labels), "props": entity_props(e)} for e in entities]


def _create_relation_rows(relations: list[Relation]) -> list[dict[str, Any]]:
    """One row per source, with its relations in order (ids sort by source first, so a
    source's relations are next to each other): Neo4j seeks each source once."""
    rows: list[dict[str, Any]] = []
    for rel in relations:
        record = {"target": rel.target, "props": relation_props(rel)}
        if rows and rows[-1]["source"] == rel.source:
            rows[-1]["rels"].append(record)
        else:
            rows.append({"source": rel.source, "rels": [record]})
    return rows


def _chunks(rows: list[Item], size: int) -> Iterator[list[Item]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Incomplete(Exception):
    """The statement merged fewer rows than it was sent (see `queries.statements`)."""


def write_batches(
    driver: Driver, database: str, batches: Sequence[Batch | Pending], progress: Progress | None,
    writers: int = 1,
) -> None:
    """Commit each batch in its own transaction, up to `writers` at once within a phase (every
    entity batch is committed before the first relation batch is sent). The next batch's rows
    are built here while the writers wait on Neo4j. On a failure no further batch is started
    (one sent beside it may still commit), and the error names the failed batch's records."""
    pending = [b if isinstance(b, Pending) else _ready(b) for b in batches]
    stop, tally = _Stop(), _Tally(len(pending), progress)
    with ThreadPoolExecutor(max_workers=writers, thread_name_prefix="neo4j-writer") as pool:
        for _, phase in itertools.groupby(enumerate(pending, 1), key=lambda p: p[1].phase):
            sent: deque[tuple[int, Future[int]]] = deque()
            for number, item in phase:
                if stop.failed():
                    break
                batch = item.build()
                sent.append((number, pool.submit(_send, driver, database, batch, number, stop)))
                while len(sent) > writers:
                    tally.collect(*sent.popleft())
            while sent:
                tally.collect(*sent.popleft())
            tally.raise_failure()


class _Stop:
    """The lowest-numbered batch that failed so far: batches after it are not started, those
    before it are (a writer may pick up an earlier batch after a later one has failed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._first: int | None = None

    def fail(self, number: int) -> None:
        with self._lock:
            self._first = number if self._first is None else min(self._first, number)

    def failed(self, before: int | None = None) -> bool:
        """Whether a batch failed (numbered below `before`, if given)."""
        first = self._first
        return first is not None and (before is None or first < before)


@dataclass
class _Tally:
    """Batches committed so far, and the first that failed."""

    total: int
    progress: Progress | None
    committed: int = 0
    failed: tuple[int, _Failed] | None = None

    def collect(self, number: int, future: Future[int]) -> None:
        try:
            rows = future.result()
        except _Failed as error:
            self.failed = self.failed or (number, error)
            return
        if rows:
            self.committed += 1
            if self.progress:
                self.progress(rows)

    def raise_failure(self) -> None:
        if self.failed:
            number, first = self.failed
            raise batch_error(first.batch, number, self.total, self.committed,
                              first.cause) from first.cause


def _ready(batch: Batch) -> Pending:
    return Pending("", functools.partial(_as_is, batch))


def _as_is(batch: Batch) -> Batch:
    return batch


class _Failed(Exception):
    def __init__(self, batch: Batch, cause: Exception) -> None:
        super().__init__(str(cause))
        self.batch, self.cause = batch, cause


def _send(driver: Driver, database: str, batch: Batch, number: int, stop: _Stop) -> int:
    """Commit one batch (merged instead if another writer created one of its ids first): the
    rows committed, or 0 when an earlier batch's failure stopped the ingest.

    A transient error (a deadlock with another writer on a shared endpoint, a leader switch) is
    retried by the driver: the failed attempt was rolled back whole, so the retry starts from
    nothing and cannot half-apply or create twice. A commit whose outcome is unknown is not
    retried (`IncompleteCommit`): it fails the batch, which names it, and a re-run merges."""
    if stop.failed(before=number):
        return 0
    try:
        with driver.session(database=database) as session:
            try:
                session.execute_write(_transaction(batch))
            except ConstraintError:
                if batch.merging is None:
                    raise
                session.execute_write(_transaction(batch.merging()))  # another writer won
    except (_Incomplete, Neo4jError, DriverError) as exc:
        stop.fail(number)
        raise _Failed(batch, exc) from exc
    written = len(batch.records)
    # The driver keeps a transaction's parameters in reference cycles, which only the cyclic
    # GC frees (paused during an ingest: `graph.bulk`); emptied here, they are freed now. At
    # 100k relations that was 700k lists and dicts left for one 0.5 s collection at the end.
    batch.rows.clear()
    return written


def _transaction(batch: Batch) -> Any:
    @unit_of_work(metadata={"query": batch.statement.name})
    def work(tx: ManagedTransaction) -> None:
        result = tx.run(batch.statement.text, batch.statement.bind({"rows": batch.rows}))
        written = result.single(strict=True)["written"]
        if written != len(batch.records):
            raise _Incomplete(
                f"{batch.statement.name} merged {written} of {len(batch.records)} rows: an "
                "endpoint is missing, an id is an entity of another type, or a date contradicts "
                "the stored one (another write may have got there first)"
            )

    return work


def batch_error(
    batch: Batch, number: int, total: int, committed: int, cause: Exception
) -> AikgError:
    """A refused batch is bad input (constraint, property type); anything else the store's."""
    ids = batch.ids
    shown = ", ".join(ids[:MAX_IDS_IN_ERROR])
    if len(ids) > MAX_IDS_IN_ERROR:
        shown += f" and {len(ids) - MAX_IDS_IN_ERROR} more"
    message = (
        f"Neo4j write of batch {number} of {total} ({len(ids)} {batch.what}: {shown}) failed "
        f"and was rolled back: {_describe(cause)}. {committed} other batch(es) are committed "
        "(an ingest is not one transaction on Neo4j); fix the cause and run the ingest again: "
        "it is idempotent."
    )
    refused = isinstance(cause, ConstraintError | CypherTypeError | _Incomplete)
    return InvalidInput(message) if refused else StoreUnavailable(message)


def _describe(exc: Exception) -> str:
    if isinstance(exc, Neo4jError):
        return f"{exc.code}: {exc.message}"
    return f"{type(exc).__name__}: {exc}"

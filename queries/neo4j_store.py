"""The Neo4j store: the GraphStore interface over the official driver and the named queries.

Reads are the static statements of `queries/*.cypher`; writes are generated per type from the
schema (`queries/statements.py`) and sent in batches (`queries/batches.py`). Results equal the
embedded store's for the same input. The base class plans an upsert against what is stored
(conflicts, counts); the write sends the plan's items, which each statement merges into the
node or relationship under its lock, so concurrent writers lose nothing.
Search goes through the full-text index that `init_schema` (`aikg db init`, run by ingest) creates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, GraphDatabase, Record, RoutingControl
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graph.errors import StoreUnavailable
from graph.model import Entity, Relation
from graph.schema import Schema
from graph.settings import Settings
from graph.store.base import Direction, GraphStats, GraphStore, Progress, UpsertPlan
from graph.store.search_index import NameIndex, tokens
from queries.batches import plan_batches, write_batches
from queries.encoding import check_reserved, entity_from_node, relation_ends, relation_from_record
from queries.neo4j_pages import mark_undated, undated_index_name
from queries.neo4j_reads import Neo4jReads
from queries.neo4j_tx import bounded_query, read_error
from queries.registry import Statement, load_queries
from queries.statements import (
    FULLTEXT_INDEX,
    count_statements,
    drop_plain_id_index,
    relation_key_name,
    schema_statements,
    write_statements,
)

READ_CHUNK = 5000  # ids per read statement
SEARCH_CANDIDATES = 10_000  # most hits a search ranks (the embedded store ranks all of them)
INDEX_WAIT_SECONDS = 300
SCHEMA_RACE = ("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
               "Neo.ClientError.Schema.ConstraintAlreadyExists",
               "Neo.ClientError.Schema.IndexAlreadyExists")


@dataclass(frozen=True)
class SchemaSetup:
    """What `init_schema` ran."""

    ran: list[str]


class Neo4jStore(Neo4jReads, GraphStore):
    """Entities are `:Entity:<Type>` nodes keyed on `id`; relations typed relationships."""

    def __init__(self, schema: Schema, driver: Driver, database: str, batch_size: int,
                 writers: int = Settings.writers) -> None:
        super().__init__(schema)
        check_reserved(schema)
        self.driver, self.database, self.batch_size = driver, database, batch_size
        self.writers = writers  # write transactions at once (AIKG_WRITERS, queries.batches)
        self.queries = load_queries()
        self.writes = write_statements(schema)
        self.counts_by_type = count_statements(schema)
        try:
            self.agent = driver.get_server_info().agent
        except (Neo4jError, DriverError, OSError) as exc:
            raise StoreUnavailable(f"cannot open Neo4j at {database!r}: {exc}") from exc
        try:
            self.fulltext = self._fulltext_online()  # also proves the database exists
        except StoreUnavailable as exc:
            raise StoreUnavailable(
                f"cannot open database {database!r} (NEO4J_DATABASE) on {self.agent}: {exc}"
            ) from exc
        self._schema_ready = False

    @classmethod
    def connect(cls, schema: Schema, settings: Settings) -> Neo4jStore:
        """Open a driver from NEO4J_* settings, with a clear error when the server is not there."""
        if not settings.neo4j_password:
            raise StoreUnavailable(
                "NEO4J_PASSWORD is not set; the Neo4j store needs NEO4J_URI, NEO4J_USER, "
                "NEO4J_PASSWORD and NEO4J_DATABASE (see .env.example)"
            )
        uri = settings.neo4j_uri
        driver = GraphDatabase.driver(
            uri, auth=(settings.neo4j_user, settings.neo4j_password),
            notifications_min_severity="OFF",  # statements are linted; no per-query warnings
        )
        try:
            driver.verify_connectivity()
            return cls(schema, driver, settings.neo4j_database, settings.batch_size,
                       settings.writers)
        except AuthError as exc:
            driver.close()
            raise StoreUnavailable(
                f"Neo4j at {uri} refused user {settings.neo4j_user!r}: check NEO4J_PASSWORD"
            ) from exc
        except (DriverError, Neo4jError, OSError) as exc:
            driver.close()
            raise StoreUnavailable(
                f"cannot reach Neo4j at {uri}: {exc}. Start it (`docker compose up -d neo4j`) "
                "or point NEO4J_URI at a running server."
            ) from exc
        except BaseException:
            driver.close()
            raise

    # -- reads -------------------------------------------------------------------------------

    def _read(self, name: str, **params: Any) -> list[Record]:
        return self._run_read(self.queries[name], params)

    def _run_read(self, statement: Statement, params: Mapping[str, Any]) -> list[Record]:
        """A read transaction, bounded by the request's deadline (`graph.cancel`) if any."""
        try:
            records, _, _ = self.driver.execute_query(
                bounded_query(statement),
                statement.bind(params),
                database_=self.database,
                routing_=RoutingControl.READ,
            )
        except (Neo4jError, DriverError, OSError) as exc:
            raise read_error(statement.name, exc) from exc
        return records

    def _stream(self, name: str) -> Iterator[Record]:
        """A long result read lazily, in the driver's fetch batches."""
        statement = self.queries[name]
        try:
            with self.driver.session(
                database=self.database, default_access_mode=READ_ACCESS
            ) as session:
                yield from session.run(bounded_query(statement), statement.bind({}))
        except (Neo4jError, DriverError, OSError) as exc:
            raise read_error(name, exc) from exc

    def _chunked(self, name: str, ids: Sequence[str], **params: Any) -> Iterator[Record]:
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), READ_CHUNK):
            yield from self._read(name, ids=unique[start : start + READ_CHUNK], **params)

    def _entity(self, record: Record) -> Entity:
        return entity_from_node(self.schema, record["labels"], record["props"])

    def _relation(self, record: Record) -> Relation:
        return relation_from_record(
            self.schema, record["type"], record["source"], record["target"], record["props"]
        )

    def get_entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        found = {e.id: e for e in map(self._entity, self._chunked("entities_by_id", ids))}
        return {i: found[i] for i in ids if i in found}

    def resolve(self, ids: Sequence[str]) -> dict[str, str]:
        existing = {r["id"] for r in self._chunked("existing_ids", ids)}
        found = {i: i for i in ids if i in existing}
        missing = [i for i in ids if i not in existing]
        if missing:
            redirects: dict[str, str] = {}
            for record in self._read("resolve_merged", ids=list(dict.fromkeys(missing))):
                for old in record["merged"]:
                    redirects.setdefault(old, record["id"])
            found.update({i: redirects[i] for i in missing if i in redirects})
        return found

    def get_relations(self, ids: Sequence[str]) -> dict[str, Relation]:
        by_source: dict[str, list[str]] = {}
        unnamed = []
        for rel_id in dict.fromkeys(ids):
            ends = relation_ends(rel_id)
            if ends is None:
                unnamed.append(rel_id)
            else:
                by_source.setdefault(ends[0], []).append(rel_id)
        rows = [{"source": source, "ids": rel_ids} for source, rel_ids in by_source.items()]
        records = []
        for start in range(0, len(rows), READ_CHUNK):
            records += self._read("relations_by_id", rows=rows[start : start + READ_CHUNK])
        if unnamed:
            records += self._read("relations_by_id_scan", ids=unnamed)
        found = {r.id: r for r in map(self._relation, records)}
        return {i: found[i] for i in ids if i in found}

    def _maybe_stored(
        self, relations: dict[str, Relation], batch: dict[str, Entity], stored: dict[str, Entity]
    ) -> list[str]:
        """`relations_by_id` finds a relation from the stored node its id names as source: a
        relation whose source this batch creates (in the batch, not stored) cannot be found,
        so it is not sought (on a first ingest that is every relation: no read of them)."""
        new = batch.keys() - stored.keys()
        return [rel_id for rel_id in relations
                if (ends := relation_ends(rel_id)) is None or ends[0] not in new]

    def relations_of(
        self,
        ids: Sequence[str],
        direction: Direction | None = None,
        types: Sequence[str] | None = None,
    ) -> dict[str, list[Relation]]:
        found: dict[str, dict[str, Relation]] = {i: {} for i in ids}
        names = [n for d, n in ((Direction.OUT, "relations_out"), (Direction.IN, "relations_in"))
                 if direction in (None, d)]
        for name in names:
            for record in self._chunked(name, ids, types=list(types or ())):
                relation = self._relation(record)
                found[record["entity"]][relation.id] = relation
        return {i: sorted(rels.values(), key=lambda r: r.id) for i, rels in found.items()}

    def search(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[Entity]:
        words = tokens(text)
        if not words:
            return []
        wanted, cap = list(types or ()), max(limit, SEARCH_CANDIDATES)
        if not self.fulltext:
            self.fulltext = self._fulltext_online()
        if not self.fulltext:
            raise StoreUnavailable(
                f"the full-text index {FULLTEXT_INDEX!r} is not online in database "
                f"{self.database!r}: run `aikg db init` (AIKG_STORE=neo4j), then search again"
            )
        query = " AND ".join(f"{word}*" for word in words)
        records = self._read("search_fulltext", query=query, types=wanted, limit=cap)
        hits = {e.id: e for e in map(self._entity, records)}
        return [hits[i] for i in NameIndex.build(hits.values()).search(text)][:limit]

    def stats(self) -> GraphStats:
        entity_count, relation_count = self.counts_by_type
        entity_types = {r["type"]: r["count"] for r in self._run_read(entity_count, {})
                        if r["count"]}
        relation_types = {r["type"]: r["count"] for r in self._run_read(relation_count, {})
                          if r["count"]}
        return GraphStats(
            entities=sum(entity_types.values()),
            relations=sum(relation_types.values()),
            entity_types=dict(sorted(entity_types.items())),
            relation_types=dict(sorted(relation_types.items())),
        )

    def iter_entities(self) -> Iterator[Entity]:
        return map(self._entity, self._stream("all_entities"))

    def iter_relations(self) -> Iterator[Relation]:
        return map(self._relation, self._stream("all_relations"))

    # -- schema and writes ---------------------------------------------------------------------

    def _fulltext_online(self) -> bool:
        indexes = self._read("show_indexes")
        return any(
            r["name"] == FULLTEXT_INDEX and r["state"] == "ONLINE" for r in indexes
        )

    def _run_ddl(self, statement: Statement, params: Mapping[str, Any]) -> None:
        try:
            self.driver.execute_query(
                statement.query, statement.bind(params), database_=self.database
            )
        except Neo4jError as exc:
            if exc.code in SCHEMA_RACE:  # another writer created it just now: it exists
                return
            raise StoreUnavailable(
                f"Neo4j schema statement {statement.name} failed: {exc}"
            ) from exc
        except (DriverError, OSError) as exc:
            raise StoreUnavailable(
                f"Neo4j schema statement {statement.name} failed: {exc}"
            ) from exc

    def init_schema(self) -> SchemaSetup:
        """Create the constraint and indexes the schema implies; safe to run any number of times."""
        setup = SchemaSetup([])
        self._drop_plain_id_indexes()
        self._mark_undated()
        for statement in [*schema_statements(self.schema), self.queries["await_indexes"]]:
            params = {"seconds": INDEX_WAIT_SECONDS} if statement.parameters else {}
            self._run_ddl(statement, params)
            setup.ran.append(statement.name)
        self.fulltext = self._fulltext_online()
        self._schema_ready = True
        return setup

    def _drop_plain_id_indexes(self) -> None:
        """Relation `id` indexes without their constraint (from an older `db init`) go first."""
        by_name = {relation_key_name(rtype): rtype for rtype in self.schema.relation_types}
        for record in self._read("plain_relation_id_indexes", names=sorted(by_name)):
            self._run_ddl(drop_plain_id_index(by_name[record["name"]]), {})

    def _mark_undated(self) -> None:
        """Relation types without their `(undated, id)` index yet (an older `db init`) get their
        undated relationships marked before the index is created (an implicit transaction)."""
        names = {undated_index_name(rtype): rtype for rtype in self.schema.relation_types}
        present = {record["name"] for record in self._read("undated_indexes", names=sorted(names))}
        for name in sorted(set(names) - present):
            statement = mark_undated(names[name])
            try:
                with self.driver.session(database=self.database) as session:
                    session.run(statement.query).consume()
            except (Neo4jError, DriverError, OSError) as exc:
                raise StoreUnavailable(f"Neo4j statement {statement.name} failed: {exc}") from exc

    def _write(self, plan: UpsertPlan, progress: Progress | None) -> None:
        if not self._schema_ready:
            self.init_schema()
        batches = plan_batches(plan, self.writes, self.batch_size)
        write_batches(self.driver, self.database, batches, progress, self.writers)

    def ping(self) -> None:
        try:
            self.driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.database!r} does not answer: {exc}") from exc

    def close(self) -> None:
        self.driver.close()


"""Cypher generated from the schema: the constraint and index DDL, and one write per type.

Labels and relationship types come only from the schema and are written into the statement
text (Cypher cannot take them as parameters in MERGE); values always travel as `$rows`/`$ids`.
Each entity type gets one MERGE per combination of its extra labels, so every label is static
(the planner sees them) and a node is created with all its labels at once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from graph.schema import BASE_LABEL, Schema
from queries.registry import Statement

CONSTRAINT_NAME = "entity_id"
FULLTEXT_INDEX = "entity_search"


def schema_statements(schema: Schema) -> list[Statement]:
    """The idempotent DDL `aikg db init` runs: the key constraint and the full-text index.

    Those are what the statements filter on: nodes by `id` (every lookup and every MERGE) and
    the words of names and aliases (search). Relations are always reached from an endpoint,
    labels and types through the token indexes every Neo4j database has; an index on
    relationship ids would serve no statement and slow every write.
    """
    return [
        Statement(
            "create_constraint_entity_id",
            f"CREATE CONSTRAINT {CONSTRAINT_NAME} IF NOT EXISTS\n"
            f"FOR (n:{BASE_LABEL}) REQUIRE n.id IS UNIQUE",
            purpose="every entity is one node, found by id",
        ),
        Statement(
            "create_fulltext_entity_search",
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS\n"
            f"FOR (n:{BASE_LABEL}) ON EACH [n.search_text]\n"
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
            purpose="search by name and aliases (words already folded by aikg)",
        ),
    ]


@dataclass(frozen=True)
class WriteStatements:
    """The write statements of a schema, looked up by what is being written."""

    entities: dict[tuple[str, tuple[str, ...]], Statement]  # (type, extra labels) -> MERGE
    labels: dict[str, Statement]  # extra label -> add it to existing nodes
    relations: dict[str, Statement]  # relation type -> MERGE

    def all(self) -> list[Statement]:
        return [*self.entities.values(), *self.labels.values(), *self.relations.values()]


def write_statements(schema: Schema) -> WriteStatements:
    entities = {}
    for etype in schema.entity_types.values():
        extras = sorted(etype.extra_labels)
        for size in range(len(extras) + 1):
            for combo in itertools.combinations(extras, size):
                entities[etype.name, combo] = _entity_upsert(etype.name, combo)
    labels = {label: _add_label(label) for label in schema.extra_labels}
    relations = {name: _relation_upsert(name) for name in schema.relation_types}
    return WriteStatements(entities, labels, relations)


def _entity_upsert(type_name: str, extra: tuple[str, ...]) -> Statement:
    labels = ":".join((BASE_LABEL, type_name, *extra))
    return Statement(
        "_".join(("upsert_entities", type_name, *extra)),
        "UNWIND $rows AS row\n"
        f"MERGE (n:{labels} {{id: row.id}})\n"
        "SET n = row.props\n"
        "RETURN count(n) AS written",
        ("rows",),
        purpose=f"write {type_name} nodes (labels {labels}) with their whole property map",
    )


def _add_label(label: str) -> Statement:
    return Statement(
        f"add_label_{label}",
        "UNWIND $ids AS id\n"
        f"MATCH (n:{BASE_LABEL} {{id: id}})\n"
        f"WHERE NOT n:{label}\n"
        f"SET n:{label}",
        ("ids",),
        purpose=f"give existing nodes the label {label} before they are merged with it",
    )


def _relation_upsert(rel_type: str) -> Statement:
    return Statement(
        f"upsert_relations_{rel_type}",
        "UNWIND $rows AS row\n"
        f"MATCH (a:{BASE_LABEL} {{id: row.source}})\n"
        f"MATCH (b:{BASE_LABEL} {{id: row.target}})\n"
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b)\n"
        "SET r = row.props\n"
        "RETURN count(r) AS written",
        ("rows",),
        purpose=f"write {rel_type} relationships with their evidence",
    )


def generated_statements(schema: Schema) -> list[Statement]:
    """Every statement generated from the schema (for the lint gate)."""
    return [*schema_statements(schema), *write_statements(schema).all()]

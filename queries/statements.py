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
    """The idempotent DDL `aikg db init` runs: the key constraint, the full-text index, and a
    `name` index on every label.

    Those are what the statements filter on: nodes by `id` (every lookup and every MERGE) and
    the words of names and aliases (search); Bloom lists the `name` indexes in its perspective
    and searches them when a journalist types a name (bloom/). Relations are always reached
    from an endpoint, labels and types through the token indexes every Neo4j database has; an
    index on relationship ids would serve no statement and slow every write.
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
        *(_name_index(label) for label in schema.labels()),
    ]


def _name_index(label: str) -> Statement:
    return Statement(
        f"create_index_{label.lower()}_name",
        f"CREATE INDEX {label.lower()}_name IF NOT EXISTS\nFOR (n:{label}) ON (n.name)",
        purpose=f"find {label} nodes by name (Bloom's search bar uses it)",
    )


@dataclass(frozen=True)
class WriteStatements:
    """The write statements of a schema, looked up by what is being written."""

    entities: dict[tuple[str, tuple[str, ...]], Statement]  # (type, extra labels) -> upsert
    relations: dict[str, Statement]  # relation type -> upsert

    def all(self) -> list[Statement]:
        return [*self.entities.values(), *self.relations.values()]


def write_statements(schema: Schema) -> WriteStatements:
    entities = {}
    for etype in schema.entity_types.values():
        extras = sorted(etype.extra_labels)
        for size in range(len(extras) + 1):
            for combo in itertools.combinations(extras, size):
                entities[etype.name, combo] = _entity_upsert(etype.name, combo)
    relations = {name: _relation_upsert(name) for name in schema.relation_types}
    return WriteStatements(entities, relations)


# Both upserts merge in the database, on the node or relationship locked by its first SET (of
# `id`, to the same value): what another transaction committed meanwhile is read after the lock
# and kept. Lists are unions in arrival order (the store sorts them when it reads); a row that
# cannot be merged (an entity of another type under that id, a date contradicting the stored
# one) is left out, so `written` falls short and the batch is refused and rolled back whole.

_UNION_NAMES = (
    "WITH n, row, coalesce(n.name, row.name) AS name\n"
    "SET n.name = name,\n"
    "    n.aliases = reduce(acc = coalesce(n.aliases, []), a IN row.aliases + [row.name] |\n"
    "      CASE WHEN a = name OR a IN acc THEN acc ELSE acc + a END),\n"
    "    n.sources = reduce(acc = coalesce(n.sources, []), s IN row.sources |\n"
    "      CASE WHEN s IN acc THEN acc ELSE acc + s END),\n"
    "    n.merged_ids = reduce(acc = coalesce(n.merged_ids, []), m IN row.merged_ids |\n"
    "      CASE WHEN m IN acc THEN acc ELSE acc + m END),\n"
    "    n.search_text = reduce(text = coalesce(n.search_text, ''), w IN row.words |\n"
    "      CASE WHEN w IN split(text, ' ') THEN text\n"
    "           WHEN text = '' THEN w ELSE text + ' ' + w END),\n"
    "    n.external_ids = coalesce(row.external_ids, n.external_ids),\n"
    "    n += row.props\n"
    "RETURN count(n) AS written"
)


def _entity_upsert(type_name: str, extra: tuple[str, ...]) -> Statement:
    labels = ":".join((type_name, *extra))
    return Statement(
        "_".join(("upsert_entities", type_name, *extra)),
        "UNWIND $rows AS row\n"
        f"MERGE (n:{BASE_LABEL} {{id: row.id}})\n"
        f"  ON CREATE SET n:{type_name}\n"
        "WITH n, row\n"
        f"WHERE n:{type_name}\n"
        f"SET n.id = row.id, n:{labels}\n" + _UNION_NAMES,
        ("rows",),
        purpose=f"merge {type_name} nodes (labels {BASE_LABEL}:{labels}) into what is stored",
    )


def _relation_upsert(rel_type: str) -> Statement:
    return Statement(
        f"upsert_relations_{rel_type}",
        "UNWIND $rows AS row\n"
        f"MATCH (a:{BASE_LABEL} {{id: row.source}})\n"
        f"MATCH (b:{BASE_LABEL} {{id: row.target}})\n"
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b)\n"
        "SET r.id = row.id\n"
        "WITH r, row, CASE\n"
        "    WHEN r.date IS NULL THEN row.date\n"
        "    WHEN row.date IS NULL OR row.date = r.date OR r.date STARTS WITH row.date + '-'\n"
        "      THEN r.date\n"
        "    WHEN row.date STARTS WITH r.date + '-' THEN row.date\n"
        "  END AS date\n"
        "WHERE date IS NOT NULL OR (r.date IS NULL AND row.date IS NULL)\n"
        "WITH r, row, date, [i IN range(0, size(coalesce(r.evidence_articles, [])) - 1) |\n"
        "    [r.evidence_articles[i], r.evidence_urls[i], r.evidence_quotes[i]]] AS stored\n"
        "WITH r, row, date, reduce(acc = stored, e IN row.evidence |\n"
        "    CASE WHEN e IN acc THEN acc ELSE acc + [e] END) AS evidence\n"
        "SET r += row.props,\n"
        "    r.date = date,\n"
        "    r.evidence_articles = [e IN evidence | e[0]],\n"
        "    r.evidence_urls = [e IN evidence | e[1]],\n"
        "    r.evidence_quotes = [e IN evidence | e[2]]\n"
        "RETURN count(r) AS written",
        ("rows",),
        purpose=f"merge {rel_type} relationships and their evidence into what is stored",
    )


def count_statements(schema: Schema) -> tuple[Statement, Statement]:
    """Entities per type and relations per type, each a UNION of count-store look-ups (constant
    time whatever the graph's size: no node or relationship is read)."""
    entities = "\nUNION ALL\n".join(
        f"MATCH (n:{name}) RETURN '{name}' AS type, count(n) AS count"
        for name in sorted(schema.entity_types)
    )
    relations = "\nUNION ALL\n".join(
        f"MATCH ()-[r:{name}]->() RETURN '{name}' AS type, count(r) AS count"
        for name in sorted(schema.relation_types)
    )
    return (
        Statement("count_entities_by_type", entities, purpose="entities per type"),
        Statement("count_relations_by_type", relations, purpose="relations per type"),
    )


def generated_statements(schema: Schema) -> list[Statement]:
    """Every statement generated from the schema (for the lint gate)."""
    return [*schema_statements(schema), *write_statements(schema).all(),
            *count_statements(schema)]

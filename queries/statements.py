"""Cypher generated from the schema: the constraint and index DDL, and one write per type.

Labels and relationship types come only from the schema and are written into the statement
text (Cypher cannot take them as parameters in MERGE); values always travel as `$rows`/`$ids`.
One statement per entity type and one per relation type, planned once by Neo4j and cached.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.schema import BASE_LABEL, Schema
from graph.store.search_index import text_properties
from queries.create_statements import entity_create, relation_create
from queries.neo4j_pages import mark_undated, page_statements, relation_indexes
from queries.registry import Statement

CONSTRAINT_NAME = "entity_id"
FULLTEXT_INDEX = "entity_search"
DESCRIPTIONS_INDEX = "entity_descriptions"  # the `text` properties, searched as descriptions


def schema_statements(schema: Schema) -> list[Statement]:
    """The idempotent DDL `aikg db init` runs: the key constraint, the full-text index, and a
    `name` index on every label.

    Those are what the statements filter on: nodes by `id` (every lookup and every MERGE) and
    the words of names and aliases (search); Bloom lists the `name` indexes in its perspective
    and searches them when a journalist types a name (bloom/). Every relation type has a RANGE
    index on `id` and on `date`, the sort keys of the root `relations` pages
    (`queries.neo4j_pages`); otherwise relations are reached from an endpoint. The `id` index
    is the one a uniqueness constraint owns (`relation_key_constraints`), created first, so
    the plain `id` index statement finds it there and does nothing.
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
        *_descriptions_index(schema),
        *(_name_index(label) for label in schema.labels()),
        *relation_key_constraints(schema),
        *relation_indexes(schema),
    ]


def _descriptions_index(schema: Schema) -> list[Statement]:
    """A full-text index of the schema's `text` properties (searched as descriptions)."""
    keys = text_properties(schema)
    if not keys:
        return []
    return [Statement(
        f"create_fulltext_{DESCRIPTIONS_INDEX}",
        f"CREATE FULLTEXT INDEX {DESCRIPTIONS_INDEX} IF NOT EXISTS\n"
        f"FOR (n:{BASE_LABEL}) ON EACH [{', '.join(f'n.{key}' for key in keys)}]\n"
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
        purpose="search by the words of descriptions (lower case, accents folded)",
    )]


def relation_key_constraints(schema: Schema) -> list[Statement]:
    """A uniqueness constraint on `id` of every relation type, named as the plain `id` index it
    replaces: what makes creating a planned-new relation safe against a concurrent writer (the
    second `CREATE` of an id fails its batch, which is then merged instead; `queries.batches`).
    """
    return [
        Statement(
            f"create_constraint_{rtype.lower()}_id",
            f"CREATE CONSTRAINT {relation_key_name(rtype)} IF NOT EXISTS\n"
            f"FOR ()-[r:{rtype}]-() REQUIRE r.id IS UNIQUE",
            purpose=f"every {rtype} relation is one relationship, found by id",
        )
        for rtype in sorted(schema.relation_types)
    ]


def relation_key_name(rtype: str) -> str:
    """The name of a relation type's `id` constraint and of the RANGE index it owns."""
    return f"{rtype.lower()}_id"


def drop_plain_id_index(rtype: str) -> Statement:
    """Drop the plain `id` index of a relation type that an older `aikg db init` created, so
    that its uniqueness constraint can be created (Neo4j refuses both on one property)."""
    return Statement(
        f"drop_plain_index_{relation_key_name(rtype)}",
        f"DROP INDEX {relation_key_name(rtype)} IF EXISTS",
        purpose=f"make way for the {rtype} id constraint",
    )


def _name_index(label: str) -> Statement:
    return Statement(
        f"create_index_{label.lower()}_name",
        f"CREATE INDEX {label.lower()}_name IF NOT EXISTS\nFOR (n:{label}) ON (n.name)",
        purpose=f"find {label} nodes by name (Bloom's search bar uses it)",
    )


@dataclass(frozen=True)
class WriteStatements:
    """The write statements of a schema: per entity type and per relation type an upsert (merge
    into what is stored) and a create (for what the plan found absent)."""

    entities: dict[str, Statement]  # entity type -> its upsert
    entity_labels: dict[str, frozenset[str]]  # entity type -> the extra labels it may carry
    relations: dict[str, Statement]  # relation type -> its upsert
    entity_creates: dict[str, Statement]  # entity type -> its create
    relation_creates: dict[str, Statement]  # relation type -> its create

    @property
    def relation_types(self) -> frozenset[str]:
        return frozenset(self.relations)

    def all(self) -> list[Statement]:
        return [*self.entities.values(), *self.relations.values(),
                *self.entity_creates.values(), *self.relation_creates.values()]


def write_statements(schema: Schema) -> WriteStatements:
    labels = {name: frozenset(t.extra_labels) for name, t in schema.entity_types.items()}
    rtypes = sorted(schema.relation_types)
    return WriteStatements(
        {name: _entity_upsert(name, sorted(labels[name])) for name in sorted(labels)},
        labels,
        {name: _relation_upsert(name) for name in rtypes},
        {name: entity_create(name, sorted(labels[name])) for name in sorted(labels)},
        {name: relation_create(name) for name in rtypes},
    )


# Each upsert is static text whose labels and type come from the schema: Neo4j plans it once
# and keeps the plan (a relationship type in MERGE must be static for Neo4j to expand from the
# endpoints; a dynamic `$(row.type)` scans every relationship of the graph for each row).
# Both merge in the database, on the node or relationship locked by their first SET (of `id`,
# to the same value): what another transaction committed meanwhile is read after the lock and
# kept. Lists are unions in arrival order (the store sorts them when it reads). A row that
# cannot be merged (an entity of another type under that id, a date contradicting the stored
# one) is not counted, so `written` falls short and the batch is refused and rolled back whole.
# `external_ids` is JSON text of string values, members `"key": "value"` joined by `, `: the
# statement splits the stored object on `", "` (JSON escapes every quote inside a string, so
# that text occurs only between members), drops the members whose key the row brings (the
# row's value wins, as in the embedded store) and appends the row's: under the node's lock, so
# concurrent writers adding different ids lose none.

_UNION_NAMES = (
    "WITH n, row, coalesce(n.name, row.name) AS name, coalesce(n.aliases, []) AS aliases,\n"
    "     coalesce(n.sources, []) AS sources, coalesce(n.merged_ids, []) AS merged,\n"
    "     coalesce(n.search_text, '') AS text\n"
    "WITH n, row, name, aliases, sources, merged, text, split(text, ' ') AS words,\n"
    "     [m IN CASE WHEN size(coalesce(n.external_ids, '')) < 4 THEN [] ELSE\n"
    "        split(substring(n.external_ids, 2, size(n.external_ids) - 4), '\", \"') END |\n"
    "      '\"' + m + '\"'] AS stored_ids\n"
    "WITH n, row, name, aliases, sources, merged, text, words,\n"
    "     [m IN stored_ids WHERE NONE(p IN row.external_ids WHERE m STARTS WITH p[0])]\n"
    "       + [p IN row.external_ids | p[1]] AS external_ids\n"
    "SET n.name = name,\n"
    "    n.aliases = aliases + reduce(acc = [], a IN row.aliases + [row.name] |\n"
    "      CASE WHEN a = name OR a IN aliases OR a IN acc THEN acc ELSE acc + a END),\n"
    "    n.sources = sources + [s IN row.sources WHERE NOT s IN sources],\n"
    "    n.merged_ids = merged + [m IN row.merged_ids WHERE NOT m IN merged],\n"
    "    n.search_text = reduce(acc = text, w IN row.words |\n"
    "      CASE WHEN w IN words THEN acc WHEN acc = '' THEN w ELSE acc + ' ' + w END),\n"
    "    n.external_ids = CASE external_ids WHEN [] THEN null ELSE '{' + reduce(acc = '',\n"
    "      m IN external_ids | CASE acc WHEN '' THEN m ELSE acc + ', ' + m END) + '}' END,\n"
    "    n += row.props\n"
)


def _entity_upsert(type_name: str, extra_labels: list[str]) -> Statement:
    """The upsert of one entity type. The key is the constrained `Entity.id`; a node of another
    type under that id is not counted (`written` falls short)."""
    extras = "".join(
        f"FOREACH (_ IN CASE WHEN '{label}' IN row.labels THEN [1] ELSE [] END | SET n:{label})\n"
        for label in extra_labels
    )
    return Statement(
        f"upsert_{type_name.lower()}_entities",
        "UNWIND $rows AS row\n"
        f"MERGE (n:{BASE_LABEL} {{id: row.id}})\n"
        f"  ON CREATE SET n:{type_name}\n"
        "SET n.id = row.id\n" + extras + _UNION_NAMES
        + f"RETURN sum(CASE WHEN n:{type_name} THEN 1 ELSE 0 END) AS written",
        ("rows",),
        purpose=f"merge {type_name} nodes (labels {BASE_LABEL}:{type_name} and its extra "
        "labels) into what is stored",
    )


def _relation_upsert(type_name: str) -> Statement:
    """The upsert of one relation type: MERGE between the endpoints found by the constrained id,
    evidence triples not yet stored appended, the more precise date kept."""
    return Statement(
        f"upsert_{type_name.lower()}_relations",
        "UNWIND $rows AS row\n"
        f"MATCH (a:{BASE_LABEL} {{id: row.source}})\n"
        f"MATCH (b:{BASE_LABEL} {{id: row.target}})\n"
        f"MERGE (a)-[r:{type_name} {{id: row.id}}]->(b)\n"
        "SET r.id = row.id\n"
        "WITH r, row, coalesce(r.evidence_articles, []) AS articles,\n"
        "     coalesce(r.evidence_urls, []) AS urls, coalesce(r.evidence_quotes, []) AS quotes,\n"
        "     CASE\n"
        "    WHEN r.date IS NULL THEN row.date\n"
        "    WHEN row.date IS NULL OR row.date = r.date OR r.date STARTS WITH row.date + '-'\n"
        "      THEN r.date\n"
        "    WHEN row.date STARTS WITH r.date + '-' THEN row.date\n"
        "  END AS date, r.date IS NULL AND row.date IS NULL AS undated\n"
        "WITH r, row, date, undated, articles, urls, quotes,\n"
        "     [e IN coalesce(row.evidence, []) WHERE NONE(i IN range(0, size(articles) - 1)\n"
        "        WHERE articles[i] = e[0] AND urls[i] = e[1] AND quotes[i] = e[2])] AS fresh\n"
        "SET r += row.props,\n"
        "    r.date = date,\n"
        "    r.undated = CASE WHEN date IS NULL THEN true END,\n"
        "    r.evidence_articles = articles + [e IN fresh | e[0]],\n"
        "    r.evidence_urls = urls + [e IN fresh | e[1]],\n"
        "    r.evidence_quotes = quotes + [e IN fresh | e[2]]\n"
        "RETURN sum(CASE WHEN date IS NOT NULL OR undated THEN 1 ELSE 0 END) AS written",
        ("rows",),
        purpose=f"merge {type_name} relationships and their evidence into what is stored",
    )


def count_statements(schema: Schema) -> tuple[Statement, Statement]:
    """Entities per type and relations per type, each a UNION of count-store look-ups (constant
    time whatever the graph's size: no node or relationship is read). The count is taken
    before the type's name is added: `RETURN 'T' AS type, count(r)` groups by that literal,
    and Neo4j then counts by scanning every node or relationship of the type."""
    entities = "\nUNION ALL\n".join(
        f"MATCH (n:{name}) WITH count(n) AS count RETURN '{name}' AS type, count"
        for name in sorted(schema.entity_types)
    )
    relations = "\nUNION ALL\n".join(
        f"MATCH ()-[r:{name}]->() WITH count(r) AS count RETURN '{name}' AS type, count"
        for name in sorted(schema.relation_types)
    )
    return (
        Statement("count_entities_by_type", entities, purpose="entities per type"),
        Statement("count_relations_by_type", relations, purpose="relations per type"),
    )


def generated_statements(schema: Schema) -> list[Statement]:
    """Every statement generated from the schema (for the lint gate)."""
    return [*schema_statements(schema), *write_statements(schema).all(),
            *(drop_plain_id_index(rtype) for rtype in sorted(schema.relation_types)),
            *count_statements(schema), *page_statements(schema).values(),
            *(mark_undated(rtype) for rtype in sorted(schema.relation_types))]

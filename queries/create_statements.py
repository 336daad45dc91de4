"""The fast write of what an upsert plan knows is new: `CREATE` with the whole property map.

An ingest reads what is stored before it writes (`GraphStore.plan_upsert`), so most of what a
first load writes is known to be absent: those rows need no `MERGE` and none of the unions of
`queries.statements`, only the node or relationship created with its properties. A concurrent
writer may create the same id meanwhile; the uniqueness constraints (`Entity.id`, and `id` of
every relation type) then fail the second batch, which `queries.batches` sends again through
the merging statement. Labels and types come from the schema only; values are parameters.
"""

from __future__ import annotations

from graph.schema import BASE_LABEL
from queries.registry import Statement


def entity_create(type_name: str, extra_labels: list[str]) -> Statement:
    """Create nodes of one entity type: `row.props` is the node's whole property map
    (`queries.encoding.entity_props`), `row.labels` its extra labels."""
    extras = "".join(
        f"FOREACH (_ IN CASE WHEN '{label}' IN row.labels THEN [1] ELSE [] END | SET n:{label})\n"
        for label in extra_labels
    )
    return Statement(
        f"create_{type_name.lower()}_entities",
        "UNWIND $rows AS row\n"
        f"CREATE (n:{BASE_LABEL}:{type_name})\n"
        "SET n = row.props\n" + extras + "RETURN count(n) AS written",
        ("rows",),
        purpose=f"create {type_name} nodes the upsert plan found absent",
    )


def relation_create(type_name: str) -> Statement:
    """Create relationships of one type between endpoints found by the constrained id. A row is
    one source and its relations (`rels`: `target` and `props`, the whole property map of
    `queries.encoding.relation_props`), so the source is sought once for all of them. A missing
    endpoint drops its relations, so `written` falls short and the batch is refused."""
    return Statement(
        f"create_{type_name.lower()}_relations",
        "UNWIND $rows AS row\n"
        f"MATCH (a:{BASE_LABEL} {{id: row.source}})\n"
        "UNWIND row.rels AS rel\n"
        f"MATCH (b:{BASE_LABEL} {{id: rel.target}})\n"
        f"CREATE (a)-[r:{type_name}]->(b)\n"
        "SET r = rel.props\n"
        "RETURN count(r) AS written",
        ("rows",),
        purpose=f"create {type_name} relationships the upsert plan found absent",
    )

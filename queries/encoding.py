"""How entities and relations are stored in Neo4j, losslessly, and read back equal.

A node carries the label `Entity`, its type label and its extra labels; its properties are the
entity's declared properties under their own names (so Bloom shows `title`, `url`, `published`)
plus the bookkeeping keys of ENTITY_KEYS. A relationship has its schema type and carries the
declared properties plus RELATION_KEYS: the date, and the evidence as three parallel lists
(article ids, urls, quotes; "" where a piece is absent) that Bloom shows on the line itself.
Declared properties may never take a bookkeeping name: `check_reserved` refuses the schema.
Node and relationship properties are the display values (what Bloom shows); `statements` keeps
every value with its source as JSON text (absent when the item's own sources imply them all) and
`conflicts` lists the properties whose sources disagree (absent when none).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.errors import StoreUnavailable
from graph.model import (
    Entity,
    Evidence,
    Relation,
    explicit_statements,
    normalise_entity,
    normalise_relation,
    with_statements,
)
from graph.schema import BASE_LABEL, Schema
from graph.store.search_index import tokens

ENTITY_KEYS = (
    "id", "name", "aliases", "sources", "merged_ids", "external_ids", "search_text",
    "statements", "conflicts",
)
RELATION_KEYS = (
    "id", "date", "evidence_articles", "evidence_urls", "evidence_quotes", "statements",
    "conflicts",
)
_EVIDENCE_KEYS = RELATION_KEYS[2:5]
# `true` on a relationship without a date, absent on a dated one: what the undated run of a
# root page by date seeks (`queries.neo4j_pages`), since no index holds a missing `date`.
UNDATED = "undated"


def check_reserved(schema: Schema) -> None:
    """Refuse a schema whose declared properties would collide with the bookkeeping keys."""
    clashes = [
        f"{t.name}.{key}"
        for t in schema.entity_types.values()
        for key in t.properties
        if key in ENTITY_KEYS
    ]
    clashes += [
        f"{t.name}.{key}"
        for t in schema.relation_types.values()
        for key in t.properties
        if key in (*RELATION_KEYS, UNDATED)
    ]
    if clashes:
        raise ValueError(
            f"schema properties {clashes} use names the Neo4j store keeps for itself "
            f"({', '.join(sorted({*ENTITY_KEYS, *RELATION_KEYS, UNDATED}))}); rename them"
        )


def property_keys(schema: Schema) -> list[str]:
    """Every property key the Neo4j store writes: declared ones plus its bookkeeping keys."""
    return sorted({*schema.property_keys(), *ENTITY_KEYS, *RELATION_KEYS, UNDATED})


def search_text(names: Iterable[str]) -> str:
    """The folded words of a name and its aliases, each once: what search matches."""
    return " ".join(dict.fromkeys(word for name in names for word in tokens(name)))


def entity_props(entity: Entity) -> dict[str, Any]:
    """The whole property map of an entity's node (a write replaces the map)."""
    props: dict[str, Any] = dict(entity.properties)
    props.update(
        id=entity.id,
        name=entity.name,
        aliases=list(entity.aliases),
        sources=list(entity.sources),
        merged_ids=list(entity.merged_ids),
        search_text=search_text((entity.name, *entity.aliases)),
    )
    if entity.external_ids:
        props["external_ids"] = json.dumps(dict(entity.external_ids), sort_keys=True)
    return _with_statements(props, entity)


def _with_statements(props: dict[str, Any], item: Entity | Relation) -> dict[str, Any]:
    stated = explicit_statements(item)
    if stated is not None:
        props["statements"] = json.dumps(stated, ensure_ascii=False, sort_keys=True)
    if item.conflicts:
        props["conflicts"] = list(item.conflicts)
    return props


def _stated(props: Mapping[str, Any]) -> Any:
    text = props.get("statements")
    return json.loads(text) if text else None


def _stated_props(item: Entity | Relation) -> dict[str, Any]:
    """Display values plus `statements` and `conflicts` (null removes them from the node)."""
    stated = explicit_statements(item)
    return {
        **item.properties,
        "statements": None if stated is None else json.dumps(stated, ensure_ascii=False,
                                                             sort_keys=True),
        "conflicts": list(item.conflicts) or None,
    }


def external_pairs(entity: Entity) -> list[list[str]]:
    """Each external id as [its key's JSON fragment, its `"key": value` JSON member]."""
    pairs = []
    for key, value in sorted(entity.external_ids.items()):
        encoded = json.dumps(key)
        pairs.append([f"{encoded}:", f"{encoded}: {json.dumps(value)}"])
    return pairs


def entity_row(entity: Entity) -> dict[str, Any]:
    """What an upsert sends for an entity: merged into the node by the statement itself."""
    return {
        "id": entity.id,
        "type": entity.type,
        "labels": [BASE_LABEL, entity.type, *sorted(entity.extra_labels)],
        "name": entity.name,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "merged_ids": list(entity.merged_ids),
        "words": search_text((entity.name, *entity.aliases)).split(),
        "external_ids": external_pairs(entity),
        "props": _stated_props(entity),
    }


def relation_row(relation: Relation) -> dict[str, Any]:
    """What an upsert sends for a relation; evidence as [article, url, quote] ("" if absent)."""
    return {
        "id": relation.id,
        "type": relation.type,
        "source": relation.source,
        "target": relation.target,
        "date": relation.date,
        "evidence": [[e.article or "", e.url or "", e.quote or ""] for e in relation.evidence],
        "props": _stated_props(relation),
    }


def entity_from_node(schema: Schema, labels: Sequence[str], props: Mapping[str, Any]) -> Entity:
    """The Entity a node stores; foreign labels and properties (added by hand) are ignored.

    Lists are stored in arrival order (upserts append to them in the database) and read back
    in the canonical order."""
    types = [label for label in labels if label in schema.entity_types]
    if len(types) != 1:
        raise StoreUnavailable(
            f"node {props.get('id')!r} has labels {sorted(labels)}: expected {BASE_LABEL} and "
            "exactly one entity type; it was not written by aikg"
        )
    declared = schema.entity_types[types[0]]
    external = props.get("external_ids")
    entity = Entity(
        id=str(props["id"]),
        type=declared.name,
        name=str(props["name"]),
        aliases=tuple(props.get("aliases") or ()),
        extra_labels=tuple(sorted(label for label in labels if label in declared.extra_labels)),
        properties={k: v for k, v in sorted(props.items()) if k in declared.properties},
        sources=tuple(props.get("sources") or ()),
        external_ids=json.loads(external) if external else {},
        merged_ids=tuple(props.get("merged_ids") or ()),
    )
    return normalise_entity(with_statements(entity, _stated(props)))


def relation_props(relation: Relation) -> dict[str, Any]:
    """The whole property map of a relation's relationship."""
    props: dict[str, Any] = dict(relation.properties)
    props.update(
        id=relation.id,
        evidence_articles=[e.article or "" for e in relation.evidence],
        evidence_urls=[e.url or "" for e in relation.evidence],
        evidence_quotes=[e.quote or "" for e in relation.evidence],
    )
    if relation.date is not None:
        props["date"] = relation.date
    else:
        props[UNDATED] = True
    return _with_statements(props, relation)


def relation_from_record(
    schema: Schema, rel_type: str, source: str, target: str, props: Mapping[str, Any]
) -> Relation:
    """The Relation a relationship stores; an absent evidence list reads as all-absent pieces."""
    declared = schema.relation_types.get(rel_type)
    if declared is None:
        raise StoreUnavailable(f"relationship {props.get('id')!r} has unknown type {rel_type!r}")
    columns = [list(props.get(key) or ()) for key in _EVIDENCE_KEYS]
    count = max(len(column) for column in columns)
    padded = [column + [""] * (count - len(column)) for column in columns]
    evidence = tuple(
        Evidence(article or None, url or None, quote or None)
        for article, url, quote in zip(*padded, strict=True)
    )
    relation = Relation(
        id=str(props["id"]),
        type=rel_type,
        source=source,
        target=target,
        date=props.get("date"),
        properties={k: v for k, v in sorted(props.items()) if k in declared.properties},
        evidence=evidence,
    )
    return normalise_relation(with_statements(relation, _stated(props)))


def relation_ends(relation_id: str) -> tuple[str, str] | None:
    """Source and target named by a relation id of the form `source:TYPE:target[@identity]`."""
    parts = relation_id.split("@", 1)[0].split(":")
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[2]

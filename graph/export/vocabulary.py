"""The export attribute vocabulary: the same flat, typed keys on every node and every edge.

Every value is a str or an int, so GraphML, GEXF, CSV, pandas and torch_geometric accept it
as is. Lists and mappings (labels, aliases, evidence, properties) are JSON text; `json.loads`
decodes them. `type` and `label` are avoided (GEXF reserves them): nodes say `kind`, edges
`rel_type`. `start`/`end` are the first and last day a relation's (partial) date covers.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Mapping
from typing import Any

from graph.model import Entity, Evidence, Relation, explicit_statements, with_statements

# key -> Python type of its value; every node has every NODE_KEYS key, every edge every EDGE_KEYS.
NODE_KEYS: dict[str, type] = {
    "kind": str,  # the entity type (Company, Platform, ...)
    "name": str,
    "labels": str,  # JSON list: the type and any extra labels (Person, Lawyer)
    "aliases": str,  # JSON list
    "properties": str,  # JSON object of the type's declared properties
    "sources": str,  # JSON list of Article ids
    "external_ids": str,  # JSON object, e.g. {"aiid": ..., "wikidata": ...}
    "merged_ids": str,  # JSON list of ids merged into this one
    "statements": str,  # JSON list of every value with its source, or "" when implied
}
EDGE_KEYS: dict[str, type] = {
    "id": str,  # the relation id, also the edge key
    "rel_type": str,  # the relation type (SCRAPED_FROM, FINED, ...)
    "date": str,  # the partial ISO date the fact refers to, or ""
    "start": str,  # first day `date` covers (YYYY-MM-DD), or ""
    "end": str,  # last day `date` covers (YYYY-MM-DD), or ""
    "rel_properties": str,  # JSON object of the type's declared properties
    "evidence": str,  # JSON list of {"article", "url", "quote"}
    "evidence_count": int,
    "rel_statements": str,  # JSON list of every value with its source, or "" when implied
}
JSON_NODE_KEYS = ("labels", "aliases", "properties", "sources", "external_ids", "merged_ids")
JSON_EDGE_KEYS = ("rel_properties", "evidence")  # `rel_statements` too, when not ""


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def encode(value: Any) -> str:
    """Compact, key-sorted JSON text: the one encoding of lists and mappings in every format."""
    return _ENCODER.encode(value)


def date_span(date: str | None) -> tuple[str, str]:
    """The first and last day a partial ISO date covers: 2020-02 -> (2020-02-01, 2020-02-29)."""
    if not date:
        return "", ""
    parts = [int(p) for p in date.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else None
    if len(parts) == 3:
        return date, date
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


def node_attributes(entity: Entity) -> dict[str, Any]:
    """The entity as flat node attributes (the node's key is the entity id)."""
    return {
        "kind": entity.type,
        "name": entity.name,
        "labels": encode(list(entity.labels)),
        "aliases": encode(list(entity.aliases)),
        "properties": encode(dict(entity.properties)),
        "sources": encode(list(entity.sources)),
        "external_ids": encode(dict(entity.external_ids)),
        "merged_ids": encode(list(entity.merged_ids)),
        "statements": _statements(entity),
    }


def _statements(item: Entity | Relation) -> str:
    """The statements the item's own sources do not imply, as JSON; "" when there are none."""
    stated = explicit_statements(item)
    return "" if stated is None else encode(stated)


def edge_attributes(relation: Relation) -> dict[str, Any]:
    """The relation as flat edge attributes (the edge's key is also the relation id)."""
    start, end = date_span(relation.date)
    return {
        "id": relation.id,
        "rel_type": relation.type,
        "date": relation.date or "",
        "start": start,
        "end": end,
        "rel_properties": encode(dict(relation.properties)),
        "evidence": encode([e.to_record() for e in relation.evidence]),
        "evidence_count": len(relation.evidence),
        "rel_statements": _statements(relation),
    }


def complete(attrs: Mapping[str, Any], keys: Mapping[str, type]) -> dict[str, Any]:
    """Only the vocabulary's keys, typed, with "" for a key a format dropped because empty.

    GraphML readers omit empty values and GEXF keeps `start`/`end` only on dated edges;
    CSV readers may hand back numpy integers. This undoes all three.
    """
    done: dict[str, Any] = {}
    for key, kind in keys.items():
        value = attrs.get(key, "")
        done[key] = int(value) if kind is int else ("" if value is None else str(value))
    return done


def entity_from_node(node_id: str, attrs: Mapping[str, Any]) -> Entity:
    """Decode node attributes (from any format) back into the entity they came from."""
    a = complete(attrs, NODE_KEYS)
    labels = json.loads(a["labels"])
    entity = Entity(
        id=node_id,
        type=a["kind"],
        name=a["name"],
        aliases=tuple(json.loads(a["aliases"])),
        extra_labels=tuple(label for label in labels if label != a["kind"]),
        properties=json.loads(a["properties"]),
        sources=tuple(json.loads(a["sources"])),
        external_ids=json.loads(a["external_ids"]),
        merged_ids=tuple(json.loads(a["merged_ids"])),
    )
    return with_statements(entity, json.loads(a["statements"]) if a["statements"] else None)


def relation_from_edge(source: str, target: str, attrs: Mapping[str, Any]) -> Relation:
    """Decode edge attributes (from any format) back into the relation they came from."""
    a = complete(attrs, EDGE_KEYS)
    evidence = tuple(Evidence(**e) for e in json.loads(a["evidence"]))
    relation = Relation(
        id=a["id"],
        type=a["rel_type"],
        source=source,
        target=target,
        date=a["date"] or None,
        properties=json.loads(a["rel_properties"]),
        evidence=evidence,
    )
    stated = json.loads(a["rel_statements"]) if a["rel_statements"] else None
    return with_statements(relation, stated)

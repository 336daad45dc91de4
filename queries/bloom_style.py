"""The styling half of the Bloom perspective: categories, the label map, relationship types and
metadata, in the shapes Bloom 2.21 exports write (see docs/bloom.md for the exports
each field was checked against)."""

from __future__ import annotations

from typing import Any

from graph.export.style import type_colours
from graph.schema import BASE_LABEL, Schema
from queries.encoding import ENTITY_KEYS, RELATION_KEYS

STAMP = 1767225600000  # 2026-01-01T00:00:00Z: fixed, so the generated file is reproducible
HIDDEN = {"search_text", "merged_ids"}  # bookkeeping the store keeps for itself
LIST_KEYS = {"aliases", "sources", "merged_ids", *RELATION_KEYS[2:]}
DATA_TYPES = {"number": "number", "integer": "bigint", "boolean": "boolean", "strings": "array"}
BIG_TYPES = {"Company": 2.0, "Agency": 1.5, "Incident": 1.5, "Article": 0.75}
ENFORCEMENT = ("FINED", "SUED", "INVESTIGATED", "ORDERED", "SETTLED_WITH", "SENT_CEASE_AND_DESIST")
REL_COLOURS = {
    **dict.fromkeys(ENFORCEMENT, "#E45756"),
    **dict.fromkeys(("SCRAPED_FROM", "BREACHED"), "#F58518"),
    **dict.fromkeys(("DEVELOPED", "DEPLOYED", "HARMED", "AFFECTED"), "#9D755D"),
}
REL_DEFAULT_COLOUR = "#A5ABB6"
REL_CAPTION_KEYS = ("amount", "currency")  # shown on the line wherever the type declares them
NAME_INDEX = "name"  # `aikg db init` indexes `name` on every label a category shows


def _data_type(kind: str | None, key: str) -> str:
    if key in LIST_KEYS:
        return "array"
    return DATA_TYPES.get(kind or "string", "string")


def node_properties(schema: Schema, label: str) -> list[tuple[str, str]]:
    """(key, Bloom data type) of a label's nodes: the entity keys, then its declared ones."""
    declared = schema.entity_types[label].properties if label in schema.entity_types else {}
    keys = [*ENTITY_KEYS, *sorted(declared)]
    return [(k, _data_type(declared.get(k), k)) for k in dict.fromkeys(keys)]


def _property_caption(key: str, shown: bool) -> dict[str, Any]:
    return {"inTooltip": shown, "styles": [], "isCaption": shown, "key": key,
            "type": "property", "isGdsData": False}


def category(schema: Schema, index: int, type_name: str, colour: str) -> dict[str, Any]:
    """One category per entity type: its label caption hidden, `name` its caption."""
    props = node_properties(schema, type_name)
    captions = [{"inTooltip": False, "styles": [], "isCaption": False, "key": type_name,
                 "type": "label"}]
    captions += [_property_caption(k, k == "name") for k, _ in sorted(props) if k not in HIDDEN]
    return {
        "id": index, "name": type_name, "labels": [type_name],
        "properties": [{"name": k, "exclude": k in HIDDEN, "dataType": t} for k, t in props],
        "createdAt": STAMP, "lastEditedAt": STAMP,
        "color": colour, "size": BIG_TYPES.get(type_name, 1.0), "icon": "no-icon",
        "textSize": 1, "textAlign": "top", "captions": captions,
        "captionKeys": [], "styleRules": [],
    }


def categories(schema: Schema) -> list[dict[str, Any]]:
    colours = type_colours(schema)
    return [category(schema, i, t, colours[t]) for i, t in enumerate(schema.entity_types, 1)]


def relation_captions(schema: Schema, rel_type: str) -> list[str]:
    """The property keys a line shows after its type: amount and currency, and the date of a
    regulator's or court's action."""
    declared = schema.relation_types[rel_type].properties
    keys = [k for k in REL_CAPTION_KEYS if k in declared]
    return [*keys, "date"] if rel_type in ENFORCEMENT else keys


def relationship_type(schema: Schema, rel_type: str) -> dict[str, Any]:
    declared = schema.relation_types[rel_type].properties
    keys = dict.fromkeys([*RELATION_KEYS, *sorted(declared)])
    captions: list[dict[str, Any]] = [{"inTooltip": True, "isCaption": True, "styles": [],
                                       "key": rel_type, "type": "relationship"}]
    captions += [_property_caption(k, True) for k in relation_captions(schema, rel_type)]
    captions.append(_property_caption("evidence_quotes", False) | {"inTooltip": True})
    return {
        "id": rel_type, "name": rel_type,
        "properties": [{"propertyKey": k, "type": rel_type,
                        "dataType": _data_type(declared.get(k), k)} for k in keys],
        "color": REL_COLOURS.get(rel_type, REL_DEFAULT_COLOUR),
        "size": 2 if rel_type in ENFORCEMENT else 1, "textSize": 1, "textAlign": "top",
        "captions": captions, "captionKeys": [], "styleRules": [],
    }


def label_map(schema: Schema) -> dict[str, list[dict[str, str]]]:
    """Every label nodes carry: Entity (all of them), each type, and extra labels (Lawyer)."""
    names = [BASE_LABEL, *schema.entity_types, *schema.extra_labels]
    return {
        name: [{"propertyKey": k, "type": name, "dataType": t}
               for k, t in node_properties(schema, name)]
        for name in names
    }


def metadata(schema: Schema) -> dict[str, Any]:
    """Path segments from the schema; the indexes `aikg db init` creates (id on Entity, name
    on every label), in the 2.7+ `{key, metadataProp}` form."""
    segments = [
        {"source": s, "relationshipType": r.name, "target": t}
        for r in schema.relation_types.values() for s in r.sources for t in r.targets
    ]
    native: list[dict[str, Any]] = [
        {"label": BASE_LABEL, "type": "native",
         "propertyKeys": [{"key": "id", "metadataProp": False},
                          {"key": NAME_INDEX, "metadataProp": False}]},
    ]
    native += [{"label": label, "type": "native",
                "propertyKeys": [{"key": NAME_INDEX, "metadataProp": False}]}
               for label in [*schema.entity_types, *schema.extra_labels]]
    native.append({"label": None, "type": "native", "propertyKeys": []})
    return {"pathSegments": segments, "indexes": native}

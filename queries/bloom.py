"""The Neo4j Bloom perspective, generated from the schema and the named queries of queries/bloom/.

Each `queries/bloom/*.cypher` file is one search phrase (`// Bloom-phrase:`, with a
`// Bloom-suggest: $param Label.property` line per parameter) or one scene action
(`// Bloom-action:`, sent with Bloom's `$nodes` or `$relationships`), plus a `// Sample:` of
parameters the tests run it with. `render(schema)` is the committed bloom/aikg.perspective.json.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.export.style import PALETTE, type_colours
from graph.schema import BASE_LABEL, Schema
from graph.settings import PROJECT_ROOT
from queries.encoding import ENTITY_KEYS, RELATION_KEYS
from queries.registry import QUERY_DIR, Statement, parse_statement

BLOOM_DIR = QUERY_DIR / "bloom"
PERSPECTIVE_FILE = PROJECT_ROOT / "bloom" / "aikg.perspective.json"
BLOOM_VERSION = "2.21.0"  # the perspective format written (Bloom 2.x exports), see README
STAMP = 1767225600000  # 2026-01-01T00:00:00Z: fixed, so the generated file is reproducible
PERSPECTIVE_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/aikg/perspective"))
HIDDEN = {"search_text", "merged_ids", "statements"}  # bookkeeping the store keeps for itself
LIST_KEYS = {"aliases", "sources", "merged_ids", "conflicts", *RELATION_KEYS[2:5]}
DATA_TYPES = {"number": "number", "integer": "bigint", "boolean": "boolean", "strings": "array"}
BIG_TYPES = {"Company": 2.0, "Agency": 1.5, "Incident": 1.5, "Article": 0.75}
REL_COLOURS = {
    **dict.fromkeys(("FINED", "SUED", "INVESTIGATED", "ORDERED", "SETTLED_WITH",
                     "SENT_CEASE_AND_DESIST"), "#E45756"),
    **dict.fromkeys(("SCRAPED_FROM", "BREACHED"), "#F58518"),
    **dict.fromkeys(("DEVELOPED", "DEPLOYED", "HARMED", "AFFECTED"), "#9D755D"),
}
REL_DEFAULT_COLOUR = "#A5ABB6"
_SUGGEST = re.compile(r"^\$(\w+)\s+(\w+)\.(\w+)$")


@dataclass(frozen=True)
class BloomQuery:
    """A search phrase or a scene action: its statement and what Bloom needs to offer it."""

    statement: Statement
    phrase: str | None = None
    action: str | None = None
    suggestions: dict[str, tuple[str, str]] = field(default_factory=dict)  # param -> label, key
    sample: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.statement.name


def _header(source: str) -> list[tuple[str, str]]:
    pairs = []
    for line in source.splitlines():
        if not line.startswith("//"):
            break
        key, sep, value = line[2:].strip().partition(":")
        if sep and " " not in key.strip():
            pairs.append((key.strip().lower(), value.strip()))
    return pairs


def parse_bloom_query(name: str, source: str) -> BloomQuery:
    """A BloomQuery from a file's text; refuses a file that is neither phrase nor action."""
    statement = parse_statement(name, source)
    pairs = _header(source)
    fields = dict(pairs)
    suggestions = {}
    for key, value in pairs:
        match = _SUGGEST.match(value) if key == "bloom-suggest" else None
        if key == "bloom-suggest" and match is None:
            raise ValueError(f"queries/bloom/{name}.cypher: bad Bloom-suggest {value!r}")
        if match:
            suggestions[match[1]] = (match[2], match[3])
    phrase, action = fields.get("bloom-phrase"), fields.get("bloom-action")
    if (phrase is None) == (action is None):
        raise ValueError(f"queries/bloom/{name}.cypher needs one Bloom-phrase or Bloom-action")
    sample_text = fields.get("sample", "{}").split(" (", 1)[0]
    return BloomQuery(statement, phrase, action, suggestions, json.loads(sample_text))


@functools.cache
def load_bloom_queries(directory: Path = BLOOM_DIR) -> tuple[BloomQuery, ...]:
    """Every search phrase and scene action, phrases first, each in file-name order."""
    found = [
        parse_bloom_query(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.cypher"))
    ]
    return tuple(sorted(found, key=lambda q: (q.phrase is None, q.name)))


def _data_type(kind: str | None, key: str) -> str:
    if key in LIST_KEYS:
        return "array"
    return DATA_TYPES.get(kind or "string", "string")


def _node_properties(schema: Schema, type_name: str) -> list[tuple[str, str]]:
    declared = schema.entity_types[type_name].properties
    keys = [*ENTITY_KEYS, *sorted(declared)]
    return [(k, _data_type(declared.get(k), k)) for k in dict.fromkeys(keys)]


def _category(schema: Schema, index: int, type_name: str, colour: str) -> dict[str, Any]:
    props = _node_properties(schema, type_name)
    return {
        "id": index, "name": type_name, "labels": [type_name],
        "properties": [{"name": k, "exclude": k in HIDDEN, "isCaption": k == "name",
                        "dataType": t} for k, t in props],
        "color": colour, "size": BIG_TYPES.get(type_name, 1.0), "icon": "no-icon",
        "captionKeys": ["name"],
        "captions": [{"key": "name", "type": "property", "isCaption": True, "inTooltip": True,
                      "styles": [], "isGdsData": False}],
        "textSize": 1, "textAlign": "top", "styleRules": [],
        "createdAt": STAMP, "lastEditedAt": STAMP,
    }


def _relationship_type(schema: Schema, rel_type: str) -> dict[str, Any]:
    declared = schema.relation_types[rel_type].properties
    keys = dict.fromkeys([*RELATION_KEYS, *sorted(declared)])
    return {
        "id": rel_type, "name": rel_type, "color": REL_COLOURS.get(rel_type, REL_DEFAULT_COLOUR),
        "size": 1,
        "properties": [{"propertyKey": k, "type": rel_type,
                        "dataType": _data_type(declared.get(k), k)} for k in keys],
        "captionKeys": [rel_type],
        "captions": [{"key": rel_type, "type": "relationship", "isCaption": True,
                      "inTooltip": True, "styles": []}],
        "textSize": 1, "textAlign": "top", "styleRules": [],
    }


def _template(query: BloomQuery) -> dict[str, Any]:
    params = [
        {"name": f"${p}", "dataType": "String", "collapsed": False, "suggestionLabel": label,
         "suggestionProp": key, "suggestionBoolean": False, "cypher": None}
        for p, (label, key) in query.suggestions.items()
    ]
    return {
        "name": query.phrase, "id": f"tmpl:{query.name}", "createdAt": STAMP,
        "text": query.phrase, "description": query.statement.purpose,
        "cypher": query.statement.text, "params": params,
        "isUpdateQuery": None, "isWriteTransactionChecked": None, "hasCypherErrors": False,
    }


def _scene_action(query: BloomQuery) -> dict[str, Any]:
    return {
        "name": query.action, "id": f"action:{query.name}", "createdAt": STAMP,
        "description": query.statement.purpose, "cypher": query.statement.text,
        "isDisabled": False, "isUpdateQuery": None, "isWriteTransactionChecked": None,
        "hasCypherErrors": False,
    }


def _labels(schema: Schema) -> dict[str, list[dict[str, str]]]:
    return {
        name: [{"propertyKey": k, "type": name, "dataType": t}
               for k, t in _node_properties(schema, name)]
        for name in schema.entity_types
    }


def _metadata(schema: Schema) -> dict[str, Any]:
    segments = [
        {"source": s, "relationshipType": r.name, "target": t}
        for r in schema.relation_types.values() for s in r.sources for t in r.targets
    ]
    index = {"label": BASE_LABEL, "type": "native", "propertyKeys": ["id"]}
    return {"pathSegments": segments, "indexes": [index], "stats": {}}


def perspective(schema: Schema, queries: tuple[BloomQuery, ...] | None = None) -> dict[str, Any]:
    """The perspective as Bloom's drawer imports it: categories, relationship types, search
    phrases and scene actions, all derived from the schema and queries/bloom/."""
    queries = load_bloom_queries() if queries is None else queries
    colours = type_colours(schema)
    categories = [_category(schema, i, t, colours[t])
                  for i, t in enumerate(schema.entity_types, 1)]
    return {
        "name": "aikg: AI accountability", "id": PERSPECTIVE_ID, "version": BLOOM_VERSION,
        "type": "STANDARD_PERSPECTIVE", "createdAt": STAMP, "lastEditedAt": STAMP,
        "categories": categories, "labels": _labels(schema),
        "relationshipTypes": [_relationship_type(schema, r) for r in schema.relation_types],
        "palette": {"colors": list(PALETTE), "currentIndex": len(categories) % len(PALETTE)},
        "templates": [_template(q) for q in queries if q.phrase],
        "sceneActions": [_scene_action(q) for q in queries if q.action],
        "hiddenCategories": [], "hiddenRelationshipTypes": [], "hideUncategorisedData": False,
        "isAuto": False, "history": [], "parentPerspectiveId": None,
        "maxLimitToastMsgEnabled": False, "metadata": _metadata(schema),
    }


def render(schema: Schema) -> str:
    """The perspective file's exact text (stable: same schema and queries, same bytes)."""
    return json.dumps(perspective(schema), indent=2, ensure_ascii=False) + "\n"

"""The Neo4j Bloom perspective, generated from the schema and the named queries of queries/bloom/.

Each `queries/bloom/*.cypher` file is one search phrase (`// Bloom-phrase:`, with a
`// Bloom-suggest: $param Label|Label...` line per parameter: Bloom offers the names of nodes
of those labels, drawn by a generated Cypher query) or one scene action (`// Bloom-action:`,
sent with Bloom's `$nodes` or `$relationships`), plus a `// Sample:` of parameters the tests run
it with. `render(schema)` is the committed bloom/aikg.perspective.json, in the format Bloom 2.21
exports (checked field by field; see docs/bloom.md).
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.export.style import PALETTE
from graph.schema import BASE_LABEL, Schema, load_schema
from graph.settings import PROJECT_ROOT
from queries.bloom_style import STAMP, categories, label_map, metadata, relationship_type
from queries.registry import QUERY_DIR, Statement, parse_statement

BLOOM_DIR = QUERY_DIR / "bloom"
PERSPECTIVE_FILE = PROJECT_ROOT / "bloom" / "aikg.perspective.json"
BLOOM_VERSION = "2.21.0"  # the perspective format written (Bloom 2.21 exports), see docs/bloom.md
PERSPECTIVE_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/aikg/perspective"))
SUGGESTION_LIMIT = 5000  # names offered per parameter: a bound, far above what a label holds
_SUGGEST = re.compile(r"^\$(\w+)\s+(\w+(?:\|\w+)*)$")


@dataclass(frozen=True)
class BloomQuery:
    """A search phrase or a scene action: its statement and what Bloom needs to offer it."""

    statement: Statement
    phrase: str | None = None
    action: str | None = None
    suggestions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # param -> labels
    sample: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.statement.name

    def suggestion_statements(self) -> dict[str, Statement]:
        """param -> the Cypher Bloom runs to list the names it may take."""
        return {p: suggestion_statement(self.name, p, labels)
                for p, labels in self.suggestions.items()}


def suggestion_statement(query: str, param: str, labels: tuple[str, ...]) -> Statement:
    """The names (and aliases) of nodes with any of `labels`; labels come from the schema."""
    where = " OR ".join(f"n:{label}" for label in labels)
    text = (
        f"MATCH (n:{BASE_LABEL})\n"
        f"WHERE {where}\n"
        "UNWIND [n.name] + coalesce(n.aliases, []) AS name\n"
        "RETURN DISTINCT name\n"
        "ORDER BY name\n"
        f"LIMIT {SUGGESTION_LIMIT}"
    )
    return Statement(f"{query}__suggest_{param}", text,
                     purpose=f"names Bloom suggests for ${param}: {', '.join(labels)}")


def _header(source: str) -> list[tuple[str, str]]:
    pairs = []
    for line in source.splitlines():
        if not line.startswith("//"):
            break
        key, sep, value = line[2:].strip().partition(":")
        if sep and " " not in key.strip():
            pairs.append((key.strip().lower(), value.strip()))
    return pairs


def parse_bloom_query(name: str, source: str, labels: frozenset[str] | None = None) -> BloomQuery:
    """A BloomQuery from a file's text; refuses a file that is neither phrase nor action, and a
    suggestion naming a label outside `labels` (the schema's)."""
    statement = parse_statement(name, source)
    pairs = _header(source)
    fields = dict(pairs)
    suggestions = {}
    for key, value in pairs:
        if key != "bloom-suggest":
            continue
        match = _SUGGEST.match(value)
        if match is None:
            raise ValueError(f"queries/bloom/{name}.cypher: bad Bloom-suggest {value!r}")
        wanted = tuple(match[2].split("|"))
        unknown = [w for w in wanted if labels is not None and w not in labels]
        if unknown:
            raise ValueError(f"queries/bloom/{name}.cypher: Bloom-suggest names labels the "
                             f"schema does not declare: {', '.join(unknown)}")
        suggestions[match[1]] = wanted
    phrase, action = fields.get("bloom-phrase"), fields.get("bloom-action")
    if (phrase is None) == (action is None):
        raise ValueError(f"queries/bloom/{name}.cypher needs one Bloom-phrase or Bloom-action")
    sample_text = fields.get("sample", "{}").split(" (", 1)[0]
    return BloomQuery(statement, phrase, action, suggestions, json.loads(sample_text))


@functools.cache
def load_bloom_queries(directory: Path = BLOOM_DIR) -> tuple[BloomQuery, ...]:
    """Every search phrase and scene action, phrases first, each in file-name order."""

    labels = frozenset(load_schema().labels())
    found = [
        parse_bloom_query(path.stem, path.read_text(encoding="utf-8"), labels)
        for path in sorted(directory.glob("*.cypher"))
    ]
    return tuple(sorted(found, key=lambda q: (q.phrase is None, q.name)))


def _template(query: BloomQuery) -> dict[str, Any]:
    """A search phrase: `name` is what it answers, `text` what the user types (as Bloom)."""
    suggest = query.suggestion_statements()
    params = [
        {"name": f"${p}", "dataType": "String", "collapsed": False, "suggestionLabel": None,
         "suggestionProp": None, "suggestionBoolean": False, "cypher": suggest[p].text}
        for p in query.suggestions
    ]
    return {
        "name": query.statement.purpose, "id": f"tmpl:{query.name}", "createdAt": STAMP,
        "text": query.phrase, "cypher": query.statement.text,
        "isUpdateQuery": None, "isWriteTransactionChecked": None, "params": params,
        "hasCypherErrors": False,
    }


def _scene_action(query: BloomQuery) -> dict[str, Any]:
    """A scene action; null categories/relationshipTypes: offered for any selection (its
    Cypher keeps only what it can use)."""
    return {
        "name": query.action, "id": f"action:{query.name}", "createdAt": STAMP,
        "cypher": query.statement.text, "isUpdateQuery": None,
        "categories": None, "relationshipTypes": None, "hasCypherErrors": False,
    }


def perspective(schema: Schema, queries: tuple[BloomQuery, ...] | None = None) -> dict[str, Any]:
    """The perspective as Bloom's drawer imports it: categories, relationship types, search
    phrases and scene actions, all derived from the schema and queries/bloom/."""
    queries = load_bloom_queries() if queries is None else queries
    found = categories(schema)
    return {
        "name": "aikg: AI accountability", "id": PERSPECTIVE_ID,
        "categories": found, "labels": label_map(schema),
        "relationshipTypes": [relationship_type(schema, r) for r in schema.relation_types],
        "palette": {"colors": list(PALETTE), "currentIndex": len(found) % len(PALETTE)},
        "createdAt": STAMP, "lastEditedAt": STAMP,
        "templates": [_template(q) for q in queries if q.phrase],
        "sceneActions": [_scene_action(q) for q in queries if q.action],
        "hiddenRelationshipTypes": [], "hideUncategorisedData": False,
        "type": "STANDARD_PERSPECTIVE", "maxLimitToastMsgEnabled": False,
        "parentPerspectiveId": None, "metadata": metadata(schema), "version": BLOOM_VERSION,
    }


def render(schema: Schema) -> str:
    """The perspective file's exact text (stable: same schema and queries, same bytes)."""
    return json.dumps(perspective(schema), indent=2, ensure_ascii=False) + "\n"

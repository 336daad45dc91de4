"""Curated YAML: one file per source document, the entities it names and the facts it supports.

The file becomes interchange records: the document as an Article, each entity with the document
as a source, each relation with the document and its quote as evidence, plus PUBLISHED, AUTHORED
and MENTIONS relations derived from the document's metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.loading import MAX_YAML_BYTES, InputRefused
from ingest.records import Origin, ParsedFile, Problem, RawRecord, read_text
from ingest.strict_yaml import LINE_KEY, LineLoader, loads_yaml

SUFFIXES = (".yaml", ".yml")
_DOCUMENT_KEYS = {"id", "type", "title", "url", "published", "publisher", "authors", "properties"}
_ENTITY_KEYS = {"id", "type", "name", "aliases", "labels", "properties", "external_ids"}
_RELATION_KEYS = {"type", "source", "target", "date", "quote", "properties", "statements"}


def parse_curated(path: Path) -> ParsedFile:
    """Interchange records from one curated file; structural mistakes become problems."""
    parsed = ParsedFile(path)
    text = read_text(path, parsed.problems, MAX_YAML_BYTES)
    if text is None:
        return parsed
    try:
        data = loads_yaml(text, LineLoader)
    except InputRefused as exc:
        parsed.problems.append(Problem(Origin(str(path), exc.line), str(exc)))
        return parsed
    _CuratedFile(path, parsed).read(data)
    return parsed


class _CuratedFile:
    def __init__(self, path: Path, parsed: ParsedFile) -> None:
        self.path, self.parsed = path, parsed

    def origin(self, node: Any) -> Origin:
        line = node.get(LINE_KEY, 0) if isinstance(node, dict) else 0
        return Origin(str(self.path), line)

    def problem(self, node: Any, message: str) -> None:
        self.parsed.problems.append(Problem(self.origin(node), message))

    def emit(self, node: Any, record: dict[str, Any]) -> None:
        self.parsed.records.append(RawRecord(record, self.origin(node)))

    def read(self, data: Any) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
            self.problem(data, "a curated file is a mapping with a `document:` block")
            return
        unknown = set(data) - {"document", "entities", "relations", LINE_KEY}
        if unknown:
            self.problem(data, f"unknown top-level keys {sorted(unknown)}")
        doc_id = self.document(data["document"])
        if doc_id is None:
            return
        entities = self.block(data, "entities")
        relations = self.block(data, "relations")
        for node in entities:
            self.entity(node, doc_id)
        for node in relations:
            self.relation(node, doc_id)

    def block(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        items = data.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.problem(data, f"`{key}:` must be a list of mappings")
            return []
        return items

    def unknown_keys(self, node: dict[str, Any], allowed: set[str], what: str) -> None:
        extra = set(node) - allowed - {LINE_KEY}
        if extra:
            self.problem(
                node, f"unknown keys {sorted(extra)} in {what} (allowed: {sorted(allowed)})"
            )

    def document(self, doc: dict[str, Any]) -> str | None:
        self.unknown_keys(doc, _DOCUMENT_KEYS, "document")
        doc_id = doc.get("id")
        if not isinstance(doc_id, str) or not doc_id:
            self.problem(doc, "the document needs an `id` (a stable slug)")
            return None
        props = _plain(doc.get("properties") or {})
        for key in ("title", "url", "published"):
            if doc.get(key) is not None:
                props[key] = doc[key]
        self.emit(doc, _entity(doc_id, doc.get("type", "Article"), doc.get("title"), props, doc_id))
        self.derived(doc, "publisher", "PUBLISHED", doc_id, [doc.get("publisher")])
        authors = doc.get("authors") or []
        if not isinstance(authors, list):
            self.problem(doc, "`authors:` must be a list of entity ids")
            authors = []
        self.derived(doc, "authors", "AUTHORED", doc_id, authors)
        return doc_id

    def derived(self, doc: dict[str, Any], key: str, rel: str, doc_id: str, ids: list[Any]) -> None:
        for entity_id in ids:
            if entity_id is None:
                continue
            if not isinstance(entity_id, str):
                self.problem(doc, f"`{key}:` must name entity ids, got {entity_id!r}")
                continue
            self.emit(doc, _relation(rel, entity_id, doc_id, doc_id, None))

    def entity(self, node: dict[str, Any], doc_id: str) -> None:
        self.unknown_keys(node, _ENTITY_KEYS, "entity")
        record = _entity(
            node.get("id"),
            node.get("type"),
            node.get("name"),
            _plain(node.get("properties") or {}),
            doc_id,
        )
        record["aliases"] = node.get("aliases") or []
        record["labels"] = node.get("labels") or []
        record["external_ids"] = _plain(node.get("external_ids") or {})
        self.emit(node, record)
        if isinstance(node.get("id"), str) and node["id"] != doc_id:
            self.emit(node, _relation("MENTIONS", doc_id, node["id"], doc_id, None))

    def relation(self, node: dict[str, Any], doc_id: str) -> None:
        self.unknown_keys(node, _RELATION_KEYS, "relation")
        quote = node.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            self.problem(node, "every curated relation needs a `quote:` from the document")
            quote = None
        record = _relation(node.get("type"), node.get("source"), node.get("target"), doc_id, quote)
        record["date"] = node.get("date")
        record["properties"] = _plain(node.get("properties") or {})
        if "statements" in node:
            record["statements"] = self.statements(node["statements"], doc_id)
        self.emit(node, record)

    def statements(self, items: Any, doc_id: str) -> Any:
        """Values another source states, each with its quote; the document is the default source."""
        if not isinstance(items, list):
            return items  # validation says what is wrong with it
        found = []
        for item in items:
            quoted = isinstance(item, dict) and isinstance(item.get("quote"), str) and item["quote"]
            if isinstance(item, dict) and not quoted:
                self.problem(item, "every curated statement needs the `quote:` that states it")
            if isinstance(item, dict) and "url" not in item and "article" not in item:
                item = {**item, "article": doc_id}
            found.append(_plain(item))
        return found


def _plain(value: Any) -> Any:
    """The value without the loader's line markers."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _entity(entity_id: Any, etype: Any, name: Any, props: Any, doc_id: str) -> dict[str, Any]:
    return {
        "kind": "entity",
        "id": entity_id,
        "type": etype,
        "name": name,
        "properties": props,
        "sources": [doc_id],
    }


def _relation(rtype: Any, source: Any, target: Any, doc_id: str, quote: Any) -> dict[str, Any]:
    evidence = {"article": doc_id} if quote is None else {"article": doc_id, "quote": quote.strip()}
    return {
        "kind": "relation",
        "type": rtype,
        "source": source,
        "target": target,
        "evidence": [evidence],
    }

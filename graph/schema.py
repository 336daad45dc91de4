"""The schema as data: loads `schema.yaml` into typed declarations and checks values against it."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.dates import parse_partial_date

SCHEMA_FILE = Path(__file__).with_name("schema.yaml")
PROPERTY_KINDS = ("string", "text", "url", "date", "number", "integer", "boolean", "strings")
BASE_LABEL = "Entity"
_URL = re.compile(r"^https?://[^\s]+$")
_TYPE_NAME = re.compile(r"^[A-Z][A-Za-z]*$")
_REL_NAME = re.compile(r"^[A-Z][A-Z_]*$")
_PROP_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class EntityType:
    """One node type: its name (also its Neo4j label), extra labels it may carry, properties."""

    name: str
    description: str
    properties: dict[str, str]
    extra_labels: tuple[str, ...] = ()
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationType:
    """One relation type: allowed endpoint types, properties, and which fields make its identity."""

    name: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: dict[str, str]
    identity: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schema:
    """Every entity and relation type; the single source other layers derive from."""

    entity_types: dict[str, EntityType]
    relation_types: dict[str, RelationType]
    extra_labels: tuple[str, ...] = field(default=())

    def entity_type(self, name: str) -> EntityType | None:
        return self.entity_types.get(name)

    def relation_type(self, name: str) -> RelationType | None:
        return self.relation_types.get(name)

    def labels(self) -> list[str]:
        """Every node label the project writes: the base label, each type, each extra label."""
        return [BASE_LABEL, *self.entity_types, *self.extra_labels]

    def property_keys(self) -> list[str]:
        keys: set[str] = set()
        for entity_type in self.entity_types.values():
            keys.update(entity_type.properties)
        for relation_type in self.relation_types.values():
            keys.update(relation_type.properties)
        return sorted(keys)


def check_property(kind: str, value: Any) -> Any:
    """Return `value` normalised for a property of `kind`, or raise ValueError saying why."""
    if kind in ("string", "text"):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"expected non-empty text, got {value!r}")
        return value.strip()
    if kind == "url":
        if not isinstance(value, str) or not _URL.match(value.strip()):
            raise ValueError(f"expected an http(s) URL, got {value!r}")
        return value.strip()
    if kind == "date":
        return parse_partial_date(value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"expected a finite number, got {value!r}")
        return value
    if kind == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ValueError(f"expected a list of strings, got {value!r}")
        return sorted(set(value))
    raise ValueError(f"unknown property kind {kind!r}")


def check_properties(declared: dict[str, str], props: Any, owner: str) -> list[str]:
    """List every problem with `props` against the declared property kinds of `owner`."""
    if not isinstance(props, dict):
        return [f"properties of {owner} must be a mapping, got {type(props).__name__}"]
    problems = []
    for key, value in props.items():
        if key not in declared:
            allowed = ", ".join(sorted(declared)) or "none"
            problems.append(
                f"unknown property {key!r} for {owner} (allowed: {allowed}; "
                "declare it in graph/schema.yaml to add it)"
            )
            continue
        try:
            check_property(declared[key], value)
        except ValueError as exc:
            problems.append(f"property {key!r} of {owner}: {exc}")
    return problems


def _entity_type(name: str, raw: dict[str, Any]) -> EntityType:
    props = dict(raw.get("properties") or {})
    _check_declaration(name, _TYPE_NAME, props)
    return EntityType(
        name=name,
        description=str(raw.get("description", "")),
        properties=props,
        extra_labels=tuple(raw.get("extra_labels") or ()),
        required=tuple(raw.get("required") or ()),
    )


def _relation_type(name: str, raw: dict[str, Any], entity_types: set[str]) -> RelationType:
    props = dict(raw.get("properties") or {})
    _check_declaration(name, _REL_NAME, props)
    sources, targets = tuple(raw["from"]), tuple(raw["to"])
    unknown = [t for t in (*sources, *targets) if t not in entity_types]
    if unknown:
        raise ValueError(f"schema: relation {name} names unknown entity types {unknown}")
    identity = tuple(raw.get("identity") or ())
    if any(f != "date" and f not in props for f in identity):
        raise ValueError(f"schema: relation {name} identity {identity} names unknown fields")
    return RelationType(name, str(raw.get("description", "")), sources, targets, props, identity)


def _check_declaration(name: str, pattern: re.Pattern[str], props: dict[str, str]) -> None:
    if not pattern.match(name):
        raise ValueError(f"schema: {name!r} is not a valid type name")
    for key, kind in props.items():
        if not _PROP_NAME.match(key) or kind not in PROPERTY_KINDS:
            raise ValueError(f"schema: {name}.{key} has an invalid name or kind {kind!r}")


def parse_schema(raw: dict[str, Any]) -> Schema:
    """Build a Schema from its YAML mapping, refusing inconsistent declarations."""
    entities = {n: _entity_type(n, d or {}) for n, d in raw["entity_types"].items()}
    names = set(entities)
    relations = {n: _relation_type(n, d, names) for n, d in raw["relation_types"].items()}
    extra = sorted({label for t in entities.values() for label in t.extra_labels})
    return Schema(entities, relations, tuple(extra))


# libyaml's safe loader when PyYAML has it (the same documents, several times faster).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def load_schema() -> Schema:
    """The project's schema, parsed once."""
    with SCHEMA_FILE.open(encoding="utf-8") as handle:
        return parse_schema(yaml.load(handle, Loader=_SAFE_LOADER))  # noqa: S506 (a safe loader)

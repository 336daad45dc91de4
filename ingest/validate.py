"""Turn raw interchange records into entities and relations, or into problems that say why not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from graph.dates import parse_partial_date
from graph.model import ID_PATTERN, Entity, Evidence, Relation, Statement, relation_id
from graph.schema import Schema, check_properties, check_property
from ingest.records import Origin, Problem, RawRecord
from ingest.statements import (
    ENTITY_FIELD_KINDS,
    RELATION_FIELD_KINDS,
    parse_statements,
    statement_articles,
)

ENTITY_KEYS = {
    "kind",
    "id",
    "type",
    "name",
    "labels",
    "aliases",
    "properties",
    "sources",
    "external_ids",
    "merged_ids",
    "statements",
}
RELATION_KEYS = {
    "kind", "id", "type", "source", "target", "date", "properties", "evidence", "statements"
}
EVIDENCE_KEYS = frozenset({"article", "url", "quote"})
LookupTypes = Callable[[Sequence[str]], dict[str, str]]


@dataclass
class Batch:
    """Validated entities and relations, each remembered with where it was first stated."""

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Invalid(Exception):
    """One record's problems, raised to skip the rest of that record."""


def validate(records: list[RawRecord], schema: Schema, stored_types: LookupTypes) -> Batch:
    """Validate a whole batch: every problem in every record is reported, none is written."""
    batch = Batch()
    types: dict[str, str] = {}
    rel_records, stated = [], []
    cited: set[str] = set()
    for raw in records:
        kind = raw.data.get("kind")
        cited |= statement_articles(raw.data)
        if kind == "entity":
            at = len(batch.entities)
            _collect(batch, raw, lambda r: _entity(r, schema, types, batch.origins))
            if len(batch.entities) > at and "statements" in raw.data:
                stated.append((raw, at))
        elif kind == "relation":
            rel_records.append(raw)
        else:
            batch.problems.append(
                Problem(raw.origin, f'`kind` must be "entity" or "relation", got {kind!r}')
            )
    outside = {raw.data.get(k) for raw in rel_records for k in ("source", "target")}
    outside |= {e.get("article") for raw in rel_records for e in _evidence_list(raw.data)}
    outside |= {s for e in batch.entities for s in e.sources} | cited
    wanted = sorted(i for i in outside if isinstance(i, str) and i not in types)
    known = {**stored_types(wanted), **types}
    for raw in rel_records:
        _collect(batch, raw, lambda r: _relation(r, schema, known))
    for raw, at in stated:
        _entity_statements(batch, raw, at, schema, known)
    for entity in batch.entities:
        for source in entity.sources:
            if known.get(source) != "Article":
                batch.problems.append(
                    Problem(
                        batch.origins[entity.id],
                        f"entity {entity.id!r} cites source {source!r}, which is no Article "
                        "in this input or in the store; add the Article record",
                    )
                )
    return batch


def _collect(batch: Batch, raw: RawRecord, build: Callable[[RawRecord], Entity | Relation]) -> None:
    problems: list[str] = []
    try:
        item = build(raw)
    except _Invalid as exc:
        problems = list(exc.args[0])
    else:
        if isinstance(item, Entity):
            batch.entities.append(item)
        else:
            batch.relations.append(item)
        batch.origins.setdefault(item.id, raw.origin)
    if problems:
        batch.problems.extend(Problem(raw.origin, message) for message in problems)


def _require_str(data: dict[str, Any], key: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"missing or empty `{key}`")
        return ""
    return value.strip()


def _unknown_keys(data: dict[str, Any], allowed: set[str], problems: list[str]) -> None:
    if data.keys() <= allowed:  # the usual case, checked without building a set
        return
    extra = sorted(set(data) - allowed)
    problems.append(f"unknown fields {extra} (allowed: {sorted(allowed)})")


def _string_list(data: dict[str, Any], key: str, problems: list[str]) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"`{key}` must be a list of non-empty strings")
        return ()
    return tuple(v.strip() for v in value)


def _entity(
    raw: RawRecord, schema: Schema, types: dict[str, str], origins: dict[str, Origin]
) -> Entity:
    data, problems = raw.data, list[str]()
    _unknown_keys(data, ENTITY_KEYS, problems)
    entity_id = _require_str(data, "id", problems)
    if entity_id and not ID_PATTERN.match(entity_id):
        problems.append(
            f"id {entity_id!r} may hold only letters, digits and . _ ~ + - "
            "and must start with a letter or digit"
        )
    name = _require_str(data, "name", problems)
    etype = data.get("type")
    declared = schema.entity_type(etype) if isinstance(etype, str) else None
    if declared is None:
        problems.append(f"unknown entity type {etype!r} (known: {', '.join(schema.entity_types)})")
        raise _Invalid(problems)
    props = data.get("properties") or {}
    problems += check_properties(declared.properties, props, f"{declared.name} {entity_id!r}")
    problems += [
        f"{declared.name} needs property `{k}`"
        for k in declared.required
        if isinstance(props, dict) and k not in props
    ]
    labels = [lab for lab in _string_list(data, "labels", problems) if lab != declared.name]
    bad = [lab for lab in labels if lab not in declared.extra_labels]
    if bad:
        problems.append(
            f"labels {bad} are not allowed on {declared.name} "
            f"(allowed: {list(declared.extra_labels) or 'none'})"
        )
    external = data.get("external_ids") or {}
    if not isinstance(external, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in external.items()
    ):
        problems.append("`external_ids` must map scheme names to id strings")
    if entity_id in types and types[entity_id] != declared.name:
        problems.append(
            f"id {entity_id!r} is a {types[entity_id]} at {origins[entity_id]} "
            f"but a {declared.name} here; one id, one type"
        )
    if problems:
        raise _Invalid(problems)
    types.setdefault(entity_id, declared.name)
    return Entity(
        id=entity_id,
        type=declared.name,
        name=name,
        aliases=_string_list(data, "aliases", problems),
        extra_labels=tuple(labels),
        properties={k: check_property(declared.properties[k], v) for k, v in props.items()},
        sources=_string_list(data, "sources", problems),
        external_ids=dict(external),
        merged_ids=_string_list(data, "merged_ids", problems),
    )


def _entity_statements(
    batch: Batch, raw: RawRecord, at: int, schema: Schema, known: dict[str, str]
) -> None:
    """Attach an entity record's statements, once the Articles they cite are known."""
    entity, problems = batch.entities[at], list[str]()
    kinds = {**ENTITY_FIELD_KINDS, **schema.entity_types[entity.type].properties}
    statements = parse_statements(raw.data, kinds, known, problems)
    batch.entities[at] = replace(entity, statements=statements)
    batch.problems.extend(Problem(raw.origin, message) for message in problems)


def _evidence_list(data: dict[str, Any]) -> list[dict[str, Any]]:
    evidence = data.get("evidence")
    return [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []


def _relation(raw: RawRecord, schema: Schema, known: dict[str, str]) -> Relation:
    data, problems = raw.data, list[str]()
    _unknown_keys(data, RELATION_KEYS, problems)
    rtype = data.get("type")
    declared = schema.relation_type(rtype) if isinstance(rtype, str) else None
    if declared is None:
        problems.append(
            f"unknown relation type {rtype!r} (known: {', '.join(schema.relation_types)})"
        )
        raise _Invalid(problems)
    ends = (_require_str(data, "source", problems), _require_str(data, "target", problems))
    for end, allowed, role in zip(
        ends, (declared.sources, declared.targets), ("source", "target"), strict=True
    ):
        if end and end not in known:
            problems.append(
                f"{role} {end!r} is no entity in this input or in the store; "
                "add its entity record first"
            )
        elif end and known[end] not in allowed:
            problems.append(
                f"{declared.name} cannot have a {known[end]} as {role} "
                f"({end!r}); allowed: {', '.join(allowed)}"
            )
    date = None
    if data.get("date") is not None:
        try:
            date = parse_partial_date(data["date"])
        except ValueError as exc:
            problems.append(f"invalid `date`: {exc}")
    props = data.get("properties") or {}
    if props:
        problems += check_properties(declared.properties, props, f"relation {declared.name}")
    evidence = _evidence(data, known, problems)
    statements: tuple[Statement, ...] = ()
    if "statements" in data:
        kinds = {**RELATION_FIELD_KINDS, **declared.properties}
        statements = parse_statements(data, kinds, known, problems)
    if problems:
        raise _Invalid(problems)
    clean = {k: check_property(declared.properties[k], v) for k, v in props.items()}
    identity = ({f: (date if f == "date" else clean.get(f)) for f in declared.identity}
                if declared.identity else None)
    rel_id = relation_id(declared.name, ends[0], ends[1], identity)
    if data.get("id") not in (None, rel_id):
        raise _Invalid(
            [
                f"`id` {data['id']!r} does not match the id derived from the fact "
                f"({rel_id!r}); drop the `id` field or fix it"
            ]
        )
    return Relation(rel_id, declared.name, ends[0], ends[1], date, clean, evidence, statements)


def _evidence(
    data: dict[str, Any], known: dict[str, str], problems: list[str]
) -> tuple[Evidence, ...]:
    raw = data.get("evidence")
    if not isinstance(raw, list) or not raw:
        problems.append(
            "no evidence: every relation needs at least one "
            '{"article": <Article id>} or {"url": ...} with a quote where possible'
        )
        return ()
    found = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not item.keys() <= EVIDENCE_KEYS:
            problems.append(f"evidence #{number} must be an object with article, url, quote")
            continue
        article, url, quote = item.get("article"), item.get("url"), item.get("quote")
        if article is None and url is None:
            problems.append(f"evidence #{number} names neither an article nor a url")
        if article is not None and known.get(article) != "Article":
            problems.append(
                f"evidence #{number} cites {article!r}, which is no Article in "
                "this input or in the store"
            )
        if url is not None:
            try:
                check_property("url", url)
            except ValueError as exc:
                problems.append(f"evidence #{number}: {exc}")
        if quote is not None and (not isinstance(quote, str) or not quote.strip()):
            problems.append(f"evidence #{number}: `quote` must be non-empty text")
        found.append(Evidence(article, url, quote.strip() if isinstance(quote, str) else None))
    return tuple(found)

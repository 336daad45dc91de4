"""One entity shape and one relation shape, used by every layer, and the rules for merging them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from graph import statements as st
from graph.dates import date_refines
from graph.statements import ENTITY_FIELDS, RELATION_FIELDS, Evidence, Statement

__all__ = [
    "Entity",
    "Evidence",
    "MergeConflict",
    "Relation",
    "Statement",
    "entity_statements",
    "explicit_statements",
    "merge_entities",
    "merge_relations",
    "normalise_entity",
    "normalise_relation",
    "relation_id",
    "relation_statements",
    "with_statements",
]

Item = TypeVar("Item", "Entity", "Relation")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~+-]*$")


class MergeConflict(ValueError):
    """Two statements of the same entity or relation contradict each other."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A node: stable id, schema type, display name, aliases, extra labels, typed properties."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    extra_labels: tuple[str, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    external_ids: Mapping[str, str] = field(default_factory=dict)
    merged_ids: tuple[str, ...] = ()  # ids merged into this one; they resolve here
    statements: tuple[Statement, ...] = ()  # every value with its source; () before normalising

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.type, *self.extra_labels)

    def to_record(self) -> dict[str, Any]:
        """The NDJSON interchange object for this entity."""
        return {
            "kind": "entity",
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "labels": list(self.labels),
            "aliases": list(self.aliases),
            "properties": dict(sorted(self.properties.items())),
            "sources": list(self.sources),
            "external_ids": dict(sorted(self.external_ids.items())),
            "merged_ids": list(self.merged_ids),
            **_statements_record(self.statements, _entity_values(self), _entity_sources(self)),
        }

    @property
    def conflicts(self) -> tuple[str, ...]:
        """The properties whose sources disagree (the display value is one of their values)."""
        return st.conflicts(self.statements, ENTITY_FIELDS)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two entities with the date it refers to and its evidence."""

    id: str
    type: str
    source: str
    target: str
    date: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    statements: tuple[Statement, ...] = ()  # every value with its source; () before normalising

    def to_record(self) -> dict[str, Any]:
        """The NDJSON interchange object for this relation."""
        return {
            "kind": "relation",
            "id": self.id,
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "date": self.date,
            "properties": dict(sorted(self.properties.items())),
            "evidence": [e.to_record() for e in self.evidence],
            **_statements_record(self.statements, _relation_values(self), self.evidence),
        }

    @property
    def conflicts(self) -> tuple[str, ...]:
        """The properties whose sources disagree (the display value is one of their values)."""
        return st.conflicts(self.statements, RELATION_FIELDS)


def relation_id(
    rel_type: str,
    source: str,
    target: str,
    identity: Mapping[str, Any] | None = None,
) -> str:
    """The deterministic id of a fact: same type, endpoints and identity fields, same id."""
    base = f"{source}:{rel_type}:{target}"
    parts = [str(v) for _, v in sorted((identity or {}).items()) if v is not None]
    return base if not parts else base + "@" + "@".join(parts)


def _union(*groups: tuple[str, ...] | list[str] | set[str]) -> tuple[str, ...]:
    return tuple(sorted({item for group in groups for item in group}))


def _entity_values(entity: Entity) -> list[tuple[str, Any]]:
    names = [(st.NAME, entity.name), *((st.ALIAS, a) for a in entity.aliases)]
    return [*names, *entity.properties.items()]


def _entity_sources(entity: Entity) -> tuple[Evidence, ...]:
    return tuple(Evidence(article=source) for source in entity.sources)


def _relation_values(relation: Relation) -> list[tuple[str, Any]]:
    dated = [(st.DATE, relation.date)] if relation.date is not None else []
    return [*dated, *relation.properties.items()]


def _statements_record(
    statements: tuple[Statement, ...],
    values: list[tuple[str, Any]],
    sources: tuple[Evidence, ...],
) -> dict[str, Any]:
    """`statements` for a record, left out when the record's own sources imply them all."""
    if not statements or st.implied(statements, values, sources):
        return {}
    return {"statements": st.records(statements)}


def explicit_statements(item: Entity | Relation) -> list[dict[str, Any]] | None:
    """The statements a store or a record must keep: None when the item's sources imply them."""
    if isinstance(item, Entity):
        record = _statements_record(item.statements, _entity_values(item), _entity_sources(item))
    else:
        record = _statements_record(item.statements, _relation_values(item), item.evidence)
    found = record.get("statements")
    return None if found is None else list(found)


def with_statements(item: Item, stored: Iterable[Mapping[str, Any]] | None) -> Item:
    """An item read back from a store with the statements it kept (None: all implied)."""
    if isinstance(item, Entity):
        item = replace(item, statements=st.from_records(stored or ()))
        return replace(item, statements=entity_statements(item))
    item = replace(item, statements=st.from_records(stored or ()))
    return replace(item, statements=relation_statements(item))


def entity_statements(entity: Entity) -> tuple[Statement, ...]:
    """Every statement of an entity, those its record implies included."""
    return st.complete(entity.statements, _entity_values(entity), _entity_sources(entity))


def relation_statements(relation: Relation) -> tuple[Statement, ...]:
    """Every statement of a relation, those its evidence implies included."""
    return st.complete(relation.statements, _relation_values(relation), relation.evidence)


def normalise_entity(entity: Entity) -> Entity:
    """Canonical form: every value a statement; display properties; sorted unique lists."""
    statements = entity_statements(entity)
    names = {s.value for s in statements if s.property in ENTITY_FIELDS}
    return Entity(  # every field named: cheaper than `replace` (a million times per ingest)
        id=entity.id,
        type=entity.type,
        name=entity.name,
        aliases=tuple(a for a in _union(entity.aliases, names) if a != entity.name),
        extra_labels=_union(entity.extra_labels),
        properties=st.display(statements, ENTITY_FIELDS),
        sources=_union(entity.sources),
        external_ids=dict(sorted(entity.external_ids.items())),
        merged_ids=_union(entity.merged_ids),
        statements=statements,
    )


def normalise_relation(relation: Relation) -> Relation:
    """Canonical form: every value a statement; display properties; the most precise date."""
    evidence = relation.evidence
    if len(evidence) > 1 or type(evidence) is not tuple:  # one piece is sorted already
        evidence = tuple(sorted(set(evidence), key=st.evidence_key))
    if not relation.statements and relation.date is None and not relation.properties:
        # no value to state (most relations): no statements, nothing to display
        return Relation(relation.id, relation.type, relation.source, relation.target, None, {},
                        evidence, ())
    statements = relation_statements(relation)
    date = relation.date
    for statement in statements:
        if statement.property == st.DATE:
            date = merge_dates(relation.id, date, statement.value)
    return Relation(  # every field named: cheaper than `replace`
        id=relation.id,
        type=relation.type,
        source=relation.source,
        target=relation.target,
        date=date,
        properties=st.display(statements, RELATION_FIELDS),
        evidence=evidence,
        statements=statements,
    )


def merge_entities(old: Entity, new: Entity) -> Entity:
    """Union two statements of one entity; the first name stays, another becomes an alias."""
    if old.type != new.type:
        raise MergeConflict(
            f"entity {old.id!r} is a {old.type} already but this record says {new.type}; "
            "use one type (or a different id if these are different things)"
        )
    return normalise_entity(
        Entity(
            id=old.id,
            type=old.type,
            name=old.name,
            aliases=_union(old.aliases, new.aliases, [new.name]),
            extra_labels=_union(old.extra_labels, new.extra_labels),
            sources=_union(old.sources, new.sources),
            external_ids={**old.external_ids, **new.external_ids},
            merged_ids=_union(old.merged_ids, new.merged_ids),
            statements=st.merge(entity_statements(old), entity_statements(new), ENTITY_FIELDS),
        )
    )


def merge_dates(rel_id: str, old: str | None, new: str | None) -> str | None:
    """Keep the most precise of two compatible dates; contradictory dates are a conflict."""
    if old is None or new is None:
        return old or new
    if date_refines(old, new):
        return new
    if date_refines(new, old):
        return old
    raise MergeConflict(
        f"relation {rel_id!r} is dated {old} already but this record says {new}; "
        "fix the date, or if these are two separate events give the type a date identity"
    )


def merge_relations(old: Relation, new: Relation) -> Relation:
    """Union the evidence and the statements of two statements of the same fact."""
    return normalise_relation(
        replace(
            old,
            date=merge_dates(old.id, old.date, new.date),
            properties={},
            evidence=old.evidence + new.evidence,
            statements=st.merge(
                relation_statements(old), relation_statements(new), RELATION_FIELDS
            ),
        )
    )

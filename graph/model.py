"""One entity shape and one relation shape, used by every layer, and the rules for merging them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from graph.dates import date_refines

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
        }


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """One source for a relation: an Article id and/or a URL, the supporting quote, its date."""

    article: str | None = None
    url: str | None = None
    quote: str | None = None

    def to_record(self) -> dict[str, str]:
        pairs = (("article", self.article), ("url", self.url), ("quote", self.quote))
        return {k: v for k, v in pairs if v is not None}


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
        }


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


def _union(*groups: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(sorted({item for group in groups for item in group}))


def normalise_entity(entity: Entity) -> Entity:
    """Canonical form: sorted unique aliases (never the name itself), labels and sources."""
    aliases = tuple(a for a in _union(entity.aliases) if a != entity.name)
    return replace(
        entity,
        aliases=aliases,
        extra_labels=_union(entity.extra_labels),
        sources=_union(entity.sources),
        properties=dict(sorted(entity.properties.items())),
        external_ids=dict(sorted(entity.external_ids.items())),
        merged_ids=_union(entity.merged_ids),
    )


def _evidence_key(evidence: Evidence) -> tuple[str, str, str]:
    """Sort key that tolerates missing fields (url-only next to article-only evidence)."""
    return (evidence.article or "", evidence.url or "", evidence.quote or "")


def normalise_relation(relation: Relation) -> Relation:
    return replace(
        relation,
        evidence=tuple(sorted(set(relation.evidence), key=_evidence_key)),
        properties=dict(sorted(relation.properties.items())),
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
            properties={**old.properties, **new.properties},
            sources=_union(old.sources, new.sources),
            external_ids={**old.external_ids, **new.external_ids},
            merged_ids=_union(old.merged_ids, new.merged_ids),
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
    """Union the evidence of two statements of the same fact."""
    return normalise_relation(
        replace(
            old,
            date=merge_dates(old.id, old.date, new.date),
            properties={**old.properties, **new.properties},
            evidence=old.evidence + new.evidence,
        )
    )

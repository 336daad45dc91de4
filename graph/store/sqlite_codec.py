"""Entities and relations as rows of the embedded store, and back, values typed exactly.

Lists and mappings are JSON text (sorted as the model normalises them); the columns after
`merged_ids` are derived for search and look-up and never read back into the model, except
`statements`: the values the item's own sources do not imply (NULL when they imply them all).
`conflicts` (NULL when none) lists the properties whose sources disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graph.model import Entity, Evidence, Relation, explicit_statements, with_statements
from graph.store.lookup import external_keys
from graph.store.periods import entity_date
from graph.store.search_index import description_of, fold, spelled_names

# `Connections.rows`: run one statement with its parameters, return every row.
Rows = Callable[[str, tuple[Any, ...]], list[Any]]

ENTITY_COLUMNS = (
    "id, type, name, labels, aliases, properties, sources, external_ids, merged_ids, statements"
)
ENTITY_WRITE = (
    "id, type, name, sort_name, date, labels, aliases, properties, sources, external_ids, "
    "merged_ids, search_names, search_text, statements, conflicts"
)
RELATION_COLUMNS = "id, type, source, target, date, properties, evidence, statements, conflicts"
NAME_SEPARATOR = " | "  # between the spelled names in search_names (not a token character)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_loads = json.JSONDecoder().decode



def _statements(item: Entity | Relation) -> str | None:
    stated = explicit_statements(item)
    return None if stated is None else _dumps(stated)


def _conflicts(item: Entity | Relation) -> str | None:
    return _dumps(list(item.conflicts)) if item.conflicts else None


def _stated(text: str | None) -> Any:
    return _loads(text) if text else None


def entity_row(
    entity: Entity, dates: Mapping[str, str], description_keys: Sequence[str]
) -> tuple[Any, ...]:
    """The row written for an entity (columns `ENTITY_WRITE`)."""
    names = [fold(n) for n in (entity.name, *entity.aliases)]
    return (
        entity.id,
        entity.type,
        entity.name,
        names[0],
        entity_date(entity, dates),
        _dumps(list(entity.extra_labels)),
        _dumps(list(entity.aliases)),
        _dumps(entity.properties),
        _dumps(list(entity.sources)),
        _dumps(entity.external_ids),
        _dumps(list(entity.merged_ids)),
        NAME_SEPARATOR.join(spelled_names(names)),
        " ".join(fold(description_of(entity, description_keys)).split()),
        _statements(entity),
        _conflicts(entity),
    )


def entity_side_rows(entity: Entity) -> tuple[list[tuple[str, str]], ...]:
    """Rows of entity_names, entity_keys and merged_ids for an entity."""
    names = {fold(n) for n in (entity.name, *entity.aliases)}
    return (
        [(entity.id, n) for n in sorted(names)],
        [(entity.id, k) for k in sorted(set(external_keys(entity)))],
        [(old, entity.id) for old in entity.merged_ids],
    )


def entity_of(row: Sequence[Any]) -> Entity:
    """An entity from a row selected as `ENTITY_COLUMNS`."""
    entity = Entity(
        id=row[0],
        type=row[1],
        name=row[2],
        extra_labels=tuple(_loads(row[3])),
        aliases=tuple(_loads(row[4])),
        properties=_loads(row[5]),
        sources=tuple(_loads(row[6])),
        external_ids=_loads(row[7]),
        merged_ids=tuple(_loads(row[8])),
    )
    return with_statements(entity, _stated(row[9]))


def relation_row(relation: Relation) -> tuple[Any, ...]:
    """The row written for a relation (columns `RELATION_COLUMNS`)."""
    return (
        relation.id,
        relation.type,
        relation.source,
        relation.target,
        relation.date,
        _dumps(relation.properties),
        _dumps([e.to_record() for e in relation.evidence]),
        _statements(relation),
        _conflicts(relation),
    )


def evidence_rows(relation: Relation) -> list[tuple[str, str | None, str | None, str | None]]:
    """Rows of the evidence table for a relation."""
    return [(relation.id, e.article, e.url, e.quote) for e in relation.evidence]


def relation_of(row: Sequence[Any]) -> Relation:
    """A relation from a row selected as `RELATION_COLUMNS`."""
    relation = Relation(
        id=row[0],
        type=row[1],
        source=row[2],
        target=row[3],
        date=row[4],
        properties=_loads(row[5]),
        evidence=tuple(
            Evidence(e.get("article"), e.get("url"), e.get("quote")) for e in _loads(row[6])
        ),
    )
    return with_statements(relation, _stated(row[7]))


def id_list(ids: Sequence[str] | set[str]) -> str:
    """Many ids as one SQL parameter, read with json_each."""
    return _dumps(list(ids))

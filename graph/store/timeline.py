"""An entity's timeline: its dated relations, and the dated incidents and articles around it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.model import Entity, Relation
from graph.store.filtering import Matcher, other_end
from graph.store.periods import entity_date
from graph.store.query import SortKey

if TYPE_CHECKING:
    from graph.store.contract import Store

RELATION = "RELATION"


@dataclass(frozen=True)
class TimelineEvent:
    """One dated thing: a relation, or an entity with a date of its own (incident, article...)."""

    date: str
    kind: str  # RELATION, or the entity's type
    relation: Relation | None = None
    entity: Entity | None = None

    @property
    def key(self) -> SortKey:
        item = self.relation.id if self.relation else self.entity.id if self.entity else ""
        return (self.date, self.kind, item)


def timeline(store: Store, root: Entity, as_of: str | None = None) -> list[TimelineEvent]:
    """Events sorted by (date, kind, id): the relations of `root` that carry a date, the
    dated entities it is related to, the documents its relations and itself cite, itself."""
    matcher = Matcher(store, as_of)
    seen = [(r, root.id) for r in store.relations_of([root.id]).get(root.id, [])]
    rels = [r for r, _ in matcher.relations(None, seen)]
    events = [TimelineEvent(r.date, RELATION, relation=r) for r in rels if r.date]
    related = {other_end(r, root.id) for r in rels}
    cited = {e.article for r in rels for e in r.evidence if e.article}
    ids = sorted(related | cited | set(root.sources) | {root.id})
    found = store.get_entities(ids)
    for entity in matcher.visible([found[i] for i in ids if i in found]):
        date = entity_date(entity, matcher.dates)
        if date:
            events.append(TimelineEvent(date, entity.type, entity=entity))
    return sorted(events, key=lambda e: e.key)

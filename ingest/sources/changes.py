"""What a load changed: ids added and updated, read from the store before and after."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graph.store.base import GraphStore


@dataclass
class Changes:
    """Entity and relation ids a load added or updated (re-importing the same data: none)."""

    entities_added: list[str] = field(default_factory=list)
    entities_updated: list[str] = field(default_factory=list)
    relations_added: list[str] = field(default_factory=list)
    relations_updated: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.entities_added or self.entities_updated
                    or self.relations_added or self.relations_updated)

    def lines(self, shown: int = 10) -> list[str]:
        out = []
        for label, ids in (("entities added", self.entities_added),
                           ("entities updated", self.entities_updated),
                           ("relations added", self.relations_added),
                           ("relations updated", self.relations_updated)):
            more = f" (+{len(ids) - shown} more)" if len(ids) > shown else ""
            listed = ", ".join(ids[:shown])
            out.append(f"{label}: {len(ids)}" + (f": {listed}{more}" if ids else ""))
        return out


def track_changes(
    store: GraphStore, entity_ids: Sequence[str], relation_ids: Sequence[str],
    load: Callable[[], object],
) -> Changes:
    """Run `load` and compare these entities and relations before and after it."""
    before_e = store.get_entities(entity_ids)
    before_r = store.get_relations(relation_ids)
    load()
    after_e = store.get_entities(entity_ids)
    after_r = store.get_relations(relation_ids)
    return Changes(
        sorted(i for i in after_e if i not in before_e),
        sorted(i for i in after_e if i in before_e and after_e[i] != before_e[i]),
        sorted(i for i in after_r if i not in before_r),
        sorted(i for i in after_r if i in before_r and after_r[i] != before_r[i]),
    )

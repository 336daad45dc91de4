"""Search on Neo4j: ranked from names read as projections, paged in Cypher when many match.

Every hit's rank key is `search_index.rank_key` (tier, folded name length, id), as on every
store. Name matches come from the full-text index of folded name words (`search_names`: id,
name and aliases only, never a whole node); description matches from the full-text index of
the schema's `text` properties (`search_described`, checked word by word in Python), or, on a
database whose `aikg db init` predates that index, from a scan (`search_descriptions`).

A page of a search matching at least `cap` names is one statement (`search_page`): Cypher ranks
the first `CANDIDATES` index matches (and the names starting with the phrase, from the name
index, so the exact and starting names are never cut off) wherever the names are plain ASCII
words, where its `toLower` is the fold; it returns the page after the cursor and the few other
candidates with their names, which Python ranks and merges. So a common prefix costs the
page's rows, not the matches', as the embedded store's SQL page does (graph/store/
sqlite_search.py); with fewer matches, or a page backwards, the exact ranking in Python runs.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any, cast

from graph.model import Entity
from graph.store import research
from graph.store.keyset import page_of
from graph.store.query import Order, Page, SortKey, Window
from graph.store.reads import GraphReads
from graph.store.search_index import TIER_TYPO, rank_key, text_properties, tokens
from queries.neo4j_rows import Neo4jRows
from queries.statements import DESCRIPTIONS_INDEX

NAME_CANDIDATES = 10_000  # most name matches the exact ranking reads (as before: ids and names)
DESCRIPTION_CANDIDATES = 10_000
CANDIDATES = 2_000  # most index matches a page ranks in Cypher (the embedded store's figure)


Hit = tuple[SortKey, str]


class Neo4jSearch(GraphReads):
    """`search_keys`, `search_hits` and `search_page` of `Neo4jStore`."""

    described_online: bool | None = None  # whether the descriptions index is there (cached)

    @property
    def _rows(self) -> Neo4jRows:
        return cast("Neo4jRows", self)

    def search_keys(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[Hit]:
        """(rank key, id) of the best `limit` hits: names, then descriptions; typos when no
        name matches (the generic fallback)."""
        words = tokens(text)
        if not words:
            return []
        named = self._rows._read("search_names", query=_lucene(words), types=list(types or ()),
                                 limit=max(limit, NAME_CANDIDATES))
        if named:
            hits = {r["id"]: rank_key(text, [r["name"], *r["aliases"]], r["id"]) for r in named}
        else:  # typos: the generic search over the names of the words' first letters
            hits = {e.id: key for key, e in research.search_hits(self, text, types, limit)}
        return self._with_descriptions(hits, words, types)[:limit]

    def search_hits(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, Entity]]:
        keys = self.search_keys(text, types, limit)
        found = self._rows.get_entities([entity_id for _, entity_id in keys])
        return [(key, found[entity_id]) for key, entity_id in keys if entity_id in found]

    def search_page(
        self, text: str, types: Sequence[str] | None, window: Window, cap: int
    ) -> Page[Hit]:
        """One window of the best `cap` hits, from one statement that ranks the names."""
        words = tokens(text)
        cursor = _cursor(window.after)
        record = self._page_record(words, types, cursor, window, cap) if words else None
        forward = window.first is not None and window.before is None and (
            window.after is None or cursor is not None)
        if record is None or not record["matched"] or (record["matched"] >= cap and not forward):
            return page_of(self.search_keys(text, types, cap), _rank, Order(), window)
        others = [(rank_key(text, row["names"], row["id"]), row["id"])
                  for row in record["unranked"]]
        others = sorted(hit for hit in others if int(hit[0][0]) < TIER_TYPO)
        ranked = [(_key(row), row["id"]) for row in record["page"]]
        if record["matched"] < cap:  # every name hit is here: add descriptions, page them
            hits = {entity_id: key for key, entity_id in [*ranked, *others]}
            every = self._with_descriptions(hits, words, types)[:cap]
            return page_of(every, _rank, Order(), window)
        return _window(ranked, others, record["before"], window, cap)

    def _page_record(self, words: list[str], types: Sequence[str] | None,
                     cursor: tuple[int, int, str] | None, window: Window, cap: int) -> Any:
        phrase = " ".join(words)
        return self._rows._read(
            "search_page", query=_lucene(words), types=list(types or ()),
            candidates=max(cap, CANDIDATES), cap=cap, phrase=phrase,
            starts=sorted({phrase, phrase.capitalize(), phrase.title(), phrase.upper()}),
            tier=cursor[0] if cursor else -1, length=cursor[1] if cursor else 0,
            id=cursor[2] if cursor else "", room=window.first or 0,
        )[0]

    def _with_descriptions(self, hits: dict[str, SortKey], words: list[str],
                           types: Sequence[str] | None) -> list[Hit]:
        """`hits` (id -> rank key) and the description matches, best first."""
        for found in self._described(words, list(types or ())):
            names = [found["name"], *found["aliases"]]
            hits.setdefault(found["id"], rank_key(" ".join(words), names, found["id"]))
        return sorted((key, entity_id) for entity_id, key in hits.items())

    def _described(self, words: list[str], types: list[str]) -> list[dict[str, Any]]:
        """Entities whose description has a word starting with every query word."""
        keys = text_properties(self._rows.schema)
        if not keys:
            return []
        if self._descriptions_indexed():
            records = self._rows._read("search_described", query=_lucene(words), keys=keys,
                                       types=types, limit=DESCRIPTION_CANDIDATES)
            rows = [r.data() for r in records]
        else:
            rows = [{"id": e.id, "name": e.name, "aliases": list(e.aliases),
                     "texts": [str(e.properties[k]) for k in keys if k in e.properties]}
                    for e in map(self._rows._entity, self._rows._read(
                        "search_descriptions", keys=keys, tokens=words, types=types,
                        limit=DESCRIPTION_CANDIDATES))]
        return [row for row in rows if _describes(words, row["texts"])]

    def _descriptions_indexed(self) -> bool:
        if not self.described_online:
            indexes = self._rows._read("show_indexes")
            self.described_online = any(
                r["name"] == DESCRIPTIONS_INDEX and r["state"] == "ONLINE" for r in indexes)
        return self.described_online


def _lucene(words: Sequence[str]) -> str:
    """Every word a prefix (words are letters and digits only: nothing to escape)."""
    return " AND ".join(f"{word}*" for word in words)


def _describes(words: Sequence[str], texts: Sequence[str]) -> bool:
    described = {w for text in texts for w in tokens(text)}
    return all(any(d.startswith(w) for d in described) for w in words)


def _window(ranked: list[Hit], others: list[Hit], before: int, window: Window,
            cap: int) -> Page[Hit]:
    """The first window after the cursor of the best `cap` hits: the page Cypher ranked
    merged with the hits ranked in Python; `before` ranked rows are at or before the cursor."""
    assert window.first is not None
    after = tuple(window.after) if window.after is not None else None
    position = min(cap, before + sum(1 for key, _ in others if after and key <= after))
    beyond = [hit for hit in others if after is None or hit[0] > after]
    room = max(0, min(window.first, cap - position))
    shown = list(heapq.merge(ranked, beyond))[:room]
    return Page(shown, [key for key, _ in shown], cap, position + len(shown) < cap, position > 0)


def _cursor(after: SortKey | None) -> tuple[int, int, str] | None:
    """A rank key cursor as (tier, length, id); None when there is none or it is not one."""
    if after is None:
        return None
    key = tuple(after)
    if len(key) != 3 or not all(str(part).isdigit() for part in key[:2]):
        return None
    return int(key[0]), int(key[1]), str(key[2])


def _rank(hit: Hit) -> SortKey:
    return hit[0]


def _key(row: dict[str, Any]) -> SortKey:
    return (str(row["tier"]), f"{row['length']:06d}", row["id"])

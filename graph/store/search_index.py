"""An in-memory name index: prefix matching over names and aliases as journalists type them."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import Entity

_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, accent-free text, so "Société" matches "societe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@dataclass
class NameIndex:
    """Token → entity ids, with a sorted token list for prefix look-ups."""

    postings: dict[str, set[str]]
    sorted_tokens: list[str]
    names: dict[str, list[str]]

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> NameIndex:
        postings: dict[str, set[str]] = defaultdict(set)
        names: dict[str, list[str]] = {}
        for entity in entities:
            folded = [fold(n) for n in (entity.name, *entity.aliases)]
            names[entity.id] = folded
            for name in folded:
                for token in _TOKEN.findall(name):
                    postings[token].add(entity.id)
        return cls(dict(postings), sorted(postings), names)

    def _prefixed(self, prefix: str) -> set[str]:
        found: set[str] = set()
        start = bisect.bisect_left(self.sorted_tokens, prefix)
        for token in self.sorted_tokens[start:]:
            if not token.startswith(prefix):
                break
            found |= self.postings[token]
        return found

    def search(self, text: str) -> list[str]:
        """Ids whose names contain every query token as a word prefix, best match first."""
        query = tokens(text)
        if not query:
            return []
        hits: set[str] | None = None
        for token in query:
            matched = self._prefixed(token)
            hits = matched if hits is None else hits & matched
            if not hits:
                return []
        phrase = " ".join(query)
        return sorted(hits or (), key=lambda i: (self._rank(i, phrase), len(self.names[i][0]), i))

    def _rank(self, entity_id: str, phrase: str) -> int:
        """0 exact name or alias, 1 a name starting with the query, 2 any other match."""
        spelled = [" ".join(_TOKEN.findall(n)) for n in self.names[entity_id]]
        if phrase in spelled:
            return 0
        return 1 if any(s.startswith(phrase) for s in spelled) else 2

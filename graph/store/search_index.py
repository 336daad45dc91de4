"""An in-memory name index: prefix matching over names, aliases and descriptions, as people type.

Every query word must match a word of the entity as a prefix ("clearv" finds Clearview AI);
a word that prefixes nothing at all is matched with one typo allowed (two from eight letters
on), first letter kept. Results are ranked by `rank_key`, which any store can compute.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.model import Entity
from graph.schema import Schema

_TOKEN = re.compile(r"[^\W_]+")  # letters and digits of any script: "яндекс", "百度"
MIN_FUZZY = 4  # shorter words are matched as prefixes only
TIER_EXACT, TIER_START, TIER_WORDS, TIER_TYPO, TIER_DESCRIPTION = range(5)


def fold(text: str) -> str:
    """Lower-case, accent-free text, so "Société" matches "societe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def spelled_names(folded: Sequence[str]) -> list[str]:
    """Each folded name as its words, space-separated (how names are compared for ranking)."""
    return [" ".join(_TOKEN.findall(n)) for n in folded]


def allowed_typos(word: str) -> int:
    return 0 if len(word) < MIN_FUZZY else 1 if len(word) < 8 else 2


def prefix_distance(word: str, token: str, limit: int) -> int:
    """Edit distance (with transpositions) from `word` to the closest prefix of `token`."""
    previous2: list[int] = []
    previous = list(range(len(token) + 1))
    for i, char in enumerate(word, 1):
        row = [i] + [0] * len(token)
        for j, other in enumerate(token, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == token[j - 2] and word[i - 2] == other:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous)


def _word_matches(word: str, words: Iterable[str], typos: bool) -> bool:
    limit = allowed_typos(word) if typos else 0
    if limit == 0:
        return any(w.startswith(word) for w in words)
    return any(w[0] == word[0] and prefix_distance(word, w, limit) <= limit for w in words)


def rank_key(query: str, names: Sequence[str], entity_id: str) -> tuple[str, ...]:
    """Sort key of an entity for a query: tier, then name length, then id (lower is better).

    Tiers: 0 a name or alias is the query, 1 one starts with it, 2 every word prefixes a
    name word, 3 the same with typos, 4 some word only matches the description.
    """
    spelled = spelled_names([fold(n) for n in names])
    return spelled_rank_key(tokens(query), spelled, len(names[0]) if names else 0, entity_id)


def spelled_rank_key(
    words: Sequence[str], spelled: Sequence[str], length: int, entity_id: str
) -> tuple[str, ...]:
    """`rank_key` from the query words and the names already folded into words."""
    phrase = " ".join(words)
    if phrase in spelled:
        tier = TIER_EXACT
    elif any(s.startswith(phrase) for s in spelled):
        tier = TIER_START
    else:
        name_words = {w for s in spelled for w in s.split()}
        if all(_word_matches(w, name_words, False) for w in words):
            tier = TIER_WORDS
        elif all(_word_matches(w, name_words, True) for w in words):
            tier = TIER_TYPO
        else:
            tier = TIER_DESCRIPTION
    return (str(tier), f"{length:06d}", entity_id)


def entity_rank_key(query: str, entity: Entity) -> tuple[str, ...]:
    """`rank_key` of an entity as any store holds it (names folded as the index folds them)."""
    return rank_key(query, [fold(n) for n in (entity.name, *entity.aliases)], entity.id)


def text_properties(schema: Schema) -> list[str]:
    """The properties searched as descriptions: every declared `text` property."""
    types = schema.entity_types.values()
    return sorted({k for t in types for k, kind in t.properties.items() if kind == "text"})


def description_of(entity: Entity, keys: Iterable[str]) -> str:
    return " ".join(str(entity.properties[k]) for k in keys if k in entity.properties)


@dataclass
class _Postings:
    """Word → entity ids, with the words sorted for prefix look-ups."""

    ids: dict[str, set[str]]
    words: list[str]

    @classmethod
    def build(cls, ids: dict[str, set[str]]) -> _Postings:
        return cls(ids, sorted(ids))

    def prefixed(self, prefix: str) -> set[str]:
        found: set[str] = set()
        start = bisect.bisect_left(self.words, prefix)
        for word in self.words[start:]:
            if not word.startswith(prefix):
                break
            found |= self.ids[word]
        return found


@dataclass
class NameIndex:
    """Postings for name and alias words and for description words; spelled names for ranking."""

    names: _Postings
    descriptions: _Postings
    by_initial: dict[str, list[str]]
    spelled: dict[str, list[str]]  # each name and alias as its folded words, space-separated
    lengths: dict[str, int]  # length of the folded name: shorter names rank first

    @classmethod
    def build(cls, entities: Iterable[Entity], description_keys: Sequence[str] = ()) -> NameIndex:
        names: dict[str, set[str]] = defaultdict(set)
        descriptions: dict[str, set[str]] = defaultdict(set)
        spelled: dict[str, list[str]] = {}
        lengths: dict[str, int] = {}
        for entity in entities:
            folded = [fold(n) for n in (entity.name, *entity.aliases)]
            spelled[entity.id] = spelled_names(folded)
            lengths[entity.id] = len(folded[0])
            for word in {w for n in spelled[entity.id] for w in n.split()}:
                names[word].add(entity.id)
            text = description_of(entity, description_keys)
            if text:
                for word in set(tokens(text)):
                    descriptions[word].add(entity.id)
        by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted(names):
            by_initial[word[0]].append(word)
        return cls(
            _Postings.build(names), _Postings.build(descriptions), dict(by_initial), spelled,
            lengths,
        )

    def _typo_matches(self, word: str) -> set[str]:
        limit = allowed_typos(word)
        found: set[str] = set()
        for candidate in self.by_initial.get(word[0], ()):
            if len(candidate) >= len(word) - limit and (
                prefix_distance(word, candidate, limit) <= limit
            ):
                found |= self.names.ids[candidate]
        return found

    def _matches(self, word: str) -> set[str]:
        found = self.names.prefixed(word)
        if not found and allowed_typos(word):
            found = self._typo_matches(word)
        return found | self.descriptions.prefixed(word)

    def ranked(self, text: str) -> list[tuple[tuple[str, ...], str]]:
        """(rank key, id) of every entity matching every word of `text`, best first."""
        hits: set[str] | None = None
        for word in tokens(text):
            matched = self._matches(word)
            hits = matched if hits is None else hits & matched
            if not hits:
                return []
        words = tokens(text)
        return sorted((self.rank(words, i), i) for i in hits or ())

    def rank(self, words: Sequence[str], entity_id: str) -> tuple[str, ...]:
        spelled = self.spelled[entity_id]
        return spelled_rank_key(words, spelled, self.lengths[entity_id], entity_id)

    def search(self, text: str) -> list[str]:
        """Ids whose names (or descriptions) match every query word, best match first."""
        return [i for _, i in self.ranked(text)]

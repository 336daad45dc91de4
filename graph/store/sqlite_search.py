"""Search over the embedded store's FTS5 index: every query word a prefix of a name, alias or
description word, in any script; a word that prefixes no name word gets typo tolerance over a
bounded set of indexed words (rapidfuzz); hits ranked by `search_index.spelled_rank_key`.

Work per search is bounded: at most `CANDIDATES` matches are ranked (the exact and starting
names first, so a common word still ranks its best hits), `TYPO_WORDS` words checked per typo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rapidfuzz.distance import OSA

from graph.store.query import SortKey
from graph.store.search_index import allowed_typos, spelled_rank_key, tokens
from graph.store.sqlite_codec import NAME_SEPARATOR, id_list

CANDIDATES = 2_000
TYPO_WORDS = 50_000
TYPO_MATCHES = 50
LAST_CHAR = "\U0010ffff"

Rows = Callable[[str, tuple[Any, ...]], list[Any]]

_TYPES = " AND e.type IN (SELECT value FROM json_each(?))"
_MATCHED = (
    "SELECT e.id, CASE WHEN ({tier}) IS NULL THEN e.search_names END, length(e.sort_name), "
    "{tier} "
    "FROM entity_search s JOIN entities e ON e.n = s.rowid WHERE entity_search MATCH ?{types} "
    "LIMIT ?"
)
_STARTING = (
    "SELECT e.id, e.search_names, length(e.sort_name), {tier} FROM entity_names x "
    "JOIN entities e ON e.id = x.entity WHERE x.name >= ? AND x.name < ?{types} "
    "ORDER BY x.name LIMIT ?"
)
# The first three tiers of `spelled_rank_key`, computed by SQLite (NULL: ranked in Python):
# 0 a spelled name is the phrase, 1 one starts with it, 2 every word prefixes a name word.
_SEP = f"'{NAME_SEPARATOR}'"
_TIER = (
    f"CASE WHEN instr({_SEP} || e.search_names || {_SEP}, {_SEP} || ? || {_SEP}) > 0 THEN 0 "
    f"WHEN instr({_SEP} || e.search_names, {_SEP} || ?) > 0 THEN 1 "
    "WHEN {words} THEN 2 END"
)
_WORD = f"instr(' ' || replace(e.search_names, {_SEP}, ' '), ' ' || ?) > 0"


def prefix_typo(word: str, term: str, limit: int) -> bool:
    """`search_index.prefix_distance(word, term, limit) <= limit`, with rapidfuzz."""
    sizes = {min(size, len(term)) for size in range(len(word) - limit, len(word) + limit + 1)}
    return any(OSA.distance(word, term[:size], score_cutoff=limit) <= limit for size in sizes)


def _typo_terms(rows: Rows, word: str) -> list[str]:
    """Indexed name words within the allowed typos of `word` (same first letter)."""
    limit = allowed_typos(word)
    terms = rows(
        "SELECT term FROM entity_search_terms WHERE col = 'search_names' "
        "AND term >= ? AND term < ? LIMIT ?",
        (word[0], word[0] + LAST_CHAR, TYPO_WORDS),
    )
    found = [
        t for (t,) in terms if len(t) >= len(word) - limit and prefix_typo(word, t, limit)
    ]
    return found[:TYPO_MATCHES]


def _word_query(rows: Rows, word: str) -> str:
    """The FTS5 condition for one query word (words are letters and digits only)."""
    prefix = f'"{word}"*'
    if not allowed_typos(word):
        return prefix
    named = rows(
        "SELECT 1 FROM entity_search WHERE entity_search MATCH ? LIMIT 1",
        (f"search_names : {prefix}",),
    )
    if named:
        return prefix
    typos = _typo_terms(rows, word)
    if not typos:
        return prefix
    spelled = " OR ".join(f'"{t}"' for t in typos)
    return f"({prefix} OR search_names : ({spelled}))"


def ranked(
    rows: Rows, text: str, types: Sequence[str] | None, limit: int
) -> list[tuple[SortKey, str]]:
    """(rank key, entity id) of the best `limit` matches of `text`, best first."""
    words = tokens(text)
    if not words:
        return []
    query = " AND ".join(_word_query(rows, w) for w in words)
    clause = _TYPES if types else ""
    extra: tuple[Any, ...] = (id_list(types),) if types else ()
    phrase = " ".join(words)
    tier = _TIER.format(words=" AND ".join([_WORD] * len(words)))
    ranking = (phrase, phrase, *words)
    found = rows(_MATCHED.format(tier=tier, types=clause),
                 (*ranking, *ranking, query, *extra, CANDIDATES))
    if len(found) >= CANDIDATES:
        found += rows(_STARTING.format(tier=tier, types=clause),
                      (*ranking, phrase, phrase + LAST_CHAR, *extra, CANDIDATES))
    keys = {
        entity_id: spelled_rank_key(words, names.split(NAME_SEPARATOR), length, entity_id)
        if tiered is None else (str(tiered), f"{length:06d}", entity_id)
        for entity_id, names, length, tiered in found
    }
    return sorted((key, entity_id) for entity_id, key in keys.items())[:limit]

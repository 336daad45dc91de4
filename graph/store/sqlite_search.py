"""Search over the embedded store's FTS5 index: every query word a prefix of a name, alias or
description word, in any script; a word that prefixes no name word gets typo tolerance over a
bounded set of indexed words (rapidfuzz); hits ranked by `search_index.spelled_rank_key`.

Work per search is bounded: at most `CANDIDATES` matches are ranked (the exact and starting
names first, so a common word still ranks its best hits), `TYPO_WORDS` words checked per typo.
`page` serves one window: when many entities match, SQLite orders the first three tiers and
returns the page alone (`totalCount` is a count of index matches up to the cap); Python ranks
only when few match or the page reaches the typo and description tiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz.distance import OSA

from graph.store.keyset import page_of
from graph.store.query import Order, Page, SortKey, Window
from graph.store.search_index import TIER_TYPO, allowed_typos, spelled_rank_key, tokens
from graph.store.sqlite_codec import NAME_SEPARATOR, Rows, id_list

CANDIDATES = 2_000
FEW = 100  # up to this many matches, the whole ranking is done in Python (cheap, exact)
TYPO_WORDS = 50_000
TYPO_MATCHES = 50
LAST_CHAR = "\U0010ffff"

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


def _ranking(words: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The SQL tier expression for the query words and its parameters."""
    phrase = " ".join(words)
    return _TIER.format(words=" AND ".join([_WORD] * len(words))), (phrase, phrase, *words)


def ranked(
    rows: Rows, text: str, types: Sequence[str] | None, limit: int
) -> list[tuple[SortKey, str]]:
    """(rank key, entity id) of the best `limit` matches of `text`, best first."""
    words = tokens(text)
    if not words:
        return []
    return _ranked(rows, words, _match(rows, words), types, limit)


def _match(rows: Rows, words: Sequence[str]) -> str:
    return " AND ".join(_word_query(rows, w) for w in words)


def _ranked(
    rows: Rows, words: Sequence[str], query: str, types: Sequence[str] | None, limit: int
) -> list[tuple[SortKey, str]]:
    clause = _TYPES if types else ""
    extra: tuple[Any, ...] = (id_list(types),) if types else ()
    phrase = " ".join(words)
    tier, ranking = _ranking(words)
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


_COUNT = "SELECT count(*) FROM ({matches} LIMIT ?)"
_MATCHES = "SELECT s.rowid FROM entity_search s WHERE entity_search MATCH ?"
_TYPED = (
    "SELECT s.rowid FROM entity_search s JOIN entities e ON e.n = s.rowid "
    "WHERE entity_search MATCH ?" + _TYPES
)
# The page in rank order over the same candidates `ranked` ranks: tiers 0-2 from SQLite,
# 3 for the rest (typo or description: ranked in Python).
_RANKED = (
    "SELECT coalesce({tier}, 3) AS t, length(e.sort_name) AS len, e.id AS id "
    "FROM entities e WHERE e.n IN ({candidates})"
)
_PAGE = "SELECT t, len, id FROM ({ranked}){after} ORDER BY t, len, id LIMIT ?"
_BEFORE = "SELECT count(*) FROM ({ranked}) WHERE (t, len, id) <= (?, ?, ?)"
_FTS_CANDIDATES = (
    "SELECT * FROM (SELECT e.n FROM entity_search s JOIN entities e ON e.n = s.rowid "
    "WHERE entity_search MATCH ?{types} LIMIT ?)"
)
_STARTING_CANDIDATES = (
    " UNION SELECT * FROM (SELECT e.n FROM entity_names x JOIN entities e ON e.id = x.entity "
    "WHERE x.name >= ? AND x.name < ?{types} ORDER BY x.name LIMIT ?)"
)
_AFTER = " WHERE (t, len, id) > (?, ?, ?)"


def page(
    rows: Rows, text: str, types: Sequence[str] | None, window: Window, cap: int
) -> Page[tuple[SortKey, str]]:
    """One window of the best `cap` matches of `text`; the total counts index matches to `cap`.

    With many matches the cost is the page's, not the matches': SQLite orders the first three
    tiers; the exact ranking in Python is kept for few matches and for pages that reach rows
    SQLite cannot rank (typos, descriptions) or that page backwards.
    """
    words = tokens(text)
    if not words:
        return page_of([], lambda hit: hit[0], Order(), window)
    query = _match(rows, words)
    extra: tuple[Any, ...] = (id_list(types),) if types else ()
    counted = _COUNT.format(matches=_TYPED if types else _MATCHES)
    matched = rows(counted, (query, *extra, max(cap, CANDIDATES)))[0][0]
    total = min(cap, matched)
    if total > FEW and window.first is not None and window.before is None:
        found = _sql_page(rows, words, query, types, window, (total, matched >= CANDIDATES))
        if found is not None:
            return found
    hits = _ranked(rows, words, query, types, cap)
    return page_of(hits, lambda hit: hit[0], Order(), window)


def _sql_page(
    rows: Rows, words: Sequence[str], query: str, types: Sequence[str] | None,
    window: Window, counts: tuple[int, bool],
) -> Page[tuple[SortKey, str]] | None:
    """The first window after `window.after` in rank order, or None if it reaches a typo row."""
    assert window.first is not None
    total, starting = counts
    clause = _TYPES if types else ""
    extra: tuple[Any, ...] = (id_list(types),) if types else ()
    tier, ranking = _ranking(words)
    phrase = " ".join(words)
    candidates = _FTS_CANDIDATES.format(types=clause)
    arguments: tuple[Any, ...] = (*ranking, query, *extra, CANDIDATES)
    if starting:
        candidates += _STARTING_CANDIDATES.format(types=clause)
        arguments += (phrase, phrase + LAST_CHAR, *extra, CANDIDATES)
    ranked = _RANKED.format(tier=tier, candidates=candidates)
    position = 0
    after: tuple[Any, ...] = ()
    if window.after is not None:
        key = tuple(window.after)
        if len(key) != 3 or not all(str(part).isdigit() for part in key[:2]):
            return None
        after = (int(key[0]), int(key[1]), key[2])
        if after[0] >= TIER_TYPO:
            return None
        position = min(total, rows(_BEFORE.format(ranked=ranked), (*arguments, *after))[0][0])
    room = min(window.first, total - position)
    found = rows(_PAGE.format(ranked=ranked, after=_AFTER if after else ""),
                 (*arguments, *after, room)) if room > 0 else []
    if any(t == TIER_TYPO for t, _, _ in found):
        return None
    shown: list[tuple[SortKey, str]] = [
        ((str(t), f"{length:06d}", entity_id), entity_id) for t, length, entity_id in found
    ]
    return Page(shown, [key for key, _ in shown], total, position + len(shown) < total,
                position > 0)

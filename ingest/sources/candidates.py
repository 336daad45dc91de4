"""Merge candidates for a person to review: scored pairs of ids that may name one thing.

Signals: the same article url or AIID report number, the same name, a name that differs only by
plural, punctuation, a company form ("Inc.") or the OCR slip "Al" for "AI", and AIID's own
`similar_entities.csv`. Pairs already decided (merge or keep apart) are not listed again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ingest.sources.aiid_files import SimilarPair
from ingest.sources.common import fold

_WORD = re.compile(r"[a-z0-9]+")
_FORMS = frozenset("inc llc ltd corp corporation co company plc gmbh the".split())
MAX_BLOCK = 25  # a key shared by more ids than this is too common to pair them all


@dataclass(frozen=True)
class Known:
    """What the candidate search needs of one entity."""

    id: str
    type: str
    name: str
    keys: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    first: Known
    second: Known
    score: float
    why: str


def known_entity(data: dict[str, Any]) -> Known:
    """The search keys of an entity record: name variants, url, AIID report number."""
    props = data.get("properties") or {}
    keys = {f"name:{name_key(n)}" for n in [data["name"], *(data.get("aliases") or [])]}
    if props.get("url"):
        keys.add(f"url:{url_key(props['url'])}")
    if props.get("aiid_report"):
        keys.add(f"report:{props['aiid_report']}")
    return Known(data["id"], data["type"], data["name"], frozenset(k for k in keys if k[-1] != ":"))


def name_key(name: str) -> str:
    """A name with case, accents, punctuation, company forms, plurals and "Al"/"AI" folded."""
    words = [w for w in _WORD.findall(fold(name)) if w not in _FORMS]
    if words and words[-1] == "al":
        words[-1] = "ai"
    return " ".join(_singular(w) for w in words)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip().lower()).rstrip("/")


def find_candidates(
    entities: Iterable[Known], similar: Iterable[SimilarPair], decided: set[frozenset[str]],
) -> list[Candidate]:
    """Every undecided pair with a signal, best first."""
    by_id = {e.id: e for e in entities}
    found: dict[frozenset[str], Candidate] = {}
    blocks: dict[str, list[Known]] = defaultdict(list)
    for entity in by_id.values():
        for key in entity.keys:
            blocks[key].append(entity)
    for key, group in blocks.items():
        if len(group) <= MAX_BLOCK:
            for one, other in combinations(sorted(group, key=lambda e: e.id), 2):
                _offer(found, one, other, *_key_score(key, one, other))
    for pair in similar:
        first, second = by_id.get(pair.first), by_id.get(pair.second)
        if first is not None and second is not None and first.id != second.id:
            _offer(found, first, second, 0.9 * pair.similarity / 100,
                   f"AIID similar_entities.csv ({pair.similarity:.1f}%)")
    undecided = [c for pair, c in found.items() if pair not in decided]
    return sorted(undecided, key=lambda c: (-c.score, c.first.id, c.second.id))


def _key_score(key: str, one: Known, other: Known) -> tuple[float, str]:
    kind = key.split(":", 1)[0]
    if kind == "url":
        return 1.0, "same url"
    if kind == "report":
        return 1.0, "same AIID report number"
    if fold(one.name) == fold(other.name):
        return 0.95, "same name"
    return 0.9, "name variant (plural, punctuation, company form or Al/AI)"


def _offer(found: dict[frozenset[str], Candidate], one: Known, other: Known,
           score: float, why: str) -> None:
    if (one.type == "Article") != (other.type == "Article"):
        return
    if one.type != other.type:
        score, why = score - 0.2, f"{why}; types differ"
    pair = frozenset((one.id, other.id))
    seen = found.get(pair)
    if seen is None or score > seen.score:
        first, second = sorted((one, other), key=lambda e: e.id)
        found[pair] = Candidate(first, second, round(score, 3), why)

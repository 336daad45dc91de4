"""The words headline facts are read with: hedges, action verbs, places (in
`data/resolution/headline_words.yaml`, checked when first read), and amounts (parsed here).

A title with a hedge anywhere states no fact. Verbs are listed per relation type with the
forms a headline uses (present, past, the plural present after a list of actors). A bad words
file is refused with FILE:LINE and what to change (issue 13), as typing_words.yaml is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.loading import InputRefused
from ingest.word_files import line, mapping, read_word_file, word_list

WORDS_FILE = "headline_words.yaml"
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "resolution" / WORDS_FILE
ACTIONS = ("FINED", "SUED", "ORDERED", "INVESTIGATED", "CHARGED", "SANCTIONED")
LISTS = ("passive", "settle", "settlement_objects", "settlement_verbs", "opens", "amount_words",
         "not_agencies", "modal", "boundary", "body_nouns", "specific_bodies", "places")
KEYS = ("hedges", "verbs", "opened_nouns", *LISTS)


@dataclass(frozen=True)
class HeadlineWords:
    """The file's lists, ready to match: the hedge pattern compiled, verbs by folded form."""

    hedge: re.Pattern[str]
    verbs: dict[str, str]  # folded verb form -> relation type
    opened_nouns: dict[str, tuple[tuple[str, ...], str]]  # noun -> (introducers, type)
    passive: frozenset[str]
    settle: frozenset[str]
    settlement_objects: frozenset[str]
    settlement_verbs: frozenset[str]
    opens: frozenset[str]
    amount_words: frozenset[str]
    not_agencies: frozenset[str]  # in capitals, as titles write them ("CEO")
    modal: frozenset[str]
    boundary: frozenset[str]
    body_nouns: frozenset[str]
    specific_bodies: frozenset[str]
    places: frozenset[str]


@functools.cache
def default_words() -> HeadlineWords:
    """The repository's reviewed headline words (read and checked once)."""
    return load_words(DEFAULT_PATH)


def load_words(path: Path) -> HeadlineWords:
    """Read and check a headline-words file; InvalidInput names FILE:LINE and the fix."""
    return read_word_file(path, KEYS, _words)


def _hedge(node: yaml.Node) -> re.Pattern[str]:
    hedges = word_list("hedges", node)
    for item, hedge in zip(node.value, hedges, strict=True):
        try:
            re.compile(hedge)
        except re.error as exc:
            raise InputRefused(f"hedge {hedge!r} is no regular expression: {exc}",
                               line(item)) from None
    return re.compile(r"\?|\b(" + "|".join(hedges) + r")\b", re.IGNORECASE)


def _verbs(node: yaml.Node) -> dict[str, str]:
    found: dict[str, str] = {}
    for action, forms in mapping(node, None).items():
        if action not in ACTIONS:
            raise InputRefused(f"verbs: unknown relation type {action!r}; use one of "
                               f"{', '.join(ACTIONS)}", line(forms))
        found.update(dict.fromkeys(word_list(f"verbs {action}", forms), action))
    return found


def _opened(node: yaml.Node) -> dict[str, tuple[tuple[str, ...], str]]:
    found = {}
    for noun, value in mapping(node, None).items():
        parts = mapping(value, ("introduced_by", "type"))
        action = str(getattr(parts["type"], "value", ""))
        if action not in ACTIONS:
            raise InputRefused(f"opened_nouns {noun}: unknown relation type {action!r}",
                               line(parts["type"]))
        found[noun] = (word_list(f"opened_nouns {noun}", parts["introduced_by"]), action)
    return found


def _words(found: dict[str, yaml.Node]) -> HeadlineWords:
    lists = {key: frozenset(word_list(key, found[key])) for key in LISTS}
    lists["not_agencies"] = frozenset(w.upper() for w in lists["not_agencies"])
    return HeadlineWords(hedge=_hedge(found["hedges"]), verbs=_verbs(found["verbs"]),
                         opened_nouns=_opened(found["opened_nouns"]), **lists)


# a word in capitals that may be an agency's acronym ("OSHA", "IHC"), and capitals that are not
ACRONYM = re.compile(r"[A-Z]{3,6}")
LIST_JOIN = re.compile(r"^\s*(?:,|and|&|,\s*and)\s*$", re.IGNORECASE)
BREAK = re.compile(r"[,:;|()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s")

_AMOUNT = re.compile(
    r"(?P<cur>US\$|A\$|C\$|\$|€|£|₩|\bW|\bRs\.?\s?)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<mult>k\b|m\b|mn\b|mil\b\.?|million|bn\b|b\b|bil\b\.?|billion|thousand)?"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<mult2>million|billion|thousand|m|bn)?\s*"
    r"(?P<cur2>euros?|dollars|pounds|won)\b", re.IGNORECASE)
_CURRENCY = {"us$": "USD", "$": "USD", "a$": "AUD", "c$": "CAD", "€": "EUR", "£": "GBP",
             "₩": "KRW", "w": "KRW", "rs": "INR", "rs.": "INR", "euro": "EUR", "euros": "EUR",
             "dollars": "USD", "pounds": "GBP", "won": "KRW"}
_MULTIPLIER = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "mil.": 1e6,
               "million": 1e6, "b": 1e9, "bn": 1e9, "bil": 1e9, "bil.": 1e9, "billion": 1e9}


def hedged(title: str) -> bool:
    """Whether the title hedges (alleged, may, plans to, a question...): then it states no fact."""
    return default_words().hedge.search(title) is not None


def amount(title: str) -> tuple[float, str] | None:
    """The one money amount a title states, with its currency; None when none or several."""
    found = list(_AMOUNT.finditer(title))
    if len(found) != 1:
        return None
    m = found[0]
    cur = (m.group("cur") or m.group("cur2") or "").strip().lower()
    num = float((m.group("num") or m.group("num2")).replace(",", ""))
    mult = (m.group("mult") or m.group("mult2") or "").lower()
    value = num * _MULTIPLIER.get(mult, 1.0)
    return (int(value) if value == int(value) else value, _CURRENCY[cur])

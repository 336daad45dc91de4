"""The typing rules' order and word lists, read from `data/resolution/typing_words.yaml`.

Every key of the file is required and no other is accepted; each word list is a list of
text; each rule names one of the rules `typing_rules` knows and one of the schema's party
types. A bad file is refused with FILE:LINE and what to change, before anything is typed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from ingest.loading import InputRefused
from ingest.word_files import line, read_word_file, word_list

WORDS_FILE = "typing_words.yaml"
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "resolution" / WORDS_FILE
RULE_NAMES = ("person_role", "person_noun_last", "population", "police", "organisation_word",
              "agency", "company_form", "outlet_last_word")
RULE_TYPES = ("Company", "Platform", "Agency", "Organization", "Person", "Group", "Publisher",
              "Product")


@dataclass(frozen=True)
class TypingWords:
    """One field per word list of the file (a list in the file, a frozenset or tuple here)."""

    rules: tuple[tuple[str, str], ...]
    populations: frozenset[str]
    strong_plurals: frozenset[str]
    person_nouns: frozenset[str]
    unknown_words: frozenset[str]
    demonym_plural_endings: tuple[str, ...]
    population_phrases: tuple[str, ...]
    population_prefixes: tuple[str, ...]
    police_words: frozenset[str]
    agency_words: frozenset[str]
    agency_prefixes: tuple[str, ...]
    company_prefixes: tuple[str, ...]
    company_endings: frozenset[str]
    company_words: frozenset[str]
    organisation_words: frozenset[str]
    abstract_harms: frozenset[str]
    abstract_phrases: tuple[str, ...]
    party_outlet_words: frozenset[str]
    placeholders: frozenset[str]
    placeholder_first: frozenset[str]
    product_words: frozenset[str]
    not_person_words: frozenset[str]
    outlet_words: frozenset[str]
    byline_agency_words: frozenset[str]
    byline_group_words: frozenset[str]
    byline_organisation_words: frozenset[str]
    not_plural_endings: tuple[str, ...]
    agency_phrases: tuple[str, ...]
    company_words_anywhere: frozenset[str]
    website_endings: tuple[str, ...]
    account_words: frozenset[str]
    account_platforms: frozenset[str]
    name_particles: frozenset[str]
    outlet_last_words: frozenset[str]
    anonymised_name_marks: tuple[str, ...]
    byline_desk_words: frozenset[str]
    describers_company: frozenset[str]
    describers_publisher: frozenset[str]
    describers_product: frozenset[str]
    describers_platform: frozenset[str]
    describers_person: frozenset[str]
    describers_organisation: frozenset[str]
    describers_agency: frozenset[str]
    byline_company_words: frozenset[str]
    customer_words: frozenset[str]
    collective_words: frozenset[str]

    @functools.cached_property
    def describers(self) -> dict[str, str]:
        """Each describing noun's type ("firm" -> Company), from the describers_* lists."""
        lists = {"Company": self.describers_company, "Publisher": self.describers_publisher,
                 "Product": self.describers_product, "Platform": self.describers_platform,
                 "Person": self.describers_person, "Organization": self.describers_organisation,
                 "Agency": self.describers_agency}
        return {word: etype for etype, words in lists.items() for word in words}


_ORDERED = {f.name for f in fields(TypingWords) if f.type == "tuple[str, ...]"}
_KEYS = tuple(f.name for f in fields(TypingWords))


@functools.cache
def default_words() -> TypingWords:
    """The repository's reviewed word lists (read once)."""
    return load_words(DEFAULT_PATH)


def load_words(path: Path) -> TypingWords:
    """Read and check a typing-words file; InvalidInput names FILE:LINE and the fix."""
    return read_word_file(path, _KEYS, _words)


def _words(found: dict[str, yaml.Node]) -> TypingWords:
    lists: dict[str, Any] = {
        key: _rules(node) if key == "rules" else
        word_list(key, node) if key in _ORDERED else frozenset(word_list(key, node))
        for key, node in found.items()
    }
    return TypingWords(**lists)


def _rules(node: yaml.Node) -> tuple[tuple[str, str], ...]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise InputRefused("'rules' must be a list of {rule: NAME, type: TYPE}", line(node))
    found = []
    for item in node.value:
        pairs = ({k.value: v.value for k, v in item.value}
                 if isinstance(item, yaml.MappingNode) else {})
        rule, etype = pairs.get("rule"), pairs.get("type")
        if set(pairs) != {"rule", "type"} or rule not in RULE_NAMES or etype not in RULE_TYPES:
            raise InputRefused(f"each rule is {{rule: one of {', '.join(RULE_NAMES)}, type: one "
                               f"of {', '.join(RULE_TYPES)}}}", line(item))
        found.append((str(rule), str(etype)))
    return tuple(found)

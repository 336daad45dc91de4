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

from ingest.loading import MAX_YAML_BYTES, InputRefused, read_text_file
from ingest.strict_yaml import StrictLoader

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

    @functools.cached_property
    def describers(self) -> dict[str, str]:
        """Each describing noun's type ("firm" -> Company), from the describers_* lists."""
        lists = {"Company": self.describers_company, "Publisher": self.describers_publisher,
                 "Product": self.describers_product, "Platform": self.describers_platform,
                 "Person": self.describers_person, "Organization": self.describers_organisation,
                 "Agency": self.describers_agency}
        return {word: etype for etype, words in lists.items() for word in words}


_ORDERED = {f.name for f in fields(TypingWords) if f.type == "tuple[str, ...]"}
_KEYS = [f.name for f in fields(TypingWords)]
# a word is read as written: "on", "no" are words here, not YAML 1.1 booleans
_TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:bool")


@functools.cache
def default_words() -> TypingWords:
    """The repository's reviewed word lists (read once)."""
    return load_words(DEFAULT_PATH)


def load_words(path: Path) -> TypingWords:
    """Read and check a typing-words file; InvalidInput names FILE:LINE and the fix."""
    try:
        return _words(_compose(read_text_file(path, MAX_YAML_BYTES)))
    except InputRefused as exc:
        raise exc.at(path) from None


def _compose(text: str) -> yaml.MappingNode:
    try:
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputRefused(f"malformed YAML: {exc.problem or exc}",
                           mark.line + 1 if mark else 0) from None
    if not isinstance(node, yaml.MappingNode):
        raise InputRefused(f"expected a mapping with the keys {', '.join(_KEYS)}", 1)
    return node


def _words(node: yaml.MappingNode) -> TypingWords:
    found: dict[str, Any] = {}
    for key_node, value in node.value:
        key = key_node.value
        if key not in _KEYS:
            raise InputRefused(f"unknown key {key!r}; the keys are {', '.join(_KEYS)}",
                               _line(key_node))
        if key in found:
            raise InputRefused(f"{key!r} is given twice; keep one", _line(key_node))
        found[key] = _rules(value) if key == "rules" else _list(key, value)
    missing = [k for k in _KEYS if k not in found]
    if missing:
        raise InputRefused(f"missing word lists: {', '.join(missing)}", _line(node))
    return TypingWords(**found)


def _list(key: str, node: yaml.Node) -> frozenset[str] | tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise InputRefused(f"{key!r} must be a list of words ([a, b, ...])", _line(node))
    words = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag not in _TEXT_TAGS or (
                not item.value.strip() or item.value != item.value.strip().lower()):
            raise InputRefused(f"{key!r}: each word is lower-case text without spaces around "
                               f"it; found {getattr(item, 'value', item)!r}", _line(item))
        words.append(item.value)
    return tuple(words) if key in _ORDERED else frozenset(words)


def _rules(node: yaml.Node) -> tuple[tuple[str, str], ...]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise InputRefused("'rules' must be a list of {rule: NAME, type: TYPE}", _line(node))
    found = []
    for item in node.value:
        pairs = ({k.value: v.value for k, v in item.value}
                 if isinstance(item, yaml.MappingNode) else {})
        rule, etype = pairs.get("rule"), pairs.get("type")
        if set(pairs) != {"rule", "type"} or rule not in RULE_NAMES or etype not in RULE_TYPES:
            raise InputRefused(f"each rule is {{rule: one of {', '.join(RULE_NAMES)}, type: one "
                               f"of {', '.join(RULE_TYPES)}}}", _line(item))
        found.append((str(rule), str(etype)))
    return tuple(found)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1

"""Checked word files (`data/resolution/*_words.yaml`): read as YAML nodes, so that every
refusal names FILE:LINE and what to change, before anything is read with the words.

A word file is one mapping of fixed keys; a word list is a YAML list of lower-case text
(`on` and `no` are words here, not YAML 1.1 booleans). The typing and headline readers
declare their keys and shapes and take the checked nodes from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ingest.loading import MAX_YAML_BYTES, InputRefused, read_text_file
from ingest.strict_yaml import StrictLoader

Words = TypeVar("Words")
_TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:bool")


def read_word_file(path: Path, keys: tuple[str, ...],
                   build: Callable[[dict[str, yaml.Node]], Words]) -> Words:
    """The file's top-level nodes by key (every key required, no other), made into words by
    `build`; InvalidInput names FILE:LINE and the fix."""
    try:
        return build(mapping(_compose(read_text_file(path, MAX_YAML_BYTES), keys), keys))
    except InputRefused as exc:
        raise exc.at(path) from None


def _compose(text: str, keys: tuple[str, ...]) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputRefused(f"malformed YAML: {exc.problem or exc}",
                           mark.line + 1 if mark else 0) from None
    if not isinstance(node, yaml.MappingNode):
        raise InputRefused(f"expected a mapping with the keys {', '.join(keys)}", 1)
    return node


def mapping(node: yaml.Node, keys: tuple[str, ...] | None) -> dict[str, Any]:
    """A mapping node's values by key; with `keys`, every one required and no other."""
    if not isinstance(node, yaml.MappingNode):
        raise InputRefused("expected a mapping (key: value, ...)", line(node))
    found: dict[str, Any] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if keys is not None and key not in keys:
            raise InputRefused(f"unknown key {key!r}; the keys are {', '.join(keys)}",
                               line(key_node))
        if key in found:
            raise InputRefused(f"{key!r} is given twice; keep one", line(key_node))
        found[key] = value
    missing = [k for k in keys or () if k not in found]
    if missing:
        raise InputRefused(f"missing keys: {', '.join(missing)}", line(node))
    return found


def word_list(key: str, node: yaml.Node) -> tuple[str, ...]:
    """A list of lower-case words, in the file's order."""
    if not isinstance(node, yaml.SequenceNode):
        raise InputRefused(f"{key!r} must be a list of words ([a, b, ...])", line(node))
    words = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag not in _TEXT_TAGS or (
                not item.value.strip() or item.value != item.value.strip().lower()):
            raise InputRefused(f"{key!r}: each word is lower-case text without spaces around "
                               f"it; found {getattr(item, 'value', item)!r}", line(item))
        words.append(str(item.value))
    return tuple(words)


def line(node: yaml.Node) -> int:
    """The node's line in the file, from 1."""
    return int(node.start_mark.line) + 1

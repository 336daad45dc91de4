"""Strict YAML: the safe loader without aliases, duplicate keys, implicit dates, NaN or depth.

An alias (`*name`) is refused where it stands, so a few hundred bytes cannot expand into
gigabytes. A key given twice in one mapping is refused at the second one's line (the plain
loader silently keeps the last). Dates stay text, so `2020-02-30` is refused by the date
check with a reason instead of crashing the parser; `.nan` and `.inf` are refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ingest.loading import MAX_DEPTH, MAX_YAML_BYTES, InputRefused, read_text_file

LINE_KEY = "__line__"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class StrictLoader(yaml.SafeLoader):
    """The safe loader, stricter (see the module docstring)."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None,
                "aliases (*name) are not accepted; write the value out in full",
                self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be plain text", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} in one mapping; keep one",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = super().construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a finite number", node.start_mark
            )
        return value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError as exc:  # more digits than Python converts
            raise yaml.constructor.ConstructorError(
                None, None, f"not a usable integer: {exc}", node.start_mark
            ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)


class LineLoader(StrictLoader):
    """A strict loader that records each mapping's 1-based line under LINE_KEY."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def loads_yaml(text: str, loader: type[StrictLoader] = StrictLoader) -> Any:
    """Parse YAML strictly; InputRefused carries the line and the reason."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise InputRefused(f"malformed YAML: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise InputRefused(f"malformed YAML: {exc}") from None
    except RecursionError:
        raise InputRefused(f"YAML nested deeper than {MAX_DEPTH} levels") from None


def read_yaml_file(path: Path, loader: type[StrictLoader] = StrictLoader) -> Any:
    """One strict YAML document from a regular file of at most MAX_YAML_BYTES; InvalidInput
    names FILE:LINE and why."""
    try:
        return loads_yaml(read_text_file(path, MAX_YAML_BYTES), loader)
    except InputRefused as exc:
        raise exc.at(path) from None

"""Reading inputs safely: regular files only, explicit size and depth limits, strict JSON.

Every input file aikg reads (curated YAML, NDJSON, the third-party sources, the resolution
files) goes through `read_regular`: a FIFO, a device or a folder is refused before a byte is
read, and so is a file over its size limit. JSON is parsed strictly: duplicate keys, NaN and
Infinity and nesting deeper than `MAX_DEPTH` are refused with the line and a reason.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput

MAX_DEPTH = 64  # deepest nesting of JSON arrays/objects or YAML collections
MAX_YAML_BYTES = 16 * 1024 * 1024  # one curated or resolution YAML file
MAX_JSON_BYTES = 512 * 1024 * 1024  # one JSON document (a source's data.json)
MAX_NDJSON_BYTES = 2 * 1024 * 1024 * 1024  # one NDJSON file
LINE_BREAK = "\n"  # NDJSON lines end here only; U+2028, U+2029, U+0085 are string content
_KINDS = {
    stat.S_ISDIR: "a folder",
    stat.S_ISFIFO: "a FIFO (named pipe)",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
}


class InputRefused(ValueError):
    """An input that cannot be read as given; `line` is 1-based, 0 when the whole file is meant."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line

    def at(self, path: Path | str) -> InvalidInput:
        """The refusal as the error users see: FILE:LINE: reason."""
        where = f"{path}:{self.line}" if self.line else str(path)
        return InvalidInput(f"{where}: {self}")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else InputRefused saying why.

    The file is opened without blocking and checked before it is read, so a FIFO or a device
    named like an input neither hangs the ingest nor fills the memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputRefused(f"cannot read file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = next((name for test, name in _KINDS.items() if test(info.st_mode)), None)
        if kind is not None or not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"not a regular file ({kind or 'a special file'}); give a file")
        if info.st_size > limit:
            raise InputRefused(f"the file is {info.st_size} bytes, over the limit of {limit}")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputRefused(f"the file grew past the limit of {limit} bytes while being read")
    return data


def decode_utf8(raw: bytes) -> str:
    """`raw` as UTF-8 text, or InputRefused naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputRefused(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
            line,
        ) from None


def read_text_file(path: Path, limit: int) -> str:
    """A regular UTF-8 text file of at most `limit` bytes."""
    return decode_utf8(read_regular(path, limit))


def nesting_depth(text: str) -> int:
    """The deepest nesting of [ and { in JSON text, outside strings."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0  # cannot be deeper than the brackets it holds (the common, cheap case)
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):  # a key came twice: name the first repeated one
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Strict(f"duplicate key {key!r} in one object; keep one")
            seen.add(key)
    return found


def _constant(name: str) -> Any:
    raise _Strict(f"{name} is not a JSON number; write null or a finite number")


class _Strict(ValueError):
    """A strictness rule broken while decoding."""


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_constant)


def loads_json(text: str) -> Any:
    """Parse JSON strictly; InputRefused names the reason (and line, for multi-line text)."""
    if nesting_depth(text) > MAX_DEPTH:
        raise InputRefused(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise InputRefused(f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except _Strict as exc:
        raise InputRefused(str(exc)) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer of more than 4300 digits
        raise InputRefused(f"malformed JSON: {exc}") from None


# the C scanner `decode` calls, with the same hooks
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]


def json_object_line(line: str) -> Any:
    """A line holding exactly one JSON object, parsed by the scanner `loads_json` uses but
    without its checks of what surrounds the object; None when the line is anything else
    (leading or trailing characters, deep nesting, a malformed or non-strict object): then
    `loads_json` parses it and says why it is refused, if it is."""
    if not line.startswith("{") or nesting_depth(line) > MAX_DEPTH:
        return None
    try:
        found, end = _SCAN(line, 0)
    except (StopIteration, ValueError, RecursionError):  # _Strict and JSONDecodeError included
        return None
    return found if end == len(line) else None


def json_lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of NDJSON text with their 1-based numbers, split at \\n only."""
    return [
        (number, line.removesuffix("\r"))
        for number, line in enumerate(text.split(LINE_BREAK), 1)
        if line.strip()
    ]


def read_json_file(path: Path, limit: int = MAX_JSON_BYTES) -> Any:
    """One strict JSON document from a regular file; InvalidInput names FILE:LINE and why."""
    try:
        return loads_json(read_text_file(path, limit))
    except InputRefused as exc:
        raise exc.at(path) from None

"""Raw records on their way in: where each came from, and the problems found with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class Origin:
    """A place in an input file: path and 1-based line (0 when the whole file is meant)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, order=True)
class Problem:
    """One reason to refuse an input, with where it was found."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class RawRecord:
    """One interchange object (entity or relation) as parsed, before validation."""

    data: dict[str, Any]
    origin: Origin


@dataclass
class ParsedFile:
    """What one input file yielded: records, and problems that stop it from loading."""

    path: Path
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text as UTF-8, or None with a problem that names the line of a bad byte."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(Origin(str(path)), f"cannot read file: {exc.strerror}"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(
                Origin(str(path), line),
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "save the file as UTF-8",
            )
        )
        return None

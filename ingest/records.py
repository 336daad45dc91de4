"""Raw records on their way in: where each came from, and the problems found with them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.loading import InputRefused, read_text_file


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


def read_text(path: Path, problems: list[Problem], limit: int) -> str | None:
    """The text of a regular UTF-8 file of at most `limit` bytes, or None with a problem that
    says why not (not a regular file, too large, unreadable, or the line of a bad byte)."""
    try:
        return read_text_file(path, limit)
    except InputRefused as exc:
        problems.append(Problem(Origin(str(path), exc.line), str(exc)))
        return None

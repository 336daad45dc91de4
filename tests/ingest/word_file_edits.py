"""A reviewed word file with one edit, written to a temporary folder, and where a line is: for
the tests of the checked word files (typing and headline words)."""

from __future__ import annotations

from pathlib import Path


def edited(reviewed: Path, folder: Path, old: str, new: str) -> Path:
    """A copy of `reviewed` in `folder` with the first `old` replaced by `new`."""
    text = reviewed.read_text(encoding="utf-8")
    assert old in text
    path = folder / reviewed.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    """The number (from 1) of the first line of `path` holding `fragment`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if fragment in line)

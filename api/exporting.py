"""Exports written to files or stdout: what `aikg export` does around graph.export's writers."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from api.cli_choices import STDOUT
from graph.errors import InvalidInput
from graph.export.formats import ExportFormat, write_chunks
from graph.export.selection import GraphExport
from graph.store.base import Progress


@dataclass(frozen=True)
class Written:
    """Where an export went and how much it held."""

    paths: tuple[str, ...]
    entities: int
    relations: int


def write_export(
    export: GraphExport,
    fmt: ExportFormat,
    output: str,
    nodes_output: str | None = None,
    progress: Progress | None = None,
) -> Written:
    """Write the export to `output` (a path, or - for stdout); CSV also writes its nodes table.

    Files are written to a temporary name and renamed when complete, so a failed export never
    leaves a half-written file under the requested name.
    """
    targets = [(output, fmt.chunks)]
    if fmt.nodes_table is not None:
        nodes_path = nodes_output or (None if output == STDOUT else fmt.nodes_path_for(output))
        if nodes_path is None:
            raise InvalidInput(
                f"{fmt.name} writes two tables: with -o - (stdout) for the edges, "
                "give --nodes FILE for the nodes table"
            )
        targets.insert(0, (nodes_path, fmt.nodes_table))
    elif nodes_output is not None:
        raise InvalidInput(f"--nodes is for the edgelist format only, not {fmt.name}")
    for path, _ in targets:
        writable(path)
    for path, chunks in targets:
        _write(path, chunks(export, progress))
    return Written(tuple(p for p, _ in targets), export.entities_written, export.relations_written)


def writable(path: str) -> None:
    """Refuse, before any work, an output whose folder is missing or cannot be written."""
    if path == STDOUT:
        return
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name to write")
    if not folder.is_dir():
        raise InvalidInput(f"cannot write {path}: the folder {folder} does not exist; create it")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(f"cannot write {path}: the folder {folder} is not writable")


def _write(path: str, chunks: Iterable[str]) -> None:
    if path == STDOUT:
        write_chunks(chunks, sys.stdout)
        sys.stdout.flush()
        return
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            write_chunks(chunks, handle)
        tmp.replace(target)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)

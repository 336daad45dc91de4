"""The project's import graph, read from the source: the diagram of docs/architecture.md and
the test that the graph has no cycles (tests/test_architecture.py) both come from here.

Every `import` counts, at module level, under `if TYPE_CHECKING:` or inside a function: a
cycle is a cycle to a reader even when Python happens to tolerate it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from graph.settings import PROJECT_ROOT

PACKAGES = ("graph", "queries", "ingest", "api")
# The boxes of the diagram: each module belongs to the deepest of these that holds it.
UNITS = ("graph", "graph.store", "graph.export", "queries", "ingest", "ingest.sources", "api",
         "api.gql")


def modules(root: Path = PROJECT_ROOT) -> dict[str, Path]:
    """Every module of the four packages by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported(node: ast.AST, known: dict[str, Path]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in known)
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        for alias in node.names:  # `from package import module` imports the module
            submodule = f"{node.module}.{alias.name}"
            yield submodule if submodule in known else node.module


def import_edges(root: Path = PROJECT_ROOT) -> set[tuple[str, str]]:
    """(importer, imported) for every import of one project module by another."""
    known = modules(root)
    edges: set[tuple[str, str]] = set()
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges |= {(name, target) for node in ast.walk(tree)
                  for target in _imported(node, known) if target in known and target != name}
    return edges


def unit_of(module: str) -> str:
    return max((u for u in UNITS if module == u or module.startswith(u + ".")), key=len)


def unit_edges(root: Path = PROJECT_ROOT) -> set[tuple[str, str]]:
    """The import graph between the diagram's boxes (a box importing itself left out)."""
    return {(unit_of(a), unit_of(b)) for a, b in import_edges(root)
            if unit_of(a) != unit_of(b)}


def mermaid(edges: set[tuple[str, str]]) -> str:
    """A Mermaid flowchart: an arrow from each box to each box it imports."""
    def box(unit: str) -> str:
        return f'{unit.replace(".", "_")}["{unit.replace(".", "/")}/"]'

    lines = ["```mermaid", "flowchart RL"]
    lines += [f"  {box(a)} --> {box(b)}" for a, b in sorted(edges)]
    return "\n".join([*lines, "```"])

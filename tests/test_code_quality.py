"""The house rules as tests: lint, strict types, and the dependency rule between packages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from graph.settings import PROJECT_ROOT

PACKAGES = ["graph", "queries", "ingest", "api"]
# Each package may import only itself and the packages to its left: graph ← queries ← ingest ← api.
ALLOWED = {name: set(PACKAGES[: i + 1]) for i, name in enumerate(PACKAGES)}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_dependency_rule(package: str) -> None:
    for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
        forbidden = (_imports(path) & set(PACKAGES)) - ALLOWED[package]
        assert not forbidden, f"{path.relative_to(PROJECT_ROOT)} imports {sorted(forbidden)}"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_ruff_is_clean() -> None:
    targets = [p for p in (*PACKAGES, "tests", "bench") if (PROJECT_ROOT / p).exists()]
    done = _run("ruff", "check", *targets)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean() -> None:
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr

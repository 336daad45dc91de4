"""Start-up costs nothing it does not use: facts about imports, not timings
(`python -m bench.startup_bench` measures the time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api import cli_choices
from api.cli_export import DRAW_MISSING
from tests.cli_runner import aikg
from tests.conftest import CURATED

OPTIONAL = ("neo4j", "matplotlib")  # the Neo4j store's driver; the `draw` extra
QUERY_MODULES = ("research", "traversal", "paths", "timeline", "aggregates", "filtering")
HEAVY = (*OPTIONAL, "networkx", "pandas", "strawberry", "fastapi", "uvicorn")


def _modules_after(code: str, data_dir: Path) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    env = {**os.environ, "AIKG_DATA_DIR": str(data_dir), "AIKG_STORE": "embedded"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return set(done.stdout.splitlines()[-1].split())  # the last line: after any help text


def _loaded_after(code: str, data_dir: Path) -> set[str]:
    return {name.split(".")[0] for name in _modules_after(code, data_dir)}


def _cli(args: list[str]) -> str:
    return f"from api.cli import cli\ncli.main({args!r}, standalone_mode=False)"


def _under(modules: set[str], *packages: str) -> list[str]:
    inside = tuple(f"{package}." for package in packages)
    return sorted(m for m in modules if m in packages or m.startswith(inside))


def test_the_cli_module_loads_no_heavy_package(tmp_path: Path) -> None:
    loaded = _loaded_after("import api.cli", tmp_path / "store")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_and_stats_on_the_embedded_store_load_neither_driver_nor_matplotlib(
        tmp_path: Path) -> None:
    store = tmp_path / "store"
    aikg(store, "ingest", "-q", str(CURATED / "2020-02-27-clearview-ai-client-list-stolen.yaml"),
         check=True)
    for args in (["--help"], ["stats"]):
        loaded = _loaded_after(_cli(args), store)
        assert not loaded & set(OPTIONAL), (args, sorted(loaded & set(OPTIONAL)))


def test_draw_without_matplotlib_says_how_to_install_it(tmp_path: Path) -> None:
    hide = ("import sys; sys.modules['matplotlib'] = None; "  # as if the extra were absent
            "sys.argv = ['aikg', 'draw', 'clearview-ai', '-o', 'x.png']; "
            "from api.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", hide],
                          env={**os.environ, "AIKG_DATA_DIR": str(tmp_path / "store")},
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1] == f"error: {DRAW_MISSING}"
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("module", ["api.app", "api.gql.schema"])
def test_the_app_does_not_load_the_driver_for_the_embedded_store(
        module: str, tmp_path: Path) -> None:
    loaded = _loaded_after(f"import {module}", tmp_path / "store")
    assert "neo4j" not in loaded and "matplotlib" not in loaded


def test_help_builds_the_parser_from_light_modules_only(tmp_path: Path) -> None:
    """`aikg --help` (and `import api.cli`) load no command's work: no source extraction,
    export writer, store, schema or settings reader, and no YAML parser."""
    for code in ("import api.cli", _cli(["--help"]), _cli(["export", "--help"])):
        loaded = _modules_after(code, tmp_path / "store")
        work = _under(loaded, "ingest", "queries", "graph.export", "graph.store", "graph.schema",
                      "api.stores", "api.exporting", "yaml", "pydantic", "pydantic_settings")
        assert not work, (code, work)


def test_the_parsers_choices_are_the_implementations_names() -> None:
    from graph.export.formats import FORMATS
    from ingest.sources.pipeline import SOURCES

    assert SOURCES == cli_choices.SOURCES
    assert tuple(FORMATS) == cli_choices.EXPORT_FORMATS


def test_stats_loads_the_embedded_store_but_no_query_or_command_work(tmp_path: Path) -> None:
    """`aikg stats` opens the store and counts: the researchers' queries (bound as methods,
    loaded on first call), exports, ingest and the other stores stay unloaded."""
    store = tmp_path / "store"
    aikg(store, "ingest", "-q", str(CURATED / "2020-02-27-clearview-ai-client-list-stolen.yaml"),
         check=True)
    loaded = _modules_after(_cli(["stats"]), store)
    assert "graph.store.embedded" in loaded
    work = _under(loaded, "ingest", "queries", "graph.export", "api.exporting",
                  *(f"graph.store.{m}" for m in QUERY_MODULES))
    assert not work, work

"""Start-up costs nothing it does not use: facts about imports, not timings
(`python -m bench.startup_bench` measures the time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli_export import DRAW_MISSING
from tests.cli_runner import aikg
from tests.conftest import CURATED

OPTIONAL = ("neo4j", "matplotlib")  # the Neo4j store's driver; the `draw` extra
HEAVY = (*OPTIONAL, "networkx", "pandas", "strawberry", "fastapi", "uvicorn")


def _loaded_after(code: str, data_dir: Path) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    env = {**os.environ, "AIKG_DATA_DIR": str(data_dir), "AIKG_STORE": "embedded"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return {name.split(".")[0] for name in done.stdout.split()}


def test_the_cli_module_loads_no_heavy_package(tmp_path: Path) -> None:
    loaded = _loaded_after("import api.cli", tmp_path / "store")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_and_stats_on_the_embedded_store_load_neither_driver_nor_matplotlib(
        tmp_path: Path) -> None:
    store = tmp_path / "store"
    aikg(store, "ingest", "-q", str(CURATED / "2020-02-27-clearview-ai-client-list-stolen.yaml"),
         check=True)
    for args in (["--help"], ["stats"]):
        run = f"from api.cli import cli\ncli.main({args!r}, standalone_mode=False)"
        loaded = _loaded_after(run, store)
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

"""`aikg` in a subprocess (issue 12, classes 1 and 7): one `error:` line and a documented exit
status for every failure, never a traceback; the store in use is named."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest

from graph.settings import PROJECT_ROOT
from tests.cli_runner import AIKG, aikg
from tests.conftest import CURATED

EXIT_REFUSED, EXIT_ERROR = 1, 2


def _one_error_line(stderr: str) -> str:
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "Traceback" not in stderr, stderr
    assert len(errors) == 1, stderr
    return errors[0]


def test_a_store_folder_that_cannot_be_created_is_one_error_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = aikg(blocker / "store", "ingest", "-q", str(CURATED))
    assert done.returncode == EXIT_ERROR
    assert str(blocker) in _one_error_line(done.stderr)


def test_a_csv_given_as_the_litigation_json_is_refused_by_name(tmp_path: Path) -> None:
    csv = tmp_path / "data.csv"
    csv.write_text("a,b\n1,2\n")
    done = aikg(tmp_path / "store", "ingest", "-q", "--source", "ai-incident-law", str(csv))
    assert done.returncode == EXIT_ERROR
    assert _one_error_line(done.stderr).startswith(f"error: {csv}:1: malformed JSON: ")


@pytest.mark.parametrize("where", ["missing/folder/graph.json", "."])
def test_export_into_a_missing_folder_or_a_folder_is_refused_first(
    tmp_path: Path, where: str
) -> None:
    aikg(tmp_path / "store", "ingest", "-q", str(CURATED), check=True)
    done = aikg(tmp_path / "store", "export", "-q", "--format", "node-link", "-o",
                str(tmp_path / where))
    assert done.returncode == EXIT_ERROR
    line = _one_error_line(done.stderr)
    assert "does not exist; create it" in line or "is a folder" in line
    assert not (tmp_path / "missing").exists()


def test_an_internal_error_is_one_line_with_status_3(tmp_path: Path) -> None:
    bad = tmp_path / "store"
    bad.mkdir()
    done = subprocess.run(
        [*AIKG[:2], "import sys; sys.argv = ['aikg', 'stats']; import api.cli as c; "
         "c.cli.commands['stats'].callback = lambda **k: 1 / 0; c.main()"],
        env={**os.environ, "AIKG_DATA_DIR": str(bad)}, capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert done.returncode == 3
    assert "internal error (ZeroDivisionError" in _one_error_line(done.stderr)


def test_the_store_in_use_is_named_and_resolved_once(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("AIKG_STORE", "AIKG_DATA_DIR")}
    done = subprocess.run(
        [*AIKG, "stats", "--json"], env={**env, "PYTHONPATH": str(PROJECT_ROOT)}, cwd=sub,
        capture_output=True, text=True, timeout=60, check=True,
    )
    assert f"store: embedded at {sub / '.aikg'} (new: nothing ingested there yet)" in done.stderr
    assert json.loads(done.stdout)["entities"] == 0


def test_serve_on_a_busy_port_says_so_before_claiming_to_serve(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = aikg(tmp_path / "store", "serve", "--port", str(port))
    assert done.returncode == EXIT_ERROR
    assert f"cannot listen on 127.0.0.1:{port}" in _one_error_line(done.stderr)
    assert "GraphQL at" not in done.stderr


def test_a_bare_make_lists_the_targets_and_changes_nothing() -> None:
    planned = subprocess.run(["make", "-n"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                             timeout=60, check=True)
    assert "update-readme" not in planned.stdout and "pip" not in planned.stdout
    shown = subprocess.run(["make"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                           timeout=60, check=True)
    assert "make test" in shown.stdout and "make run" in shown.stdout

"""`aikg export` and `aikg draw` in a subprocess, as users and scripts run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.export.formats import FORMATS
from tests.cli_runner import aikg, stats
from tests.conftest import CURATED
from tests.export.readers import read


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "store"
    aikg(folder, "ingest", "-q", str(CURATED), check=True)
    return folder


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_to_a_file_says_what_it_wrote(fmt: str, data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / f"out{FORMATS[fmt].suffix}"
    done = aikg(data_dir, "export", "--format", fmt, "-o", str(target), check=True)
    counts = stats(data_dir)
    assert f"exported {counts['entities']} entities and {counts['relations']} relations" in (
        done.stderr
    )
    assert target.stat().st_size > 0 and not list(tmp_path.glob(".*.tmp"))
    if fmt not in ("ndjson", "statements"):
        graph = read(fmt, target)
        assert graph.number_of_nodes() == counts["entities"]
        assert graph.number_of_edges() == counts["relations"]


def test_export_to_stdout_with_filters(data_dir: Path) -> None:
    done = aikg(data_dir, "export", "--format", "node-link", "--around", "clearview-ai",
                "--relation-type", "SCRAPED_FROM", "-q", check=True)
    data = json.loads(done.stdout)
    assert {n["id"] for n in data["nodes"]} == {"clearview-ai", "facebook", "youtube", "venmo"}
    assert {e["rel_type"] for e in data["edges"]} == {"SCRAPED_FROM"}


def test_edgelist_writes_its_nodes_table_beside_it_or_where_told(
    data_dir: Path, tmp_path: Path
) -> None:
    aikg(data_dir, "export", "--format", "edgelist", "-o", str(tmp_path / "g.csv"), check=True)
    assert (tmp_path / "g.nodes.csv").read_text().startswith("id,kind,name,")
    refused = aikg(data_dir, "export", "--format", "edgelist")
    assert refused.returncode == 2 and "--nodes FILE" in refused.stderr
    done = aikg(data_dir, "export", "--format", "edgelist", "--nodes", str(tmp_path / "n.csv"),
                check=True)
    assert done.stdout.startswith("source,target,id,rel_type,")
    assert (tmp_path / "n.csv").read_text() == (tmp_path / "g.nodes.csv").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "Spaceship"], "unknown entity type Spaceship"),
        (["--around", "nobody"], "no entity with id 'nobody'"),
        (["--since", "2020-13"], "since"),
        (["--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_bad_export_options_exit_2_with_a_reason(
    data_dir: Path, args: list[str], message: str
) -> None:
    done = aikg(data_dir, "export", *args)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_draw_takes_a_name_and_writes_the_picture(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "clearview.png"
    done = aikg(data_dir, "draw", "Clearview AI", "-o", str(target), check=True)
    assert "drawing clearview-ai (Clearview AI, Company)" in done.stderr
    assert "drew 30 entities and 52 relations" in done.stderr
    assert target.stat().st_size > 10_000
    refused = aikg(data_dir, "draw", "clearview-ai", "-o", str(tmp_path / "x.jpg"))
    assert refused.returncode == 2 and ".png or .svg" in refused.stderr

"""The typing rules' order and word lists live in data/resolution/typing_words.yaml (issue 13):
read and checked before anything is typed; a bad file is refused with FILE:LINE and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import InvalidInput
from ingest.sources.typing_rules import Overrides, decide_type, load_overrides
from ingest.sources.typing_words import DEFAULT_PATH, default_words, load_words
from tests.cli_runner import aikg
from tests.ingest.conftest import RESOLUTION
from tests.ingest.word_file_edits import edited, line_of


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    return edited(DEFAULT_PATH, tmp_path, old, new)


def test_the_repository_lists_are_the_rules_words() -> None:
    words = default_words()
    assert "children" in words.populations and "police" in words.police_words
    assert words.rules[0] == ("person_role", "Person")
    assert "on" in words.not_person_words  # a YAML 1.1 boolean spelling, read as the word


@pytest.mark.parametrize("old,new,fragment,why", [
    ("  - {rule: police, type: Agency}", "  - {rule: policing, type: Agency}",
     "rule: policing", "each rule is"),
    ("  - {rule: police, type: Agency}", "  - {rule: police, type: Corporation}",
     "type: Corporation", "each rule is"),
    ("police_words: [", "policewords: [", "policewords", "unknown key 'policewords'"),
    ("  academics, actors,", "  academics, Actors,", "Actors", "lower-case text"),
    ("  academics, actors,", "  academics, [actors],", "[actors]", "lower-case text"),
])
def test_a_bad_words_file_is_refused_with_its_line(tmp_path: Path, old: str, new: str,
                                                   fragment: str, why: str) -> None:
    path = _edited(tmp_path, old, new)
    with pytest.raises(InvalidInput) as caught:
        load_words(path)
    assert f"{path}:{line_of(path, fragment)}: " in str(caught.value)
    assert why in str(caught.value)


def test_a_missing_list_is_named(tmp_path: Path) -> None:
    path = tmp_path / "typing_words.yaml"
    path.write_text("rules: [{rule: police, type: Agency}]\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"words.yaml:1: missing keys: .*populations"):
        load_words(path)


def test_the_words_beside_types_yaml_type_the_ids(tmp_path: Path) -> None:
    shutil.copy(RESOLUTION / "types.yaml", tmp_path / "types.yaml")
    _edited(tmp_path, "police_words: [", "police_words: [\n  constables,")
    overrides = load_overrides(tmp_path / "types.yaml")
    assert decide_type("kent-constables", {}, overrides).type == "Agency"
    assert decide_type("kent-constables", {}, Overrides()).type != "Agency"


def test_the_cli_refuses_a_bad_words_file_without_a_traceback(tmp_path: Path) -> None:
    resolution = tmp_path / "resolution"
    shutil.copytree(RESOLUTION, resolution)
    text = (resolution / "typing_words.yaml").read_text(encoding="utf-8")
    (resolution / "typing_words.yaml").write_text(text.replace("police_words: [", "police: ["))
    titles = tmp_path / "titles.csv"
    titles.write_text("title,url\nFTC fines Acme,https://example.org/a\n", encoding="utf-8")
    out = aikg(tmp_path / "store", "extract", "--source", "headlines", str(titles),
               "--resolution", str(resolution), "-o", str(tmp_path / "out.ndjson"))
    assert out.returncode != 0
    assert "typing_words.yaml:" in out.stderr and "unknown key 'police'" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "out.ndjson").exists()

"""The reviewed type decisions (`data/resolution/types_reviewed.yaml`): read strictly, applied
after curated types and `types.yaml` and before the rules, unused ids reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import InvalidInput
from ingest.sources.aiid import Extract
from ingest.sources.pipeline import Decided, extract
from ingest.sources.typing_reviewed import REVIEWED_FILE, load_reviewed
from ingest.sources.typing_rules import load_overrides
from tests.conftest import CURATED
from tests.ingest.conftest import AIID, LITIGATION, RESOLUTION, entity_records

# ids the rules typed wrong, and what their review decided (and one the review confirmed)
REVIEWED = {"bee-cups": "Company", "ai-overview": "Product", "author-europol": "Agency",
            "hoyesterett": "Agency", "black-americans": "Group", "adele": "Person"}


def reviewed_copy(tmp_path: Path, text: str | None) -> Decided:
    """The repository's resolution folder with types_reviewed.yaml replaced (None: removed)."""
    folder = tmp_path / "resolution"
    shutil.copytree(RESOLUTION, folder)
    if text is None:
        (folder / REVIEWED_FILE).unlink()
    else:
        (folder / REVIEWED_FILE).write_text(text, encoding="utf-8")
    return Decided(CURATED, folder)


def test_the_repository_file_reads_and_lists_each_id_once() -> None:
    reviewed = load_reviewed(RESOLUTION / REVIEWED_FILE)
    assert len(reviewed.types) > 1000
    assert all(reviewed.types[i] == t for i, t in REVIEWED.items())
    overrides = load_overrides(RESOLUTION / "types.yaml")
    assert not set(reviewed.types) & set(overrides.types)  # one decision per id
    assert overrides.reviewed.types == reviewed.types  # read beside types.yaml


def test_reviewed_types_are_applied_as_rule_reviewed(aiid_extract: Extract) -> None:
    entities = entity_records(aiid_extract)
    report = aiid_extract.report
    for entity_id, etype in REVIEWED.items():
        assert entities[entity_id]["type"] == etype
        assert report.typed[entity_id] == (etype, "reviewed")
    section = load_reviewed(RESOLUTION / REVIEWED_FILE).by_source["aiid"]
    assert report.rules["reviewed"] == len(section)
    assert any(f"reviewed {len(section)}" in line for line in report.lines())
    assert not [n for n in report.notes if "types_reviewed.yaml" in n]  # every id used


def test_without_the_reviewed_file_the_rules_type_them(tmp_path: Path) -> None:
    if not AIID.is_dir():
        pytest.skip(f"third-party data folder {AIID} is absent")
    bare = extract("aiid", AIID, reviewed_copy(tmp_path, None))
    entities = entity_records(bare)
    assert entities["bee-cups"]["type"] == "Person"  # a small business read as a person
    assert bare.report.typed["ai-overview"] == ("Organization", "undecided")
    assert "reviewed" not in bare.report.rules


def test_an_id_the_source_no_longer_has_is_reported(tmp_path: Path) -> None:
    if not LITIGATION.is_file():
        pytest.skip(f"third-party data file {LITIGATION} is absent")
    text = ("aiid:\nai-incident-law:\n"
            "  no-such-party: {type: Company, reason: \"a test id\"}\n")
    result = extract("ai-incident-law", LITIGATION, reviewed_copy(tmp_path, text))
    notes = [n for n in result.report.notes if "types_reviewed.yaml" in n]
    assert notes and "no-such-party" in notes[0]
    assert any("no-such-party" in line for line in result.report.lines())


@pytest.mark.parametrize(("body", "line", "message"), [
    ("  acme: {type: Corporation, reason: \"x\"}\n", 2, "not one of the schema's party types"),
    ("  acme: {type: Company, reason: \"x\"}\n  acme: {type: Person, reason: \"y\"}\n", 3,
     "given twice"),
    ("  acme: {type: Company}\n", 2, "missing keys: reason"),
    ("  acme: {type: Company, reason: \"\"}\n", 2, "give the reason"),
    ("  zeta: {type: Company, reason: \"x\"}\n  acme: {type: Company, reason: \"x\"}\n", 3,
     "sorted order"),
    ("  author-x: {type: Product, reason: \"x\"}\n", 2, "is a byline"),
    ("  acme: {type: Company, reason: \"x\", note: \"y\"}\n", 2, "unknown key 'note'"),
])
def test_a_bad_file_is_refused_with_file_and_line(
        tmp_path: Path, body: str, line: int, message: str) -> None:
    path = tmp_path / REVIEWED_FILE
    path.write_text(f"aiid:\n{body}ai-incident-law:\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=f"{REVIEWED_FILE}:{line}: .*{message}"):
        load_reviewed(path)


def test_an_id_in_both_sections_or_in_types_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / REVIEWED_FILE
    path.write_text("aiid:\n  acme: {type: Company, reason: \"x\"}\nai-incident-law:\n"
                    "  acme: {type: Company, reason: \"x\"}\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=f"{REVIEWED_FILE}:4: 'acme' is reviewed already"):
        load_reviewed(path)
    path.write_text("aiid:\n  openai: {type: Company, reason: \"x\"}\nai-incident-law:\n",
                    encoding="utf-8")
    (tmp_path / "types.yaml").write_text("types: {Company: [openai]}\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=f"{REVIEWED_FILE}:2: 'openai' is decided in "
                                           "types.yaml already"):
        load_overrides(tmp_path / "types.yaml")


def test_a_missing_file_is_refused_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=f"{REVIEWED_FILE}: cannot read file"):
        load_reviewed(tmp_path / REVIEWED_FILE)

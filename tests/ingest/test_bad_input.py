"""Every kind of bad input is refused with file, line and reason; nothing from it is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import aikg, stats

ARTICLE = {
    "kind": "entity",
    "id": "doc",
    "type": "Article",
    "name": "Doc",
    "properties": {"title": "Doc"},
}
COMPANY = {"kind": "entity", "id": "acme", "type": "Company", "name": "Acme"}
PLATFORM = {"kind": "entity", "id": "pics", "type": "Platform", "name": "Pics"}
GOOD_REL = {
    "kind": "relation",
    "type": "SCRAPED_FROM",
    "source": "acme",
    "target": "pics",
    "evidence": [{"article": "doc", "quote": "Acme scraped Pics"}],
}


def _ndjson(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


BAD_RECORDS = {
    "unknown entity type": ({**COMPANY, "type": "Spaceship"}, "unknown entity type 'Spaceship'"),
    "unknown relation type": ({**GOOD_REL, "type": "ADMIRES"}, "unknown relation type 'ADMIRES'"),
    "disallowed endpoint types": (
        {**GOOD_REL, "source": "pics", "target": "acme"},
        "SCRAPED_FROM cannot have a Platform as source",
    ),
    "missing id": (
        {k: v for k, v in COMPANY.items() if k != "id"} | {"name": "X"},
        "missing or empty `id`",
    ),
    "missing name": ({**COMPANY, "id": "nameless", "name": ""}, "missing or empty `name`"),
    "relation to nothing": (
        {**GOOD_REL, "target": "ghost"},
        "target 'ghost' is no entity in this input or in the store",
    ),
    "relation without evidence": ({**GOOD_REL, "evidence": []}, "no evidence"),
    "invalid date": ({**GOOD_REL, "date": "2020-02-30"}, "invalid `date`"),
    "conflicting duplicate id": ({**COMPANY, "type": "Platform"}, "id 'acme' is a Company at"),
    "unknown property": (
        {**COMPANY, "id": "acme2", "properties": {"ceo": "X"}},
        "unknown property 'ceo'",
    ),
    "evidence citing no article": (
        {**GOOD_REL, "evidence": [{"article": "acme"}]},
        "cites 'acme', which is no Article",
    ),
}


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    """A store holding a valid graph, to check refused inputs leave it alone."""
    data_dir = tmp_path / "store"
    good = _ndjson(tmp_path / "good.ndjson", ARTICLE, COMPANY, PLATFORM, GOOD_REL)
    aikg(data_dir, "ingest", "-q", str(good), check=True)
    return data_dir


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_bad_record_is_refused_with_its_line(case: str, loaded: Path, tmp_path: Path) -> None:
    record, reason = BAD_RECORDS[case]
    extra = {"kind": "entity", "id": "newcomer", "type": "Company", "name": "Newcomer"}
    path = _ndjson(tmp_path / "bad.ndjson", ARTICLE, COMPANY, PLATFORM, extra, record)
    before = stats(loaded)
    done = aikg(loaded, "ingest", "-q", str(path))
    assert done.returncode == 1, done.stderr
    assert f"{path}:5: " in done.stderr and reason in done.stderr, done.stderr
    assert "nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert stats(loaded) == before, "a refused file must write nothing (not even its good lines)"


def test_every_problem_in_a_file_is_reported(loaded: Path, tmp_path: Path) -> None:
    path = _ndjson(
        tmp_path / "bad.ndjson",
        ARTICLE,
        COMPANY,
        PLATFORM,
        *(record for record, _ in BAD_RECORDS.values()),
    )
    done = aikg(loaded, "ingest", "-q", str(path))
    assert done.returncode == 1
    for line, (_, reason) in enumerate(BAD_RECORDS.values(), 4):
        assert f"{path}:{line}: " in done.stderr and reason in done.stderr, (line, reason)


def test_malformed_json_names_the_line(loaded: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.ndjson"
    path.write_text(json.dumps(COMPANY) + '\n{"kind": "entity", "id": \n', encoding="utf-8")
    done = aikg(loaded, "ingest", "-q", str(path))
    assert done.returncode == 1
    assert f"{path}:2: malformed JSON" in done.stderr


def test_malformed_yaml_names_the_line(loaded: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("document:\n  id: doc\n  title: [unclosed\nentities: []\n", encoding="utf-8")
    done = aikg(loaded, "ingest", "-q", str(path))
    assert done.returncode == 1
    assert f"{path}:" in done.stderr and "malformed YAML" in done.stderr


def test_non_utf8_bytes_are_refused_with_their_line(loaded: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.ndjson"
    path.write_bytes(
        json.dumps(COMPANY).encode() + b"\n" + '{"name": "Soci\xe9t\xe9"}\n'.encode("latin-1")
    )
    done = aikg(loaded, "ingest", "-q", str(path))
    assert done.returncode == 1
    assert f"{path}:2: not valid UTF-8" in done.stderr


def test_one_bad_file_refuses_the_whole_run(loaded: Path, tmp_path: Path) -> None:
    good = _ndjson(
        tmp_path / "a.ndjson", {"kind": "entity", "id": "fresh", "type": "Company", "name": "Fresh"}
    )
    bad = _ndjson(tmp_path / "b.ndjson", {**COMPANY, "type": "Spaceship"})
    before = stats(loaded)
    assert aikg(loaded, "ingest", "-q", str(good), str(bad)).returncode == 1
    assert stats(loaded) == before


def test_curated_relation_without_quote_is_refused(loaded: Path, tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(
        "document: {id: doc9, title: Doc nine}\n"
        "entities:\n  - {id: acme, type: Company, name: Acme}\n"
        "  - {id: pics, type: Platform, name: Pics}\n"
        "relations:\n  - {type: SCRAPED_FROM, source: acme, target: pics}\n",
        encoding="utf-8",
    )
    done = aikg(loaded, "ingest", "-q", str(path))
    assert done.returncode == 1
    assert f"{path}:6: every curated relation needs a `quote:`" in done.stderr


def test_a_missing_path_is_an_error(loaded: Path, tmp_path: Path) -> None:
    done = aikg(loaded, "ingest", "-q", str(tmp_path / "nope.ndjson"))
    assert done.returncode == 1 and "no such file or folder" in done.stderr

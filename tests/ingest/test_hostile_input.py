"""Hostile input files (issue 12, classes 1-3): refused by name, line and reason, quickly,
with nothing written; valid but unusual input (U+2028 in a string) is kept."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedStore
from ingest.curated import parse_curated
from ingest.loading import MAX_DEPTH, InputRefused, read_regular
from ingest.ndjson import parse_ndjson
from ingest.runner import ingest_paths
from tests.cli_runner import aikg

DOC = """document:
  id: doc
  title: A report
  published: {published}
entities:
  - id: acme
    type: Company
    name: Acme
  - id: pics
    type: Platform
    name: Pics
relations:
  - type: SCRAPED_FROM
    source: acme
    target: pics
    date: {date}
    quote: Acme scraped Pics
"""
ARTICLE = {
    "kind": "entity", "id": "doc", "type": "Article", "name": "Doc", "properties": {"title": "Doc"}
}


def _curated(tmp_path: Path, text: str, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(report_problems: list[object]) -> str:
    return "\n".join(str(p) for p in report_problems)


@pytest.mark.parametrize(
    ("published", "date", "reason"),
    [
        ("2020-01-01", "2020-02-30", "'2020-02-30' is not a real calendar date"),
        ("0000-01-01", "2020-02", "'0000-01-01' is not a real calendar date"),
        ("2020-13-01", "2020", "'2020-13-01' is not a real calendar date"),
    ],
)
def test_impossible_dates_in_yaml_are_refused_not_crashed(
    store: EmbeddedStore, tmp_path: Path, published: str, date: str, reason: str
) -> None:
    path = _curated(tmp_path, DOC.format(published=published, date=date))
    report = ingest_paths(store, [path])
    assert not report.ok
    assert reason in _problems(report.problems)
    assert store.stats().entities == 0


def test_yaml_dates_stay_dates(store: EmbeddedStore, tmp_path: Path) -> None:
    path = _curated(tmp_path, DOC.format(published="2020-02-27", date="2020-02"))
    report = ingest_paths(store, [path])
    assert report.ok, _problems(report.problems)
    assert store.get_entities(["doc"])["doc"].properties["published"] == "2020-02-27"


def test_deep_json_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.ndjson"
    path.write_text(json.dumps(ARTICLE) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    parsed = parse_ndjson(path)
    assert [str(p) for p in parsed.problems] == [
        f"{path}:2: JSON nested deeper than {MAX_DEPTH} levels"
    ]


@pytest.mark.parametrize(
    ("text", "line"), [("a: " + "[" * 20_000 + "]" * 20_000, 1), ("a:\n" + "- " * 5_000, 2)]
)
def test_deep_yaml_is_refused_with_its_line(tmp_path: Path, text: str, line: int) -> None:
    parsed = parse_curated(_curated(tmp_path, text))
    assert [str(p) for p in parsed.problems] == [
        f"{tmp_path / 'doc.yaml'}:{line}: malformed YAML: nested deeper than {MAX_DEPTH} levels"
    ]


def test_a_character_device_named_like_an_input_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "zero.ndjson"
    device.symlink_to("/dev/zero")
    started = time.monotonic()
    parsed = parse_ndjson(device)
    assert time.monotonic() - started < 1
    assert "not a regular file (a character device)" in str(parsed.problems[0])


def test_a_fifo_named_like_an_input_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.ndjson")
    done = aikg(tmp_path / "store", "ingest", "-q", str(tmp_path))  # the folder: found by scan
    assert done.returncode == 1, done.stderr
    assert f"{tmp_path / 'x.ndjson'}: not a regular file (a FIFO (named pipe))" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_over_its_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    path.write_bytes(b"x" * 100)
    with pytest.raises(InputRefused, match="the file is 100 bytes, over the limit of 99"):
        read_regular(path, 99)


def test_a_yaml_alias_bomb_is_refused_at_once(store: EmbeddedStore, tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = _curated(tmp_path, "document: {id: doc}\n" + "\n".join(lines) + "\n")
    assert path.stat().st_size < 1000
    started = time.monotonic()
    report = ingest_paths(store, [path])
    assert time.monotonic() - started < 2
    assert f"{path}:3: malformed YAML: aliases (*name) are not accepted" in _problems(
        report.problems
    )


def test_a_duplicate_yaml_key_is_refused_at_its_line(store: EmbeddedStore, tmp_path: Path) -> None:
    text = DOC.format(published="2020-01-01", date="2020") + "relations:\n  - type: X\n"
    path = _curated(tmp_path, text)
    report = ingest_paths(store, [path])
    assert _problems(report.problems) == (
        f"{path}:18: malformed YAML: duplicate key 'relations' in one mapping; keep one"
    )
    assert store.stats().entities == 0


def test_a_duplicate_json_key_is_refused(store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "dup.ndjson"
    path.write_text('{"kind":"entity","id":"doc","type":"Article","name":"A","name":"B"}\n')
    report = ingest_paths(store, [path])
    assert _problems(report.problems) == f"{path}:1: duplicate key 'name' in one object; keep one"


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_json_are_refused(
    store: EmbeddedStore, tmp_path: Path, number: str
) -> None:
    path = tmp_path / "nan.ndjson"
    line = '{"kind":"entity","id":"a","type":"Company","name":"A","properties":{"x":%s}}'
    path.write_text(json.dumps(ARTICLE) + "\n" + line % number + "\n")
    report = ingest_paths(store, [path])
    assert _problems(report.problems) == (
        f"{path}:2: {number} is not a JSON number; write null or a finite number"
    )


@pytest.mark.parametrize("number", [".nan", ".inf", "-.Inf"])
def test_nan_and_infinity_in_yaml_are_refused(tmp_path: Path, number: str) -> None:
    text = f"document:\n  id: doc\n  properties: {{x: {number}}}\n"
    parsed = parse_curated(_curated(tmp_path, text))
    assert f":3: malformed YAML: '{number}' is not a finite number" in str(parsed.problems[0])


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_inside_strings_are_kept(
    store: EmbeddedStore, tmp_path: Path, separator: str
) -> None:
    path = tmp_path / "sep.ndjson"
    name = f"Acme{separator}Corp"
    company = {"kind": "entity", "id": "acme", "type": "Company", "name": name, "sources": ["doc"]}
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (ARTICLE, company)),
        encoding="utf-8",
    )
    report = ingest_paths(store, [path])
    assert report.ok, _problems(report.problems)
    assert store.get_entities(["acme"])["acme"].name == name
    exported = tmp_path / "out.ndjson"
    done = aikg(store.data_dir, "export", "-q", "-o", str(exported))
    assert done.returncode == 0, done.stderr
    assert separator not in exported.read_text(encoding="utf-8")  # escaped: one record a line
    again = aikg(tmp_path / "again", "ingest", "-q", str(exported))
    assert again.returncode == 0, again.stderr


def test_a_non_finite_number_is_refused_however_it_arrives(store: EmbeddedStore) -> None:
    from ingest.records import Origin, RawRecord
    from ingest.runner import IngestReport, load_records

    fine = {"kind": "relation", "type": "FINED", "source": "cnil", "target": "acme",
            "properties": {"amount": float("nan")}, "evidence": [{"article": "doc"}]}
    rows = [ARTICLE, {"kind": "entity", "id": "cnil", "type": "Agency", "name": "CNIL"},
            {"kind": "entity", "id": "acme", "type": "Company", "name": "Acme"}, fine]
    records = [RawRecord(r, Origin("bulk", n)) for n, r in enumerate(rows, 1)]
    report = load_records(store, records, IngestReport())
    assert "expected a finite number, got nan" in _problems(report.problems)
    assert store.stats().entities == 0

"""Facts read from headlines: hedged titles state none, the committed extract is a fresh run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from ingest.sources.headline_names import NameIndex, Party
from ingest.sources.headline_rules import HeadlineReader
from ingest.sources.headline_words import hedged
from ingest.sources.pipeline import extract, write_extract
from tests.ingest.conftest import AIID, DECIDED, EXTRACT, written

EXPORT = AIID / "aiid_graphql_export.json"
HEDGED = [
    "FTC may fine Rite Aid", "FTC could ban Rite Aid", "FTC plans to fine Rite Aid",
    "Rite Aid to be barred under proposed FTC settlement", "FTC seeks to ban Rite Aid",
    "FTC threatens to sue Rite Aid", "Senators call for FTC to investigate Rite Aid",
    "Will the FTC fine Rite Aid?", "FTC alleged to have fined Rite Aid",
    "Rite Aid faces FTC probe", "FTC reportedly fines Rite Aid",
]


def _reader() -> HeadlineReader:
    names = NameIndex()
    names.add(Party("ftc", "Agency", "Federal Trade Commission"), ["Federal Trade Commission"])
    names.add(Party("rite-aid", "Company", "Rite Aid"), ["Rite Aid"])
    names.add(Party("openai", "Company", "OpenAI"), ["OpenAI"])
    return HeadlineReader(names, load_schema())


def test_a_plain_statement_is_read_in_each_voice() -> None:
    reader = _reader()
    assert [p.key() for p in reader.read("FTC bans Rite Aid's use of face recognition")] == [
        "ftc ORDERED rite-aid"]
    fined = reader.read("Rite Aid fined $2m by FTC over face recognition")
    assert [(p.key(), p.amount, p.currency) for p in fined] == [
        ("ftc FINED rite-aid", 2000000, "USD")]
    assert [p.key() for p in reader.read("Rite Aid Settles FTC Allegations")] == [
        "ftc SETTLED_WITH rite-aid"]


@pytest.mark.parametrize("title", HEDGED)
def test_hedged_titles_never_yield_facts(title: str) -> None:
    assert _reader().read(title) == []


def test_a_company_banning_its_own_users_is_no_order() -> None:
    assert _reader().read("OpenAI bans Rite Aid accounts") == []


def test_the_committed_extract_equals_a_fresh_run(tmp_path: Path) -> None:
    if not EXPORT.is_file():
        pytest.skip(f"third-party data {EXPORT} is absent")
    fresh = tmp_path / "headlines.ndjson"
    write_extract(extract("headlines", EXPORT, DECIDED), fresh)
    assert written(fresh) == written(EXTRACT / "headlines.ndjson"), (
        "data/extract/headlines.ndjson is stale: run `make extract` and commit it")


def test_no_committed_fact_comes_from_a_hedged_title() -> None:
    text = written(EXTRACT / "headlines.ndjson")
    quotes = [e["quote"] for line in text.splitlines() if '"relation"' in line
              for e in json.loads(line)["evidence"]]
    assert quotes and not [q for q in quotes if hedged(q)]


def test_the_bundled_graph_loads_the_headline_facts(bundled_store: EmbeddedStore) -> None:
    rels = [r for r in bundled_store.iter_relations() if r.type == "ORDERED"]
    ordered = {(r.source, r.target) for r in rels}
    assert ("u-s-federal-trade-commission", "rite-aid") in ordered
    quotes = [e.quote for r in rels for e in r.evidence if e.quote]
    assert "FTC bans Rite Aid's use of AI facial recognition over lack of consumer protections" \
        in quotes


def test_a_users_csv_is_read_and_a_bad_row_refused(tmp_path: Path) -> None:
    good = tmp_path / "mine.csv"
    good.write_text("title,url,date\nFTC bans Rite Aid's use of face recognition,"
                    "https://example.org/a,2023-12-19\n", encoding="utf-8")
    run = _cli("extract", "--source", "headlines", str(good))
    assert run.returncode == 0, run.stderr
    assert "awaiting review: https://example.org/a ['u-s-federal-trade-commission ORDERED" \
        " rite-aid']" in run.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("title,url\nFTC bans Rite Aid,\n", encoding="utf-8")
    refused = _cli("extract", "--source", "headlines", str(bad))
    assert refused.returncode == 1
    assert f"{bad}:2: a headline needs `title` and `url`" in refused.stderr
    assert "Traceback" not in refused.stderr


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    aikg = Path(sys.executable).with_name("aikg")
    return subprocess.run([str(aikg), *args], capture_output=True, text=True, check=False)

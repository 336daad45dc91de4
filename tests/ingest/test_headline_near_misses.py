"""Headline facts the reader misses or whose parties the graph lacks: read or reviewed in."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InvalidInput
from graph.schema import load_schema
from ingest.sources.aiid import SourceConfig
from ingest.sources.curated_index import CuratedIndex
from ingest.sources.headline_names import NameIndex, Party
from ingest.sources.headline_review import load_reviews
from ingest.sources.headline_rules import HeadlineReader
from ingest.sources.headlines import headline_records
from ingest.sources.resolution import Resolution
from ingest.sources.typing_rules import Overrides

TITLE = "IHC imposes 0.5m fine on Nadra"
CORRECTION = """decisions:
  - url: https://e.org/a
    proposed: []
    decision: correct
    facts:
      - actor: ihc
        actor_name: IHC
        action: FINED
        target: nadra
        target_name: Nadra
        target_type: Organization
    reason: the reader misses 'imposes fine on'; the title states the fine
"""


def _names() -> NameIndex:
    names = NameIndex()
    for party in (Party("amazon", "Company", "Amazon"), Party("facebook", "Platform", "Facebook"),
                  Party("openai", "Company", "OpenAI")):
        names.add(party, [party.name])
    return names


def _keys(title: str) -> list[str]:
    return [p.key() for p in HeadlineReader(_names(), load_schema()).read(title)]


def test_an_acronym_before_an_agencys_verb_names_a_new_agency() -> None:
    assert _keys("OSHA investigates Amazon warehouse accident") == ["osha INVESTIGATED amazon"]
    assert _keys("NEWS: Amazon fined") == []
    assert _keys("CEO charges Amazon staff") == []
    assert _keys("OSHA sues Amazon") == []  # suing is not only an agency's act


def test_an_attorney_general_filing_a_lawsuit_claiming_is_read() -> None:
    title = "Ohio attorney general files lawsuit claiming Facebook misled investors"
    assert _keys(title) == ["ohio-attorney-general SUED facebook"]
    assert _keys("Ohio general files lawsuit claiming Facebook misled investors") == []


def _records(tmp_path: Path, review: str) -> list[dict[str, object]]:
    headlines = tmp_path / "mine.csv"
    headlines.write_text(f"title,url\n{TITLE},https://e.org/a\n", encoding="utf-8")
    reviews = tmp_path / "facts.yaml"
    reviews.write_text(review, encoding="utf-8")
    config = SourceConfig(CuratedIndex(), Overrides(), Resolution())
    found = headline_records(headlines, config, load_reviews(reviews), _names())
    return [r.data for r in found.records]


def test_a_reviewed_near_miss_enters_with_its_new_parties(tmp_path: Path) -> None:
    assert _keys(TITLE) == []
    records = _records(tmp_path, CORRECTION)
    assert [(r["kind"], r["id"], r["type"], r["name"]) for r in records[:2]] == [
        ("entity", "ihc", "Agency", "IHC"), ("entity", "nadra", "Organization", "Nadra")]
    assert [(r["source"], r["type"], r["target"]) for r in records[2:]] == [
        ("ihc", "FINED", "nadra")]
    rejected = CORRECTION.replace("decision: correct", "decision: reject")
    assert _records(tmp_path, rejected) == []


def test_a_new_target_without_its_name_is_refused(tmp_path: Path) -> None:
    review = CORRECTION.replace("        target_name: Nadra\n", "").replace(
        "        target_type: Organization\n", "")
    with pytest.raises(InvalidInput, match=r"e.org/a: target 'nadra' is not in the graph"):
        _records(tmp_path, review)
    half = CORRECTION.replace("        target_type: Organization\n", "")
    with pytest.raises(InvalidInput, match="both target_name and target_type"):
        _records(tmp_path, half)

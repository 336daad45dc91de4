"""Identity and merge rules: the same fact from two sources is one relation with two evidences."""

from __future__ import annotations

import pytest

from graph.model import (
    Entity,
    Evidence,
    MergeConflict,
    Relation,
    merge_entities,
    merge_relations,
    relation_id,
)


def test_relation_ids_are_deterministic_and_readable() -> None:
    assert relation_id("SCRAPED_FROM", "clearview-ai", "facebook") == (
        "clearview-ai:SCRAPED_FROM:facebook"
    )
    assert relation_id("FINED", "cnil", "clearview-ai", {"date": "2022-10"}) == (
        "cnil:FINED:clearview-ai@2022-10"
    )


def test_entities_merge_aliases_sources_and_keep_the_first_name() -> None:
    first = Entity(
        "clearview-ai", "Company", "Clearview AI", aliases=("Clearview",), sources=("a",)
    )
    second = Entity("clearview-ai", "Company", "Clearview AI Inc.", sources=("b", "a"))
    merged = merge_entities(first, second)
    assert merged.name == "Clearview AI"
    assert merged.aliases == ("Clearview", "Clearview AI Inc.")
    assert merged.sources == ("a", "b")
    assert merge_entities(merged, second) == merged


def test_an_entity_cannot_change_type() -> None:
    with pytest.raises(MergeConflict, match="is a Company already"):
        merge_entities(Entity("x", "Company", "X"), Entity("x", "Platform", "X"))


def _scraped(date: str | None, evidence: Evidence) -> Relation:
    rid = relation_id("SCRAPED_FROM", "c", "p")
    return Relation(rid, "SCRAPED_FROM", "c", "p", date, {}, (evidence,))


def test_relations_union_evidence_and_refine_dates() -> None:
    one = _scraped("2020", Evidence(article="a", quote="q1"))
    two = _scraped("2020-02", Evidence(article="b", quote="q2"))
    merged = merge_relations(one, two)
    assert merged.date == "2020-02"
    assert [e.article for e in merged.evidence] == ["a", "b"]
    assert merge_relations(merged, two) == merged


def test_contradictory_dates_are_a_conflict() -> None:
    with pytest.raises(MergeConflict, match="dated 2020 already"):
        merge_relations(
            _scraped("2020", Evidence(article="a")),
            _scraped("2021", Evidence(url="https://x.example")),
        )

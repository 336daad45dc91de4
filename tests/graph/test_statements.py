"""Every value has a source: conflicts are kept, a source's own restatement is an update."""

from __future__ import annotations

import random

from graph import statements as st
from graph.model import (
    Entity,
    Evidence,
    Relation,
    Statement,
    merge_entities,
    merge_relations,
    normalise_entity,
    normalise_relation,
    relation_id,
)

FINE_ID = relation_id("FINED", "garante", "clearview-ai", {"date": "2022-03"})


def _fine(amount: float, evidence: Evidence, currency: str = "EUR") -> Relation:
    props = {"amount": amount, "currency": currency}
    return Relation(FINE_ID, "FINED", "garante", "clearview-ai", "2022-03", props, (evidence,))


def _values(rel: Relation, key: str) -> dict[object, list[str | None]]:
    found: dict[object, list[str | None]] = {}
    for s in rel.statements:
        if s.property == key:
            found.setdefault(s.value, []).append(s.source.article or s.source.url)
    return found


def test_two_sources_with_different_amounts_are_both_kept_and_flagged() -> None:
    a = _fine(20_000_000, Evidence(article="a", quote="fined €20 million"))
    b = _fine(5_000_000, Evidence(article="b"))
    merged = merge_relations(normalise_relation(a), b)
    assert _values(merged, "amount") == {5_000_000: ["b"], 20_000_000: ["a"]}
    assert merged.conflicts == ("amount",)
    assert merged.properties["amount"] == 20_000_000  # the quoted (curated) value is shown
    assert _values(merged, "currency") == {"EUR": ["a", "b"]}  # one value, two sources
    assert merge_relations(merged, b) == merged  # re-ingesting changes nothing
    assert merge_relations(merge_relations(normalise_relation(b), a), b) == merged


def test_the_same_source_changing_its_value_is_an_update() -> None:
    first = normalise_relation(_fine(20_000_000, Evidence(article="a")))
    updated = merge_relations(first, _fine(25_000_000, Evidence(article="a", quote="€25m")))
    assert _values(updated, "amount") == {25_000_000: ["a"]}
    assert updated.conflicts == ()
    assert updated.properties["amount"] == 25_000_000


def test_a_value_without_a_source_is_replaced_by_the_next_unsourced_value() -> None:
    old = normalise_entity(Entity("x", "Incident", "X", properties={"date": "2020"}))
    new = merge_entities(old, Entity("x", "Incident", "X", properties={"date": "2021"}))
    assert new.properties == {"date": "2021"} and new.conflicts == ()


def test_entities_keep_each_sources_value_and_name() -> None:
    old = Entity("cnil", "Agency", "CNIL", properties={"country": "France"}, sources=("a",))
    new = Entity("cnil", "Agency", "Commission nationale", properties={"country": "FR"},
                 sources=("b",))
    merged = merge_entities(normalise_entity(old), new)
    assert merged.name == "CNIL" and merged.aliases == ("Commission nationale",)
    assert merged.conflicts == ("country",)
    names = {(s.value, s.source.article) for s in merged.statements if s.property == "name"}
    assert names == {("CNIL", "a"), ("Commission nationale", "b")}


def test_ranking_prefers_quoted_then_better_attested_then_documents() -> None:
    extra = Statement("amount", 33_700_000, Evidence(url="https://x.example/781", quote="$33.7m"))
    headline = _fine(33_000_000, Evidence(article="forbes", quote="$33 Million"), "USD")
    rel = normalise_relation(Relation(**{**_asdict(headline), "statements": (extra,)}))
    assert rel.properties["amount"] == 33_000_000  # both quoted, one source each: the document
    assert rel.conflicts == ("amount",)
    two = merge_relations(rel, _fine(33_700_000, Evidence(article="reuters"), "USD"))
    assert two.properties["amount"] == 33_700_000  # now stated by two sources


def test_records_round_trip_statements_and_stay_small_when_implied() -> None:
    plain = normalise_relation(_fine(1.5, Evidence(article="a")))
    assert "statements" not in plain.to_record()
    merged = merge_relations(plain, _fine(2.5, Evidence(article="b")))
    record = merged.to_record()
    assert {(s["value"], s["article"]) for s in record["statements"] if s["property"] == "amount"} \
        == {(1.5, "a"), (2.5, "b")}


def test_list_properties_show_the_union_and_are_no_conflict() -> None:
    one = Entity("i", "Incident", "I", properties={"oecd_urls": ["u1"]}, sources=("a",))
    two = Entity("i", "Incident", "I", properties={"oecd_urls": ["u2"]}, sources=("b",))
    merged = merge_entities(normalise_entity(one), two)
    assert merged.properties["oecd_urls"] == ["u1", "u2"] and merged.conflicts == ()


def _asdict(rel: Relation) -> dict[str, object]:
    return {k: getattr(rel, k) for k in Relation.__dataclass_fields__}


def test_the_implied_check_agrees_with_the_statements_it_stands_for() -> None:
    """`implied` (a set comparison on the ingest's hot path) says yes exactly when the
    statements are `complete((), values, sources)`, on varied values, sources and statements."""
    rng = random.Random(20261130)
    pool = [Evidence(article=f"a-{n}") for n in range(3)] + [Evidence(url="https://x.example/1")]
    seen = {True: 0, False: 0}
    for _ in range(400):
        values = [(rng.choice(("name", "alias", "amount", "tags")),
                   rng.choice(("X", "Y", 5, 5.0, ("p", "q"), ["p", "q"])))
                  for _ in range(rng.randint(0, 3))]
        sources = tuple(rng.sample(pool, rng.randint(0, 2)))
        reference = st.complete((), values, sources)
        statements = list(reference)
        if statements and rng.random() < 0.5:  # change one statement, drop or add one
            change = rng.randrange(3)
            if change == 0:
                statements.pop(rng.randrange(len(statements)))
            elif change == 1:
                statements.append(Statement("amount", 7, rng.choice(pool)))
            else:
                first = statements[0]
                statements[0] = Statement(first.property, first.value, Evidence(article="other"))
        canon = st.canonical(statements)
        expected = canon == reference
        assert st.implied(canon, values, sources) is expected, (values, sources, canon)
        seen[expected] += 1
    assert min(seen.values()) > 50  # both answers were exercised

"""Entities and relations survive the trip to Neo4j properties and back, exactly."""

from __future__ import annotations

from graph.model import (
    Entity,
    Evidence,
    Relation,
    merge_relations,
    normalise_entity,
    normalise_relation,
)
from graph.schema import load_schema
from queries.encoding import (
    entity_from_node,
    entity_props,
    relation_ends,
    relation_from_record,
    relation_props,
    search_text,
)

SCHEMA = load_schema()


def test_an_entity_round_trips_with_labels_and_every_field() -> None:
    entity = normalise_entity(Entity(
        "maitre-dupont", "Person", "Maître Dupont", ("J. Dupont",), ("Lawyer",),
        {"wikidata": "Q1"}, ("doc",), {"aiid": "dupont"}, ("dupont-old",),
    ))
    props = entity_props(entity)
    assert props["search_text"] == "maitre dupont j"
    assert entity_from_node(SCHEMA, ["Entity", "Person", "Lawyer"], props) == entity


def test_foreign_labels_and_properties_added_by_hand_are_ignored() -> None:
    props = {**entity_props(Entity("x", "Company", "X")), "bloom_note": "checked"}
    entity = entity_from_node(SCHEMA, ["Entity", "Company", "Reviewed"], props)
    assert entity == normalise_entity(Entity("x", "Company", "X"))


def test_evidence_pieces_stay_in_their_place() -> None:
    relation = normalise_relation(Relation(
        "a:FINED:b@2020", "FINED", "a", "b", "2020", {"amount": 1.5, "currency": "EUR"},
        (Evidence("doc", None, "quote"), Evidence(None, "https://example.org", None)),
    ))
    props = relation_props(relation)
    assert props["evidence_articles"] == ["", "doc"]  # normalised: sorted
    assert props["evidence_urls"] == ["https://example.org", ""]
    assert relation_from_record(SCHEMA, "FINED", "a", "b", props) == relation


def test_missing_evidence_lists_read_as_absent_pieces() -> None:
    props = {"id": "a:MENTIONS:b", "evidence_articles": ["doc"]}
    relation = relation_from_record(SCHEMA, "MENTIONS", "a", "b", props)
    assert relation.evidence == (Evidence("doc"),)


def test_relation_ids_name_their_endpoints() -> None:
    assert relation_ends("a:FINED:b@2020-01") == ("a", "b")
    assert relation_ends("clearview-ai:SCRAPED_FROM:facebook") == ("clearview-ai", "facebook")
    assert relation_ends("r-1") is None and relation_ends("a::b") is None


def test_search_text_folds_words_once() -> None:
    assert search_text(["Société Générale", "Societe"]) == "societe generale"


def test_properties_are_display_values_and_every_statement_comes_back() -> None:
    one = Relation("a:FINED:b@2020", "FINED", "a", "b", "2020", {"amount": 2, "currency": "EUR"},
                   (Evidence("doc", None, "two"),))
    two = Relation("a:FINED:b@2020", "FINED", "a", "b", "2020", {"amount": 3, "currency": "EUR"},
                   (Evidence("news"),))
    relation = merge_relations(normalise_relation(one), two)
    props = relation_props(relation)
    assert props["amount"] == 2 and props["conflicts"] == ["amount"]  # what Bloom shows
    assert '"value":3' in props["statements"].replace(" ", "")
    assert relation_from_record(SCHEMA, "FINED", "a", "b", props) == relation
    assert "statements" not in relation_props(normalise_relation(one))

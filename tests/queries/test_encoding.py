"""Entities and relations survive the trip to Neo4j properties and back, exactly."""

from __future__ import annotations

from graph.model import Entity, Evidence, Relation, normalise_relation
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
    entity = Entity(
        "maitre-dupont", "Person", "Maître Dupont", ("J. Dupont",), ("Lawyer",),
        {"wikidata": "Q1"}, ("doc",), {"aiid": "dupont"}, ("dupont-old",),
    )
    props = entity_props(entity)
    assert props["search_text"] == "maitre dupont j"
    assert entity_from_node(SCHEMA, ["Entity", "Person", "Lawyer"], props) == entity


def test_foreign_labels_and_properties_added_by_hand_are_ignored() -> None:
    props = {**entity_props(Entity("x", "Company", "X")), "bloom_note": "checked"}
    entity = entity_from_node(SCHEMA, ["Entity", "Company", "Reviewed"], props)
    assert entity == Entity("x", "Company", "X")


def test_evidence_pieces_stay_in_their_place() -> None:
    relation = Relation(
        "a:FINED:b@2020", "FINED", "a", "b", "2020", {"amount": 1.5, "currency": "EUR"},
        (Evidence("doc", None, "quote"), Evidence(None, "https://example.org", None)),
    )
    props = relation_props(relation)
    assert props["evidence_articles"] == ["doc", ""]
    assert props["evidence_urls"] == ["", "https://example.org"]
    assert relation_from_record(SCHEMA, "FINED", "a", "b", props) == normalise_relation(relation)


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

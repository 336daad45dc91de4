"""Item 2: filtered lists of entities and relations: text, dates, properties, relations, logic."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api

ENTITIES = """query ($f: EntityFilter, $o: EntityOrder) {
    entities(filter: $f, orderBy: $o, first: 100) { totalCount edges { node { id } } } }"""
RELATIONS = """query ($f: RelationFilter, $o: RelationOrder) { relations(filter: $f, orderBy: $o,
    first: 100) { totalCount edges { node { id } } } }"""


def ids(api: Api, flt: dict[str, Any], order: dict[str, str] | None = None) -> list[str]:
    found = api.data(ENTITIES, f=flt, o=order)["entities"]
    assert found["totalCount"] == len(found["edges"])
    return [e["node"]["id"] for e in found["edges"]]


def rel_ids(api: Api, flt: dict[str, Any], order: dict[str, str] | None = None) -> list[str]:
    found = api.data(RELATIONS, f=flt, o=order)["relations"]
    return [e["node"]["id"] for e in found["edges"]]


def test_companies_that_received_cease_and_desist_letters(api: Api) -> None:
    letters = {"type": ["SENT_CEASE_AND_DESIST"], "direction": "IN"}
    flt = {"type": ["Company"], "hasRelation": letters}
    assert ids(api, flt) == ["acme-vision", "clearview-ai"]


def test_who_sent_clearview_a_letter_other_end_filter(api: Api) -> None:
    flt = {"hasRelation": {"type": ["SENT_CEASE_AND_DESIST"], "direction": "OUT",
                           "other": {"name": {"equals": "CLEARVIEW ai"}}}}
    assert ids(api, flt, {"field": "NAME"}) == ["acme-vision", "facebook", "google", "youtube"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"name": {"startsWith": "ACME"}, "type": ["Company"]}, ["acme-robotics", "acme-vision"]),
        ({"name": {"contains": "police"}, "type": ["Agency"]},
         ["metro-police-department", "woodbridge-police-department"]),
        ({"name": {"endsWith": "robotics"}}, ["acme-robotics"]),
        ({"nameOrAlias": {"equals": "garante"}}, ["garante-privacy"]),
        ({"name": {"in": ["Venmo", "youtube"]}}, ["venmo", "youtube"]),
        ({"label": ["Lawyer"]}, ["tor-ekeland"]),
        ({"externalId": {"equals": "aiid:acme-vision-inc"}}, ["acme-vision"]),
        ({"properties": [{"key": "country", "equals": "de"}]}, ["acme-robotics"]),
        ({"type": ["Incident"], "date": {"from": "2022"}}, ["acme-misidentification-2022"]),
        ({"type": ["Incident"], "date": {"before": "2020-02"}}, ["nijeer-parks-detention-2019"]),
        ({"type": ["Agency"], "hasRelation": {"type": ["FINED"], "direction": "OUT",
                                              "minCount": 2}}, ["garante-privacy"]),
        ({"type": ["Company"], "hasRelation": {"type": ["FINED"], "quantifier": "NONE"}},
         ["acme-robotics", "google"]),
        ({"type": ["Company"], "hasRelation": {"type": ["FINED"], "direction": "IN",
                                               "quantifier": "ALL",
                                               "date": {"after": "2022"}}},
         ["acme-robotics", "acme-vision", "google"]),
    ],
)
def test_entity_filters(api: Api, flt: dict[str, Any], expected: list[str]) -> None:
    assert ids(api, flt) == expected


def test_and_or_not_combine(api: Api) -> None:
    flt = {
        "OR": [{"name": {"contains": "police"}}, {"nameOrAlias": {"equals": "garante"}}],
        "NOT": {"name": {"startsWith": "metro"}},
        "AND": [{"type": ["Agency"]}],
    }
    assert ids(api, flt) == ["garante-privacy", "woodbridge-police-department"]


def test_orders_by_date_descending_with_undated_first(api: Api) -> None:
    found = ids(api, {"type": ["Incident"]}, {"field": "DATE", "direction": "DESC"})
    assert found[-2:] == ["clearview-ai-client-list-stolen-2020", "nijeer-parks-detention-2019"]
    assert found.index("acme-misidentification-2022") < found.index(
        "clearview-ai-client-list-stolen-2020"
    )


def test_relations_by_type_target_and_date(api: Api) -> None:
    flt = {"target": {"ids": ["clearview-ai"]}, "date": {"after": "2021"}}
    assert rel_ids(api, flt, {"field": "DATE"}) == [
        "garante-privacy:FINED:clearview-ai@2022-03",
        "french-regulator:FINED:clearview-ai@2022-10",
        "acme-vision:SENT_CEASE_AND_DESIST:clearview-ai",
        "dutch-data-protection-authority:FINED:clearview-ai@2024-09",
    ]


def test_relations_by_property_values(api: Api) -> None:
    flt = {"type": ["FINED"], "properties": [{"key": "amount", "gte": 20000000},
                                             {"key": "currency", "equals": "eur"}]}
    assert rel_ids(api, flt) == [
        "french-regulator:FINED:clearview-ai@2022-10",
        "garante-privacy:FINED:clearview-ai@2022-03",
    ]


def test_relations_with_evidence_from_a_publisher(api: Api) -> None:
    found = rel_ids(api, {"type": ["FINED"], "evidence": {"publisher": ["le-monde"]}})
    assert found == ["french-regulator:FINED:clearview-ai@2022-10"]
    flt = {"type": ["SENT_CEASE_AND_DESIST"], "evidence": {"publisher": ["example-times"]}}
    assert rel_ids(api, flt) == [
        "acme-robotics:SENT_CEASE_AND_DESIST:acme-vision",
        "acme-vision:SENT_CEASE_AND_DESIST:clearview-ai",
    ]


def test_an_entitys_relations_by_other_end_and_direction(api: Api) -> None:
    query = """{ entity(id: "clearview-ai") { relations(filter: {other: {type: [Agency]},
        direction: IN}, orderBy: {field: DATE}) { totalCount edges { node { type date
        other { id } } } } } }"""
    found = api.data(query)["entity"]["relations"]
    nodes = [e["node"] for e in found["edges"]]
    rows = [(n["type"], n["date"], n["other"]["id"]) for n in nodes]
    assert rows == [
        ("FINED", "2022-03", "garante-privacy"),
        ("FINED", "2022-10", "french-regulator"),
        ("FINED", "2024-09", "dutch-data-protection-authority"),
    ]


def test_other_and_direction_outside_an_entity_are_clear_errors(api: Api) -> None:
    [message] = api.errors("{ relations(filter: {other: {type: [Agency]}}) { totalCount } }")
    assert message == "`other` applies to one entity's relations; use source or target"


def test_a_bad_date_is_a_clear_error(api: Api) -> None:
    [message] = api.errors(ENTITIES, f={"date": {"after": "2020-13"}})
    assert "2020-13" in message and "real calendar date" in message


def test_a_list_where_a_value_belongs_is_refused(api: Api) -> None:
    [message] = api.errors(ENTITIES, f={"properties": [{"key": "country", "equals": ["US"]}]})
    assert "not a list" in message

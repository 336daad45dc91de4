"""Item 1: one entity by id, merged id, external id or exact name; many at once."""

from __future__ import annotations

from tests.api.conftest import Api

ENTITY = "query ($id: ID!) { entity(id: $id) { id name type mergedIds externalIds } }"
ENTITIES = """query ($ids: [ID!]) { entities(ids: $ids) { totalCount
    edges { node { id name } } } }"""
LOOKUP = """query ($keys: [String!]!) { lookup(keys: $keys) { key entity { id }
    candidates { id } } }"""


def _id(api: Api, key: str) -> str | None:
    found = api.data(ENTITY, id=key)["entity"]
    return found["id"] if found else None


def test_entity_by_id_merged_id_external_id_and_name(api: Api) -> None:
    assert _id(api, "acme-vision") == "acme-vision"
    assert _id(api, "acme-vision-old") == "acme-vision"  # merged away: resolves to the survivor
    assert _id(api, "acme-vision-inc") == "acme-vision"  # the AIID slug
    assert _id(api, "aiid:acme-vision-inc") == "acme-vision"  # scheme:value
    assert _id(api, "Q99000001") == "acme-vision"  # Wikidata id from the property
    assert _id(api, "wikidata:q99000001") == "acme-vision"  # case-insensitive
    assert _id(api, "Clearview") == "clearview-ai"  # an exact alias
    assert _id(api, "Metro Police Department") == "metro-police-department"
    assert _id(api, "nobody-at-all") is None


def test_an_alias_shared_by_two_entities_is_a_clear_error(api: Api) -> None:
    [message] = api.errors(ENTITY, id="Acme")
    assert message == "'Acme' names 2 entities (acme-robotics, acme-vision); ask by id"


def test_entity_fields_show_merged_and_external_ids(api: Api) -> None:
    found = api.data(ENTITY, id="acme-vision")["entity"]
    assert found["mergedIds"] == ["acme-vision-old"]
    assert found["externalIds"] == {"aiid": "acme-vision-inc"}


def test_entities_by_ids_in_one_page(api: Api) -> None:
    page = api.data(ENTITIES, ids=["venmo", "acme-vision-old", "clearview-ai", "nobody"])
    ids = [e["node"]["id"] for e in page["entities"]["edges"]]
    assert ids == ["acme-vision", "clearview-ai", "venmo"] and page["entities"]["totalCount"] == 3


def test_lookup_answers_every_key_in_order(api: Api) -> None:
    found = api.data(LOOKUP, keys=["Acme", "youtube", "nobody"])["lookup"]
    assert [r["key"] for r in found] == ["Acme", "youtube", "nobody"]
    assert found[0]["entity"] is None
    assert [c["id"] for c in found[0]["candidates"]] == ["acme-robotics", "acme-vision"]
    assert found[1]["entity"] == {"id": "youtube"} and found[2]["candidates"] == []


def test_too_many_ids_is_refused(api: Api) -> None:
    [message] = api.errors(ENTITIES, ids=[f"e{i}" for i in range(101)])
    assert message == "at most 100 ids per request"

"""Item 3: Relay connections with keyset cursors, forwards and backwards, stable under inserts."""

from __future__ import annotations

from typing import Any

from graph.model import Entity, Evidence, Relation, relation_id
from tests.api.conftest import Api

PAGE = """query ($first: Int, $after: String, $last: Int, $before: String, $o: EntityOrder) {
    entities(filter: {type: [Company]}, orderBy: $o, first: $first, after: $after,
             last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name } } } }"""
DOC = Entity("doc", "Article", "A report", properties={"title": "A report"})


def company(number: str) -> Entity:
    return Entity(f"company-{number}", "Company", f"Company {number}", sources=("doc",))


def _page(api: Api, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = api.data(PAGE, **variables)["entities"]
    return found


def _names(page: dict[str, Any]) -> list[str]:
    return [e["node"]["name"] for e in page["edges"]]


def test_rows_inserted_between_pages_are_neither_skipped_nor_repeated(fresh_api: Api) -> None:
    store = fresh_api.store
    originals = [company(f"{n:02d}") for n in range(1, 11)]
    assert not store.upsert([DOC, *originals], []).conflicts
    order = {"field": "NAME"}
    first = _page(fresh_api, first=4, o=order)
    assert _names(first) == ["Company 01", "Company 02", "Company 03", "Company 04"]
    # between two requests: one row sorts before the cursor, one after it
    assert not store.upsert([company("00"), company("045")], []).conflicts
    seen = _names(first)
    cursor = first["pageInfo"]["endCursor"]
    while True:
        page = _page(fresh_api, first=4, after=cursor, o=order)
        seen += _names(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        cursor = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 11  # no repeats; the row after the cursor is seen
    assert {e.name for e in originals} <= set(seen) and "Company 045" in seen
    assert "Company 00" not in seen and page["totalCount"] == 12


def test_backwards_paging_walks_the_same_rows_in_reverse(fresh_api: Api) -> None:
    assert not fresh_api.store.upsert([DOC, *(company(f"{n:02d}") for n in range(7))], []).conflicts
    forward = _names(_page(fresh_api, first=100))
    backward: list[str] = []
    before = None
    while True:
        page = _page(fresh_api, last=3, before=before)
        backward = _names(page) + backward
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert backward == forward and len(forward) == 7


def test_descending_order_pages_and_flags(fresh_api: Api) -> None:
    assert not fresh_api.store.upsert([DOC, *(company(f"{n:02d}") for n in range(5))], []).conflicts
    order = {"field": "NAME", "direction": "DESC"}
    first = _page(fresh_api, first=2, o=order)
    assert _names(first) == ["Company 04", "Company 03"]
    assert first["pageInfo"] == {**first["pageInfo"], "hasNextPage": True,
                                 "hasPreviousPage": False}
    second = _page(fresh_api, first=2, after=first["pageInfo"]["endCursor"], o=order)
    assert _names(second) == ["Company 02", "Company 01"]
    assert second["pageInfo"]["hasPreviousPage"] and second["pageInfo"]["hasNextPage"]


def test_relations_of_an_entity_page_stably_under_inserts(fresh_api: Api) -> None:
    hub = company("hub")
    others = [company(f"{n:02d}") for n in range(6)]
    letters = [_sued(o, hub) for o in others]
    assert not fresh_api.store.upsert([DOC, hub, *others], letters).conflicts
    query = """query ($after: String) { entity(id: "company-hub") { relations(first: 2,
        after: $after, orderBy: {field: DATE}) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id date } } } } }"""
    page = fresh_api.data(query)["entity"]["relations"]
    seen = [e["node"]["id"] for e in page["edges"]]
    late = company("late")
    assert not fresh_api.store.upsert([late], [_sued(late, hub)]).conflicts
    while page["pageInfo"]["hasNextPage"]:
        page = fresh_api.data(query, after=page["pageInfo"]["endCursor"])["entity"]["relations"]
        seen += [e["node"]["id"] for e in page["edges"]]
    assert len(seen) == len(set(seen)) == 7 and page["totalCount"] == 7


def _sued(plaintiff: Entity, defendant: Entity) -> Relation:
    date = f"2020-0{len(plaintiff.id) % 9 + 1}"
    rid = relation_id("SUED", plaintiff.id, defendant.id, {"date": date})
    evidence = (Evidence("doc", None, "q"),)
    return Relation(rid, "SUED", plaintiff.id, defendant.id, date, {}, evidence)


def test_a_cursor_of_another_ordering_is_refused(api: Api) -> None:
    cursor = _page(api, first=1, o={"field": "NAME"})["pageInfo"]["endCursor"]
    [message] = api.errors(PAGE, first=1, after=cursor, o={"field": "ID"})
    assert "was issued for ordering NAME_ASC, not ID_ASC" in message


def test_page_sizes_are_bounded(api: Api) -> None:
    assert api.errors(PAGE, first=101) == ["`first` must be between 0 and 100, got 101"]
    assert api.errors(PAGE, last=-1) == ["`last` must be between 0 and 100, got -1"]

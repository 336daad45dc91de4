"""Item 11: depth, token, alias, page-size and cost limits, timeouts, masked errors,
introspection and GraphiQL switches, and writes only with a valid key."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from api.gql.failures import MASKED
from api.gql.mutation import key_is_valid
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.base import GraphStats
from graph.store.embedded import EmbeddedStore
from tests.api.conftest import Api, Backend, api_settings, serve

KEY = "k" * 24
DEPTH_BOMB = (
    '{ entity(id: "clearview-ai") { '
    + "relations(first: 1) { edges { node { source { " * 5
    + "id"
    + " } } } }" * 5
    + " } }"
)
ALIAS_BOMB = "{ " + " ".join(f"a{i}: stats {{ entities }}" for i in range(50)) + " }"
TOKEN_BOMB = "{ " + " ".join("stats { entities }" for _ in range(600)) + " }"
COST_BOMB = """{ entities(first: 100) { edges { node { relations(first: 100) { edges { node {
    source { relations(first: 100) { totalCount } } } } } } } } }"""
UPSERT = "mutation ($rows: String!) { upsertRecords(ndjson: $rows) { ok entitiesAdded problems } }"
NEW_ROW = '{"kind": "entity", "id": "newco", "type": "Company", "name": "NewCo"}'


def test_a_depth_bomb_is_refused(api: Api) -> None:
    assert api.errors(DEPTH_BOMB) == ["'anonymous' exceeds maximum operation depth of 12"]


def test_an_alias_bomb_is_refused(api: Api) -> None:
    assert api.errors(ALIAS_BOMB) == ["50 aliases found. Allowed: 20"]


def test_a_huge_document_is_refused(api: Api) -> None:
    [message] = api.errors(TOKEN_BOMB)
    assert message == "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."


@pytest.mark.parametrize("where", ["literal", "variable", "nested"])
def test_first_one_million_is_refused_before_anything_runs(api: Api, where: str) -> None:
    queries = {
        "literal": ("{ entities(first: 1000000) { totalCount } }", {}),
        "variable": ("query ($n: Int) { search(text: \"c\", first: $n) { totalCount } }",
                     {"n": 1000000}),
        "nested": ('{ entity(id: "clearview-ai") { relations(first: 1000000) { totalCount } } }',
                   {}),
    }
    query, variables = queries[where]
    body = api.post(query, **variables)
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == [
        "`first` must be between 0 and 100, got 1000000"
    ]


def test_the_cost_budget_is_enforced_and_reported(api: Api) -> None:
    body = api.post(COST_BOMB)
    assert body["data"] is None and body["extensions"]["cost"]["budget"] == 50_000
    [error] = body["errors"]
    assert error["message"].startswith("estimated query cost 1040301 is over the budget of 50000")
    cheap = api.post('{ entity(id: "clearview-ai") { name } }')
    assert cheap["extensions"] == {"cost": {"estimated": 2, "budget": 50_000}}


class SlowStore(EmbeddedStore):
    def stats(self) -> GraphStats:
        time.sleep(1.0)
        return super().stats()


class BrokenStore(EmbeddedStore):
    def stats(self) -> GraphStats:
        raise RuntimeError("secret /var/lib/aikg/graph.pickle is corrupt")


def _embedded(cls: type[EmbeddedStore], tmp_path: Path) -> EmbeddedStore:
    return cls(load_schema(), tmp_path)


def test_a_slow_request_is_stopped_with_a_clear_error(tmp_path: Path) -> None:
    settings = api_settings(tmp_path, request_timeout=0.2)
    with serve(settings, _embedded(SlowStore, tmp_path), "embedded") as api:
        started = time.monotonic()
        [message] = api.errors("{ stats { entities } }")
        assert time.monotonic() - started < 1.0  # the store call itself takes 1 s
    assert message.startswith("the request took longer than 0.2 s and was stopped")


def test_internal_errors_are_masked(tmp_path: Path) -> None:
    with serve(api_settings(tmp_path), _embedded(BrokenStore, tmp_path), "embedded") as api:
        body = api.post("{ stats { entities } }")
    assert [e["message"] for e in body["errors"]] == [MASKED]
    assert "secret" not in str(body) and "RuntimeError" not in str(body)


def _switched(backend: Backend, **changes: Any) -> Settings:
    return replace(backend.settings, **changes)


def test_introspection_and_graphiql_can_be_switched_off(backend: Backend) -> None:
    introspect = "{ __schema { queryType { name } } }"
    with serve(backend.settings, backend.standard(), backend.name) as api:
        assert api.data(introspect) == {"__schema": {"queryType": {"name": "Query"}}}
        assert api.client.get("/graphql", headers={"Accept": "text/html"}).status_code == 200
    closed = _switched(backend, introspection=False, graphiql=False)
    with serve(closed, backend.standard(), backend.name) as api:
        messages = api.errors(introspect)
        assert "introspection has been disabled" in messages[0]
        assert api.client.get("/graphql", headers={"Accept": "text/html"}).status_code == 404


def test_without_write_keys_there_is_no_mutation(api: Api) -> None:
    assert api.data("{ __schema { mutationType { name } } }")["__schema"] == {
        "mutationType": None
    }
    assert api.errors(UPSERT, rows=NEW_ROW) == [
        "The mutation operation is not supported by the schema."
    ]


def test_writes_need_a_valid_key(backend: Backend) -> None:
    store = backend.fresh()
    with serve(_switched(backend, write_keys=("x" * 20, KEY)), store, backend.name) as api:
        for headers in ({}, {"Authorization": "Bearer wrong-key-of-some-length"},
                        {"Authorization": f"Basic {KEY}"}):
            body = api.post(UPSERT, headers=headers, rows=NEW_ROW)
            assert [e["message"] for e in body["errors"]] == [
                "writing needs a valid write key: send `Authorization: Bearer <key>`"
            ]
        assert store.get_entities(["newco"]) == {}
        good = api.post(UPSERT, headers={"Authorization": f"Bearer {KEY}"}, rows=NEW_ROW)
        assert good["data"]["upsertRecords"] == {"ok": True, "entitiesAdded": 1, "problems": []}
        assert api.data('{ entity(id: "newco") { name } }') == {"entity": {"name": "NewCo"}}


def test_a_refused_batch_lists_its_problems_and_writes_nothing(backend: Backend) -> None:
    store = backend.fresh()
    rows = NEW_ROW + "\n" + '{"kind": "relation", "type": "FINED", "source": "newco", ' \
        '"target": "nobody", "evidence": [{"quote": "q"}]}\nnot json'
    with serve(_switched(backend, write_keys=(KEY,)), store, backend.name) as api:
        body = api.post(UPSERT, headers={"Authorization": f"Bearer {KEY}"}, rows=rows)
    result = body["data"]["upsertRecords"]
    assert not result["ok"] and result["entitiesAdded"] == 0
    assert result["problems"][0].startswith("request:3: malformed JSON")
    assert store.get_entities(["newco"]) == {}


def test_keys_are_compared_whole() -> None:
    assert key_is_valid(KEY, ("y" * 20, KEY))
    assert not key_is_valid(KEY[:-1], (KEY,)) and not key_is_valid(KEY, ())

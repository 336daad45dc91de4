"""Cheap denial of service (issue 12, class 4): bodies are capped and checked, cost counts the
arguments, filters compile once, timed-out work stops, and a mutation out of time writes
nothing; a real server stays responsive under concurrent expensive requests."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import cancel
from graph.model import Entity
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.base import UpsertPlan
from graph.store.embedded import EmbeddedStore
from graph.store.filtering import Matcher
from graph.store.query import EntityFilter, TextMatch
from tests.api.served import served

KEY = "k" * 24
UPSERT = "mutation ($rows: String!) { upsertRecords(ndjson: $rows) { ok problems } }"
ARTICLE = {"kind": "entity", "id": "doc", "type": "Article", "name": "Doc",
           "properties": {"title": "Doc"}}
NAMES_QUERY = ("query ($names: [String!]) { entities(first: 100, filter: {name: {in: $names}}) "
               "{ totalCount edges { node { id } } } }")


@pytest.fixture
def small(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "store", max_body_bytes=300_000)
    store = EmbeddedStore(load_schema(), settings.data_dir)
    with TestClient(create_app(settings, store)) as client:
        yield client


def test_a_body_over_the_cap_is_refused_unread(small: TestClient) -> None:
    query = json.dumps({"query": "{ stats { entities } }", "variables": {"x": "y" * 400_000}})
    response = small.post("/graphql", content=query, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "over the limit of 300000 bytes (AIKG_MAX_BODY_BYTES)" in response.json()["error"]


def test_a_streamed_body_over_the_cap_is_refused(small: TestClient) -> None:
    chunks = (b"x" * 4096 for _ in range(100))  # no Content-Length: chunked
    response = small.post("/graphql", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"query": "{ stats { entities } }\xff"}', "not valid UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested deeper than 64 levels"),
        (b'{"query": "{ stats { entities } }", "variables": {"x": NaN}}', "NaN is not a JSON"),
        (b'{"query": "{ a }", "query": "{ stats { entities } }"}', "duplicate key 'query'"),
    ],
)
def test_a_bad_body_is_a_400_not_a_500(small: TestClient, body: bytes, reason: str) -> None:
    response = small.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert reason in response.json()["error"]


def test_cost_counts_the_size_of_the_arguments(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "store")
    store = EmbeddedStore(load_schema(), settings.data_dir)
    names = [f"name-{i}" for i in range(60_000)]
    with TestClient(create_app(settings, store)) as client:
        response = client.post(
            "/graphql", json={"query": NAMES_QUERY, "variables": {"names": names}}
        )
    message = response.json()["errors"][0]["message"]
    assert message.startswith("estimated query cost 6")
    assert "is over the budget of 50000" in message


def test_a_filter_is_compiled_once_not_per_row(tmp_path: Path) -> None:
    names = tuple(f"Name {i}" for i in range(20_000))
    flt = EntityFilter(name=TextMatch(any_of=names))
    pool = [Entity(f"e{i}", "Company", f"Name {i * 7}") for i in range(20_000)]
    store = EmbeddedStore(load_schema(), tmp_path / "store")
    started = time.monotonic()
    found = Matcher(store).entities(flt, pool)
    assert time.monotonic() - started < 2  # per row: 20,000 x 20,000 folds, minutes
    assert len(found) == len([i for i in range(20_000) if i * 7 < 20_000])


def test_work_past_its_deadline_stops(tmp_path: Path) -> None:
    flt = EntityFilter(name=TextMatch(contains="x"))
    pool = [Entity(f"e{i}", "Company", f"Name {i}") for i in range(10_000)]
    store = EmbeddedStore(load_schema(), tmp_path / "store")
    with cancel.deadline(0.0), pytest.raises(cancel.Cancelled):
        Matcher(store).entities(flt, pool)


class SlowPlanStore(EmbeddedStore):
    """Plans slowly, so the request's time runs out between the plan and the write."""

    def plan_upsert(self, *args: object, **kwargs: object) -> UpsertPlan:
        time.sleep(0.6)
        return super().plan_upsert(*args, **kwargs)  # type: ignore[arg-type]


def test_a_mutation_stopped_by_the_timeout_is_not_written(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "store", write_keys=(KEY,), request_timeout=0.3)
    store = SlowPlanStore(load_schema(), settings.data_dir)
    rows = json.dumps(ARTICLE)
    with TestClient(create_app(settings, store)) as client:
        body = client.post("/graphql", json={"query": UPSERT, "variables": {"rows": rows}},
                           headers={"Authorization": f"Bearer {KEY}"}).json()
    assert "ran out of time" in body["errors"][0]["message"]
    time.sleep(0.8)  # had the work gone on in a thread, it would have written by now
    assert store.stats().entities == 0


def _many_companies(folder: Path, count: int) -> Path:
    path = folder / "many.ndjson"
    rows = [ARTICLE] + [
        {"kind": "entity", "id": f"c{i}", "type": "Company", "name": f"Company {i}",
         "sources": ["doc"]} for i in range(count)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_expensive_requests_at_once_leave_a_cheap_query_fast(tmp_path: Path) -> None:
    """Six 130 KB `name: {in: [...]}` filters at once over 2,000 entities are all answered,
    then a cheap query is answered within 1 s. Before, each filter folded its 6,000 names once
    per row: the six ran past the timeout, their threads kept burning, later queries waited."""
    names = [f"Nobody by the name {i:05}" for i in range(6_000)]
    assert len(json.dumps(names)) > 130_000
    payload = {"query": NAMES_QUERY, "variables": {"names": names}}
    inputs = [_many_companies(tmp_path, 2_000)]
    with (
        served(tmp_path, inputs) as base,
        ThreadPoolExecutor(6) as pool,
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        expensive = [pool.submit(http.post, "/graphql", json=payload) for _ in range(6)]
        answers = [f.result().json() for f in expensive]
        started = time.monotonic()
        cheap = httpx.post(f"{base}/graphql", json={"query": "{ stats { entities } }"}, timeout=5)
        answered = time.monotonic() - started
    assert [a.get("errors") for a in answers] == [None] * 6, answers[0].get("errors")
    assert all(a["data"]["entities"]["totalCount"] == 0 for a in answers)
    assert cheap.json()["data"]["stats"]["entities"] == 2_001
    assert answered < 1.0, f"a cheap query took {answered:.2f} s"


def test_a_mutation_keeps_line_separators_inside_strings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "store", write_keys=(KEY,))
    store = EmbeddedStore(load_schema(), settings.data_dir)
    rows = json.dumps({**ARTICLE, "name": "Doc\u2028two\u0085lines"}, ensure_ascii=False)
    with TestClient(create_app(settings, store)) as client:
        body = client.post("/graphql", json={"query": UPSERT, "variables": {"rows": rows}},
                           headers={"Authorization": f"Bearer {KEY}"}).json()
    assert body["data"]["upsertRecords"] == {"ok": True, "problems": []}
    assert store.get_entities(["doc"])["doc"].name == "Doc\u2028two\u0085lines"

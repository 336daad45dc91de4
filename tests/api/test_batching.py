"""Item 12: no N+1. The store calls of a nested query do not grow with the rows it returns."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from graph.store.base import GraphStore
from tests.api.conftest import Api

NESTED = """query ($first: Int) { entities(filter: {type: [Company, Platform, Agency]},
    orderBy: {field: NAME}, first: $first) { edges { node { name degree sources { title }
      relations(first: 50) { edges { node { type other { name }
        evidence { quote article { title publishedAt publisher { name } authors { name }
        } } } } } } } } }"""
READS = (
    "get_entities", "resolve", "get_relations", "relations_of", "search", "stats",
    "iter_entities", "iter_relations", "degrees", "scan_relations", "entities_of_types",
    "relations_citing", "lookup", "search_hits", "find_entities", "find_relations",
    "relations_matching",
)


@pytest.fixture
def counted(api: Api) -> Iterator[Counter[str]]:
    """Every read of the store, by method, while the test runs."""
    calls: Counter[str] = Counter()
    store = api.store
    for name in READS:
        setattr(store, name, _counting(getattr(store, name), name, calls))
    try:
        yield calls
    finally:
        for name in READS:
            delattr(store, name)


def _counting(method: Callable[..., Any], name: str, calls: Counter[str]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return method(*args, **kwargs)

    return wrapper


def _reads(api: Api, calls: Counter[str], first: int) -> tuple[int, Counter[str]]:
    calls.clear()
    edges = api.data(NESTED, first=first)["entities"]["edges"]
    relations = sum(len(e["node"]["relations"]["edges"]) for e in edges)
    return relations, Counter(calls)


def test_store_calls_do_not_grow_with_the_rows(api: Api, counted: Counter[str]) -> None:
    few_rows, few = _reads(api, counted, 2)
    many_rows, many = _reads(api, counted, 14)
    assert many_rows > 3 * few_rows > 0
    assert many == few, (few, many)
    print(f"\n{api.backend}: {few_rows} and {many_rows} relations, store calls {dict(many)}")
    assert sum(many.values()) <= 12, many  # one batched call per level of the query


def test_the_store_under_test_is_the_one_counted(api: Api, counted: Counter[str]) -> None:
    """The counter can fail: a query reading entities shows up in it."""
    api.data('{ entity(id: "venmo") { name } }')
    assert counted["lookup"] == 1 and counted["get_entities"] >= 1
    assert isinstance(api.store, GraphStore)

"""The networkx export reads the Neo4j store (on real Neo4j) exactly as the embedded one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.export import Selection, to_networkx
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.embedded import EmbeddedStore
from queries.neo4j_store import Neo4jStore


@pytest.fixture
def neo4j_store(bloom_settings: Settings) -> Iterator[Neo4jStore]:
    with Neo4jStore.connect(load_schema(), bloom_settings) as store:
        yield store


@pytest.mark.parametrize(
    "selection",
    [Selection(), Selection(around="clearview-ai", hops=2),
     Selection(types=("Company", "Agency"), relation_types=("FINED",), since="2022")],
    ids=["whole", "two-hops", "filtered"],
)
def test_same_graph_from_either_store(
    selection: Selection, neo4j_store: Neo4jStore, curated_store: EmbeddedStore
) -> None:
    got, want = to_networkx(neo4j_store, selection), to_networkx(curated_store, selection)
    assert want.number_of_edges() > 0
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(want.edges(keys=True, data=True))

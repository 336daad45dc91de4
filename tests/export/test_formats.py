"""Every format read back with networkx's own readers equals the store: counts and attributes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from graph.export import EDGE_KEYS, NODE_KEYS, canonical, from_networkx, to_networkx
from graph.export.formats import EDGE_COLUMNS, FORMATS, NODE_COLUMNS, STATEMENT_COLUMNS
from graph.export.selection import GraphExport
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths
from tests.export.readers import NX_FORMATS, read, read_csv_tables, write


def assert_same_graph(got: Any, want: Any) -> None:
    """Same nodes, same edge keys between the same ends, same attributes everywhere."""
    assert sorted(got.nodes) == sorted(want.nodes)
    assert sorted(got.edges(keys=True)) == sorted(want.edges(keys=True))
    for node in want:
        assert got.nodes[node] == want.nodes[node], node
    for edge in want.edges(keys=True):
        assert got.edges[edge] == want.edges[edge], edge


def assert_matches_store(graph: Any, store: EmbeddedStore) -> None:
    stats = store.stats()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (stats.entities, stats.relations)
    entities, relations = from_networkx(graph)
    assert sorted(entities, key=lambda e: e.id) == list(store.iter_entities())
    assert sorted(relations, key=lambda r: r.id) == list(store.iter_relations())


def test_to_networkx_is_the_store(any_store: EmbeddedStore) -> None:
    graph = to_networkx(any_store)
    assert isinstance(graph, nx.MultiDiGraph)
    assert all(key == attrs["id"] for *_, key, attrs in graph.edges(keys=True, data=True))
    assert_matches_store(graph, any_store)


@pytest.mark.parametrize("fmt", NX_FORMATS)
def test_every_format_reads_back_equal_to_the_store(
    fmt: str, any_store: EmbeddedStore, tmp_path: Path
) -> None:
    graph = read(fmt, write(any_store, fmt, tmp_path))
    assert_matches_store(graph, any_store)
    assert_same_graph(canonical(graph), to_networkx(any_store))


def test_node_link_round_trips_to_an_identical_graph(any_store: EmbeddedStore,
                                                     tmp_path: Path) -> None:
    graph = read("node-link", write(any_store, "node-link", tmp_path))
    want = to_networkx(any_store)
    assert_same_graph(graph, want)  # as read, without canonical()
    assert graph.graph == want.graph == {}
    ours, theirs = json.loads((tmp_path / "graph.json").read_text()), nx.node_link_data(want)
    assert {k: v for k, v in ours.items() if k != "edges"} == {
        k: v for k, v in theirs.items() if k != "edges"}
    assert ours["edges"] == sorted(theirs["edges"], key=lambda e: e["key"])


def test_node_link_loads_back_into_a_store(any_store: EmbeddedStore, tmp_path: Path) -> None:
    entities, relations = from_networkx(read("node-link", write(any_store, "node-link", tmp_path)))
    fresh = EmbeddedStore(load_schema(), tmp_path / "again")
    assert not fresh.upsert(entities, relations).conflicts
    assert list(fresh.iter_entities()) == list(any_store.iter_entities())
    assert list(fresh.iter_relations()) == list(any_store.iter_relations())


def test_ndjson_reingests_to_the_same_graph(any_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write(any_store, "ndjson", tmp_path)
    fresh = EmbeddedStore(load_schema(), tmp_path / "again")
    report = ingest_paths(fresh, [path])
    assert report.ok, [str(p) for p in report.problems]
    assert list(fresh.iter_entities()) == list(any_store.iter_entities())
    assert list(fresh.iter_relations()) == list(any_store.iter_relations())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_every_node_and_edge_reads_back_with_the_same_keys(
    fmt: str, tricky_store: EmbeddedStore, tmp_path: Path
) -> None:
    """torch_geometric's from_networkx and pandas need one key set, dated edge or not."""
    graph = read(fmt, write(tricky_store, fmt, tmp_path))
    assert len({frozenset(a) for _, a in graph.nodes(data=True)}) == 1
    edge_keys = {frozenset(a) for *_, a in graph.edges(data=True)}
    assert len(edge_keys) == 1 and {"date", "start", "end"} <= next(iter(edge_keys))
    dates = {a["date"] for *_, a in graph.edges(data=True)}
    assert "" in dates and len(dates) > 1  # the fixture has dated and undated edges


def test_what_each_reader_changes_is_only_what_the_readme_says(
    tricky_store: EmbeddedStore, tmp_path: Path
) -> None:
    want = to_networkx(tricky_store)
    graphml = read("graphml", write(tricky_store, "graphml", tmp_path))
    gexf = read("gexf", write(tricky_store, "gexf", tmp_path))
    csv = read("edgelist", write(tricky_store, "edgelist", tmp_path))
    for node, attrs in want.nodes(data=True):
        assert graphml.nodes[node] == attrs  # empty values are written empty
        assert gexf.nodes[node] == {**attrs, "label": attrs["name"]}
        assert csv.nodes[node] == attrs
    for u, v, key, attrs in want.edges(keys=True, data=True):
        assert graphml.edges[u, v, key] == attrs
        extras = {"label": attrs["rel_type"], "weight": float(attrs["evidence_count"])}
        assert gexf.edges[u, v, key] == {**attrs, **extras}
        assert csv.edges[u, v, key] == {k: x for k, x in attrs.items() if k != "id"}


def test_csv_tables_have_the_documented_columns(tricky_store: EmbeddedStore,
                                                tmp_path: Path) -> None:
    nodes, edges = read_csv_tables(write(tricky_store, "edgelist", tmp_path))
    assert tuple(nodes.columns) == NODE_COLUMNS
    assert tuple(edges.columns) == EDGE_COLUMNS
    assert str(edges["evidence_count"].dtype) == "int64"
    acme = nodes.set_index("id").loc["acme-ai"]
    assert json.loads(acme["aliases"]) == ["ACME|AI", "Acme", 'The "Acme"']


def test_networkx_own_writers_take_the_graph_as_is(tricky_store: EmbeddedStore,
                                                  tmp_path: Path) -> None:
    graph = to_networkx(tricky_store)
    nx.write_graphml(graph, tmp_path / "nx.graphml")
    nx.write_gexf(graph, tmp_path / "nx.gexf")
    again = canonical(nx.read_graphml(tmp_path / "nx.graphml", force_multigraph=True))
    assert_same_graph(again, graph)
    assert_same_graph(canonical(nx.read_gexf(tmp_path / "nx.gexf")), graph)


def test_same_keys_on_every_node_and_edge_as_torch_geometric_requires(
    any_store: EmbeddedStore,
) -> None:
    """torch_geometric.utils.from_networkx raises unless every node (edge) has the same keys,
    and renames an edge key that is also a node key; neither happens here."""
    graph = to_networkx(any_store)
    assert {frozenset(a) for _, a in graph.nodes(data=True)} == {frozenset(NODE_KEYS)}
    assert {frozenset(a) for *_, a in graph.edges(data=True)} == {frozenset(EDGE_KEYS)}
    assert not set(NODE_KEYS) & set(EDGE_KEYS)
    assert not {"type", "label", "weight", "start_date"} & (set(NODE_KEYS) | set(EDGE_KEYS))
    values = [v for _, a in graph.nodes(data=True) for v in a.values()]
    values += [v for *_, a in graph.edges(data=True) for v in a.values()]
    assert {type(v) for v in values} <= {str, int}


def test_pandas_takes_the_graph_as_is(tricky_store: EmbeddedStore) -> None:
    import pandas as pd

    graph = to_networkx(tricky_store)
    nodes = pd.DataFrame.from_dict(dict(graph.nodes(data=True)), orient="index")
    edges = nx.to_pandas_edgelist(graph)
    assert set(nodes.columns) == set(NODE_KEYS)
    assert set(edges.columns) == {"source", "target", *EDGE_KEYS}
    assert str(edges["evidence_count"].dtype) == "int64"
    assert not nodes.isna().any().any() and not edges.isna().any().any()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_writers_stream(fmt: str, curated_store: EmbeddedStore) -> None:
    """The first chunk comes out before a single relation is read; progress counts it all."""
    steps: list[int] = []
    export = GraphExport(curated_store)
    chunks = FORMATS[fmt].chunks(export, steps.append)
    next(chunks)
    assert export.relations_written == 0
    rest = "".join(chunks)
    stats = curated_store.stats()
    assert rest and export.relations_written == stats.relations
    counted = stats.relations if fmt == "edgelist" else stats.entities + stats.relations
    assert sum(steps) == counted


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_replaces_control_characters_it_cannot_carry(fmt: str, tmp_path: Path) -> None:
    from graph.model import Entity

    store = EmbeddedStore(load_schema(), tmp_path / "bell")
    store.upsert([Entity("bell", "Group", "ring\x07 \x1b[0m")], [])
    path = tmp_path / f"bell{FORMATS[fmt].suffix}"
    path.write_text("".join(FORMATS[fmt].chunks(GraphExport(store), None)), encoding="utf-8")
    graph = read(fmt, path)  # well-formed: the parser would fail on a raw control character
    assert graph.nodes["bell"]["name" if fmt == "graphml" else "label"] == "ring\ufffd \ufffd[0m"
    assert "ring\\u0007" in "".join(FORMATS["node-link"].chunks(GraphExport(store), None))


def test_the_statements_table_has_every_value_with_its_source(
    curated_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = write(curated_store, "statements", tmp_path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert tuple(table.columns) == STATEMENT_COLUMNS
    fine = table[(table["id"] == "dutch-data-protection-authority:FINED:clearview-ai@2024-09")
                 & (table["property"] == "amount")]
    assert sorted(zip(fine["value"], fine["shown"], fine["conflict"], strict=True)) == [
        ("33000000", "true", "true"), ("33700000", "false", "true")]
    assert set(fine["url"]) == {"", "https://incidentdatabase.ai/cite/781/"}
    stated = sum(len(e.statements) for e in curated_store.iter_entities())
    stated += sum(len(r.statements) for r in curated_store.iter_relations())
    assert len(table) == stated

"""The undated run of a root page by date on real Neo4j: a seek of the `(undated, id)` index
that reads the page and no more, however few undated relations a type holds among its dated
ones; the `undated` marker follows the date through every write (create, merge, a date that
arrives later, `aikg db init` on a graph an older aikg wrote) and never reaches a reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.model import Entity, Relation, relation_id
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from graph.store.keyset import page_of, relation_key
from graph.store.query import NO_DATE, Order, RelationFilter, Window
from queries.encoding import UNDATED
from queries.neo4j_admin import write_import_files
from queries.neo4j_pages import page_statements, undated_index_name
from queries.neo4j_store import Neo4jStore
from tests.contract.conftest import Backend

FIRMS = 40
UNDATED_EVERY = 97  # a few undated relations among many dated ones (the hard case to seek)


def _graph() -> tuple[list[Entity], list[Relation]]:
    firms = [Entity(f"firm-{n:02d}", "Company", f"Firm {n:02d}") for n in range(FIRMS)]
    relations = []
    for n in range(FIRMS * (FIRMS - 1)):
        source, target = n // (FIRMS - 1), n % (FIRMS - 1)
        target += target >= source
        date = None if n % UNDATED_EVERY == 0 else f"20{10 + n % 12}-0{1 + n % 9}-1{n % 10}"
        ends = (firms[source].id, firms[target].id)
        relations.append(Relation(relation_id("DEPLOYED", *ends), "DEPLOYED", *ends, date))
    return firms, relations


def _loaded(bolt: Backend) -> tuple[Neo4jStore, list[Entity], list[Relation]]:
    """An emptied Neo4j store holding `_graph()`, and that graph."""
    bolt.clear()
    store = bolt.open()
    assert isinstance(store, Neo4jStore)
    firms, relations = _graph()
    assert not store.upsert(firms, relations).conflicts
    return store, firms, relations


def _embedded(tmp_path: Path, entities: list[Entity], relations: list[Relation]) -> EmbeddedStore:
    store = EmbeddedStore(load_schema(), tmp_path / "embedded")
    assert not store.upsert(entities, relations).conflicts
    return store


def _cypher(store: Neo4jStore, query: str, **params: Any) -> list[dict[str, Any]]:
    records = store.driver.execute_query(query, params, database_=store.database).records
    return [record.data() for record in records]


def _mismarked(store: Neo4jStore) -> int:
    found = _cypher(store, f"MATCH ()-[r]->() WHERE (r.date IS NULL) <> "
                           f"coalesce(r.{UNDATED} = true, false) RETURN count(r) AS n")
    return int(found[0]["n"])


def _walk(store: Neo4jStore, embedded: EmbeddedStore, descending: bool) -> None:
    """Every page by date equals the generic page of the same relations and the embedded
    store's page."""
    order, flt = Order("DATE", descending), RelationFilter(types=("DEPLOYED",))
    expected = [r for r in embedded.iter_relations() if r.type == "DEPLOYED"]
    cursor = None
    while True:
        window = Window(first=9, after=cursor)
        page = store.find_relations(flt, order, window)
        assert page == page_of(expected, relation_key(order), order, window), cursor
        assert page == embedded.find_relations(flt, order, window), cursor
        if not page.has_next:
            return
        cursor = page.keys[-1]


def _operators(plan: Any) -> list[tuple[str, str, int]]:
    args = plan.get("args", {})
    found = [(plan["operatorType"].split("@")[0], str(args.get("Details", "")),
              int(args.get("Rows", 0)))]
    return found + [op for child in plan.get("children", []) for op in _operators(child)]


def test_the_undated_run_reads_the_page_from_its_index_whatever_the_dated_share(
    bolt: Backend, tmp_path: Path
) -> None:
    store, firms, relations = _loaded(bolt)
    undated = sorted(r.id for r in relations if r.date is None)
    assert 5 < len(undated) < len(relations) // 50
    for run, start in (("undated_down", "\U0010ffff"), ("undated_up", "")):
        statement = page_statements(load_schema())[("DEPLOYED", run)]
        summary = store.driver.execute_query(
            "PROFILE " + statement.text, statement.bind({"id": start, "limit": 3}),
            database_=store.database).summary
        operators = _operators(summary.profile)
        seeks = [op for op in operators if op[0] == "DirectedRelationshipIndexSeek"]
        assert len(seeks) == 1 and f"({UNDATED}, id)" in seeks[0][1], operators
        assert seeks[0][2] <= 3, operators  # the page's rows, not the type's 1,560
        assert not {"Sort", "Top", "Filter"} & {op[0] for op in operators}, operators
    assert _mismarked(store) == 0
    embedded = _embedded(tmp_path, firms, relations)
    for descending in (True, False):
        _walk(store, embedded, descending)


def test_a_date_that_arrives_later_clears_the_marker(bolt: Backend) -> None:
    store, firms, relations = _loaded(bolt)
    late = [Relation(r.id, r.type, r.source, r.target, "2030-01-01")
            for r in relations if r.date is None][:3]
    assert not store.upsert([], late).conflicts  # merged into what is stored
    assert not store.upsert([], late).conflicts  # and again: nothing changes
    assert _mismarked(store) == 0
    now = {r.id: r for r in [*relations, *late]}
    newest = store.find_relations(RelationFilter(types=("DEPLOYED",)), Order("DATE", True),
                                  Window(first=len(now)))
    assert [r.id for r in newest.rows] == [
        r.id for r in sorted(now.values(), key=lambda r: (r.date or NO_DATE, r.id),
                             reverse=True)]
    assert all(UNDATED not in r.properties for r in newest.rows)  # never read back


def test_db_init_marks_the_undated_relations_an_older_aikg_wrote(
    bolt: Backend, tmp_path: Path
) -> None:
    store, firms, relations = _loaded(bolt)
    for rtype in sorted(load_schema().relation_types):
        _cypher(store, f"DROP INDEX {undated_index_name(rtype)} IF EXISTS")
    _cypher(store, f"MATCH ()-[r]->() REMOVE r.{UNDATED}")
    assert _mismarked(store) > 0
    ran = store.init_schema().ran
    assert f"create_index_{undated_index_name('DEPLOYED')}" in ran
    assert _mismarked(store) == 0
    _walk(store, _embedded(tmp_path, firms, relations), True)
    _cypher(store, "MATCH ()-[r:DEPLOYED]->() WHERE r.date IS NULL "
                   f"REMOVE r.{UNDATED}")  # the index exists now: db init leaves it be
    store.init_schema()
    assert _mismarked(store) > 0


def test_the_import_files_mark_undated_relations(tmp_path: Path) -> None:
    firms, relations = _graph()
    files = write_import_files(load_schema(), firms, relations[:3], tmp_path)
    lines = (tmp_path / files.relationships[0]).read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index(f"{UNDATED}:boolean")
    assert [line.split(",")[column] for line in lines[1:]] == ["true", "", ""]

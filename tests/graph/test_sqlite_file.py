"""The SQLite file: clear errors for foreign, old, corrupt or full stores, the pickle migration,
names in any script, typo tolerance, cancellation, and the file opened with plain sqlite3."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import cancel
from graph.errors import StoreUnavailable
from graph.model import Entity, Evidence, Relation, normalise_entity, normalise_relation
from graph.schema import load_schema
from graph.settings import Settings
from graph.store import migrate
from graph.store.embedded import GRAPH_FILE, OLD_PICKLE, EmbeddedStore

DOC = Entity("doc", "Article", "A report", properties={"title": "A report", "aiid_report": 7})
YANDEX = Entity("yandex", "Company", "Яндекс", aliases=("Yandex",), properties={"country": "RU"})
BAIDU = Entity("baidu", "Company", "百度", properties={"wikidata": "Q14772"})
CLEARVIEW = Entity("clearview-ai", "Company", "Clearview AI", external_ids={"lei": "X1"})
MENTIONS = Relation("doc:MENTIONS:baidu", "MENTIONS", "doc", "baidu", "2021-03",
                    {}, (Evidence("doc", None, "named"),))


@pytest.fixture
def loaded(store: EmbeddedStore) -> EmbeddedStore:
    plan = store.upsert([DOC, YANDEX, BAIDU, CLEARVIEW], [MENTIONS])
    assert not plan.conflicts
    return store


def _aikg(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    aikg = Path(sys.executable).with_name("aikg")
    env = {**os.environ, "AIKG_DATA_DIR": str(data_dir)}
    return subprocess.run([str(aikg), *args], capture_output=True, text=True, env=env,
                          check=False, timeout=120)


def test_names_in_any_script_are_found_by_prefix(loaded: EmbeddedStore) -> None:
    assert [e.id for e in loaded.search("янд")] == ["yandex"]
    assert [e.id for e in loaded.search("ЯНДЕКС")] == ["yandex"]
    assert [e.id for e in loaded.search("百")] == ["baidu"]
    assert [e.id for e in loaded.search("yand")] == ["yandex"]


def test_a_typo_is_tolerated_but_not_a_wrong_first_letter(loaded: EmbeddedStore) -> None:
    assert [e.id for e in loaded.search("clearveiw")] == ["clearview-ai"]
    assert [e.id for e in loaded.search("claerview ai")] == ["clearview-ai"]
    assert loaded.search("klearview") == []


def test_lookup_by_external_id_and_folded_name(loaded: EmbeddedStore) -> None:
    assert loaded.lookup(["lei:x1", "яндекс", "Q14772", "nobody"]) == {
        "lei:x1": ["clearview-ai"], "яндекс": ["yandex"], "Q14772": ["baidu"]}


def test_values_keep_their_types(loaded: EmbeddedStore, tmp_path: Path) -> None:
    reopened = EmbeddedStore(load_schema(), loaded.data_dir)
    assert reopened.get_entities(["doc"])["doc"] == normalise_entity(DOC)  # statements too
    assert reopened.get_relations([MENTIONS.id])[MENTIONS.id] == normalise_relation(MENTIONS)


def test_the_file_reads_with_plain_sqlite(loaded: EmbeddedStore) -> None:
    with sqlite3.connect(loaded.path) as conn:
        rows = conn.execute("SELECT id, country FROM company ORDER BY id").fetchall()
        cited = conn.execute("SELECT article, quote FROM evidence").fetchall()
    assert rows == [("baidu", None), ("clearview-ai", None), ("yandex", "RU")]
    assert cited == [("doc", "named")]


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    tmp_path.joinpath("store").mkdir()
    path = tmp_path / "store" / GRAPH_FILE
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs(title TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreUnavailable, match="not an aikg graph"):
        EmbeddedStore(load_schema(), tmp_path / "store")
    assert path.read_bytes() == before


def test_another_layout_version_says_to_re_ingest(loaded: EmbeddedStore) -> None:
    loaded.close()
    with sqlite3.connect(loaded.path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreUnavailable, match="another aikg version .* re-ingest"):
        EmbeddedStore(load_schema(), loaded.data_dir)


def test_a_corrupt_file_is_one_error_line_and_exit_2(loaded: EmbeddedStore) -> None:
    loaded.close()
    loaded.path.write_bytes(b"\x00garbage" * 600)
    for suffix in ("-wal", "-shm"):
        loaded.path.with_name(GRAPH_FILE + suffix).unlink(missing_ok=True)
    done = _aikg(loaded.data_dir, "stats")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and "Move the file aside" in done.stderr


def test_a_full_disk_writes_nothing_and_says_so(loaded: EmbeddedStore) -> None:
    conn = loaded.db.current()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    many = [Entity(f"c{i}", "Company", f"Company number {i} " + "x" * 200) for i in range(3000)]
    with pytest.raises(StoreUnavailable, match="disk is full.*nothing was written"):
        loaded.upsert(many, [])
    assert loaded.stats().entities == 4


def test_an_expired_deadline_stops_reads_and_commits_no_write(loaded: EmbeddedStore) -> None:
    with cancel.deadline(-1), pytest.raises(cancel.Cancelled):
        loaded.degrees(["doc", "baidu"])
    extra = Entity("late", "Company", "Late Inc")
    with cancel.deadline(-1), pytest.raises(cancel.Cancelled):
        loaded.upsert([extra], [])
    assert loaded.get_entities(["late"]) == {}
    assert loaded.upsert([extra], []).summary.entities_added == 1


def _old_pickle(data_dir: Path) -> None:
    graph = nx.MultiDiGraph()
    for entity in (DOC, BAIDU):
        graph.add_node(entity.id, entity=entity)
    graph.add_edge(MENTIONS.source, MENTIONS.target, key=MENTIONS.id, relation=MENTIONS)
    data_dir.mkdir(parents=True)
    saved = {"format": migrate.OLD_FORMAT, "graph": graph, "edges": {MENTIONS.id: ("doc", "baidu")}}
    data_dir.joinpath(OLD_PICKLE).write_bytes(pickle.dumps(saved))


def test_an_old_pickle_says_how_to_move_and_converts(tmp_path: Path) -> None:
    data_dir = tmp_path / "old"
    _old_pickle(data_dir)
    with pytest.raises(StoreUnavailable, match="graph.store.migrate"):
        EmbeddedStore(load_schema(), data_dir)
    assert migrate.main([str(data_dir)]) == 0
    store = EmbeddedStore(load_schema(), data_dir)
    assert list(store.iter_entities()) == [normalise_entity(BAIDU), normalise_entity(DOC)]
    assert list(store.iter_relations()) == [normalise_relation(MENTIONS)]
    assert (data_dir / f"{OLD_PICKLE}.converted").exists()


def test_health_is_503_once_the_file_is_damaged(loaded: EmbeddedStore) -> None:
    settings = Settings(data_dir=loaded.data_dir)
    with TestClient(create_app(settings, loaded)) as client:
        assert client.get("/health").status_code == 200
        with loaded.path.open("r+b") as handle:
            handle.write(b"\x00" * 64)
        response = client.get("/health")
    assert response.status_code == 503 and "Move the file aside" in response.json()["error"]


def test_degrees_follow_every_write_and_a_loop_counts_once(loaded: EmbeddedStore) -> None:
    loop = Relation("baidu:CUSTOMER_OF:baidu", "CUSTOMER_OF", "baidu", "baidu", None, {},
                    (Evidence("doc", None, "itself"),))
    sued = Relation("yandex:SUED:baidu", "SUED", "yandex", "baidu", None, {},
                    (Evidence("doc", None, "sued"),))
    loaded.upsert([], [loop, sued, MENTIONS])  # MENTIONS again: no new relation
    counted = {"doc": 1, "baidu": 3, "yandex": 1, "clearview-ai": 0}
    assert loaded.degrees(list(counted)) == counted
    with sqlite3.connect(loaded.path) as conn:
        assert conn.execute("SELECT sum(relations) FROM degrees").fetchone() == (5,)


def test_a_layout_3_file_is_upgraded_in_place(loaded: EmbeddedStore) -> None:
    loaded.close()
    with sqlite3.connect(loaded.path) as conn:  # the layout before covering indexes and degrees
        conn.execute("DROP TABLE degrees")
        conn.execute("DROP INDEX relations_by_source")
        conn.execute("DROP INDEX relations_by_target")
        conn.execute("CREATE INDEX relations_by_source ON relations(source, type)")
        conn.execute("CREATE INDEX relations_by_target ON relations(target, type)")
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    upgraded = EmbeddedStore(load_schema(), loaded.data_dir)
    assert upgraded.degrees(["doc", "baidu", "yandex"]) == {"doc": 1, "baidu": 1, "yandex": 0}
    with sqlite3.connect(loaded.path) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        index = conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'relations_by_target'")
        assert version == ("4",)
        assert index.fetchone() == ("CREATE INDEX relations_by_target ON relations"
                                    "(target, type, source, id)",)
    upgraded.close()

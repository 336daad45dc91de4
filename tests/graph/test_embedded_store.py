"""The embedded store: idempotent upserts, persistence, atomic writes that survive a crash."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.errors import StoreUnavailable
from graph.model import Entity, Evidence, Relation, relation_id
from graph.schema import load_schema
from graph.store.base import Direction
from graph.store.embedded import GRAPH_FILE, EmbeddedStore

ARTICLE = Entity("doc", "Article", "A report", properties={"title": "A report"})
COMPANY = Entity(
    "clearview-ai", "Company", "Clearview AI", aliases=("Clearview",), sources=("doc",)
)
PLATFORM = Entity("facebook", "Platform", "Facebook", sources=("doc",))
SCRAPED = Relation(
    relation_id("SCRAPED_FROM", "clearview-ai", "facebook"),
    "SCRAPED_FROM",
    "clearview-ai",
    "facebook",
    "2020",
    {},
    (Evidence("doc", None, "scraped"),),
)


def _load(store: EmbeddedStore) -> None:
    plan = store.upsert([ARTICLE, COMPANY, PLATFORM], [SCRAPED])
    assert not plan.conflicts


def test_upsert_twice_changes_nothing(store: EmbeddedStore) -> None:
    _load(store)
    before = _changes(store)
    plan = store.upsert([ARTICLE, COMPANY, PLATFORM], [SCRAPED])
    assert plan.summary.entities_unchanged == 3 and plan.summary.relations_unchanged == 1
    assert plan.summary.entities_added == plan.summary.relations_added == 0
    assert _changes(store) == before, "an unchanged batch must not write a row"


def _changes(store: EmbeddedStore) -> int:
    """Rows changed by this thread's connection so far (SQLite counts every write)."""
    return store.db.current().total_changes


def test_a_second_source_adds_evidence_to_the_same_relation(store: EmbeddedStore) -> None:
    _load(store)
    other = Entity("doc2", "Article", "Another", properties={"title": "Another"})
    again = Relation(
        SCRAPED.id,
        "SCRAPED_FROM",
        "clearview-ai",
        "facebook",
        "2020-02",
        {},
        (Evidence("doc2", None, "also scraped"),),
    )
    plan = store.upsert([other], [again])
    assert plan.summary.relations_updated == 1
    stored = store.get_relations([SCRAPED.id])[SCRAPED.id]
    assert stored.date == "2020-02"
    assert {e.article for e in stored.evidence} == {"doc", "doc2"}
    assert store.stats().relations == 1


def test_persisted_state_reopens_identically(store: EmbeddedStore) -> None:
    _load(store)
    reopened = EmbeddedStore(load_schema(), store.data_dir)
    assert list(reopened.iter_entities()) == list(store.iter_entities())
    assert list(reopened.iter_relations()) == list(store.iter_relations())


def test_relations_of_many_nodes_in_both_directions(store: EmbeddedStore) -> None:
    _load(store)
    found = store.relations_of(["clearview-ai", "facebook", "nobody"])
    assert [r.id for r in found["clearview-ai"]] == [SCRAPED.id]
    assert [r.id for r in found["facebook"]] == [SCRAPED.id]
    assert found["nobody"] == []
    assert store.relations_of(["facebook"], Direction.OUT)["facebook"] == []
    assert store.relations_of(["clearview-ai"], types=["BREACHED"])["clearview-ai"] == []


def test_search_matches_prefixes_of_names_and_aliases(store: EmbeddedStore) -> None:
    _load(store)
    assert [e.id for e in store.search("clearv")] == ["clearview-ai"]
    assert [e.id for e in store.search("CLEARVIEW")] == ["clearview-ai"]
    assert [e.id for e in store.search("face", types=["Company"])] == []


def test_a_dangling_relation_is_refused_and_nothing_is_written(store: EmbeddedStore) -> None:
    bad = Relation(
        "x:SCRAPED_FROM:y", "SCRAPED_FROM", "x", "y", None, {}, (Evidence(url="https://a.example"),)
    )
    plan = store.upsert([ARTICLE], [bad])
    assert any("unknown entity 'x'" in c.message for c in plan.conflicts)
    assert store.stats().entities == 0 and _changes(store) == 0


def test_a_corrupt_file_is_reported_not_loaded(store: EmbeddedStore) -> None:
    _load(store)
    store.path.write_bytes(b"not a graph")
    with pytest.raises(StoreUnavailable, match="Move the file aside"):
        EmbeddedStore(load_schema(), store.data_dir)


WRITER = """
import sys
from pathlib import Path
from graph.model import Entity, Evidence, Relation
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore

store = EmbeddedStore(load_schema(), Path(sys.argv[1]))
doc = Entity("doc", "Article", "Doc", properties={"title": "Doc"})
companies = [Entity(f"c{i}", "Company", f"Company {i}") for i in range(2000)]
platforms = [Entity(f"p{i}", "Platform", f"Platform {i}") for i in range(2000)]
store.upsert([doc, *companies, *platforms], [])
print("ready", flush=True)
for batch in range(1000):
    rels = [Relation(f"c{i}:SCRAPED_FROM:p{(i * 7 + batch) % 2000}@{batch}", "SCRAPED_FROM",
                     f"c{i}", f"p{(i * 7 + batch) % 2000}", None, {},
                     (Evidence("doc", None, f"batch {batch}"),)) for i in range(2000)]
    store.upsert([], rels)
"""


def test_a_crash_during_write_leaves_a_loadable_whole_state(tmp_path: Path) -> None:
    """SIGKILL a writer at random moments; every time the store reopens with whole batches."""
    data_dir = tmp_path / "store"
    rng = random.Random(7)
    interrupted_writes = 0
    for _attempt in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.2, 1.5))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        wal = data_dir / f"{GRAPH_FILE}-wal"
        interrupted_writes += wal.exists() and wal.stat().st_size > 0
        reopened = EmbeddedStore(load_schema(), data_dir)
        counts = reopened.stats()
        assert counts.entities == 4001
        assert counts.relations % 2000 == 0, "a batch was half written"
        assert {e.id for e in reopened.get_entities(["doc", "c0", "p1999"]).values()} == {
            "doc",
            "c0",
            "p1999",
        }
    assert interrupted_writes >= 1, "no kill landed during a write; the test proved nothing"

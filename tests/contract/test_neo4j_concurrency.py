"""Concurrent writers on real Neo4j lose nothing: every alias, source, external id and piece of
evidence that two ingests (or an ingest and an API mutation) write at the same time is kept."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import ManagedTransaction
from neo4j.exceptions import Neo4jError

from graph.model import Entity, Evidence, Relation
from graph.schema import load_schema
from ingest.runner import ingest_paths
from queries import batches
from queries.neo4j_store import Neo4jStore
from tests.contract.conftest import Backend

ROUNDS = 12
COMPANIES = [f"co-{i}" for i in range(20)]
PLATFORM = "platform-x"


def _round(writer: str, number: int) -> tuple[list[Entity], list[Relation]]:
    """One writer's statements in one round: a new alias, source and evidence on every item."""
    source = f"{writer}-article-{number}"
    entities = [
        Entity(source, "Article", f"Report {source}", sources=(source,),
               properties={"title": f"Report {source}", "url": f"https://example.org/{source}",
                           "published": "2024-09"}),
    ]
    entities += [
        Entity(c, "Company", f"Company {c}", aliases=(f"{c} {writer}{number}",), sources=(source,),
               external_ids={f"registry-{writer}{number}": f'{c} "{writer}", {number}'})
        for c in COMPANIES
    ]
    entities.append(Entity(PLATFORM, "Platform", "Platform X", sources=(source,)))
    relations = [
        Relation(f"{c}:SCRAPED_FROM:{PLATFORM}", "SCRAPED_FROM", c, PLATFORM,
                 evidence=(Evidence(source, None, f"{writer} {number}"),))
        for c in COMPANIES
    ]
    return entities, relations


def _run_together(*work: Callable[[], None]) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(len(work))

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors


def test_two_writers_at_once_lose_no_alias_source_or_evidence(bolt: Backend) -> None:
    bolt.clear()
    bolt.open()

    def writer(name: str) -> Callable[[], None]:
        def work() -> None:
            with Neo4jStore.connect(load_schema(), bolt.settings) as store:
                for number in range(ROUNDS):
                    plan = store.upsert(*_round(name, number))
                    assert not plan.conflicts, plan.conflicts

        return work

    _run_together(writer("a"), writer("b"))
    store = bolt.open()
    entities = store.get_entities(COMPANIES)
    for company in COMPANIES:
        want = {f"{company} {w}{n}" for w in "ab" for n in range(ROUNDS)}
        assert set(entities[company].aliases) == want, company
        assert len(entities[company].sources) == 2 * ROUNDS
        assert entities[company].external_ids == {
            f"registry-{w}{n}": f'{company} "{w}", {n}' for w in "ab" for n in range(ROUNDS)
        }
    platform = store.get_entities([PLATFORM])[PLATFORM]
    assert len(platform.sources) == 2 * ROUNDS
    relations = store.get_relations([f"{c}:SCRAPED_FROM:{PLATFORM}" for c in COMPANIES])
    assert all(len(r.evidence) == 2 * ROUNDS for r in relations.values())
    assert len(relations) == len(COMPANIES)


def _ndjson(path: Path, writer: str) -> Path:
    lines = []
    for number in range(ROUNDS):
        entities, relations = _round(writer, number)
        lines += [json.dumps({"kind": "entity", **e.to_record()}) for e in entities]
        lines += [json.dumps({"kind": "relation", **r.to_record()}) for r in relations]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_ingests_at_once_keep_both(bolt: Backend, tmp_path: Path) -> None:
    bolt.clear()
    bolt.open()
    files = [_ndjson(tmp_path / f"{w}.ndjson", w) for w in "ab"]

    def ingest(path: Path) -> Callable[[], None]:
        def work() -> None:
            with Neo4jStore.connect(load_schema(), bolt.settings) as store:
                report = ingest_paths(store, [path])
                assert report.ok, [str(p) for p in report.problems]

        return work

    _run_together(*(ingest(f) for f in files))
    entities = bolt.open().get_entities(COMPANIES)
    assert all(len(e.aliases) == 2 * ROUNDS for e in entities.values())
    assert all(len(e.sources) == 2 * ROUNDS for e in entities.values())
    assert all(len(e.external_ids) == 2 * ROUNDS for e in entities.values())


def test_a_batch_retried_after_a_deadlock_is_written_once(
    bolt: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers sharing a hub endpoint can deadlock; Neo4j then fails one transaction with a
    transient error and the driver runs it again. Here every batch fails so once, after its
    statement ran (the rows were created in the transaction that is rolled back)."""
    bolt.clear()
    store = bolt.open(replace(bolt.settings, batch_size=7, writers=2))
    assert isinstance(store, Neo4jStore)
    attempts: Counter[str] = Counter()
    real = batches._transaction

    def deadlocked_once(batch: batches.Batch) -> Callable[[ManagedTransaction], None]:
        work = real(batch)

        def run(tx: ManagedTransaction) -> None:
            work(tx)
            attempts[batch.ids[0]] += 1
            if attempts[batch.ids[0]] == 1:
                raise Neo4jError._hydrate_neo4j(
                    code="Neo.TransientError.Transaction.DeadlockDetected", message="injected")

        return run

    monkeypatch.setattr(batches, "_transaction", deadlocked_once)
    entities, relations = _round("a", 0)
    plan = store.upsert(entities, relations)
    assert not plan.conflicts and plan.summary.relations_added == len(COMPANIES)
    # batches of at most 7 of one type: 1 Article, 3 of 20 Companies, 1 Platform, 3 of 20 relations
    assert set(attempts.values()) == {2} and len(attempts) == 1 + 3 + 1 + 3
    counted, _, _ = store.driver.execute_query(
        "MATCH ()-[r:SCRAPED_FROM]->() RETURN count(r) AS n, count(DISTINCT r.id) AS ids",
        database_=store.database)
    assert (counted[0]["n"], counted[0]["ids"]) == (len(COMPANIES), len(COMPANIES))
    assert store.stats().entities == len(entities)

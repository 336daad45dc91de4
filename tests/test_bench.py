"""The synthetic generator and the ingest benchmark, on a small real run (a few seconds)."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from pathlib import Path

from bench import ingest_bench
from bench.generate import generate
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths

ENTITIES, RELATIONS = 400, 2000


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_generated_file_ingests_with_zero_problems(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.ndjson"
    stats = generate(path, ENTITIES, RELATIONS, seed=7)
    records = _records(path)
    kinds = Counter(r["kind"] for r in records)
    assert kinds == {"entity": ENTITIES, "relation": RELATIONS}
    assert sum(stats.relations.values()) == RELATIONS

    store = EmbeddedStore(load_schema(), tmp_path / "store")
    report = ingest_paths(store, [path])
    assert report.ok, [str(p) for p in report.problems[:5]]
    assert report.summary.entities_added == ENTITIES
    assert report.summary.relations_added == RELATIONS
    assert store.stats().relations == RELATIONS


def test_generated_relations_follow_the_schema_and_cite_articles(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.ndjson"
    generate(path, ENTITIES, RELATIONS, seed=7)
    schema = load_schema()
    records = _records(path)
    types = {r["id"]: r["type"] for r in records if r["kind"] == "entity"}
    relations = [r for r in records if r["kind"] == "relation"]
    assert len(set(types.values())) >= 8  # a mix of the schema's entity types
    assert len({r["type"] for r in relations}) >= 10
    for rel in relations:
        declared = schema.relation_types[str(rel["type"])]
        assert types[str(rel["source"])] in declared.sources
        assert types[str(rel["target"])] in declared.targets
        evidence = rel["evidence"]
        assert isinstance(evidence, list) and evidence
        assert all(types.get(e["article"]) == "Article" for e in evidence)
    assert sum(1 for r in relations if r["date"]) > RELATIONS // 10


def test_degrees_are_heavy_tailed_with_hubs(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.ndjson"
    generate(path, ENTITIES, RELATIONS, seed=7)
    degree: Counter[str] = Counter()
    for rec in _records(path):
        if rec["kind"] == "entity":
            degree[str(rec["id"])] += 0
        else:
            degree[str(rec["source"])] += 1
            degree[str(rec["target"])] += 1
    values = sorted(degree.values())
    median = statistics.median(values)
    assert values[-1] >= 10 * max(median, 1), (values[-1], median)
    assert sum(values[-len(values) // 100:]) > 0.1 * sum(values)  # top 1% hold >10% of ends


def test_generator_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first, again, other = (tmp_path / f"{n}.ndjson" for n in ("first", "again", "other"))
    generate(first, 200, 500, seed=3)
    generate(again, 200, 500, seed=3)
    generate(other, 200, 500, seed=4)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_benchmark_reports_every_phase(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    status = ingest_bench.main(["--relations", str(RELATIONS), "--json", str(out),
                                "--timeout", "120"])
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert status == 0, payload["failures"]
    phases = payload["phases"]
    assert list(phases) == ["floor", "sqlite_floor", "ingest", "reingest", "load",
                            "article_empty", "article_full"]
    for result in phases.values():
        assert result["seconds"] > 0 and result["peak_rss_mib"] > 0
    for name in ingest_bench.WHOLE_FILE:
        assert (phases[name]["entities"], phases[name]["relations"]) == (RELATIONS // 5, RELATIONS)
    assert phases["article_empty"]["summary"]["relations_added"] > 0
    assert phases["article_full"]["summary"]["relations_added"] > 0
    assert phases["ingest"]["summary"]["relations_added"] == RELATIONS
    assert phases["reingest"]["summary"]["relations_added"] == 0
    assert phases["reingest"]["summary"]["relations_unchanged"] == RELATIONS
    assert set(payload["ratios"]) == {"sqlite_floor", "ingest", "reingest", "load",
                                      "article_empty", "article_full"}

"""Readers and writers at once over real HTTP: 50 `upsertRecords` mutations interleaved with
2,000 reads against `aikg serve` on the embedded store; no error, every read a committed state.

Each mutation adds a company, a platform and the SCRAPED_FROM relation between them in one
batch, so in any committed state the three counts are equal; a read that saw half a batch
(or a dictionary changing under it) would show unequal counts or an error.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from tests.api.served import serving

KEY = "k" * 32
MUTATIONS, READERS, READS_EACH = 50, 4, 500
UPSERT = "mutation ($rows: String!) { upsertRecords(ndjson: $rows) { ok problems } }"
STATS = "{ stats { entities relations entityTypes { type count } relationTypes { type count } } }"
PAGE = """{ relations(filter: {type: [SCRAPED_FROM]}, first: 5,
  orderBy: {field: ID, direction: DESC}) {
  totalCount edges { node { id source { id name } target { id name } } } } }"""
SEARCH = '{ search(text: "concurrent comp", first: 3) { totalCount edges { node { id } } } }'


def _batch(number: int) -> str:
    company, platform = f"conc-company-{number}", f"conc-platform-{number}"
    rows = [
        {"kind": "entity", "id": company, "type": "Company",
         "name": f"Concurrent Company {number}"},
        {"kind": "entity", "id": platform, "type": "Platform", "name": f"Platform {number}"},
        {"kind": "relation", "type": "SCRAPED_FROM", "source": company, "target": platform,
         "evidence": [{"url": f"https://example.org/{number}", "quote": "scraped"}]},
    ]
    return "\n".join(json.dumps(r) for r in rows)


def _consistent(name: str, data: dict[str, Any]) -> str | None:
    """Why an answer is not one committed state, or None when it is."""
    if name == "stats":
        ents = {t["type"]: t["count"] for t in data["stats"]["entityTypes"]}
        rels = {t["type"]: t["count"] for t in data["stats"]["relationTypes"]}
        counts = (ents.get("Company", 0), ents.get("Platform", 0), rels.get("SCRAPED_FROM", 0))
        return None if len(set(counts)) == 1 else f"half a batch: {counts}"
    if name == "page":
        edges = data["relations"]["edges"]
        ok = all(e["node"]["source"] and e["node"]["target"] for e in edges)
        return None if ok and len(edges) == min(5, data["relations"]["totalCount"]) else (
            f"torn page: {data}")
    return None


def test_fifty_mutations_under_two_thousand_reads(tmp_path: Path) -> None:
    problems: list[str] = []
    reads = [0]
    lock = threading.Lock()
    with serving(tmp_path / "store", tmp_path / "serve.log", write_keys=KEY) as url:

        def reader(offset: int) -> None:
            kinds = [("stats", STATS), ("page", PAGE), ("search", SEARCH)]
            with httpx.Client(base_url=url, timeout=60) as client:
                for i in range(READS_EACH):
                    name, query = kinds[(i + offset) % len(kinds)]
                    response = client.post("/graphql", json={"query": query})
                    body = response.json()
                    why = (f"HTTP {response.status_code}: {body}" if response.status_code != 200
                           else f"errors: {body['errors']}" if "errors" in body
                           else _consistent(name, body["data"]))
                    with lock:
                        reads[0] += 1
                        if why:
                            problems.append(why)

        def writer() -> None:
            headers = {"Authorization": f"Bearer {KEY}"}
            with httpx.Client(base_url=url, timeout=60, headers=headers) as client:
                for number in range(MUTATIONS):
                    body = client.post("/graphql", json={
                        "query": UPSERT, "variables": {"rows": _batch(number)}}).json()
                    if body.get("data", {}).get("upsertRecords") != {"ok": True, "problems": []}:
                        with lock:
                            problems.append(f"mutation {number}: {body}")
                    time.sleep(0.01)

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
        threads.append(threading.Thread(target=writer))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        final = httpx.post(f"{url}/graphql", json={"query": STATS}, timeout=60).json()
    assert problems == []
    assert reads[0] == READERS * READS_EACH
    assert final["data"]["stats"]["relations"] == MUTATIONS

"""Stores to export: the bundled curated data, and a small graph of awkward values."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Entity, Evidence, Relation, relation_id
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore

DOC = "doc-1"
ENTITIES = (
    Entity(DOC, "Article", 'Report: "AI" & <privacy>', sources=(),
           properties={"title": 'Report: "AI" & <privacy>', "published": "2020-02-27",
                       "url": "https://example.org/a?x=1&y=2", "aiid_report": 1848}),
    Entity("acme-ai", "Company", "Acme AI, Inc.", aliases=("ACME|AI", "Acme", 'The "Acme"'),
           properties={"country": "FR", "website": "https://acme.example"}, sources=(DOC,),
           external_ids={"aiid": "acme", "wikidata": "Q1"}, merged_ids=("acme-old",)),
    Entity("pics", "Platform", "Pïcs ☃\ttabbed", sources=(DOC,)),
    Entity("jane", "Person", "Jane Doe, Esq.", extra_labels=("Lawyer",), sources=(DOC,)),
    Entity("cnil", "Agency", "CNIL", properties={"country": "FR"}),
    Entity("inc-1", "Incident", "Breach; of, trust", properties={
        "date": "2020-02", "oecd_urls": ["https://oecd.ai/1", "https://oecd.ai/2"],
        "cset_lives_lost": 0, "description": "two\nlines, with commas"}),
    Entity("lonely", "Group", "children"),
)


def _rel(rtype: str, source: str, target: str, date: str | None = None,
         props: dict[str, object] | None = None, *evidence: Evidence) -> Relation:
    identity = {"date": date} if rtype == "FINED" else None
    rid = relation_id(rtype, source, target, identity)
    return Relation(rid, rtype, source, target, date, props or {}, evidence)


QUOTE = Evidence(DOC, None, 'Acme "scraped"\nimages, at scale')
RELATIONS = (
    _rel("SCRAPED_FROM", "acme-ai", "pics", "2020", {"what": 'images, "faces"'},
         QUOTE, Evidence(None, "https://example.org/b", None)),
    _rel("FINED", "cnil", "acme-ai", "2022-10-20",
         {"amount": 20000000.5, "currency": "EUR"}, Evidence(DOC, None, "fined")),
    _rel("FINED", "cnil", "acme-ai", "2023", {"amount": 5}, Evidence(DOC, None, "fined again")),
    _rel("REPRESENTED_BY", "acme-ai", "jane", None, None, Evidence(DOC, None, "its lawyer")),
    _rel("BREACHED", "inc-1", "acme-ai", "2020-02", None, Evidence(DOC, None, "breach")),
    _rel("MENTIONS", DOC, "acme-ai", None, None, Evidence(DOC)),
)


@pytest.fixture
def tricky_store(tmp_path: Path) -> EmbeddedStore:
    """Quotes, commas, pipes, tabs, newlines, non-ASCII, ints, floats, lists, a merged id,
    an extra label, parallel edges, an isolated node, partial and full dates."""
    store = EmbeddedStore(load_schema(), tmp_path / "tricky")
    plan = store.upsert(ENTITIES, RELATIONS)
    assert not plan.conflicts, plan.conflicts
    return store


@pytest.fixture(params=["curated", "tricky"])
def any_store(request: pytest.FixtureRequest) -> EmbeddedStore:
    store: EmbeddedStore = request.getfixturevalue(f"{request.param}_store")
    return store

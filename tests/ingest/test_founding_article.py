"""The founding article: everything it states is in the graph, each line with it as evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.store.embedded import EmbeddedStore
from tests.conftest import CURATED, FOUNDING_ARTICLE, needs_shared_data

DOC = "bitzionis-2020-02-27-clearview-client-list-stolen"
INCIDENT = "clearview-ai-client-list-stolen-2020"
ASSERTED = [
    ("SCRAPED_FROM", "clearview-ai", "facebook"),
    ("SCRAPED_FROM", "clearview-ai", "youtube"),
    ("SCRAPED_FROM", "clearview-ai", "venmo"),
    ("SENT_CEASE_AND_DESIST", "facebook", "clearview-ai"),
    ("SENT_CEASE_AND_DESIST", "google", "clearview-ai"),
    ("SENT_CEASE_AND_DESIST", "youtube", "clearview-ai"),
    ("BREACHED", INCIDENT, "clearview-ai"),
    ("AFFECTED", INCIDENT, "clearview-ai"),
    ("AFFECTED", INCIDENT, "law-enforcement-agencies"),
    ("REPRESENTED_BY", "clearview-ai", "tor-ekeland"),
    ("WORKS_FOR", "david-forscey", "aspen-cybersecurity-group"),
    ("QUOTED_IN", "tor-ekeland", DOC),
    ("QUOTED_IN", "david-forscey", DOC),
    ("CUSTOMER_OF", "law-enforcement-agencies", "clearview-ai"),
    ("PROFILED", "the-new-york-times", "clearview-ai"),
    ("REPORTED", "the-daily-beast", INCIDENT),
    ("REPORTED", DOC, INCIDENT),
    ("AUTHORED", "tony-bitzionis", DOC),
]
NAMED = {
    "clearview-ai": "Company",
    "facebook": "Platform",
    "youtube": "Platform",
    "venmo": "Platform",
    "google": "Company",
    "tor-ekeland": "Person",
    "david-forscey": "Person",
    "aspen-cybersecurity-group": "Organization",
    "the-daily-beast": "Publisher",
    "the-new-york-times": "Publisher",
    "tony-bitzionis": "Person",
    INCIDENT: "Incident",
}


def test_every_asserted_relation_carries_the_article_as_evidence(
    curated_store: EmbeddedStore,
) -> None:
    by_triple = {(r.type, r.source, r.target): r for r in curated_store.iter_relations()}
    for triple in ASSERTED:
        relation = by_triple.get(triple)
        assert relation is not None, f"missing {triple}"
        assert DOC in {e.article for e in relation.evidence}, f"{triple} lacks the article"


def test_every_named_party_is_a_typed_node_mentioned_by_the_article(
    curated_store: EmbeddedStore,
) -> None:
    found = curated_store.get_entities(list(NAMED))
    assert {i: e.type for i, e in found.items()} == NAMED
    assert "Lawyer" in found["tor-ekeland"].labels
    mentioned = {r.target for r in curated_store.relations_of([DOC])[DOC] if r.type == "MENTIONS"}
    assert set(NAMED) - {"tony-bitzionis"} <= mentioned


def test_the_expert_works_for_his_organisation_as_managing_director(
    curated_store: EmbeddedStore,
) -> None:
    rel = curated_store.get_relations(["david-forscey:WORKS_FOR:aspen-cybersecurity-group"])
    assert rel["david-forscey:WORKS_FOR:aspen-cybersecurity-group"].properties == {
        "role": "managing director"
    }


def _normalise(text: str) -> str:
    return " ".join(text.split())


@needs_shared_data
def test_every_quote_is_verbatim_from_the_article() -> None:
    article = _normalise(FOUNDING_ARTICLE.read_text(encoding="utf-8"))
    curated = yaml.safe_load(
        (CURATED / "2020-02-27-clearview-ai-client-list-stolen.yaml").read_text()
    )
    quotes = [r["quote"] for r in curated["relations"]]
    assert len(quotes) >= len(ASSERTED) - 2
    for quote in quotes:
        assert _normalise(quote) in article, quote


@pytest.mark.parametrize("path", sorted(CURATED.glob("*.yaml")), ids=lambda p: Path(p).stem)
def test_every_curated_relation_quotes_its_document(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for relation in data.get("relations") or []:
        assert relation.get("quote"), (path.name, relation)

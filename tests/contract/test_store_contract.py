"""The store contract: what ingest, the API and exports rely on, asserted on every backend."""

from __future__ import annotations

from dataclasses import replace

from graph.model import Entity, Evidence, Relation, relation_id
from graph.store.base import Direction, GraphStore
from graph.store.embedded import EmbeddedStore
from graph.store.search_index import tokens
from ingest.runner import ingest_paths
from tests.contract.conftest import FIXTURE, INPUTS, Backend

FINED_2024 = relation_id("FINED", "cnil-contract", "societe-generale-ia", {"date": "2024-09-03"})
FINED_2022 = relation_id("FINED", "cnil-contract", "societe-generale-ia", {"date": "2022-10"})
SCRAPED = "clearview-ai:SCRAPED_FROM:facebook"


def test_ingest_reads_back_equal_to_the_embedded_store(
    loaded_store: GraphStore, reference: EmbeddedStore
) -> None:
    assert list(loaded_store.iter_entities()) == list(reference.iter_entities())
    assert list(loaded_store.iter_relations()) == list(reference.iter_relations())


def test_stats_count_by_type(loaded_store: GraphStore, reference: EmbeddedStore) -> None:
    stats = loaded_store.stats()
    assert stats == reference.stats()
    assert stats.entity_types["Company"] >= 3 and stats.relation_types["SCRAPED_FROM"] == 3
    assert stats.entities == sum(stats.entity_types.values()) > 50


def test_get_many_by_id_keeps_every_property_kind(loaded_store: GraphStore) -> None:
    found = loaded_store.get_entities(["societe-generale-ia", "contract-incident", "nobody"])
    assert set(found) == {"societe-generale-ia", "contract-incident"}
    company = found["societe-generale-ia"]
    assert company.name == "Société Générale IA"
    assert company.aliases == ("SGIA", "Societe Generale Intelligence")
    assert company.external_ids == {"aiid": "societe-generale-ia", "wikidata": "Q0000001"}
    assert company.merged_ids == ("sg-ia", "societe-generale-ai")
    assert company.sources == ("contract-doc",)
    incident = found["contract-incident"].properties
    assert incident["aiid_incident"] == 9999 and isinstance(incident["aiid_incident"], int)
    assert incident["oecd_urls"] == ["https://oecd.ai/en/incidents/1", "https://oecd.ai/en/incidents/2"]
    assert incident["description"].endswith("Second line, “quoted”.")
    lawyer = loaded_store.get_entities(["maitre-dupont"])["maitre-dupont"]
    assert lawyer.labels == ("Person", "Lawyer")


def test_relations_keep_dates_properties_and_every_piece_of_evidence(
    loaded_store: GraphStore,
) -> None:
    found = loaded_store.get_relations([FINED_2024, FINED_2022, "no:SUCH:relation", "r-1"])
    assert set(found) == {FINED_2024, FINED_2022}
    fine = found[FINED_2024]
    assert (fine.date, fine.properties["amount"], fine.properties["currency"]) == (
        "2024-09-03", 20000000, "EUR"
    )
    assert set(fine.evidence) == {
        Evidence("contract-doc", None, "fined €20 million"),
        Evidence(None, "https://example.org/other-report", None),
    }
    assert found[FINED_2022].properties["amount"] == 5.5


def test_relations_of_many_nodes_in_both_directions(
    loaded_store: GraphStore, reference: EmbeddedStore
) -> None:
    ids = ["clearview-ai", "facebook", "contract-doc", "nobody"]
    for direction in (None, Direction.OUT, Direction.IN):
        assert loaded_store.relations_of(ids, direction) == reference.relations_of(ids, direction)
    found = loaded_store.relations_of(ids)
    assert found["nobody"] == []
    assert SCRAPED in {r.id for r in found["facebook"]}
    assert SCRAPED not in {r.id for r in loaded_store.relations_of(["facebook"], Direction.OUT)
                           ["facebook"]}
    scraped = loaded_store.relations_of(["clearview-ai"], Direction.OUT, ["SCRAPED_FROM"])
    assert sorted(r.target for r in scraped["clearview-ai"]) == ["facebook", "venmo", "youtube"]
    self_loop = loaded_store.relations_of(["contract-doc"], None, ["MENTIONS"])["contract-doc"]
    assert [r.id for r in self_loop].count("contract-doc:MENTIONS:contract-doc") == 1


def test_search_puts_exact_and_prefix_name_matches_first(loaded_store: GraphStore) -> None:
    assert loaded_store.search("Clearview AI")[0].id == "clearview-ai"
    assert loaded_store.search("clearv")[0].id == "clearview-ai"
    assert loaded_store.search("CLEARVIEW", types=["Company"])[0].id == "clearview-ai"
    assert loaded_store.search("societe generale")[0].id == "societe-generale-ia"  # accents fold
    assert loaded_store.search("sgia")[0].id == "societe-generale-ia"  # an alias
    assert [e.id for e in loaded_store.search("Tor Ek")] == ["tor-ekeland"]
    assert loaded_store.search("face", types=["Company"]) == []
    assert loaded_store.search("   ") == [] and loaded_store.search("zzqx") == []
    assert len(loaded_store.search("c", limit=3)) == 3


def _prefixes_names(text: str, entity: Entity) -> bool:
    words = {w for name in (entity.name, *entity.aliases) for w in tokens(name)}
    return all(any(w.startswith(q) for w in words) for q in tokens(text))


def test_search_agrees_with_the_embedded_store(
    loaded_store: GraphStore, reference: EmbeddedStore
) -> None:
    """Name and alias word-prefix hits are the same, in the same order, on every store.

    The embedded store may find more (typos, descriptions); the Neo4j store does not (yet).
    """
    for text in ("clearview", "c", "new york", "law enforcement", "Jeanne", "the"):
        found = loaded_store.search(text, limit=500)
        expected = reference.search(text, limit=500)
        assert found == [e for e in expected if e in found], text
        assert [e for e in expected if _prefixes_names(text, e)] == found, text


def test_merged_ids_resolve_to_the_survivor(loaded_store: GraphStore) -> None:
    assert loaded_store.resolve(["sg-ia", "societe-generale-ia", "clearview-ai", "nobody"]) == {
        "sg-ia": "societe-generale-ia",
        "societe-generale-ia": "societe-generale-ia",
        "clearview-ai": "clearview-ai",
    }


def test_ingesting_again_creates_nothing(backend: Backend, empty_store: GraphStore) -> None:
    first = ingest_paths(empty_store, INPUTS)
    assert first.ok and first.summary.entities_added > 50
    before = empty_store.stats()
    again = ingest_paths(backend.open(), INPUTS)
    assert again.ok
    summary = again.summary
    assert summary.entities_added == summary.entities_updated == 0
    assert summary.relations_added == summary.relations_updated == 0
    assert summary.entities_unchanged == first.summary.entities_added
    assert backend.open().stats() == before


def test_a_second_source_merges_into_the_same_nodes_and_relations(
    empty_store: GraphStore,
) -> None:
    assert ingest_paths(empty_store, [FIXTURE]).ok
    person = Entity("maitre-dupont", "Person", "J. Dupont", aliases=("Dupont",))
    company = Entity("societe-generale-ia", "Company", "SG IA", properties={"wikidata": "Q1"})
    fine = Relation(FINED_2024, "FINED", "cnil-contract", "societe-generale-ia", "2024-09-03",
                    {"amount": 20000000}, (Evidence(None, "https://example.org/third", "again"),))
    plan = empty_store.upsert([person, company], [fine])
    assert not plan.conflicts
    assert plan.summary.entities_updated == 2 and plan.summary.relations_updated == 1
    stored = empty_store.get_entities(["maitre-dupont", "societe-generale-ia"])
    assert stored["maitre-dupont"].name == "Maître Jeanne Dupont"
    assert "J. Dupont" in stored["maitre-dupont"].aliases
    assert stored["maitre-dupont"].extra_labels == ("Lawyer",)
    assert stored["societe-generale-ia"].properties["wikidata"] == "Q1"
    assert len(empty_store.get_relations([FINED_2024])[FINED_2024].evidence) == 3
    assert empty_store.stats().relations == 6


def test_an_existing_person_gains_the_lawyer_label(empty_store: GraphStore) -> None:
    assert ingest_paths(empty_store, [FIXTURE]).ok
    doc = empty_store.get_entities(["contract-doc"])["contract-doc"]
    company = empty_store.get_entities(["societe-generale-ia"])["societe-generale-ia"]
    person = Entity("jo-counsel", "Person", "Jo Counsel")
    counsel = Relation("societe-generale-ia:REPRESENTED_BY:jo-counsel", "REPRESENTED_BY",
                       company.id, person.id, None, {}, (Evidence(doc.id),))
    assert not empty_store.upsert([person], [counsel]).conflicts
    assert not empty_store.upsert([replace(person, extra_labels=("Lawyer",))], []).conflicts
    stored = empty_store.get_entities(["jo-counsel"])["jo-counsel"]
    assert stored.labels == ("Person", "Lawyer")
    assert [r.id for r in empty_store.relations_of(["jo-counsel"])["jo-counsel"]] == [counsel.id]


def test_a_refused_batch_writes_nothing(empty_store: GraphStore) -> None:
    dangling = Relation("x:SCRAPED_FROM:y", "SCRAPED_FROM", "x", "y", None, {},
                        (Evidence(url="https://a.example"),))
    plan = empty_store.upsert([Entity("x", "Company", "X")], [dangling])
    assert any("unknown entity 'y'" in c.message for c in plan.conflicts)
    assert empty_store.stats().entities == 0


def test_progress_counts_every_written_record(empty_store: GraphStore) -> None:
    seen: list[int] = []
    entities = [Entity(f"c{i}", "Company", f"Company {i}") for i in range(60)]
    plan = empty_store.upsert(entities, [], seen.append)
    assert sum(seen) == 60 == plan.summary.entities_added


def test_search_finds_cyrillic_and_cjk_names(empty_store: GraphStore) -> None:
    """Names in other scripts fold and match by word prefix on every store (the strings are the
    issue's examples, not facts: nothing else is said about them)."""
    cyrillic = Entity("script-cyrillic", "Company", "Яндекс", aliases=("Яндекс Такси",))
    cjk = Entity("script-cjk", "Company", "百度")
    assert not empty_store.upsert([cyrillic, cjk], []).conflicts
    for text in ("Яндекс", "яндекс", "ЯНД", "такси"):
        assert [e.id for e in empty_store.search(text)] == ["script-cyrillic"], text
    for text in ("百度", "百"):
        assert [e.id for e in empty_store.search(text)] == ["script-cjk"], text
    assert empty_store.search("Яндекс", types=["Person"]) == []

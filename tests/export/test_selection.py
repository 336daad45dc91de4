"""Filtered exports: entity types, relation types, date ranges and k-hop neighbourhoods."""

from __future__ import annotations

import pytest

from graph.errors import InvalidInput, NotFound
from graph.export import Selection, to_networkx
from graph.export.vocabulary import date_span
from graph.model import Relation
from graph.store.embedded import EmbeddedStore


def _neighbours(relations: list[Relation], ids: set[str]) -> set[str]:
    touching = (r for r in relations if r.source in ids or r.target in ids)
    return {end for r in touching for end in (r.source, r.target)}


@pytest.mark.parametrize(
    ("date", "span"),
    [("2020", ("2020-01-01", "2020-12-31")), ("2020-02", ("2020-02-01", "2020-02-29")),
     ("2021-02", ("2021-02-01", "2021-02-28")), ("2022-10-20", ("2022-10-20", "2022-10-20")),
     (None, ("", ""))],
)
def test_a_partial_date_spans_its_whole_period(date: str | None, span: tuple[str, str]) -> None:
    assert date_span(date) == span


def test_entity_types_keep_only_relations_between_kept_entities(
    curated_store: EmbeddedStore,
) -> None:
    graph = to_networkx(curated_store, Selection(types=("Company", "Platform")))
    kinds = {e.id: e.type for e in curated_store.iter_entities()}
    assert set(graph) == {i for i, t in kinds.items() if t in ("Company", "Platform")}
    want = {r.id for r in curated_store.iter_relations() if r.source in graph and r.target in graph}
    assert {k for *_, k in graph.edges(keys=True)} == want and want


def test_relation_types_keep_every_entity(curated_store: EmbeddedStore) -> None:
    graph = to_networkx(curated_store, Selection(relation_types=("FINED", "SUED")))
    assert graph.number_of_nodes() == curated_store.stats().entities
    want = {r.id for r in curated_store.iter_relations() if r.type in ("FINED", "SUED")}
    assert {k for *_, k in graph.edges(keys=True)} == want and want


def test_a_date_range_keeps_relations_whose_period_overlaps_it(
    curated_store: EmbeddedStore,
) -> None:
    graph = to_networkx(curated_store, Selection(since="2021-03-15", until="2022"))
    want = {
        r.id for r in curated_store.iter_relations()
        if r.date and date_span(r.date)[1] >= "2021-03-15" and date_span(r.date)[0] <= "2022-12-31"
    }
    assert {k for *_, k in graph.edges(keys=True)} == want and want
    assert "activists-and-rights-groups:SUED:clearview-ai@2021-03" in want  # March overlaps


@pytest.mark.parametrize("hops", [0, 1, 2])
def test_k_hop_neighbourhood(curated_store: EmbeddedStore, hops: int) -> None:
    relations = list(curated_store.iter_relations())
    ids = {"clearview-ai"}
    for _ in range(hops):
        ids |= _neighbours(relations, ids)
    graph = to_networkx(curated_store, Selection(around="clearview-ai", hops=hops))
    assert set(graph) == ids
    want = {r.id for r in relations if r.source in ids and r.target in ids}
    assert {k for *_, k in graph.edges(keys=True)} == want


def test_neighbourhood_follows_only_kept_relations_and_types(
    curated_store: EmbeddedStore,
) -> None:
    kept = ("SCRAPED_FROM", "OPERATES")
    kinds = {e.id: e.type for e in curated_store.iter_entities()}
    relations = [
        r for r in curated_store.iter_relations()
        if r.type in kept and {kinds[r.source], kinds[r.target]} <= {"Company", "Platform"}
    ]
    ids = _neighbours(relations, _neighbours(relations, {"clearview-ai"}))
    graph = to_networkx(curated_store, Selection(
        around="clearview-ai", hops=2, relation_types=kept, types=("Company", "Platform")))
    assert set(graph) == ids and {"facebook", "youtube", "venmo"} < ids
    assert {a["rel_type"] for *_, a in graph.edges(data=True)} <= set(kept)


def test_a_merged_away_id_centres_on_the_survivor(tricky_store: EmbeddedStore) -> None:
    graph = to_networkx(tricky_store, Selection(around="acme-old", hops=1))
    assert "acme-ai" in graph and "lonely" not in graph


@pytest.mark.parametrize(
    ("selection", "error", "message"),
    [
        (Selection(types=("Spaceship",)), InvalidInput, "unknown entity type Spaceship"),
        (Selection(relation_types=("ADMIRES",)), InvalidInput, "unknown relation type ADMIRES"),
        (Selection(since="2020-13"), InvalidInput, "since"),
        (Selection(around="nobody"), NotFound, "no entity with id 'nobody'"),
        (Selection(around="clearview-ai", hops=-1), InvalidInput, "hops"),
    ],
)
def test_bad_filters_say_what_is_wrong(
    curated_store: EmbeddedStore, selection: Selection, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        to_networkx(curated_store, selection)

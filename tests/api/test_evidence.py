"""Item 8: evidence everywhere: relations, entities' sources, what an article supports."""

from __future__ import annotations

from tests.api.conftest import Api

EVERYTHING = """query ($id: ID!) { entity(id: $id) { name aliases
    sources { title publishedAt }
    relations(first: 100) { totalCount edges { node { type direction date other { name }
      evidence { quote url article { title url publishedAt publisher { name }
        authors { name } } } } } } } }"""
ARTICLE = """query ($id: ID!) { article(id: $id) { title url publishedAt publisher { id }
    authors { id } entity { type }
    supports(first: 100, orderBy: {field: TYPE}) { totalCount edges { node { id } } } } }"""


def test_everything_known_about_a_company_with_sources(api: Api) -> None:
    found = api.data(EVERYTHING, id="Clearview")["entity"]
    assert found["name"] == "Clearview AI" and len(found["sources"]) >= 10
    relations = [e["node"] for e in found["relations"]["edges"]]
    assert len(relations) == found["relations"]["totalCount"] > 30
    assert all(r["evidence"] for r in relations)
    assert all(e["article"] or e["url"] for r in relations for e in r["evidence"])
    [fine] = [r for r in relations if r["type"] == "FINED" and r["date"] == "2022-10"]
    [evidence] = fine["evidence"]
    assert fine["other"] == {"name": "French regulator"} and fine["direction"] == "IN"
    assert evidence["article"]["publisher"] == {"name": "Le Monde"}
    assert evidence["article"]["publishedAt"] == "2022-10-20"
    assert evidence["article"]["url"].startswith("https://www.lemonde.fr/")
    assert evidence["quote"] == (
        "French regulator fines US face recognition firm Clearview AI €20 million"
    )


def test_an_article_lists_its_publisher_authors_and_what_it_supports(api: Api) -> None:
    found = api.data(ARTICLE, id="api-fixture-report")["article"]
    assert found["title"] == "API fixture report" and found["publishedAt"] == "2023-06-01"
    assert found["publisher"] == {"id": "example-times"}
    assert found["authors"] == [{"id": "jane-reporter"}]
    assert found["entity"] == {"type": "Article"}
    supported = [e["node"]["id"] for e in found["supports"]["edges"]]
    assert found["supports"]["totalCount"] == len(supported) == 10
    assert "garante-privacy:FINED:clearview-ai@2022-03" in supported
    assert supported[0] == "jane-reporter:AUTHORED:api-fixture-report"  # ordered by type


def test_an_entity_that_is_not_an_article_has_no_article_view(api: Api) -> None:
    assert api.data(ARTICLE, id="acme-vision") == {"article": None}
    query = '{ entity(id: "acme-vision") { article { title } sources { id authors { id } } } }'
    found = api.data(query)["entity"]
    source = {"id": "api-fixture-report", "authors": [{"id": "jane-reporter"}]}
    assert found == {"article": None, "sources": [source]}

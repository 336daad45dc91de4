"""The GraphQL documents the issue requires to run unchanged (also shown in the README)."""

SEARCH = "query ($text: String!) { search(text: $text, first: 10) { edges { node { id name type labels } } } }"
ENTITY = """query ($id: ID!) { entity(id: $id) { id name type labels aliases
    relations(first: 100) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id type direction date
        source { id name type } target { id name type }
        evidence { quote article { id title url publishedAt } } } } } } }"""
SCRAPED = "query ($id: ID!) { entity(id: $id) { relations(type: [SCRAPED_FROM], direction: OUT, first: 10) { edges { node { target { name } } } } } }"
STATS = (
    "query { stats { entities relations entityTypes { type count } relationTypes { type count } } }"
)

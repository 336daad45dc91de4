// The explorer's only data source: aikg's public GraphQL API at /graphql, same origin.

const EVIDENCE = `evidence { quote url article { id title url publishedAt publisher { id name } } }`;

export const SEARCH = `query Search($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    totalCount edges { node { id name type aliases date } }
  }
}`;

export const ENTITY = `query Entity($id: ID!, $after: String) {
  entity(id: $id) {
    id name type labels aliases externalIds properties date degree isHub
    relationCounts { type direction count }
    relations(first: 100, after: $after, orderBy: {field: DATE, direction: DESC}) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id type direction date properties other { id name type } ${EVIDENCE} } }
    }
  }
}`;

export const NEIGHBOURHOOD = `query Neighbourhood($id: ID!) {
  neighbourhood(id: $id, depth: 1) {
    root { id name type } totalCount truncated
    neighbours(first: 60) { edges { node { isHub entity { id name type } } } }
    relations(first: 100) { edges { node { id type source { id } target { id } } } }
  }
}`;

export const TIMELINE = `query Timeline($id: ID!) {
  timeline(id: $id, first: 100) {
    totalCount
    edges { node { date kind entity { id name type }
      relation { id type properties source { id name } target { id name } ${EVIDENCE} } } }
  }
}`;

export const PATHS = `query Paths($from: ID!, $to: ID!, $types: [RelationType!]) {
  paths(from: $from, to: $to, maxHops: 4, first: 5, types: $types) {
    length
    steps { direction from { id name type } to { id name type }
      relation { id type date properties ${EVIDENCE} } }
  }
}`;

export const OVERVIEW = `query Overview {
  stats { entities relations }
  byRegulator: relationSums(type: FINED, property: amount, direction: OUT, splitBy: currency, first: 10) {
    entity { id name type } group total count
  }
  fined: relationSums(type: FINED, property: amount, direction: IN, splitBy: currency, first: 10) {
    entity { id name type } group total count
  }
  sued: topEntities(type: [SUED], direction: IN, first: 8) { entity { id name type } count }
  investigated: topEntities(type: [INVESTIGATED, ORDERED, SENT_CEASE_AND_DESIST], direction: IN, first: 8) {
    entity { id name type } count
  }
}`;

/** Runs one query; throws an Error carrying the API's own message. */
export async function gql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({}));
  if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body.data;
}

// The names and aliases of the entities whose name or alias words start with every query word (ranked in Python: no whole node is read).
// Parameters: $query (Lucene query: `word*` terms joined by AND), $types (entity types; empty for all), $limit (most candidates returned)
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node
WITH node
WHERE size($types) = 0 OR any(label IN labels(node) WHERE label IN $types)
RETURN node.id AS id, node.name AS name, coalesce(node.aliases, []) AS aliases
LIMIT $limit

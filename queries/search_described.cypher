// Entities whose descriptive text has words starting with every query word, via the full-text index of descriptions (candidates, checked in Python).
// Parameters: $query (Lucene query: `word*` terms joined by AND), $keys (text property names, from the schema), $types (entity types; empty for all), $limit (most candidates returned)
CALL db.index.fulltext.queryNodes('entity_descriptions', $query) YIELD node
WITH node
WHERE size($types) = 0 OR any(label IN labels(node) WHERE label IN $types)
RETURN node.id AS id, node.name AS name, coalesce(node.aliases, []) AS aliases,
       [key IN $keys WHERE node[key] IS NOT NULL | toString(node[key])] AS texts
LIMIT $limit

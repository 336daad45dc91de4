// Entities whose name or aliases have words starting with every query word, via the full-text index.
// Parameters: $query (Lucene query: `word*` terms joined by AND), $types (entity types; empty for all), $limit (most candidates returned)
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE size($types) = 0 OR any(label IN labels(node) WHERE label IN $types)
RETURN labels(node) AS labels, properties(node) AS props
ORDER BY score DESC
LIMIT $limit

// Entities whose name or aliases have words starting with every query word, by scanning (no full-text index).
// Parameters: $tokens (folded query words), $types (entity types; empty for all), $limit (most candidates returned)
MATCH (n:Entity)
WHERE all(token IN $tokens WHERE (' ' + n.search_text) CONTAINS (' ' + token))
  AND (size($types) = 0 OR any(label IN labels(n) WHERE label IN $types))
RETURN labels(n) AS labels, properties(n) AS props
LIMIT $limit

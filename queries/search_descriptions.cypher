// Entities whose descriptive text properties contain every query word (candidates, checked in Python).
// Parameters: $keys (text property names, from the schema), $tokens (folded query words), $types (entity types; empty for all), $limit (most candidates returned)
MATCH (n:Entity)
WHERE (size($types) = 0 OR any(label IN labels(n) WHERE label IN $types))
  AND any(key IN $keys WHERE n[key] IS NOT NULL
          AND all(token IN $tokens WHERE toLower(n[key]) CONTAINS token))
RETURN labels(n) AS labels, properties(n) AS props
LIMIT $limit

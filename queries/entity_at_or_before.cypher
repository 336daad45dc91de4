// An entity of these types whose id is at most the cursor, if any (is there a page before it).
// Parameters: $types (entity types; empty for all), $cursor (an entity id)
MATCH (n:Entity)
WHERE n.id <= $cursor AND (size($types) = 0 OR any(label IN labels(n) WHERE label IN $types))
RETURN n.id AS id
LIMIT 1

// The first page of entities in descending id order: an ordered scan of the id index from its end.
// Parameters: $types (entity types; empty for all), $limit (rows wanted plus one)
MATCH (n:Entity)
WHERE n.id IS NOT NULL AND (size($types) = 0 OR any(label IN labels(n) WHERE label IN $types))
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id DESC
LIMIT $limit

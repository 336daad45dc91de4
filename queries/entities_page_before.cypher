// A page of entities in descending id order before a cursor: an ordered seek on the id index.
// Parameters: $types (entity types; empty for all), $before (the last id seen), $limit (rows wanted plus one)
MATCH (n:Entity)
WHERE n.id < $before AND (size($types) = 0 OR any(label IN labels(n) WHERE label IN $types))
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id DESC
LIMIT $limit

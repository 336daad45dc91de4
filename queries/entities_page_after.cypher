// A page of entities in ascending id order after a cursor: an ordered seek on the id index.
// Parameters: $types (entity types; empty for all), $after (the last id seen; '' for the first page), $limit (rows wanted plus one)
MATCH (n:Entity)
WHERE n.id > $after AND (size($types) = 0 OR any(label IN labels(n) WHERE label IN $types))
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit

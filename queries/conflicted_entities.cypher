// The first entities whose sources disagree on a property (they carry `conflicts`), in id order.
// Parameters: $limit (how many at most)
MATCH (n:Entity)
WHERE n.conflicts IS NOT NULL
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit

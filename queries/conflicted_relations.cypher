// The first relations whose sources disagree on a property (they carry `conflicts`), in id order.
// Parameters: $limit (how many at most)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.conflicts IS NOT NULL
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY r.id
LIMIT $limit

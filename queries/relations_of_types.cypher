// Every relation of these types (all when empty), in id order.
// Parameters: $types (list of relation types; empty for all)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE size($types) = 0 OR type(r) IN $types
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY r.id

// Every entity of these types (all when empty), in id order.
// Parameters: $types (list of entity types; empty for all)
MATCH (n:Entity)
WHERE size($types) = 0 OR any(label IN labels(n) WHERE label IN $types)
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id

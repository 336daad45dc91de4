// The relations of each of these entities, both directions, at most $limit rows in all (the
// traversals ask for one more than their budget: a full answer means the budget was passed).
// Parameters: $ids (list of entity ids), $types (list of relation types; empty for all), $limit (most rows)
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(:Entity)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id AS entity, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target,
       properties(r) AS props
LIMIT $limit

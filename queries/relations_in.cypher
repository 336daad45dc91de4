// The relations arriving at each of these entities, optionally of some types only.
// Parameters: $ids (list of entity ids), $types (list of relation types; empty for all)
UNWIND $ids AS id
MATCH (a:Entity)-[r]->(b:Entity {id: id})
WHERE size($types) = 0 OR type(r) IN $types
RETURN id AS entity, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

// How many relations (in and out, every type) each of these entities has.
// Parameters: $ids (list of entity ids)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[r]-(:Entity)
RETURN id AS entity, count(DISTINCT r) AS degree

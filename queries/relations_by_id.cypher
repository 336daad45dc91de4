// Relations by id, found from their source entity (a relation id names it), many per source.
// Parameters: $rows (list of {source: entity id, ids: the ids of relations leaving it})
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})-[r]->(b:Entity)
WHERE r.id IN row.ids
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

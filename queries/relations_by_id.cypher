// Relations by id, each found from its two endpoints (a relation id names them).
// Parameters: $rows (list of {id, source, target})
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})-[r]->(b:Entity {id: row.target})
WHERE r.id = row.id
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

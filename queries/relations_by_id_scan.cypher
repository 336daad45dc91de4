// Relations by id when the id does not name its endpoints (scans every relationship).
// Parameters: $ids (list of relation ids)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IN $ids
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

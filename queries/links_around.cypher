// The relations of each of these entities as links (id, type, ends; no other property read), both directions, at most $limit rows in all: what a path search walks. Each row has the degree of the entity reached (a degree look-up), for the next level's cost.
// Parameters: $ids (list of entity ids), $types (list of relation types; empty for all), $limit (most rows: one more than the search's budget)
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b:Entity)
USING INDEX SEEK a:Entity(id)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id AS entity, r.id AS id, type(r) AS type,
       CASE WHEN startNode(r) = a THEN id ELSE b.id END AS source,
       CASE WHEN startNode(r) = a THEN b.id ELSE id END AS target,
       b.id AS reached, COUNT { (b)--() } AS degree
LIMIT $limit

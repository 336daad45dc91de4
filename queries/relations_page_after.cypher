// A page of relations of these types in ascending id order after a cursor, LIMIT in Cypher
// (the server keeps the top rows of its scan; only the page crosses Bolt).
// Parameters: $types (relation types; empty for all), $after (the last id seen; '' for the first page), $limit (rows wanted plus one)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id > $after AND (size($types) = 0 OR type(r) IN $types)
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY r.id
LIMIT $limit

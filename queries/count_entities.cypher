// How many entities there are of each type (every entity has exactly one type label).
// Parameters: $types (the entity type names of the schema)
MATCH (n:Entity)
UNWIND labels(n) AS label
WITH label
WHERE label IN $types
RETURN label AS type, count(*) AS count

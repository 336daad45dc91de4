// A relation of these types whose id is at most the cursor, if any (is there a page before it).
// Parameters: $types (relation types; empty for all), $cursor (a relation id)
MATCH (:Entity)-[r]->(:Entity)
WHERE r.id <= $cursor AND (size($types) = 0 OR type(r) IN $types)
RETURN r.id AS id
LIMIT 1

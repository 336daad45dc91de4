// The relations joining two sets of entities as links, read from the side of the first set (the one with fewer relations; `b` unlabelled so that the other set is a filter, never a seek per id): the last hop of a path search.
// Parameters: $scanned (entity ids whose relations are read), $other (entity ids at the other end), $types (list of relation types; empty for all)
UNWIND $scanned AS id
MATCH (a:Entity {id: id})-[r]-(b)
USING INDEX SEEK a:Entity(id)
WHERE b.id IN $other AND (size($types) = 0 OR type(r) IN $types)
RETURN DISTINCT r.id AS id, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target

// The entities with these ids; ids that name no entity are left out.
// Parameters: $ids (list of entity ids)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN labels(n) AS labels, properties(n) AS props

// Which of these ids name an entity (resolve's first step; merged ids are looked up after).
// Parameters: $ids (list of entity ids)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id

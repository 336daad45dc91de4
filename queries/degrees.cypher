// How many relations (in and out, every type) each of these entities has.
// A degree look-up on the node (Neo4j keeps per-type counts on dense nodes): a hub is counted,
// never expanded.
// Parameters: $ids (list of entity ids)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id AS entity, COUNT { (n)--() } AS degree

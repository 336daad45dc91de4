// The relations arriving at each of these entities, optionally of some types only.
// Parameters: $ids (list of entity ids), $types (list of relation types; empty for all)
// The anchored node comes first: ArcadeDB plans patterns left to right.
UNWIND $ids AS id
MATCH (b:Entity {id: id})<-[r]-(a:Entity)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id AS entity, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props

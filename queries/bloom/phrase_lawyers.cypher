// The lawyers who represent an entity.
// Parameters: $entity (an entity's name or one of its aliases)
// Bloom-phrase: Lawyers of $entity
// Bloom-suggest: $entity Entity.name
// Sample: {"entity": "Clearview AI"}
MATCH (e:Entity)
WHERE e.name = $entity OR $entity IN e.aliases
MATCH (e)-[r:REPRESENTED_BY]->(l:Person)
RETURN e, r, l

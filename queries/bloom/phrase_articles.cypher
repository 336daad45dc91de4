// The articles that mention, report on or profile an entity, with their publishers.
// Parameters: $entity (an entity's name or one of its aliases)
// Bloom-phrase: Articles about $entity
// Bloom-suggest: $entity Entity.name
// Sample: {"entity": "Clearview AI"}
MATCH (e:Entity)
WHERE e.name = $entity OR $entity IN e.aliases
MATCH (a:Article)-[r:MENTIONS|REPORTED|PROFILED]->(e)
OPTIONAL MATCH (p:Publisher)-[pub:PUBLISHED]->(a)
RETURN e, r, a, pub, p

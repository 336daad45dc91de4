// Every relation of an entity with the articles cited as its evidence (and their links to it).
// Parameters: $entity (an entity's name or one of its aliases)
// Bloom-phrase: Evidence for relations of $entity
// Bloom-suggest: $entity Entity.name
// Sample: {"entity": "Clearview AI"}
MATCH (e:Entity)
WHERE e.name = $entity OR $entity IN e.aliases
MATCH (e)-[r]-(o:Entity)
OPTIONAL MATCH (a:Article)
WHERE a.id IN r.evidence_articles
OPTIONAL MATCH (a)-[m]->(x:Entity)
WHERE x = e OR x = o
RETURN e, r, o, a, m

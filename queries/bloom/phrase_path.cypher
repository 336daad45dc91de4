// The shortest chain of relations (any direction, at most 8) between two entities.
// Parameters: $a, $b (entity names or aliases)
// Bloom-phrase: Path from $a to $b
// Bloom-suggest: $a Entity.name
// Bloom-suggest: $b Entity.name
// Sample: {"a": "Tor Ekeland", "b": "Dutch data protection authority"}
MATCH (a:Entity)
WHERE a.name = $a OR $a IN a.aliases
MATCH (b:Entity)
WHERE b.name = $b OR $b IN b.aliases
WITH a, b
WHERE a <> b
MATCH p = shortestPath((a)-[*..8]-(b))
RETURN p

// The largest fines in the graph, largest amount first (amounts in different currencies side by side).
// Parameters: none
// Bloom-phrase: Largest fines
// Sample: {}
MATCH (a:Entity)-[r:FINED]->(c:Entity)
WHERE r.amount IS NOT NULL
RETURN a, r, c
ORDER BY r.amount DESC
LIMIT 25

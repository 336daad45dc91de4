// The articles that mention, report on, profile or cite the selected entities, with publishers.
// Parameters: $nodes (element ids of the selected nodes, sent by Bloom)
// Bloom-action: Expand articles
// Sample: {"nodes": ["clearview-ai", "tor-ekeland"]} (entity ids; the test sends their element ids)
MATCH (n:Entity)
WHERE elementId(n) IN $nodes
MATCH (a:Article)-[r:MENTIONS|REPORTED|PROFILED|CITES]->(n)
OPTIONAL MATCH (p:Publisher)-[pub:PUBLISHED]->(a)
RETURN n, r, a, pub, p

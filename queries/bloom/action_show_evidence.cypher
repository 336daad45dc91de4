// The articles cited as evidence for the selected lines, linked to the entities they name.
// Parameters: $relationships (element ids of the selected relationships, sent by Bloom)
// Bloom-action: Show evidence
// Sample: {"relationships": ["google:SENT_CEASE_AND_DESIST:clearview-ai", "clearview-ai:SCRAPED_FROM:facebook"]} (relation ids; the test sends their element ids)
MATCH (s:Entity)-[r]->(t:Entity)
WHERE elementId(r) IN $relationships
MATCH (a:Article)
WHERE a.id IN r.evidence_articles
OPTIONAL MATCH (a)-[m]->(x:Entity)
WHERE x = s OR x = t
RETURN a, m, x
